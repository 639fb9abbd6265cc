// Lazy loading
// ------------
//
// `getAsync(key)` fetches the related models a relation only knows by id, one request per
// model, or one request for all of them when the relation's collection can build a url for a
// set of models (`url(models)`). It returns a jQuery promise when jQuery is there (so callers
// can combine it with `$.when`, as with `model.save()`), and a native promise otherwise.

import Backbone from 'backbone';
import { Relational, forgetModelOf, warn, type Id, type RelationalModel, type GetAsyncOptions } from './internal';

const BackboneModel = Backbone.Model as any;

type Request = PromiseLike<unknown> & { [key: string]: any };

/** See `RelationalModel#getAsync`. */
export function getAsync<T>(model: RelationalModel, key: string, options?: GetAsyncOptions): PromiseLike<T> {
  const settings = { add: true, remove: false, refresh: false, ...options };
  const requests = startFetches(model, key, settings);
  return whenAll(requests).then(() => BackboneModel.prototype.get.call(model, key) as T);
}

let fetchRelatedWarned = false;

/** See `RelationalModel#fetchRelated` (0.8): the requests made, as an array. */
export function fetchRelated(model: RelationalModel, key: string, options?: GetAsyncOptions, refresh?: boolean): Request[] {
  if (!fetchRelatedWarned) {
    fetchRelatedWarned = true;
    warn('fetchRelated(key, options, refresh) is deprecated; use getAsync(key, { refresh }) instead.');
  }
  return startFetches(model, key, { add: true, remove: false, ...options, refresh: !!refresh });
}

/** Start the requests that load what `key` is missing; returns them. */
function startFetches(model: RelationalModel, key: string, options: Record<string, any>): Request[] {
  const relation: any = model.getRelation(key);
  if (!relation) return [];
  const ids = model.getIdsToFetch(relation, options.refresh);
  if (!ids.length) return [];

  const relatedModel = relation.relatedModel;
  const collection = relation.related instanceof Backbone.Collection ? relation.related : relation.relatedCollection;
  const created: RelationalModel[] = [];
  let models: RelationalModel[] | null = null;
  const findOrCreatePlaceholders = (): RelationalModel[] => {
    models = ids.map((id) => {
      let found = relatedModel.findModel(id);
      if (!found) {
        found = relatedModel.findOrCreate({ [relatedModel.prototype.idAttribute]: id }, options);
        created.push(found);
      }
      return found;
    });
    return models;
  };
  const onError = (placeholders: RelationalModel[]) => function (this: unknown, ...args: unknown[]) {
    for (const placeholder of placeholders) discardPlaceholder(placeholder, options);
    if (options.error) options.error.apply(models, args);
  };

  // A collection whose `url(models)` gives a different answer for a set of models (or, failing
  // that, of ids) than for the whole collection can load them all in one request.
  let setUrl: string | null = null;
  if (collection instanceof Backbone.Collection && typeof (collection as any).url === 'function') {
    const url = (collection as any).url;
    const defaultUrl = url.call(collection);
    setUrl = url.call(collection, findOrCreatePlaceholders());
    if (setUrl === defaultUrl) setUrl = url.call(collection, ids);
    if (setUrl === defaultUrl) setUrl = null;
  }

  if (setUrl) {
    return [request((callbacks) => collection.fetch({ ...options, ...callbacks, url: setUrl }),
      options, onError(created))];
  }
  return (models || findOrCreatePlaceholders()).map((related) => request(
    (callbacks) => related.fetch({ ...options, ...callbacks }),
    options,
    onError(created.includes(related) ? [related] : []),
  ));
}

/**
 * Run one fetch. Its promise is the request Backbone.sync returned when that is a promise
 * (a jqXHR, say), else one settled by the success and error callbacks, so a replaced
 * `Backbone.ajax` that returns nothing still works.
 */
function request(
  start: (callbacks: { success: (...args: any[]) => void; error: (...args: any[]) => void }) => unknown,
  options: Record<string, any>,
  onError: (...args: any[]) => void,
): Request {
  const settled = deferred();
  const returned = start({
    success(this: unknown, ...args: any[]) {
      if (options.success) options.success.apply(this, args);
      settled.resolve(args[0]);
    },
    error(this: unknown, ...args: any[]) {
      onError.apply(this, args);
      settled.reject(args[1]);
    },
  });
  return isThenable(returned) ? returned as Request : settled.promise;
}

/**
 * A placeholder created for a failed fetch goes away (as if destroyed), and every relation
 * that had taken it waits for its id again, so a later `getAsync` can retry.
 */
function discardPlaceholder(placeholder: RelationalModel, options: Record<string, any>): void {
  const id = placeholder.id as Id;
  const holders = Relational.store._holdersOf(placeholder);
  placeholder.trigger('destroy', placeholder, placeholder.collection, options);
  forgetModelOf(holders, id);
}

/** `$.when` when jQuery is there, `Promise.all` otherwise. */
function whenAll(requests: Request[]): PromiseLike<unknown> & Record<string, any> {
  const $ = (Backbone as any).$;
  if ($ && typeof $.when === 'function' && typeof $.Deferred === 'function') return $.when.apply($, requests);
  return Promise.all(requests) as any;
}

/** A jQuery Deferred when jQuery is there, a native promise with its settle functions otherwise. */
function deferred(): { promise: Request; resolve(value?: unknown): void; reject(reason?: unknown): void } {
  const $ = (Backbone as any).$;
  if ($ && typeof $.Deferred === 'function') {
    const d = $.Deferred();
    return { promise: d.promise(), resolve: (value) => d.resolve(value), reject: (reason) => d.reject(reason) };
  }
  let resolve!: (value?: unknown) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  // Unobserved failures are reported through the combined promise, not as unhandled rejections.
  promise.catch(() => undefined);
  return { promise: promise as Request, resolve, reject };
}

function isThenable(value: unknown): boolean {
  return !!value && (typeof value === 'object' || typeof value === 'function') && typeof (value as any).then === 'function';
}
