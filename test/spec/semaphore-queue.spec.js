'use strict';
// Backbone.Semaphore (a mixin), Backbone.BlockingQueue and the global
// Backbone.Relational.eventQueue that holds events until the object graph is consistent.
const { expect } = require('chai');
const { Backbone, _, useFreshStore } = require('./_helpers');

describe('Semaphore', function () {
  function semaphore() {
    return _.extend({}, Backbone.Semaphore);
  }

  it('is a mixin object with acquire, release, isLocked and setAvailablePermits', function () {
    expect(Backbone.Semaphore).to.be.an('object');
    ['acquire', 'release', 'isLocked', 'setAvailablePermits'].forEach((name) => {
      expect(Backbone.Semaphore[name], name).to.be.a('function');
    });
  });

  it('starts unlocked, with no permits used and no limit', function () {
    const sem = semaphore();
    expect(sem.isLocked()).to.equal(false);
    expect(sem._permitsUsed).to.equal(0);
    expect(sem._permitsAvailable).to.not.be.ok;
  });

  it('counts acquires and releases in _permitsUsed and is locked while any permit is held', function () {
    const sem = semaphore();
    sem.acquire();
    sem.acquire();
    expect(sem._permitsUsed).to.equal(2);
    expect(sem.isLocked()).to.equal(true);
    sem.release();
    expect(sem.isLocked()).to.equal(true);
    sem.release();
    expect(sem._permitsUsed).to.equal(0);
    expect(sem.isLocked()).to.equal(false);
  });

  it('throws when releasing more than was acquired', function () {
    const sem = semaphore();
    expect(() => sem.release()).to.throw(Error);
    sem.acquire();
    sem.release();
    expect(() => sem.release()).to.throw(Error);
    expect(sem._permitsUsed).to.equal(0);
  });

  it('throws when acquiring beyond the available permits', function () {
    const sem = semaphore();
    sem.setAvailablePermits(2);
    expect(sem._permitsAvailable).to.equal(2);
    sem.acquire();
    sem.acquire();
    expect(() => sem.acquire()).to.throw(Error);
    expect(sem._permitsUsed).to.equal(2);
  });

  it('throws when the available permits are set below the permits in use', function () {
    const sem = semaphore();
    sem.acquire();
    sem.acquire();
    expect(() => sem.setAvailablePermits(1)).to.throw(Error);
    sem.setAvailablePermits(2);
    expect(sem._permitsAvailable).to.equal(2);
  });

  it('keeps separate counts per object it is mixed into', function () {
    const a = semaphore();
    const b = semaphore();
    a.acquire();
    expect(a.isLocked()).to.equal(true);
    expect(b.isLocked()).to.equal(false);
    expect(Backbone.Semaphore._permitsUsed).to.equal(0);
  });

  it('is mixed into relational models and relations', function () {
    const Thing = Backbone.RelationalModel.extend({});
    const thing = new Thing();
    ['acquire', 'release', 'isLocked'].forEach((name) => {
      expect(thing[name], name).to.be.a('function');
      expect(Backbone.Relation.prototype[name], name).to.be.a('function');
    });
    expect(thing.isLocked()).to.equal(false);
  });
});

describe('BlockingQueue', function () {
  let queue, out;
  beforeEach(function () {
    queue = new Backbone.BlockingQueue();
    out = [];
  });

  it('runs a function at once when not blocked', function () {
    queue.add(() => out.push(1));
    expect(out).to.deep.equal([1]);
    expect(queue.isBlocked()).to.equal(false);
  });

  it('holds functions while blocked and runs them in order on unblock', function () {
    queue.block();
    expect(queue.isBlocked()).to.equal(true);
    queue.add(() => out.push(1));
    queue.add(() => out.push(2));
    expect(out).to.deep.equal([]);
    queue.unblock();
    expect(out).to.deep.equal([1, 2]);
    expect(queue.isBlocked()).to.equal(false);
  });

  it('counts nested blocks: runs only when the last block is lifted', function () {
    queue.block();
    queue.block();
    queue.add(() => out.push('a'));
    queue.unblock();
    expect(out).to.deep.equal([]);
    expect(queue.isBlocked()).to.equal(true);
    queue.unblock();
    expect(out).to.deep.equal(['a']);
  });

  it('process() runs the held functions even while blocked, and stays blocked', function () {
    queue.block();
    queue.add(() => out.push('x'));
    queue.process();
    expect(out).to.deep.equal(['x']);
    expect(queue.isBlocked()).to.equal(true);
    queue.unblock();
    expect(out).to.deep.equal(['x']);
  });

  it('runs each held function once', function () {
    queue.block();
    queue.add(() => out.push('once'));
    queue.unblock();
    queue.block();
    queue.unblock();
    expect(out).to.deep.equal(['once']);
  });

  it('throws when unblocked more often than blocked', function () {
    expect(() => queue.unblock()).to.throw(Error);
    queue.block();
    queue.unblock();
    expect(() => queue.unblock()).to.throw(Error);
  });

  it('runs functions added by a held function right after it, before the rest', function () {
    queue.block();
    queue.add(() => out.push('A'));
    queue.add(() => {
      out.push('B');
      queue.block();
      queue.add(() => out.push('D'));
      queue.add(() => out.push('E'));
      queue.unblock();
    });
    queue.add(() => out.push('C'));
    queue.unblock();
    expect(out).to.deep.equal(['A', 'B', 'D', 'E', 'C']);
  });

  it('queues are independent of each other', function () {
    const other = new Backbone.BlockingQueue();
    queue.block();
    other.add(() => out.push('other'));
    expect(out).to.deep.equal(['other']);
    expect(other.isBlocked()).to.equal(false);
    queue.unblock();
  });
});

describe('Backbone.Relational.eventQueue', function () {
  const ctx = useFreshStore(function (S) {
    S.Person = Backbone.RelationalModel.extend({});
  });

  it('is a BlockingQueue, not blocked between operations', function () {
    expect(Backbone.Relational.eventQueue).to.be.an.instanceof(Backbone.BlockingQueue);
    expect(Backbone.Relational.eventQueue.isBlocked()).to.equal(false);
  });

  it('runs added functions at once when not blocked', function () {
    const out = [];
    Backbone.Relational.eventQueue.add(() => out.push(1));
    expect(out).to.deep.equal([1]);
  });

  it('is blocked while a model is being set, so that events wait for the graph', function () {
    const S = ctx.scope;
    const states = [];
    S.Person.prototype.initialize = function () {
      states.push(Backbone.Relational.eventQueue.isBlocked());
    };
    new S.Person({ id: 1 });
    expect(states).to.deep.equal([true]);
    expect(Backbone.Relational.eventQueue.isBlocked()).to.equal(false);
  });

  it('holds model events while blocked by the application', function () {
    const S = ctx.scope;
    const p = new S.Person({ id: 1 });
    const out = [];
    p.on('change:name', () => out.push('change:name'));
    const q = Backbone.Relational.eventQueue;
    q.block();
    p.set('name', 'x');
    Backbone.Relational.eventQueue.add(() => out.push('mine'));
    expect(out).to.deep.equal([]);
    q.unblock();
    expect(out).to.deep.equal(['change:name', 'mine']);
  });
});
