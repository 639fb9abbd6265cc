'use strict';
// Raw input data for the workloads. Ids are positive integers, one id space per model type.
// Parent i (1-based) owns children 3i-2, 3i-1, 3i. Every workload gets freshly built data for
// every run (outside the timed section), so no library can be helped or hurt by another run
// having mutated or cached its input.

const CHILDREN_PER_PARENT = 3;
const JOBS_PER_PERSON = 3;
const PERSONS_PER_COMPANY = 10;

function childIdsOf(parentId) {
  const first = (parentId - 1) * CHILDREN_PER_PARENT + 1;
  return [first, first + 1, first + 2];
}

// Workloads reset, destroy, remove, tojson: N parents, each with its children nested as raw objects.
function nestedParents(n) {
  const parents = new Array(n);
  for (let i = 1; i <= n; i++) {
    const children = childIdsOf(i).map((id) => ({ id, name: 'child ' + id }));
    parents[i - 1] = { id: i, name: 'parent ' + i, children };
  }
  return parents;
}

// Workload late: the 3N children first, each naming its parent by id, then the N parents.
function lateBinding(n) {
  const children = new Array(n * CHILDREN_PER_PARENT);
  const parents = new Array(n);
  for (let i = 1; i <= n; i++) {
    childIdsOf(i).forEach((id, k) => {
      children[(i - 1) * CHILDREN_PER_PARENT + k] = { id, name: 'child ' + id, parent: i };
    });
    parents[i - 1] = { id: i, name: 'parent ' + i };
  }
  return { children, parents };
}

// Workload m2m: Person/Job/Company. C = N/10 companies (at least 1), N persons with 3 jobs
// each, given nested in the person; a job names its company by id. Job k (0-based) of
// person i (1-based) works for company ((3(i-1)+k) mod C) + 1, so every company ends up with
// 3N/C = 30 employees (jobs).
function companyCount(n) {
  return Math.max(1, Math.round(n / PERSONS_PER_COMPANY));
}
function companyOfJob(jobId, c) {
  return ((jobId - 1) % c) + 1;
}
function manyToMany(n) {
  const c = companyCount(n);
  const companies = new Array(c);
  for (let k = 1; k <= c; k++) companies[k - 1] = { id: k, name: 'company ' + k };
  const persons = new Array(n);
  for (let i = 1; i <= n; i++) {
    const jobs = childIdsOf(i).map((id) => ({ id, title: 'job ' + id, company: companyOfJob(id, c) }));
    persons[i - 1] = { id: i, name: 'person ' + i, jobs };
  }
  return { companies, persons };
}

module.exports = {
  CHILDREN_PER_PARENT,
  JOBS_PER_PERSON,
  childIdsOf,
  nestedParents,
  lateBinding,
  manyToMany,
  companyCount,
  companyOfJob,
};
