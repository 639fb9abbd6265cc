// Event bubbling
// --------------
//
// Opt-in: the events of related models and collections are passed on to the owner of the
// relation, with backbone-associations' names, so its users keep their listeners. Turned on for
// one relation with `bubbleEvents: true` in its definition, or for every relation set up from
// then on with `Backbone.Relational.bubbleEvents = true` (a relation saying `bubbleEvents: false`
// stays off).
//
// - A model's event `change:species`, in `zoo.animals` at index 1, fires on the zoo as
//   `change:animals[1].species`, and, while `Backbone.Relational.bubbleWildcards` is on (the
//   default), also as `change:animals[*].species`; its `change` as `change:animals[1]`.
// - Through a HasOne `user`: `change:login` fires on the owner as `change:user.login`.
// - The collection's own `add`, `remove` and `reset` reach the owner as `add:animals`,
//   `remove:animals` and `reset:animals` without bubbling: 0.10.0 fires those itself, with the
//   arguments backbone-associations gave them. `sort` and `update` bubble as `sort:animals` and
//   `update:animals`; any other event `name` of a related model as `name:animals[1]`.
// - Bubbled events bubble on, to the owners of bubbling relations holding that owner.
//
// Each event reaches each model once: a model that already fired it (the model it started from
// included) does not fire it again, so a graph with cycles (every reverse relation makes one)
// never loops. Bubbled events go through the event queue like every other relation event: while
// relations are being updated they wait, and listeners see a consistent graph.
//
// Nothing here runs for relations that do not bubble: `Relation#setRelated` checks one flag.

import Backbone from 'backbone';
import { Relational, defineSwitch, describe, dispatchModelEvent, queueCall3, type Relation, type RelationalModel } from './internal';

let bubbleForAll = false;
let wildcards = true;

defineSwitch('bubbleEvents', (on) => {
  bubbleForAll = on;
});
defineSwitch('bubbleWildcards', (on) => {
  wildcards = on;
});
// The `[*]` events are on unless turned off.
Relational.bubbleWildcards = true;

/** Whether a relation made from `definition` bubbles; a `bubbleEvents` that is not a boolean throws. */
export function relationBubbles(definition: { bubbleEvents?: unknown }): boolean {
  const own = definition.bubbleEvents;
  if (own === undefined) return bubbleForAll;
  if (typeof own !== 'boolean') throw new TypeError(`bubbleEvents must be true or false, not ${describe(own)}`);
  return own;
}

/** A bubbling relation's related value changes: hear the new one instead of the old. */
export function rebindBubbling(relation: Relation, previous: unknown, related: unknown): void {
  if (previous instanceof Backbone.Model || previous instanceof Backbone.Collection) previous.off('all', onRelatedEvent, relation);
  if (related instanceof Backbone.Model || related instanceof Backbone.Collection) related.on('all', onRelatedEvent, relation);
}

/** The collection events that are not a member's: they bubble without an index. */
const COLLECTION_EVENTS: Record<string, true> = { add: true, remove: true, reset: true, sort: true, update: true };
/** Those the relation passes on itself (`add:<key>`, `remove:<key>`, `reset:<key>`, see has-many.ts). */
const PASSED_ON_ALREADY: Record<string, true> = { add: true, remove: true, reset: true };

/** The bubbled event being delivered: the models it reached, which model fires it, under what name. */
interface Bubbling {
  reached: Set<Backbone.Model>;
  source: Backbone.Model;
  name: string;
}

let current: Bubbling | null = null;

/** `all` handler on the related model (HasOne) or collection (HasMany); `this` is the relation. */
function onRelatedEvent(this: Relation, name: string): void {
  if (typeof name !== 'string' || name.indexOf('relational:') === 0 || name.indexOf('[*]') !== -1) return;
  const related = this.related as Backbone.Model | Backbone.Collection;
  const args = Array.prototype.slice.call(arguments);
  const colon = name.indexOf(':');
  const type = colon === -1 ? name : name.slice(0, colon);
  const subPath = colon === -1 ? '' : name.slice(colon + 1);
  // Is this a bubbled event arriving from the model that fires it (then it carries on that
  // event's trail), or an event starting here?
  const bubbling = current && current.name === name && isFiredBy(related, current.source) ? current : null;
  let path = this.key;
  let origin: Backbone.Model | null = null;
  if (related instanceof Backbone.Collection) {
    if (PASSED_ON_ALREADY[name]) return;
    const member = bubbling ? bubbling.source : args[1];
    const isMember = member instanceof Backbone.Model && related.get(member) === member && !COLLECTION_EVENTS[name];
    if (isMember) {
      origin = member;
      path += '[' + related.indexOf(member) + ']';
    }
  } else {
    origin = related;
  }
  const reached = bubbling ? bubbling.reached : new Set<Backbone.Model>(origin ? [origin] : []);
  const owner = this.instance;
  if (reached.has(owner)) return;
  reached.add(owner);
  if (subPath) path += Relational.pathSeparator + subPath;
  args[0] = type + ':' + path;
  fire(owner, args, reached);
  if (wildcards && /\[\d+\]/.test(path)) {
    const wildcardArgs = args.slice();
    wildcardArgs[0] = type + ':' + path.replace(/\[\d+\]/g, '[*]');
    fire(owner, wildcardArgs, reached);
  }
}

/** Whether `source`'s events reach a handler on `related`: it is that model, or in that collection. */
function isFiredBy(related: Backbone.Model | Backbone.Collection, source: Backbone.Model): boolean {
  return related instanceof Backbone.Collection ? related.get(source) === source : related === source;
}

/** Trigger `args` on `owner`, now or once the event queue lets events through. */
function fire(owner: RelationalModel, args: unknown[], reached: Set<Backbone.Model>): void {
  queueCall3(Relational.eventQueue, fireNow, owner, args, reached);
}

/** `fire`, once the event queue lets the event through. */
function fireNow(owner: RelationalModel, args: unknown[], reached: Set<Backbone.Model>): void {
  const outer = current;
  current = { reached, source: owner, name: args[0] as string };
  try {
    dispatchModelEvent(owner, args);
  } finally {
    current = outer;
  }
}
