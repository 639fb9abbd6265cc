// The manual's examples as a typed TypeScript application writes them (docs/typescript.md,
// "Typed attributes and relations"): Zoo and Animal, House / Person / User, Person / Job /
// Company, and the Mammal sub-models. Each model type opts in with
// `RelationalModel<Attributes, Relations>`; no cast anywhere.
import { zoo } from './zoo.mjs';
import { house } from './house.mjs';
import { jobs } from './jobs.mjs';
import { submodels } from './submodels.mjs';
import type { BackboneWithRelational, Example, Output } from './types.mjs';

function run(Backbone: BackboneWithRelational, _: unknown, $: unknown, out: Output): void {
  zoo(Backbone, out);
  house(Backbone, out);
  jobs(Backbone, out);
  submodels(Backbone, out);
}

export const example: Example = {
  title: 'Typed models: the manual\'s examples in TypeScript',
  run,
};
