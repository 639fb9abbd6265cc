'use strict';
// Store collections keep their members in slots until `models` is read (src/store-collection.ts):
// what an application sees must be what a Backbone array gives. Each scenario runs twice, once
// on store collections left in slots and once on store collections whose `models` was read
// first (Backbone's own array from then on), and the two records must be identical.
const { expect } = require('chai');
const { Backbone, useFreshStore } = require('./_helpers');

function defineModels(S) {
  S.Item = Backbone.RelationalModel.extend({});
  S.Box = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'items', relatedModel: 'Item', reverseRelation: { key: 'box' } }],
  });
}

// A small deterministic generator, so a failing order can be replayed.
function shuffled(list, seed) {
  const out = list.slice();
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Every `remove` a model hears (its index, and the option names), and the store collection's
// `relational:remove` options, in order.
function recordRemovals(models, storeCollection, log) {
  for (const model of models) {
    model.on('remove', (m, collection, options) => {
      if (collection === storeCollection) log.push(['remove', m.id, options.index, Object.keys(options).sort().join(',')]);
    });
  }
  storeCollection.on('relational:remove', (m, collection, options) => {
    log.push(['relational:remove', m.id, options && options.index, options ? Object.keys(options).sort().join(',') : '-']);
  });
}

describe('Store collections (slots until models is read)', function () {
  const ctx = useFreshStore(defineModels);
  const store = () => Backbone.Relational.store;

  // Runs `scenario(readFirst)` twice and returns both records.
  function bothWays(scenario) {
    const inSlots = scenario(false);
    store().reset();
    store().addModelScope(ctx.scope);
    const inArray = scenario(true);
    return { inSlots, inArray };
  }

  function destroyInOrder(readFirst, count, seed) {
    const items = [];
    for (let i = 1; i <= count; i++) items.push(new ctx.scope.Item({ id: i }));
    const collection = store().getCollection(ctx.scope.Item);
    if (readFirst) expect(collection.models.length).to.equal(count);
    const log = [];
    recordRemovals(items, collection, log);
    const sync = Backbone.sync;
    Backbone.sync = (method, model, options) => options.success({});
    try {
      for (const item of shuffled(items, seed)) {
        item.destroy();
        log.push(['length', collection.length]);
      }
    } finally {
      Backbone.sync = sync;
    }
    log.push(['left', collection.models.map((m) => m.id).join(',')]);
    return log;
  }

  it('destroying models in any order gives the indexes and options of a Backbone array', function () {
    for (const seed of [1, 7, 42]) {
      const { inSlots, inArray } = bothWays((readFirst) => destroyInOrder(readFirst, 150, seed));
      expect(inSlots).to.deep.equal(inArray);
      expect(inSlots.filter((entry) => entry[0] === 'remove')).to.have.length(150);
    }
  });

  it('the first model destroyed is at index 0 of registration order; the last one at the end', function () {
    const items = [1, 2, 3].map((id) => new ctx.scope.Item({ id }));
    const indexes = [];
    items.forEach((item) => item.on('remove', (m, c, options) => {
      if (c === store().getCollection(ctx.scope.Item)) indexes.push(options.index);
    }));
    store().unregister(items[2]);
    store().unregister(items[0]);
    store().unregister(items[1]);
    expect(indexes).to.deep.equal([2, 0, 0]);
  });

  it('models and length are right after joining and leaving, and registration order is kept', function () {
    const collection = () => store().getCollection(ctx.scope.Item);
    const items = [];
    for (let i = 1; i <= 300; i++) items.push(new ctx.scope.Item({ id: i }));
    for (const item of shuffled(items, 3).slice(0, 250)) store().unregister(item);
    expect(collection().length).to.equal(50);
    // More members than ever joined at once: the slots are numbered anew meanwhile.
    for (let i = 301; i <= 700; i++) new ctx.scope.Item({ id: i });
    expect(collection().length).to.equal(450);
    const expected = items.filter((item) => collection().get(item.id)).map((item) => item.id);
    for (let i = 301; i <= 700; i++) expected.push(i);
    expect(collection().models.map((m) => m.id)).to.deep.equal(expected);
  });

  it('an array of models read earlier changes as Backbone\'s does', function () {
    const items = [1, 2, 3, 4].map((id) => new ctx.scope.Item({ id }));
    const held = store().getCollection(ctx.scope.Item).models;
    store().unregister(items[1]);
    const late = new ctx.scope.Item({ id: 5 });
    expect(held).to.deep.equal([items[0], items[2], items[3], late]);
    expect(store().getCollection(ctx.scope.Item).models).to.equal(held);
  });

  it('a listener that reads models in the middle of a removal sees the collection as Backbone leaves it', function () {
    const { inSlots, inArray } = bothWays((readFirst) => {
      const items = [1, 2, 3, 4, 5].map((id) => new ctx.scope.Item({ id }));
      const collection = store().getCollection(ctx.scope.Item);
      if (readFirst) collection.models;
      const log = [];
      items[1].on('remove', (m, c, options) => {
        if (c === collection) log.push(['seen', collection.models.map((x) => x.id).join(','), collection.length, options.index]);
      });
      recordRemovals(items, collection, log);
      const removed = collection.remove([items[3], items[1], items[0]]);
      log.push(['removed', removed.map((m) => m.id).join(',')]);
      log.push(['left', collection.models.map((m) => m.id).join(',')]);
      return log;
    });
    expect(inSlots).to.deep.equal(inArray);
  });

  it('removing nothing returns what Backbone returns', function () {
    const { inSlots, inArray } = bothWays((readFirst) => {
      new ctx.scope.Item({ id: 1 });
      const collection = store().getCollection(ctx.scope.Item);
      if (readFirst) collection.models;
      const stranger = new Backbone.Model({ id: 9 });
      return [collection.remove(stranger), collection.remove([stranger]), collection.remove([])];
    });
    expect(inSlots).to.deep.equal(inArray);
  });

  it('destroying the members of a HasMany leaves the relation and the store as with an array', function () {
    const { inSlots, inArray } = bothWays((readFirst) => {
      const box = new ctx.scope.Box({ id: 'b', items: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] });
      const collection = store().getCollection(ctx.scope.Item);
      if (readFirst) collection.models;
      const log = [];
      recordRemovals(box.get('items').models, collection, log);
      box.get('items').on('remove', (m, c, options) => log.push(['items remove', m.id, options.index]));
      const sync = Backbone.sync;
      Backbone.sync = (method, model, options) => options.success({});
      try {
        box.get('items').at(2).destroy();
        box.get('items').at(0).destroy();
      } finally {
        Backbone.sync = sync;
      }
      log.push(['items', box.get('items').pluck('id').join(',')]);
      log.push(['store', collection.models.map((m) => m.id).join(',')]);
      return log;
    });
    expect(inSlots).to.deep.equal(inArray);
    expect(inSlots.slice(-2)).to.deep.equal([['items', '2,4'], ['store', '2,4']]);
  });

  it('a store collection emptied by unregistering its type takes new members again in order', function () {
    [1, 2, 3].forEach((id) => new ctx.scope.Item({ id }));
    store().unregister(ctx.scope.Item);
    const collection = store().getCollection(ctx.scope.Item);
    expect(collection.length).to.equal(0);
    [4, 5].forEach((id) => new ctx.scope.Item({ id }));
    store().unregister(collection.get(4));
    new ctx.scope.Item({ id: 6 });
    expect(collection.models.map((m) => m.id)).to.deep.equal([5, 6]);
    expect(collection.get(4)).to.equal(undefined);
  });
});
