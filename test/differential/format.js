'use strict';
// Operations as readable pseudo-code, for failure reports: `Animal[2]` is the k=2 live Animal
// (modulo the number of live Animals), `plain.zoos` a harness collection.
const { stepsLate } = require('./server');

function value(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
  if (v.$model) return `${v.$model.type}[${v.$model.k}]`;
  if (v.$undefined) return 'undefined';
  if (v.$coll !== undefined) return `plain.${v.$coll}`;
  if (v.$relation !== undefined) return `relation(${JSON.stringify(v.$relation)})`;
  if (v.$storeCollection) return 'storeCollection';
  if (v.$newColl) return `new Collection(${value(v.$newColl)}${v.model ? `, {model: ${v.model}}` : ''})`;
  const parts = Object.keys(v).map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${value(v[key])}`);
  return `{${parts.join(', ')}}`;
}

/** Arguments of a call: every value as given, then `options` unless absent or empty. */
function args(values, options) {
  const list = values.map((v) => (v === undefined ? 'undefined' : value(v)));
  if (options !== undefined && !isEmptyObject(options)) list.push(value(options));
  return list.join(', ');
}

function isEmptyObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

function target(t) {
  return t ? `${t.type}[${t.k}]` : '?';
}

function collection(ref) {
  if (!ref) return '?';
  return ref.plain ? `plain.${ref.plain}` : `${target(ref.target)}.get(${JSON.stringify(ref.key)})`;
}

/** When a late response (server.js) is given. */
function lateness(response) {
  const steps = stepsLate(response);
  if (!steps) return '';
  return steps === 1 ? ' (at the next step)' : ` (${steps} steps later)`;
}

/** The responses of a step's server (server.js), in the order its requests get them. */
function replies(op) {
  const list = (op.responses || []).map((response) => (response.ok
    ? `ok ${value(response.one === undefined ? null : response.one)} / ${value(response.many || [])}`
    : 'fails') + lateness(response));
  return `  // server answers: ${list.join('; ') || 'ok {} / []'}`;
}

/** One operation as a line of pseudo-code. */
function formatOp(op) {
  if (!op || typeof op !== 'object') return String(op);
  switch (op.op) {
    case 'new': return `new ${op.type}(${args([op.attrs], op.options)})`;
    case 'build':
    case 'findOrCreate':
    case 'find':
    case 'findModel': return `${op.type}.${op.op}(${args([op.attrs], op.options)})`;
    case 'set': return `${target(op.target)}.set(${args([op.key, op.value], op.options)})`;
    case 'setAttrs': return `${target(op.target)}.set(${args([op.attrs], op.options)})`;
    case 'unset': return `${target(op.target)}.unset(${args([op.key], op.options)})`;
    case 'clear': return `${target(op.target)}.clear(${args([], op.options)})`;
    case 'coll':
      if (op.method === 'sort') return `${collection(op.coll)}.comparator = ${JSON.stringify(op.comparator)}; .sort(${args([], op.options)})`;
      return `${collection(op.coll)}.${op.method}(${args([op.value], op.options)})${op.responses ? replies(op) : ''}`;
    case 'destroy': return `${target(op.target)}.destroy(${args([], op.options)})${op.responses ? replies(op) : ''}`;
    case 'unregister': return `store.unregister(${target(op.target)})`;
    case 'storeReset': return op.scope === false ? 'store.reset()  // scope not added back' : 'store.reset(); store.addModelScope(scope)';
    case 'off':
      if (op.coll) return `${collection(op.coll)}.off(${args(op.args || [])})`;
      if (op.store) return `store.getCollection(${op.store}).off(${args(op.args || [])})`;
      return `${target(op.target)}.off(${args(op.args || [])})`;
    case 'toJSON': return `${target(op.target)}.toJSON()`;
    case 'clone': return `${target(op.target)}.clone()`;
    case 'getIdsToFetch': return `${target(op.target)}.getIdsToFetch(${args([op.key, op.refresh])})`;
    case 'fetch': return `${target(op.target)}.fetch(${args([], op.options)})${replies(op)}`;
    case 'save': return `${target(op.target)}.save(${args([op.attrs], op.options)})${replies(op)}`;
    case 'collFetch': return `${collection(op.coll)}.fetch(${args([], op.options)})${replies(op)}`;
    case 'getAsync': return `${target(op.target)}.getAsync(${args([op.key], op.options)})${replies(op)}`;
    default: return JSON.stringify(op);
  }
}

/** A numbered listing of a sequence. */
function formatSequence(ops, indent = '  ') {
  return ops.map((op, i) => `${indent}${String(i).padStart(2)}  ${formatOp(op)}`).join('\n');
}

module.exports = { formatOp, formatSequence };
