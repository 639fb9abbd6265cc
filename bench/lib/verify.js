'use strict';
// Result checks, run after every timed run (warm-up included) and before its time is kept.
// Each returns nothing and throws an Error listing the first problems it found.

const data = require('./data');

class Problems {
  constructor(what) {
    this.what = what;
    this.list = [];
    this.count = 0;
  }
  add(message) {
    this.count++;
    if (this.list.length < 5) this.list.push(message);
  }
  check(condition, message) {
    if (!condition) this.add(typeof message === 'function' ? message() : message);
    return condition;
  }
  done() {
    if (this.count) {
      throw new Error(`verification of ${this.what} failed (${this.count} problem(s)):\n  ` + this.list.join('\n  '));
    }
  }
}

function describe(model) {
  if (model === undefined) return 'undefined';
  if (model === null) return 'null';
  if (typeof model !== 'object') return `${JSON.stringify(model)} (not a model)`;
  return `model(id=${model.id}, cid=${model.cid})`;
}

// parents: array of Parent models, expected to be parents 1..n in order, each with exactly its
// children 3i-2..3i whose parent is that very model. `children` (optional) is the array of
// child models created first (late binding): the parent must hold those very instances.
function checkParentGraph(p, adapter, ctx, parents, n, children) {
  p.check(parents.length === n, () => `expected ${n} parents, got ${parents.length}`);
  for (let i = 0; i < parents.length; i++) {
    const parent = parents[i];
    if (!p.check(parent instanceof ctx.Parent, () => `parents[${i}] is not a Parent: ${describe(parent)}`)) continue;
    if (!p.check(parent.id === i + 1, () => `parents[${i}] has id ${parent.id}, expected ${i + 1}`)) continue;
    const kids = adapter.childrenOf(parent);
    const expected = data.childIdsOf(parent.id);
    if (!p.check(kids && kids.length === expected.length,
      () => `parent ${parent.id} has ${kids ? kids.length : kids} children, expected ${expected.length}`)) continue;
    const seen = new Set();
    for (const kid of kids) {
      if (!p.check(kid instanceof ctx.Child, () => `parent ${parent.id} holds a non-Child ${describe(kid)}`)) continue;
      p.check(expected.includes(kid.id) && !seen.has(kid.id),
        () => `parent ${parent.id} holds child ${kid.id}, expected children ${expected.join(',')}`);
      seen.add(kid.id);
      const back = adapter.parentOf(kid);
      p.check(back === parent, () => `child ${kid.id} has parent ${describe(back)}, expected parent ${parent.id}`);
      if (children) {
        p.check(children[kid.id - 1] === kid, () => `parent ${parent.id} holds another instance of child ${kid.id} than the one created first`);
      }
    }
  }
}

function parentGraph(adapter, ctx, parents, n, children, what) {
  const p = new Problems(what || 'parent/children graph');
  checkParentGraph(p, adapter, ctx, parents, n, children);
  p.done();
}

function manyToMany(adapter, ctx, graph, n) {
  const p = new Problems('Person/Job/Company graph');
  const c = data.companyCount(n);
  const { companies, persons } = graph;
  p.check(companies.length === c, () => `expected ${c} companies, got ${companies.length}`);
  p.check(persons.length === n, () => `expected ${n} persons, got ${persons.length}`);
  const expectedEmployees = new Array(c + 1).fill(0);
  for (let i = 0; i < persons.length; i++) {
    const person = persons[i];
    if (!p.check(person instanceof ctx.Person && person.id === i + 1, () => `persons[${i}] is ${describe(person)}, expected Person ${i + 1}`)) continue;
    const jobs = adapter.jobsOf(person);
    const expected = data.childIdsOf(person.id);
    if (!p.check(jobs && jobs.length === expected.length, () => `person ${person.id} has ${jobs ? jobs.length : jobs} jobs, expected ${expected.length}`)) continue;
    const seen = new Set();
    for (const job of jobs) {
      if (!p.check(job instanceof ctx.Job, () => `person ${person.id} holds a non-Job ${describe(job)}`)) continue;
      p.check(expected.includes(job.id) && !seen.has(job.id), () => `person ${person.id} holds job ${job.id}, expected ${expected.join(',')}`);
      seen.add(job.id);
      const back = adapter.personOf(job);
      p.check(back === person, () => `job ${job.id} has person ${describe(back)}, expected person ${person.id}`);
      const cid = data.companyOfJob(job.id, c);
      const company = adapter.companyOf(job);
      p.check(company === companies[cid - 1], () => `job ${job.id} has company ${describe(company)}, expected company ${cid}`);
      expectedEmployees[cid]++;
    }
  }
  for (let k = 0; k < companies.length; k++) {
    const company = companies[k];
    if (!p.check(company instanceof ctx.Company && company.id === k + 1, () => `companies[${k}] is ${describe(company)}, expected Company ${k + 1}`)) continue;
    const employees = adapter.employeesOf(company);
    if (!p.check(employees && employees.length === expectedEmployees[company.id],
      () => `company ${company.id} has ${employees ? employees.length : employees} employees, expected ${expectedEmployees[company.id]}`)) continue;
    const seen = new Set();
    for (const job of employees) {
      if (!p.check(job instanceof ctx.Job, () => `company ${company.id} holds a non-Job ${describe(job)}`)) continue;
      p.check(!seen.has(job.id) && data.companyOfJob(job.id, c) === company.id, () => `company ${company.id} holds job ${job.id}`);
      seen.add(job.id);
      p.check(adapter.companyOf(job) === company, () => `job ${job.id} in company ${company.id}'s employees points at ${describe(adapter.companyOf(job))}`);
      const person = adapter.personOf(job);
      p.check(person && person.id === Math.ceil(job.id / data.JOBS_PER_PERSON) && person === persons[person.id - 1],
        () => `job ${job.id} in company ${company.id}'s employees has person ${describe(person)}`);
    }
  }
  p.done();
}

