'use strict';
// The server of a step that talks to one (fetch, save, getAsync, some destroys and collection
// creates; see generate.js): it answers each request `Backbone.ajax` makes during the step, in
// order, from the step's list of responses (the k-th request gets responses[k % length]), in a
// timer of the world's own, as a server's answer comes in a later task. Every request is an
// event of the step (`server <method>` with its url and its data, parsed, so that the order of
// keys in the JSON does not count). Outside such a step there is no server: `Backbone.sync`
// does nothing, as before (a destroy or save of a saved model then hears nothing back).
//
// A response is { ok, one, many, late }: `one` (attributes) answers a model's request, `many` (a
// list of them) a collection's; a failed one (`ok: false`) calls `error` with a 500; a late one
// (`late: k`) is answered at the start of the k-th step after this one instead (a request still
// in flight while the application goes on, maybe after the model was destroyed or the store
// emptied), before that step's operation. (`late: true`, in sequences recorded before, is 1.)
//
// `deliverLateAnswers(world)` gives the late answers due at the step starting; `withoutServer(op)`
// says what a step with a server sets, for the named differences.

const { TYPES, PLAIN_COLLECTIONS } = require('./schema');

class Server {
  constructor(world, registry, responses) {
    this.world = world;
    this.registry = registry;
    this.responses = responses && responses.length ? responses : [{ ok: true, one: {}, many: [] }];
    this.count = 0;
    // Whether the request `Backbone.sync` is about to make is a collection's (see worlds.js).
    this.forCollection = false;
  }

  /** `Backbone.ajax(params)`: record the request, answer it later; returns the "xhr", a promise. */
  request(params) {
    const response = this.responses[this.count++ % this.responses.length];
    const data = typeof params.data === 'string' ? JSON.parse(params.data) : params.data;
    this.registry.recordRequest(params.type, params.url, data === undefined ? null : data);
    const deferred = this.world.Backbone.$.Deferred();
    const body = this.forCollection ? response.many : response.one;
    // (The copy: a library may keep or change the attributes it is given.)
    const reply = JSON.parse(JSON.stringify(body === undefined ? null : body));
    const answer = () => {
      if (response.ok) {
        if (params.success) params.success(reply, 'success', xhr);
        deferred.resolve(reply, 'success', xhr);
      } else {
        const failure = { status: 500, responseText: 'server error' };
        if (params.error) params.error(failure, 'error', 'Internal Server Error');
        deferred.reject(failure, 'error', 'Internal Server Error');
      }
    };
    // A late answer comes at the start of a later step, after whatever the steps between did.
    if (response.late) this.world.lateAnswers.push({ answer, stepsLeft: stepsLate(response) });
    else setTimeout(answer, 0);
    const xhr = deferred.promise({ status: response.ok ? 200 : 500 });
    return xhr;
  }
}

/** How many steps after its request a late response is given (0: in the request's own step). */
function stepsLate(response) {
  if (!response.late) return 0;
  return response.late === true ? 1 : response.late;
}

/**
 * Answers the late requests (see above) due at the start of this step, in the order they were
 * made; the others wait a step more.
 */
function deliverLateAnswers(world) {
  const due = [];
  world.lateAnswers = world.lateAnswers.filter((entry) => {
    entry.stepsLeft -= 1;
    if (entry.stepsLeft > 0) return true;
    due.push(entry.answer);
    return false;
  });
  for (const answer of due) answer();
}

/**
 * The operations of `earlier` (the steps before one, in order) whose server may answer at the
 * start of that step: those with a response late by as many steps as they are back.
 */
function answeringLateAt(earlier) {
  return earlier.filter((op, index) => op && Array.isArray(op.responses)
    && op.responses.some((response) => response.late && stepsLate(response) === earlier.length - index));
}

/** A server's attributes as the model takes them: a User's `parse` unwraps `{ data }`. */
function unwrapped(attrs) {
  const keys = attrs && typeof attrs === 'object' ? Object.keys(attrs) : [];
  return keys.length === 1 && keys[0] === 'data' && attrs.data && typeof attrs.data === 'object' ? attrs.data : attrs;
}

/**
 * The operations without a server that set what a step with one may set (any of its responses
 * can be the one used), for the named differences (named-differences.js), whose predicates
 * read operations: a fetch or save sets the server's attributes on the model (a save its own
 * first, or both at once with `wait`), a collection's `create` on the new model, a collection fetch `set`s (or `reset`s) its
 * list, and getAsync sets the attributes on the placeholders it made for the ids it lacks (or
 * its list on the relation's collection). An empty list for any other operation.
 */
function withoutServer(op) {
  if (!op || !op.responses) return [];
  const ones = op.responses.map((response) => unwrapped(response.one));
  const manys = op.responses.map((response) => (response.many || []).map(unwrapped));
  const silent = op.options && op.options.silent ? { silent: true } : {};
  switch (op.op) {
    case 'fetch':
      return ones.map((attrs) => ({ op: 'setAttrs', target: op.target, attrs, options: silent }));
    case 'save': {
      // (With `wait`, the attributes saved and the reply are set together.)
      const replies = op.options && op.options.wait && op.attrs ? ones.map((attrs) => ({ ...op.attrs, ...attrs })) : ones;
      return (op.attrs ? [{ op: 'setAttrs', target: op.target, attrs: op.attrs, options: silent }] : [])
        .concat(replies.map((attrs) => ({ op: 'setAttrs', target: op.target, attrs, options: silent })));
    }
    case 'coll': {
      // (`create`: the new model takes the server's attributes.)
      const type = op.coll.plain ? PLAIN_COLLECTIONS[op.coll.plain] : TYPES[op.coll.target.type].relations[op.coll.key].type;
      return ones.map((attrs) => ({ op: 'setAttrs', target: { type, k: 0 }, attrs, options: silent }));
    }
    case 'collFetch': {
      const method = op.options && op.options.reset ? 'reset' : 'set';
      return manys.map((value) => ({ op: 'coll', coll: op.coll, method, value, options: op.options || {} }));
    }
    case 'getAsync': {
      const relation = TYPES[op.target.type] && TYPES[op.target.type].relations[op.key];
      if (!relation) return [];
      const coll = { target: op.target, key: op.key };
      const placeholder = { type: relation.type, k: 0 };
      return ones.map((attrs) => ({ op: 'setAttrs', target: placeholder, attrs, options: {} }))
        .concat(manys.map((value) => ({ op: 'coll', coll, method: 'set', value, options: { add: true, remove: false } })));
    }
    default:
      return [];
  }
}

module.exports = { Server, withoutServer, deliverLateAnswers, answeringLateAt, stepsLate };
