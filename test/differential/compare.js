'use strict';
// Comparing two observations (plain data): the first difference, a signature that groups
// differences of the same kind, and readable text for both.
const { ROOT_TYPE } = require('./schema');

const MISSING = '~missing';
const ORDER = ['result', 'events', 'created', 'models', 'store', 'plain'];

function isObject(value) {
  return value !== null && typeof value === 'object';
}

function keysOf(a, b, top) {
  const keys = top ? ORDER.slice() : [];
  for (const source of [a, b]) {
    if (!isObject(source) || Array.isArray(source)) continue;
    for (const key of Object.keys(source)) if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * The first place where `a` and `b` differ, depth first in a fixed order (the step's result,
 * then its events, the models created, the models' state, the store, the plain collections):
 * { path: [...keys], ref, self } with the two values there, or null when they are equal.
 */
function firstDifference(a, b, path = []) {
  if (a === b) return null;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) {
    return { path, ref: a, self: b };
  }
  if (Array.isArray(a)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = firstDifference(i < a.length ? a[i] : MISSING, i < b.length ? b[i] : MISSING, path.concat(i));
      if (found) return found;
    }
    return null;
  }
  for (const key of keysOf(a, b, path.length === 0)) {
    const found = firstDifference(key in a ? a[key] : MISSING, key in b ? b[key] : MISSING, path.concat(key));
    if (found) return found;
  }
  return null;
}

/**
 * Model numbers removed and sub-model types named by their hierarchy's root, so that one kind
 * of difference has one signature.
 */
function normalize(text) {
  return text.replace(/@(\w+)#\d+/g, (match, type) => `@${ROOT_TYPE[type] || type}#n`);
}

function short(value, max = 70) {
  const text = value === undefined ? '~undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function pathText(path) {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').replace(/^\./, '');
}

/**
 * What kind of difference this is: the operation, where (with model numbers and indexes
 * generalised) and, for events, which event on which type; for other leaves the two values.
 */
function signature(op, diff, refObs, selfObs) {
  const where = normalize(pathText(diff.path)).replace(/\[\d+\]/g, '[i]');
  let what;
  if (diff.path[0] === 'events') {
    const i = diff.path[1];
    const event = (obs) => (obs.events[i] ? `${normalize(String(obs.events[i].on))} ${obs.events[i].ev}` : 'none');
    what = `${event(refObs)} / ${event(selfObs)}`;
    if (event(refObs) === event(selfObs)) what += ` ${normalize(short(diff.ref, 40))} / ${normalize(short(diff.self, 40))}`;
  } else {
    what = `${normalize(short(diff.ref, 50))} / ${normalize(short(diff.self, 50))}`;
  }
  return `${op ? op.op : 'setup'} | ${where} | ${what}`;
}

function eventText(event) {
  if (!event || event === MISSING) return '(none)';
  return `${event.on} ${event.ev} ${short(event.args, 150)}`;
}

/** Readable text for one difference, with the surrounding events when events differ. */
function describeDifference(diff, refObs, selfObs, names = { ref: '0.10.0', self: 'this library' }) {
  const lines = [`at ${pathText(diff.path) || '(whole observation)'}:`, `  ${names.ref}: ${short(diff.ref, 400)}`, `  ${names.self}: ${short(diff.self, 400)}`];
  if (diff.path[0] === 'events') {
    const i = diff.path[1];
    const from = Math.max(0, i - 2);
    const to = Math.max(refObs.events.length, selfObs.events.length, i + 1);
    for (const [label, obs] of [[names.ref, refObs], [names.self, selfObs]]) {
      lines.push(`  events of ${label} (${obs.events.length}):`);
      for (let j = from; j < Math.min(to, from + 12); j++) {
        lines.push(`    ${j === i ? '>' : ' '}${j}: ${eventText(obs.events[j])}`);
      }
    }
  } else if (diff.path[0] !== 'result') {
    lines.push(`  result: ${short(refObs.result, 150)} / ${short(selfObs.result, 150)}`);
  }
  return lines.join('\n');
}

module.exports = { firstDifference, signature, describeDifference, pathText, short, MISSING };