// A graph built through collections: each named collection of `graph` holds exactly the models
// it was given data for, in the order of the data (ids 1, 2, ...), of the collection's model
// type, and finds each by its id. The graph checks that follow then make sure the parents hold
// the very children of the children collection, and the jobs point at the very companies of
// the companies collection.
const COLLECTIONS = {
  parents: { type: 'Parent', count: (n) => n },
  children: { type: 'Child', count: (n) => n * data.CHILDREN_PER_PARENT },
  persons: { type: 'Person', count: (n) => n },
  companies: { type: 'Company', count: (n) => data.companyCount(n) },
};
function collections(ctx, graph, n, names) {
  const p = new Problems('collections of the graph');
  for (const name of names) {
    const coll = graph[name];
    const { type, count } = COLLECTIONS[name];
    if (!p.check(coll && Array.isArray(coll.models) && typeof coll.get === 'function', () => `${name} is not a collection`)) continue;
    const expected = count(n);
    p.check(coll.length === expected && coll.models.length === expected,
      () => `${name} collection has ${coll.length} models (${coll.models.length} in models), expected ${expected}`);
    for (let i = 0; i < coll.models.length; i++) {
      const model = coll.models[i];
      if (!p.check(model instanceof ctx[type] && model.id === i + 1, () => `${name}[${i}] is ${describe(model)}, expected ${type} ${i + 1}`)) continue;
      p.check(coll.get(model.id) === model, () => `${name}.get(${model.id}) is ${describe(coll.get(model.id))}, not the model the collection holds`);
    }
  }
  p.done();
}

// After destroying every child: every parent is still in its collection and has no children.
function destroyed(adapter, ctx, parentsCollection, destroyedChildren, n) {
  const p = new Problems('destroy of every child');
  p.check(destroyedChildren.length === n * data.CHILDREN_PER_PARENT, () => `destroyed ${destroyedChildren.length} children, expected ${n * data.CHILDREN_PER_PARENT}`);
  p.check(parentsCollection.length === n, () => `parents collection has ${parentsCollection.length} models, expected ${n}`);
  for (let i = 0; i < parentsCollection.length; i++) {
    const parent = parentsCollection.at(i);
    const kids = adapter.childrenOf(parent);
    p.check(kids && kids.length === 0, () => `parent ${parent.id} still has ${kids ? kids.length : kids} children after they were destroyed`);
  }
  p.done();
}

// After removing all parents: the collection is empty, and the graph itself is untouched.
function removed(adapter, ctx, parentsCollection, parents, n) {
  const p = new Problems('remove of all parents');
  p.check(parentsCollection.length === 0, () => `parents collection still has ${parentsCollection.length} models`);
  for (let i = 0; i < parents.length; i++) {
    if (parentsCollection.get(parents[i].id)) {
      p.add(`parent ${parents[i].id} can still be found in the collection`);
      break;
    }
  }
  checkParentGraph(p, adapter, ctx, parents, n, null);
  p.done();
}

function sameKeys(obj, keys) {
  const own = Object.keys(obj);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(obj, k));
}

// [{ id, name, children: [{ id, name, parent: <parent id> } x3] } x N], in order, nothing else.
function json(out, n) {
  const p = new Problems('toJSON of the graph');
  if (!p.check(Array.isArray(out), () => `toJSON returned ${typeof out}, expected an array`)) return p.done();
  p.check(out.length === n, () => `toJSON has ${out.length} parents, expected ${n}`);
  for (let i = 0; i < out.length; i++) {
    const pj = out[i];
    const id = i + 1;
    if (!p.check(pj && Object.getPrototypeOf(pj) === Object.prototype && sameKeys(pj, ['id', 'name', 'children']),
      () => `parent JSON ${i} has keys ${pj && Object.keys(pj).join(',')}, expected id,name,children`)) continue;
    p.check(pj.id === id && pj.name === 'parent ' + id, () => `parent JSON ${i} is ${JSON.stringify({ id: pj.id, name: pj.name })}`);
    const expected = data.childIdsOf(id);
    if (!p.check(Array.isArray(pj.children) && pj.children.length === expected.length,
      () => `parent JSON ${id} has children ${Array.isArray(pj.children) ? 'of length ' + pj.children.length : typeof pj.children}`)) continue;
    pj.children.forEach((cj, k) => {
      p.check(cj && Object.getPrototypeOf(cj) === Object.prototype && sameKeys(cj, ['id', 'name', 'parent'])
        && cj.id === expected[k] && cj.name === 'child ' + expected[k] && cj.parent === id,
      () => `child JSON ${k} of parent ${id} is ${JSON.stringify(cj)}, expected ${JSON.stringify({ id: expected[k], name: 'child ' + expected[k], parent: id })}`);
    });
  }
  p.done();
}

module.exports = { parentGraph, collections, manyToMany, destroyed, removed, json };
