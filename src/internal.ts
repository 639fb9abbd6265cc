// The modules of this library refer to each other in a cycle: relations look types up in the
// store and create models, models create relations and register in the store, the store
// creates relations. Every module imports its siblings from this one file, which fixes the
// order they are evaluated in: each entry below only needs the entries above it while it is
// being defined (everything else is used later, at call time).

export * from './utils';
export * from './option-copies';
export * from './store-cid-lookup';
export * from './member-lookup';
export * from './namespace';
export * from './define-class';
export * from './event-queue';
export * from './relation-dispatch';
export * from './model-events';
export * from './application-off';
export * from './awaiting-addition';
export * from './reuse-instances';
export * from './event-bubbling';
export * from './relation-types';
export * from './relation-definition';
export * from './relation';
export * from './has-one';
export * from './has-many';
export * from './ordered-slots';
export * from './store-collection';
export * from './forgetting-store';
export * from './store';
export * from './model-hierarchy';
export * from './model-lookup';
export * from './serialization';
export * from './lazy-loading';
export * from './model-types';
export * from './model-layout';
export * from './model-construction';
export * from './relational-model';
export * from './paths';
export * from './direct-additions';
export * from './collection-patches';
