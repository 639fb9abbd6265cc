'use strict';
// Underscored members and prototype methods that applications written for 0.10.0 read or wrap
// (spec README, "Internals that applications touch").
const childProcess = require('child_process');
const v8 = require('v8');
const vm = require('vm');
const { expect } = require('chai');
const { Backbone, sinon, useFreshStore } = require('./_helpers');

function defineModels(S) {
  S.Person = Backbone.RelationalModel.extend({});
  S.House = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
  });
}

// V8's own view of an object: whether its properties are laid out in a hidden class, or it
// became a slow dictionary (`--allow-natives-syntax`, turned on here for functions compiled
// from now on).
v8.setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = vm.runInThisContext('(function (object) { return %HasFastProperties(object); })');
const haveSameMap = vm.runInThisContext('(function (one, other) { return %HaveSameMap(one, other); })');

describe('Internals that applications touch', function () {
  const ctx = useFreshStore(defineModels);

  describe('model._relations', function () {
    it('is an object keyed by relation key, holding the Relation instances', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h', occupants: [{ id: 'p' }] });
      const p = h.get('occupants').at(0);
      expect(Object.keys(h._relations)).to.deep.equal(['occupants']);
      expect(h._relations.occupants).to.be.an.instanceof(Backbone.HasMany);
      expect(h._relations.occupants).to.equal(h.getRelation('occupants'));
      expect(p._relations.livesIn).to.be.an.instanceof(Backbone.HasOne);
      expect(p._relations.livesIn).to.be.an.instanceof(Backbone.Relation);
    });

    it('each Relation exposes key, instance, relatedModel and related', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h', occupants: [{ id: 'p' }] });
      const p = h.get('occupants').at(0);
      const many = h._relations.occupants;
      const one = p._relations.livesIn;
      expect(many.key).to.equal('occupants');
      expect(many.instance).to.equal(h);
      expect(many.relatedModel).to.equal(S.Person);
      expect(many.related).to.equal(h.get('occupants'));
      expect(one.key).to.equal('livesIn');
      expect(one.instance).to.equal(p);
      expect(one.relatedModel).to.equal(S.House);
      expect(one.related).to.equal(h);
    });
  });

  describe('store._collections', function () {
    it('is an array holding the collection getCollection returns for each type', function () {
      const S = ctx.scope;
      const p = new S.Person({ id: 1 });
      new S.House({ id: 2 });
      const store = Backbone.Relational.store;
      expect(store._collections).to.be.an('array');
      const people = store.getCollection(S.Person);
      const houses = store.getCollection(S.House);
      expect(store._collections).to.include(people).and.to.include(houses);
      store._collections.forEach((c) => expect(c).to.be.an.instanceof(Backbone.Collection));
      expect(people.get(1)).to.equal(p);
    });
  });

  describe('relation prototype methods', function () {
    it('HasOne and HasMany prototypes have tryAddRelated, addRelated and removeRelated', function () {
      [Backbone.HasOne, Backbone.HasMany].forEach((type) => {
        ['tryAddRelated', 'addRelated', 'removeRelated'].forEach((name) => {
          expect(type.prototype[name], name).to.be.a('function');
        });
      });
      expect(Backbone.Store.prototype.register).to.be.a('function');
      expect(Backbone.Store.prototype.unregister).to.be.a('function');
    });

    it('a spy on HasMany.prototype.addRelated sees a HasOne set add the model on the other side', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h' });
      const p = new S.Person({ id: 'p' });
      const spy = sinon.spy(Backbone.HasMany.prototype, 'addRelated');
      p.set('livesIn', h);
      const call = spy.getCalls().find((c) => c.args[0] === p);
      expect(call, 'addRelated(p) call').to.exist;
      expect(call.thisValue.instance).to.equal(h);
      expect(call.thisValue.key).to.equal('occupants');
      expect(h.get('occupants').models).to.deep.equal([p]);
    });

    it('a spy on HasMany.prototype.removeRelated sees a HasOne set to null', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h' });
      const p = new S.Person({ id: 'p', livesIn: h });
      const spy = sinon.spy(Backbone.HasMany.prototype, 'removeRelated');
      p.set('livesIn', null);
      const call = spy.getCalls().find((c) => c.args[0] === p);
      expect(call, 'removeRelated(p) call').to.exist;
      expect(call.thisValue.instance).to.equal(h);
      expect(h.get('occupants').length).to.equal(0);
    });

    it('spies on HasOne.prototype.addRelated/removeRelated see collection add and remove', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h' });
      const p = new S.Person({ id: 'p' });
      const add = sinon.spy(Backbone.HasOne.prototype, 'addRelated');
      const remove = sinon.spy(Backbone.HasOne.prototype, 'removeRelated');
      h.get('occupants').add(p);
      const addCall = add.getCalls().find((c) => c.args[0] === h);
      expect(addCall, 'addRelated(h) call').to.exist;
      expect(addCall.thisValue.instance).to.equal(p);
      h.get('occupants').remove(p);
      const removeCall = remove.getCalls().find((c) => c.args[0] === h);
      expect(removeCall, 'removeRelated(h) call').to.exist;
      expect(removeCall.thisValue.instance).to.equal(p);
      expect(p.get('livesIn')).to.equal(null);
    });

    // tryAddRelated is wrapped before the models are created, as an application would do at
    // start-up (0.10.0 binds it as a listener when a relation is created).
    it('a spy on HasMany.prototype.tryAddRelated sees a pending id being created', function () {
      const S = ctx.scope;
      const spy = sinon.spy(Backbone.HasMany.prototype, 'tryAddRelated');
      const h = new S.House({ id: 'h', occupants: ['later'] });
      const later = new S.Person({ id: 'later' });
      const call = spy.getCalls().find((c) => c.args[0] === later && c.thisValue.instance === h);
      expect(call, 'tryAddRelated(later) on h.occupants').to.exist;
      expect(h.get('occupants').models).to.deep.equal([later]);
    });

    it('a spy on HasOne.prototype.tryAddRelated sees a pending id being created', function () {
      const S = ctx.scope;
      const spy = sinon.spy(Backbone.HasOne.prototype, 'tryAddRelated');
      const p = new S.Person({ id: 'p', livesIn: 'later' });
      const later = new S.House({ id: 'later' });
      const call = spy.getCalls().find((c) => c.args[0] === later && c.thisValue.instance === p);
      expect(call, 'tryAddRelated(later) on p.livesIn').to.exist;
      expect(p.get('livesIn')).to.equal(later);
    });

    it('an application wrapper around addRelated can count calls, and relations still work', function () {
      const S = ctx.scope;
      const original = Backbone.HasMany.prototype.addRelated;
      let calls = 0;
      sinon.replace(Backbone.HasMany.prototype, 'addRelated', function () {
        calls++;
        return original.apply(this, arguments);
      });
      const h = new S.House({ id: 'h' });
      const a = new S.Person({ id: 'a', livesIn: 'h' });
      const b = new S.Person({ id: 'b' });
      b.set('livesIn', h);
      expect(calls).to.be.at.least(2);
      expect(h.get('occupants').models).to.deep.equal([a, b]);
    });
  });

  describe('collection._byId of collections of relational models', function () {
    // Read by applications that look models up without `get`; the library makes these objects
    // itself (see `newIdIndex` in src/utils.ts), and they must stay what Backbone's are.
    function expectIndexOf(collection) {
      const byId = collection._byId;
      expect(Object.getPrototypeOf(byId)).to.equal(Object.prototype);
      const keys = [];
      for (const model of collection.models) {
        expect(byId[model.cid]).to.equal(model);
        expect(byId.hasOwnProperty(model.cid)).to.equal(true);
        keys.push(model.cid);
        if (model.id != null) {
          expect(byId[model.id]).to.equal(model);
          keys.push(String(model.id));
        }
      }
      expect(Object.keys(byId)).to.have.members(keys);
    }

    it('a HasMany\'s collection: a plain object keyed by cid and id, kept up to date', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }, { id: 3 }] });
      const occupants = h.get('occupants');
      expectIndexOf(occupants);
      occupants.remove(1);
      occupants.add({ name: 'no id yet' });
      expectIndexOf(occupants);
      occupants.at(2).set({ id: 4 });
      expectIndexOf(occupants);
      expect(occupants.get(4)).to.equal(occupants.at(2));
      h.set({ occupants: [5, 6] });
      expectIndexOf(occupants);
    });

    it('a collection of relational models, after reset and after most of its models leave', function () {
      const S = ctx.scope;
      const people = new (Backbone.Collection.extend({ model: S.Person }))([{ id: 1 }, { id: 2 }]);
      expectIndexOf(people);
      // Enough models that removing most of them at once rebuilds the lookup.
      const ids = Array.from({ length: 80 }, (_, i) => i + 3);
      people.reset(ids.map((id) => ({ id })));
      expectIndexOf(people);
      people.remove(ids.slice(0, 70));
      expectIndexOf(people);
      expect(people.get(3)).to.equal(undefined);
      expect(people.get(80).id).to.equal(80);
      expect(people._byId.toString).to.equal(Object.prototype.toString);
    });
  });

  describe('looking models up in collections', function () {
    // Backbone's `get(model)` first reads `_byId[model]`, the model turned into a property key;
    // the library's own lookups (removing, linking) must find what that finds.
    it('finds, as Backbone does, the member named by the toString of the model looked up', function () {
      const Named = Backbone.RelationalModel.extend({ toString() { return 'k'; } });
      const named = new Backbone.Collection([], { model: Named });
      const member = new Named({ id: 'k' });
      const other = new Named({ id: 'z' });
      named.add(member);
      expect(named.get(other)).to.equal(member);
      named.remove(other);
      expect(named.length).to.equal(0);
    });

    it('finds, as Backbone does, the member named by the Symbol.toStringTag of the model looked up', function () {
      const Tagged = Backbone.RelationalModel.extend({});
      Object.defineProperty(Tagged.prototype, Symbol.toStringTag, { get() { return 'Tagged'; } });
      const tagged = new Backbone.Collection([], { model: Tagged });
      const member = new Tagged({ id: '[object Tagged]' });
      tagged.add(member);
      tagged.remove(new Tagged({ id: 'other' }));
      expect(tagged.length).to.equal(0);
      const plain = new Tagged({ id: 'plain' });
      tagged.add(plain);
      const Other = Backbone.RelationalModel.extend({});
      tagged.remove(new Other({ id: 'p' }));
      expect(tagged.models).to.deep.equal([plain]);
    });
  });

  describe('types made with extend', function () {
    it('have the prototype Backbone.Model.extend makes: the given properties, then constructor', function () {
      const props = { urlRoot: '/things', defaults: { n: 1 }, describe() { return 'thing'; } };
      const Thing = Backbone.RelationalModel.extend(props);
      const Plain = Backbone.Model.extend(props);
      // (`setup` then adds `relations` and `subModelTypes`.)
      const own = Object.keys(Thing.prototype).filter((key) => key !== 'relations' && key !== 'subModelTypes');
      expect(own).to.deep.equal(Object.keys(Plain.prototype));
      // (Backbone 1.2 puts `constructor` first, later versions last.)
      expect(own.slice().sort()).to.deep.equal(['constructor', 'defaults', 'describe', 'urlRoot']);
      expect(Thing.prototype.constructor).to.equal(Thing);
      expect(Thing.__super__).to.equal(Backbone.RelationalModel.prototype);
      expect(Thing.length).to.equal(Plain.length);
      expect(Thing.name).to.equal(Plain.name);
      expect(Object.keys(props)).to.deep.equal(['urlRoot', 'defaults', 'describe']);
    });

    it('keep a constructor given in the properties, and pass the parent constructor its arguments and result', function () {
      const seen = [];
      const Base = Backbone.RelationalModel.extend({
        constructor: function Base(attributes, options) {
          seen.push([attributes, options]);
          Backbone.RelationalModel.apply(this, arguments);
        },
      });
      const Sub = Base.extend({});
      const options = { parse: false };
      const sub = new Sub({ id: 'x' }, options);
      expect(Base.prototype.constructor.name).to.equal('Base');
      expect(seen).to.deep.equal([[{ id: 'x' }, options]]);
      expect(sub).to.be.an.instanceof(Sub);
      expect(sub.id).to.equal('x');
    });

    it('keep what a constructor of their own did before calling the parent one (handlers bound, a relation acquired)', function () {
      const S = ctx.scope;
      const heard = [];
      const Pinging = S.House.extend({
        constructor: function Pinging() {
          this.on('ping', () => heard.push(this.id));
          Backbone.RelationalModel.apply(this, arguments);
        },
      });
      const Locked = Backbone.HasMany.extend({
        constructor: function Locked() {
          this.acquire();
          Backbone.HasMany.apply(this, arguments);
        },
      });
      const Held = Backbone.RelationalModel.extend({
        relations: [{ type: Locked, key: 'people', relatedModel: S.Person }],
      });
      new Pinging({ id: 'a' }).trigger('ping');
      new Backbone.Collection([{ id: 'b' }], { model: Pinging }).get('b').trigger('ping');
      expect(heard).to.deep.equal(['a', 'b']);
      expect(new Held({ id: 'c' }).getRelation('people').isLocked()).to.equal(true);
    });
  });

  describe("the library's own types", function () {
    // A function V8 keeps as a dictionary (one renamed with defineProperty, say) makes every
    // `instanceof` of it take a slow generic path: the library asks `instanceof RelationalModel`
    // or `HasOne` several times for each model it builds.
    const types = () => ({
      RelationalModel: Backbone.RelationalModel, Relation: Backbone.Relation, HasOne: Backbone.HasOne,
      HasMany: Backbone.HasMany, Store: Backbone.Store, BlockingQueue: Backbone.BlockingQueue,
    });

    it('stay fast objects, once models and relations are made of them and of their subtypes', function () {
      const S = ctx.scope;
      const house = new S.House({ id: 'h1', occupants: [{ id: 'p1' }] });
      class Flat extends S.House {}
      const flat = new Flat({ id: 'f1', occupants: [{ id: 'p2' }] });
      expect(house.get('occupants').at(0)).to.be.an.instanceof(Backbone.RelationalModel);
      expect(flat.get('occupants').at(0).get('livesIn')).to.equal(flat);
      const slow = Object.entries(types()).filter(([, type]) => !hasFastProperties(type)).map(([name]) => name);
      expect(slow).to.deep.equal([]);
    });

    it('leave the Backbone namespace, where they are installed, a fast object', function () {
      // (In a process of its own, with the same Backbone, `_` and library: here earlier tests
      // have stubbed members of Backbone. Loading jsdom there takes a second or two.)
      this.timeout(30000);
      const script = 'const lib = require(process.argv[1]); process.stdout.write(String(%HasFastProperties(lib.Backbone)));';
      const out = childProcess.execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script, require.resolve('../support/lib')], { encoding: 'utf8' });
      expect(out).to.equal('true');
    });
  });

  describe("a model's own properties", function () {
    // Backbone's own properties of a model, as `hasOwnProperty` and `Object.keys` see them.
    const BACKBONE_OWN = ['cid', 'attributes', '_changing', '_previousAttributes', 'changed', 'id', '_pending', 'validationError'];
    const ownOf = (model) => BACKBONE_OWN.filter((name) => Object.prototype.hasOwnProperty.call(model, name));
    const withoutId = (attrs) => {
      const copy = {};
      for (const key of Object.keys(attrs)) if (key !== 'id') copy[key] = attrs[key];
      return copy;
    };
    // The same overrides on a relational type and on a plain Backbone one.
    const cases = {
      'no id': { attrs: { name: 'a' } },
      'an id': { attrs: { id: 1, name: 'a' } },
      'an id that parse drops': { attrs: { id: 2 }, options: { parse: true }, props: { parse: (resp) => withoutId(resp) } },
      'an id that parse adds': { attrs: { name: 'b' }, options: { parse: true }, props: { parse: (resp) => Object.assign({ id: 3 }, resp) } },
      'an id that the type\'s own set drops': { attrs: { id: 4 }, ownSet: true },
      'an id from defaults': { attrs: { name: 'c' }, props: { defaults: { id: 5 } } },
      'an id of undefined': { attrs: { id: undefined } },
      'an id, and a preinitialize looking at the model': { attrs: { id: 7 }, props: { preinitialize() { this.seenInPreinitialize = Object.keys(this).filter((key) => BACKBONE_OWN.includes(key)); } } },
      'an id, and failing validation': { attrs: { id: 6, bad: true }, options: { validate: true }, props: { validate: (attrs) => (attrs.bad ? 'bad' : undefined) } },
    };
    function typesFor(c) {
      const props = Object.assign({}, c.props);
      const Plain = Backbone.Model.extend(props);
      const Relational = Backbone.RelationalModel.extend(props);
      if (c.ownSet) {
        for (const Type of [Plain, Relational]) {
          const parentSet = Object.getPrototypeOf(Type.prototype).set;
          Type.prototype.set = function (key, value, options) {
            return parentSet.call(this, key && typeof key === 'object' ? withoutId(key) : key, value, options);
          };
        }
      }
      return { Plain, Relational };
    }

    for (const [name, c] of Object.entries(cases)) {
      it(`are Backbone's own properties of a Backbone model built alike: ${name}`, function () {
        let { Plain, Relational } = typesFor(c);
        const plain = new Plain(c.attrs, Object.assign({}, c.options));
        const model = new Relational(c.attrs, Object.assign({}, c.options));
        expect(ownOf(model)).to.deep.equal(ownOf(plain));
        expect(model.id).to.equal(plain.id);
        expect(model.seenInPreinitialize).to.deep.equal(plain.seenInPreinitialize);
        // (And so for a model created by a collection; of types of their own, as the id is taken.)
        ({ Plain, Relational } = typesFor(c));
        const plainMember = new Backbone.Collection([], { model: Plain }).add(c.attrs, Object.assign({}, c.options));
        const member = new Backbone.Collection([], { model: Relational }).add(c.attrs, Object.assign({}, c.options));
        expect(!!member).to.equal(!!plainMember);
        if (member) expect(ownOf(member)).to.deep.equal(ownOf(plainMember));
      });
    }

    it("end with `collection` (V8 then deletes it, as a collection letting the model go does, without making the model a slow dictionary)", function () {
      const S = ctx.scope;
      const houses = new Backbone.Collection([], { model: S.House });
      const h = houses.add({ id: 'h', occupants: [{ id: 'p1' }, 'p2'] });
      const nested = h.get('occupants').get('p1');
      const late = new S.Person({ id: 'p2' });
      const direct = new S.Person({ id: 'p3' });
      const withoutAnId = new S.Person({ name: 'x' });
      new Backbone.Collection([direct, withoutAnId]);
      const lastOf = (model) => Object.keys(model)[Object.keys(model).length - 1];
      for (const model of [h, nested, late, direct, withoutAnId]) expect(lastOf(model), model.id || model.cid).to.equal('collection');
      expect(h.get('occupants').get('p2')).to.equal(late);
    });

    it('stay fast (not a dictionary, in V8) once a collection lets the model go, by destroy or remove', function () {
      const S = ctx.scope;
      sinon.stub(Backbone, 'sync').callsFake((method, model, options) => { options.success({}); return null; });
      const houses = new Backbone.Collection([], { model: S.House });
      houses.reset([{ id: 'h1', occupants: [{ id: 'p1' }, { id: 'p2' }] }, { id: 'h2' }]);
      const h1 = houses.get('h1');
      const [p1, p2] = h1.get('occupants').models;
      const direct = new S.Person({ id: 'p3' });
      const others = new Backbone.Collection([direct]);
      expect([h1, p1, p2, direct].map(hasFastProperties)).to.deep.equal([true, true, true, true]);
      p1.destroy();
      h1.get('occupants').remove(p2);
      houses.remove(h1);
      others.remove(direct);
      for (const model of [h1, p1, p2, direct]) expect('collection' in model).to.equal(false);
      expect([h1, p1, p2, direct].map(hasFastProperties)).to.deep.equal([true, true, true, true]);
    });
  });

  // src/option-copies.ts: the options objects the library copies are built from `{}` by
  // assignments, so that an empty twin with the same keys (which the library keeps, holding
  // nothing) has their hidden class, and that class outlives the copies.
  describe('copies of options that relations hand on', function () {
    it('have the hidden class of an object built from {} with their keys, in order', function () {
      const S = ctx.scope;
      const heard = [];
      const h = new S.House({ id: 'h' });
      const p = new S.Person({ id: 'p' });
      // The house's `add:occupants` (a copy for the relation's event), the person's `add` to the
      // house's collection (Backbone's `set`'s options, as the library makes them joining from
      // the other side), and the person's `change:livesIn` when the other house takes it (the
      // options with `__related` its reverse relation makes).
      h.on('add:occupants', (model, collection, options) => heard.push(['add:occupants', options]));
      p.on('add', (model, collection, options) => heard.push(['add', options]));
      p.on('change:livesIn', (model, value, options) => heard.push(['change:livesIn', options]));
      p.set('livesIn', h, { custom: 1 });
      const other = new S.House({ id: 'o', occupants: ['p'] });
      expect(p.get('livesIn')).to.equal(other);
      expect(heard.map(([name]) => name)).to.include.members(['add:occupants', 'add', 'change:livesIn']);
      for (const [name, options] of heard) {
        const twin = {};
        for (const key in options) twin[key] = undefined;
        expect([name, haveSameMap(options, twin)]).to.deep.equal([name, true]);
      }
    });
  });

  describe('Store.prototype register / unregister', function () {
    it('a spy on register sees a model with an id being created', function () {
      const S = ctx.scope;
      const spy = sinon.spy(Backbone.Store.prototype, 'register');
      const p = new S.Person({ id: 'p' });
      expect(spy.getCalls().some((c) => c.args[0] === p)).to.equal(true);
    });

    it('a spy on unregister sees a destroyed model', function () {
      const S = ctx.scope;
      sinon.stub(Backbone, 'sync').callsFake((method, model, options) => { options.success({}); return null; });
      const p = new S.Person({ id: 'p' });
      const spy = sinon.spy(Backbone.Store.prototype, 'unregister');
      p.destroy();
      expect(spy.getCalls().some((c) => c.args[0] === p)).to.equal(true);
      expect(Backbone.Relational.store.find(S.Person, 'p')).to.not.be.ok;
    });
  });
});
