'use strict';
// The warnings of the spec: console.warn while Backbone.Relational.showWarnings is true (and
// never when it is false) for a relation that cannot be set up. Such a relation is skipped and
// the model otherwise works. Only the fact of the warning is asserted (and that it names the key
// where 0.10.0 passes the key itself), not its wording.
const util = require('util');
const { expect } = require('chai');
const { Backbone, useFreshStore, stubWarn } = require('./_helpers');

// The text of every console.warn call, with objects shallowly inspected.
function warnTexts(stub) {
  return stub.getCalls().map((call) =>
    call.args.map((a) => (typeof a === 'string' ? a : util.inspect(a, { depth: 0 }))).join(' '));
}

describe('Warnings', function () {
  const ctx = useFreshStore(function (S) {
    S.Animal = Backbone.RelationalModel.extend({});
    S.Plain = Backbone.Model.extend({});
  });

  // Each case defines a type with one bad relation (and a good one where it matters) and
  // returns an instance.
  const cases = {
    'a relation without a type': (S) => {
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ key: 'broken', relatedModel: 'Animal' }, { type: 'HasOne', key: 'mascot', relatedModel: 'Animal' }],
      });
      return new S.Zoo({ broken: 1, mascot: { id: 'm' } });
    },
    'an unknown type name': (S) => {
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasSome', key: 'broken', relatedModel: 'Animal' }, { type: 'HasOne', key: 'mascot', relatedModel: 'Animal' }],
      });
      return new S.Zoo({ broken: 1, mascot: { id: 'm' } });
    },
    'a type that is not a relation': (S) => {
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: Backbone.Model, key: 'broken', relatedModel: 'Animal' }, { type: 'HasOne', key: 'mascot', relatedModel: 'Animal' }],
      });
      return new S.Zoo({ broken: 1, mascot: { id: 'm' } });
    },
    'a relatedModel name that does not resolve': (S) => {
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'broken', relatedModel: 'NoSuchTypeAnywhere' }, { type: 'HasOne', key: 'mascot', relatedModel: 'Animal' }],
      });
      return new S.Zoo({ broken: 1, mascot: { id: 'm' } });
    },
    'a relatedModel that is not a RelationalModel': (S) => {
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'broken', relatedModel: 'Plain' }, { type: 'HasOne', key: 'mascot', relatedModel: 'Animal' }],
      });
      return new S.Zoo({ broken: 1, mascot: { id: 'm' } });
    },
    'a HasMany whose reverse relation is a HasMany': (S) => {
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [
          { type: 'HasMany', key: 'broken', relatedModel: 'Animal', reverseRelation: { type: 'HasMany', key: 'zoos' } },
          { type: 'HasOne', key: 'mascot', relatedModel: 'Animal' },
        ],
      });
      return new S.Zoo({ broken: 1, mascot: { id: 'm' } });
    },
  };

  Object.keys(cases).forEach(function (name) {
    describe(name, function () {
      it('warns', function () {
        const warn = stubWarn();
        cases[name](ctx.scope);
        expect(warn.called).to.equal(true);
      });

      it('skips that relation and keeps the raw attribute, while the other relations work', function () {
        stubWarn();
        const zoo = cases[name](ctx.scope);
        expect(zoo.getRelation('broken')).to.not.be.ok;
        expect(zoo.get('broken')).to.equal(1);
        expect(zoo.getRelation('mascot')).to.be.an.instanceof(Backbone.HasOne);
        expect(zoo.get('mascot')).to.be.an.instanceof(ctx.scope.Animal);
        zoo.set('name', 'still works');
        expect(zoo.get('name')).to.equal('still works');
      });

      it('does not warn while showWarnings is false', function () {
        const warn = stubWarn();
        Backbone.Relational.showWarnings = false;
        const zoo = cases[name](ctx.scope);
        expect(warn.called).to.equal(false);
        expect(zoo.getRelation('broken')).to.not.be.ok;
      });
    });
  });

  it('a HasMany with a HasMany reverse gives the related type no reverse relation', function () {
    stubWarn();
    const S = ctx.scope;
    cases['a HasMany whose reverse relation is a HasMany'](S);
    const animal = new S.Animal({ id: 'a' });
    expect(animal.getRelation('zoos')).to.not.be.ok;
  });

  it('warns for a relation without a key, and creates no relation', function () {
    const warn = stubWarn();
    const S = ctx.scope;
    S.Zoo = Backbone.RelationalModel.extend({ relations: [{ type: 'HasOne', relatedModel: 'Animal' }] });
    const zoo = new S.Zoo({ name: 'z' });
    expect(warn.called).to.equal(true);
    expect(zoo.getRelations()).to.have.lengthOf(0);
    expect(zoo.get('name')).to.equal('z');
  });

  it('warns for a relation whose model is not a RelationalModel', function () {
    const warn = stubWarn();
    const S = ctx.scope;
    const rel = new Backbone.HasOne(null, { model: S.Plain, type: Backbone.HasOne, key: 'owner', relatedModel: S.Animal });
    expect(warn.called).to.equal(true);
    expect(rel.related).to.not.be.ok;
    expect(new S.Animal({ id: 1 }).getRelations()).to.have.lengthOf(0);
  });

  it('warns for a key already taken by another relation, naming the key, and keeps the first relation', function () {
    const warn = stubWarn();
    const S = ctx.scope;
    S.Zoo = Backbone.RelationalModel.extend({
      relations: [
        { type: 'HasOne', key: 'dupKey', relatedModel: 'Animal' },
        { type: 'HasMany', key: 'dupKey', relatedModel: 'Animal' },
      ],
    });
    const zoo = new S.Zoo({ dupKey: { id: 3 } });
    expect(warn.called).to.equal(true);
    expect(warnTexts(warn).join('\n')).to.contain('dupKey');
    expect(zoo.getRelation('dupKey')).to.be.an.instanceof(Backbone.HasOne);
    expect(zoo.get('dupKey')).to.be.an.instanceof(S.Animal);
    expect(zoo.getRelations()).to.have.lengthOf(1);
  });

  it('warns for a collectionKey already present on the collection, naming it, and leaves it alone', function () {
    const warn = stubWarn();
    const S = ctx.scope;
    S.Pen = Backbone.Collection.extend({ ownerRef: 'taken' });
    S.Zoo = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: 'Pen', collectionKey: 'ownerRef', reverseRelation: { key: 'zoo' } }],
    });
    const zoo = new S.Zoo({ animals: [{ id: 4 }] });
    expect(warn.called).to.equal(true);
    expect(warnTexts(warn).join('\n')).to.contain('ownerRef');
    expect(zoo.get('animals').ownerRef).to.equal('taken');
    expect(zoo.get('animals').length).to.equal(1);
    expect(zoo.get('animals').at(0).get('zoo')).to.equal(zoo);
  });

  it('does not warn for a collectionKey that is free, nor while showWarnings is false', function () {
    const warn = stubWarn();
    const S = ctx.scope;
    S.Pen = Backbone.Collection.extend({ ownerRef: 'taken' });
    S.Zoo = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: 'Pen', collectionKey: 'keeper' }],
    });
    const zoo = new S.Zoo({});
    expect(zoo.get('animals').keeper).to.equal(zoo);
    Backbone.Relational.showWarnings = false;
    S.Zoo2 = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: 'Pen', collectionKey: 'ownerRef' }],
    });
    new S.Zoo2({});
    expect(warn.called).to.equal(false);
  });

  it('valid relations produce no warnings', function () {
    const warn = stubWarn();
    const S = ctx.scope;
    S.Zoo = Backbone.RelationalModel.extend({
      relations: [
        { type: 'HasMany', key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn' } },
        { type: Backbone.HasOne, key: 'mascot', relatedModel: S.Animal },
      ],
    });
    const zoo = new S.Zoo({ id: 1, animals: [{ id: 2 }], mascot: { id: 3 } });
    zoo.set('animals', [{ id: 4 }]);
    expect(warn.called).to.equal(false);
  });
});
