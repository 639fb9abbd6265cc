// The shapes the typed examples work with, all taken from the package's typings.
import type BackboneModule from 'backbone';
import type Relational from 'backbone-relational-ts';

/**
 * `Backbone` once backbone-relational-ts is loaded after it (by a script tag, or by requiring
 * it): the 0.10.0 names are installed on it, with the package's types.
 */
export type BackboneWithRelational = typeof BackboneModule & {
  RelationalModel: typeof Relational.Model;
  HasOne: typeof Relational.HasOne;
  HasMany: typeof Relational.HasMany;
  Relational: typeof Relational;
};

/** Where an example writes: a <pre> in the page, stdout in Node (see examples/shared). */
export interface Output {
  heading(text: string): void;
  line(text: string): void;
  json(value: unknown): void;
  check(condition: boolean, message: string): void;
}

export interface Example {
  title: string;
  needs?: string[];
  run(Backbone: BackboneWithRelational, _: unknown, $: unknown, out: Output): void | PromiseLike<unknown>;
}
