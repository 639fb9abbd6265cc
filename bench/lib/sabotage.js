'use strict';
// Deliberately wrong results, used only by bench/check-verify.js (through the BENCH_SABOTAGE
// environment variable) to show that the verification catches them. Each corrupts the result
// of a run after it was timed and before it is verified, the way a faulty library would.

module.exports = function sabotage(mode, workload, s, adapter) {
  const Backbone = adapter.Backbone;
  const models = (x) => (Array.isArray(x) ? x : x.models); // built by constructors, or a collection
  const parentsOf = () => models(s.graph.parents);
  // A relational store refuses a second instance of an id: forget the first one there (only).
  const forget = (model) => {
    if (Backbone.Relational) Backbone.Relational.store.unregister(model);
  };
  switch (mode) {
    case 'wrong-parent': { // a child that points at another parent (plain wiring gone wrong)
      const ps = parentsOf();
      const kid = adapter.childrenOf(ps[ps.length - 1])[2];
      kid.set('parent', ps[0]);
      return;
    }
    case 'missing-child': { // a parent that lost one of its children
      const ps = parentsOf();
      ps[Math.floor(ps.length / 2)].get('children').remove(adapter.childrenOf(ps[Math.floor(ps.length / 2)])[1]);
      return;
    }
    case 'duplicate-child': { // late binding: the parent holds a copy, not the child created first
      const ps = parentsOf();
      const coll = ps[1].get('children');
      const kid = coll.at(0);
      coll.remove(kid);
      forget(kid);
      coll.add(new (kid.constructor)({ id: kid.id, name: kid.get('name'), parent: ps[1] }), { at: 0 });
      return;
    }
    case 'wrong-company': { // many-to-many: a job whose company is not the one it named
      const companies = models(s.graph.companies);
      const job = adapter.jobsOf(models(s.graph.persons)[3])[1];
      job.set('company', companies[(adapter.companyOf(job).id) % companies.length]);
      return;
    }
    case 'missing-employee': {
      const company = models(s.graph.companies)[0];
      company.get('employees').remove(adapter.employeesOf(company)[0]);
      return;
    }
    case 'coll-missing': { // built through collections: a model the collection lost
      const coll = s.graph.children || s.graph.persons || s.graph.parents;
      coll.remove(coll.at(coll.length >> 1), { silent: true });
      return;
    }
    case 'coll-other-instance': { // late binding through collections: the children collection
      // holds another instance of a child than the one its parent holds (found by id)
      const coll = s.graph.children;
      const kid = coll.at(5);
      coll.remove(kid, { silent: true });
      forget(kid);
      coll.add(new (kid.constructor)({ id: kid.id, name: kid.get('name') }), { at: 5, silent: true });
      return;
    }
    case 'undestroyed': { // a destroyed child still in its parent's collection
      s.graph.parents.at(7).get('children').add(s.children[21]);
      return;
    }
    case 'not-removed': {
      s.graph.parents.add(s.toRemove[10]);
      return;
    }
    case 'json-parent': { // a child serialized with the parent model instead of its id
      s.out[4].children[1].parent = new Backbone.Model({ id: 5 });
      return;
    }
    case 'json-missing': {
      s.out.pop();
      return;
    }
    default:
      throw new Error('unknown BENCH_SABOTAGE mode ' + mode);
  }
};
