'use strict';
// backbone-associations 0.6.2, used through its own API (Backbone.AssociatedModel with
// `relations` of type Backbone.Many / Backbone.One and `relatedModel`).
//
// What it does: builds nested models and collections from nested raw data, and keeps
// back-pointers: every collection or model placed in a relation gets the owning model in its
// `parents` array (and loses it when replaced or on `cleanup`/`destroy`). A model created inside
// such a collection also has `model.collection`, so a child reaches its parent as
// `child.collection.parents[0]`; that is how this adapter navigates child -> parent and
// job -> person. It bubbles nested events up to the owners.
// What it does not do: it has no store / identity map and no reverse relations, so it never
// resolves an id to a model and never adds a model to the other side of a relation. Late
// binding by id therefore uses an index the caller builds (a Map, like plain Backbone), and in
// the many-to-many a Job's `company` is a Backbone.One whose `map` option looks the id up in
// that index, while adding the job to the company's `employees` is done by hand.

module.exports = function createAssociationsAdapter() {
  const Backbone = require('backbone');
  require('backbone-associations');
  const version = require('backbone-associations/package.json').version;
  if (typeof Backbone.AssociatedModel !== 'function') throw new Error('backbone-associations did not install Backbone.AssociatedModel');

  function owner(model) {
    const coll = model.collection;
    return coll && coll.parents ? coll.parents[0] : undefined;
  }

  function define() {
    const Child = Backbone.AssociatedModel.extend({
      // Serialize the back-reference as the parent's id, the same JSON shape as the others.
      toJSON(options) {
        const json = Backbone.AssociatedModel.prototype.toJSON.call(this, options);
        const parent = owner(this);
        if (parent) json.parent = parent.id;
        return json;
      },
    });
    const Parent = Backbone.AssociatedModel.extend({
      relations: [{ type: Backbone.Many, key: 'children', relatedModel: Child }],
    });
    const Parents = Backbone.Collection.extend({ model: Parent });

    const ctx = { Child, Parent, Parents, companies: null };
    const Job = Backbone.AssociatedModel.extend({});
    const Person = Backbone.AssociatedModel.extend({
      relations: [{ type: Backbone.Many, key: 'jobs', relatedModel: Job }],
    });
    const Company = Backbone.AssociatedModel.extend({
      relations: [{ type: Backbone.Many, key: 'employees', relatedModel: Job }],
    });
    Job.prototype.relations = [{
      type: Backbone.One,
      key: 'company',
      relatedModel: Company,
      map(value) {
        return value instanceof Backbone.Model ? value : ctx.companies.get(value);
      },
    }];
    Object.assign(ctx, { Job, Person, Company });
    return ctx;
  }

  return {
    Backbone,
    versions: { backbone: Backbone.VERSION, library: version },
    define,
    // The previous run's company index would keep that whole graph alive into this run.
    beginRun(ctx) {
      ctx.companies = null;
    },
    buildReset(ctx, data) {
      const parents = new ctx.Parents();
      parents.reset(data);
      return { parents };
    },
    buildLate(ctx, data) {
      const byParent = new Map();
      const children = new Array(data.children.length);
      for (let i = 0; i < children.length; i++) {
        const child = new ctx.Child(data.children[i]);
        children[i] = child;
        const pid = child.get('parent');
        const list = byParent.get(pid);
        if (list) list.push(child);
        else byParent.set(pid, [child]);
      }
      const parents = new Array(data.parents.length);
      for (let i = 0; i < parents.length; i++) {
        const raw = data.parents[i];
        parents[i] = new ctx.Parent({ id: raw.id, name: raw.name, children: byParent.get(raw.id) || [] });
      }
      return { parents, children };
    },
    buildM2M(ctx, data) {
      const index = new Map();
      ctx.companies = index;
      const companies = new Array(data.companies.length);
      for (let i = 0; i < companies.length; i++) {
        const raw = data.companies[i];
        const company = new ctx.Company({ id: raw.id, name: raw.name, employees: [] });
        index.set(company.id, company);
        companies[i] = company;
      }
      const persons = new Array(data.persons.length);
      for (let i = 0; i < persons.length; i++) {
        const person = new ctx.Person(data.persons[i]);
        const jobs = person.get('jobs').models;
        for (let k = 0; k < jobs.length; k++) jobs[k].get('company').get('employees').add(jobs[k]);
        persons[i] = person;
      }
      return { companies, persons };
    },
    childrenOf: (parent) => parent.get('children').models,
    parentOf: owner,
    jobsOf: (person) => person.get('jobs').models,
    personOf: owner,
    companyOf: (job) => job.get('company'),
    employeesOf: (company) => company.get('employees').models,
  };
};
