// Lazy loading
// ------------
//
// `getAsync(key)` fetches the related models a relation only knows by id: one request per model,
// or one request for the set when the relation's collection builds a url for it
// (`url(ids)` or `url(models)`). A placeholder model is created for each model fetched one by
// one; a failed request destroys its placeholder (without a request to the server). The
// requests are combined by the model's `deferArray`: jQuery's `$.when` when jQuery is there
// (so callers can use `.done`/`.fail` and `$.when`, as with `model.save()`), a native promise
// otherwise.

import Backbone from 'backbone';
import { Relation, warn, defaults, isValidId, type Id, type RelationalModel, type GetAsyncOptions } from './internal';

const BackboneModel = Backbone.Model as any;

/** See `RelationalModel#getIdsToFetch`. */
export function getIdsToFetch(model: RelationalModel, key: string | Relation, refresh?: boolean): Id[] {
  const relation: any = key instanceof Relation ? key : model.getRelation(key as string);
  if (!relation) return [];
  const ids: Id[] = relation.keyIds ? relation.keyIds.slice(0) : isValidId(relation.keyId) ? [relation.keyId] : [];
  if (refresh) {
    const related = relation.related;
    const models: RelationalModel[] = related ? related.models || [related] : [];
    for (const loaded of models) {
      if (isValidId(loaded.id)) ids.push(loaded.id);
    }
  }
  return ids;
}

/** See `RelationalModel#getAsync`. */
export function getAsync<T>(model: RelationalModel, key: string, options?: GetAsyncOptions): PromiseLike<T> {
  const settings: Record<string, any> = { add: true, remove: false, refresh: false, ...options };
  const requests = startFetches(model, key, settings);
  return model.deferArray(requests).then(() => BackboneModel.prototype.get.call(model, key) as T);
}

let fetchRelatedWarned = false;

/** See `RelationalModel#fetchRelated` (0.8): the requests made, as an array. */
export function fetchRelated(model: RelationalModel, key: string, options?: GetAsyncOptions, refresh?: boolean): Array<PromiseLike<unknown>> {
  if (!fetchRelatedWarned) {
    fetchRelatedWarned = true;
    warn('fetchRelated(key, options, refresh) is deprecated; use getAsync(key, { refresh }) instead.');
  }
  return startFetches(model, key, { add: true, remove: false, ...options, refresh: !!refresh });
}

/** Start the requests that load what `key` is missing; returns them. */
function startFetches(model: RelationalModel, key: string, options: Record<string, any>): any[] {
  // (0.10.0 threw a TypeError for a key that is not a relation.)
  const relation: any = model.getRelation(key);
  if (!relation) return [];
  const ids = model.getIdsToFetch(relation, options.refresh);
  if (!ids.length) return [];
  const relatedModel = relation.relatedModel;
  const collection = relation.related instanceof Backbone.Collection ? relation.related : relation.relatedCollection;
  const created: RelationalModel[] = [];
  let models: RelationalModel[] = [];
  const findOrCreatePlaceholders = () => {
    models = ids.map((id) => {
      let found = relatedModel.findModel(id);
      if (!found) {
        found = relatedModel.findOrCreate({ [relatedModel.prototype.idAttribute]: id }, options);
        created.push(found);
      }
      return found;
    });
  };

  const set = urlForSet(collection, ids, () => {
    findOrCreatePlaceholders();
    return models;
  });
  if (set) {
    const fetchOptions = defaults({
      error(this: unknown, ...args: unknown[]) {
        for (const placeholder of created) placeholder.trigger('destroy', placeholder, placeholder.collection, options);
        // Where 0.10.0 made no placeholders (it asked with the ids), it kept waiting for them.
        if (set.modelsInsteadOfIds) waitAgainFor(relation, created);
        if (options.error) options.error.apply(models, args);
      },
      url: set.url,
    }, options);
    return [collection.fetch(fetchOptions)];
  }
  if (!models.length) findOrCreatePlaceholders();
  return models.map((related) => related.fetch(defaults({
    error(this: unknown, ...args: unknown[]) {
      if (created.indexOf(related) !== -1) related.trigger('destroy', related, related.collection, options);
      if (options.error) options.error.apply(models, args);
    },
  }, options)));
}

/**
 * The url that fetches the models of `ids` in one request, if the collection's `url` builds
 * one: called with the ids first (as 0.10.0 did), then with the models. A url built "from the
 * ids" that does not contain them is taken as a `url(models)` that was given ids (the manual's
 * `PersonCollection` gives `/person/set/;/` for ids), so the models are tried before it
 * (`modelsInsteadOfIds`).
 */
function urlForSet(collection: any, ids: Id[], placeholders: () => RelationalModel[]): { url: string; modelsInsteadOfIds: boolean } | null {
  if (!(collection instanceof Backbone.Collection) || typeof (collection as any).url !== 'function') return null;
  const url = (collection as any).url;
  const defaultUrl = url.call(collection);
  const fromIds = url.call(collection, ids);
  if (fromIds !== defaultUrl && mentionsAll(fromIds, ids)) return { url: fromIds, modelsInsteadOfIds: false };
  const fromModels = url.call(collection, placeholders());
  if (fromModels !== defaultUrl) return { url: fromModels, modelsInsteadOfIds: fromIds !== defaultUrl };
  return fromIds !== defaultUrl ? { url: fromIds, modelsInsteadOfIds: false } : null;
}

/** `relation` waits again for the ids of `placeholders`, which a failed request destroyed. */
function waitAgainFor(relation: any, placeholders: RelationalModel[]): void {
  if (!relation.keyIds) return;
  const missing = placeholders.map((model) => model.id as Id)
    .filter((id) => relation.keyIds.indexOf(id) === -1 && !(relation.related && relation.related.get(id)));
  if (missing.length) relation._setKeyIds(relation.keyIds.concat(missing));
}

function mentionsAll(url: unknown, ids: Id[]): boolean {
  return typeof url !== 'string' || ids.every((id) => url.indexOf(String(id)) !== -1);
}

/** `$.when` when jQuery is there, `Promise.all` otherwise. */
export function whenAll(requests: unknown[]): PromiseLike<unknown> {
  const $ = (Backbone as any).$;
  if ($ && typeof $.when === 'function') return $.when.apply(null, requests);
  return Promise.all(requests);
}
