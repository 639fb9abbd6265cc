// Semaphore and BlockingQueue: the two small primitives behind "events fire only once the
// whole object graph is consistent". While any code holds a block on the global
// `Backbone.Relational.eventQueue`, the events it produces wait in the queue; when the last
// block is lifted they run in the order they were queued.

import { defineClass } from './define-class';

/** What `Semaphore` mixes into an object. */
export interface SemaphoreMixin {
  _permitsAvailable: number | null;
  _permitsUsed: number;
  /** Take a permit; throws when a limit was set and every permit is taken. */
  acquire(): void;
  /** Give a permit back; throws when none is taken. */
  release(): void;
  /** Whether any permit is taken. */
  isLocked(): boolean;
  /** Limit the number of permits; throws when more than that are taken already. */
  setAvailablePermits(amount: number): void;
}

/**
 * A counting semaphore, as a mixin object (0.10.0 mixes it into `RelationalModel`,
 * `Relation` and `BlockingQueue` with `_.extend`). With no limit set it counts without bound.
 */
export const Semaphore: SemaphoreMixin = {
  _permitsAvailable: null,
  _permitsUsed: 0,

  acquire(this: SemaphoreMixin) {
    if (this._permitsAvailable && this._permitsUsed >= this._permitsAvailable) {
      throw new Error('Max permits acquired');
    }
    this._permitsUsed++;
  },

  release(this: SemaphoreMixin) {
    if (this._permitsUsed === 0) {
      throw new Error('All permits released');
    }
    this._permitsUsed--;
  },

  isLocked(this: SemaphoreMixin) {
    return this._permitsUsed > 0;
  },

  setAvailablePermits(this: SemaphoreMixin, amount: number) {
    if (this._permitsUsed > amount) {
      throw new Error('Available permits cannot be less than used permits');
    }
    this._permitsAvailable = amount;
  },
};

/** The Semaphore's members, as mixed into a class (declaration merging types them). */
export interface SemaphoreMembers extends SemaphoreMixin {}

/**
 * Run each function of a queue (and each call queued without a closure, see `queueCall2`); one
 * failing does not stop the rest, and the first error is rethrown.
 */
export function runEach(entries: ReadonlyArray<unknown>): void {
  let failure: { error: unknown } | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as any;
    const width = argumentsAfter(entry);
    try {
      if (width) entry(entries, i);
      else entry();
    } catch (error) {
      if (!failure) failure = { error };
    }
    i += width;
  }
  if (failure) throw failure.error;
}

// Calls queued without a closure. The library queues several events for every model it links
// (its `change` events, a collection's `add`, a relation's `add:<key>`), and a closure per
// event (a function object and its context) was most of what queueing them allocated. A call
// is kept in `_queue` itself instead: one of these markers, the function, then its arguments.
// (Only in a queue whose `add` and `process` are `BlockingQueue`'s own: code that replaces
// them gets closures, as it always did.)

/** Marks `fn, a, b` in a queue: runs `fn(a, b)`. */
function queuedCallOf2(entries: ReadonlyArray<any>, at: number): void {
  entries[at + 1](entries[at + 2], entries[at + 3]);
}
/** Marks `fn, a, b, c` in a queue: runs `fn(a, b, c)`. */
function queuedCallOf3(entries: ReadonlyArray<any>, at: number): void {
  entries[at + 1](entries[at + 2], entries[at + 3], entries[at + 4]);
}
/** Marks `fn, a, b, c, d, e, f` in a queue: runs `fn(a, b, c, d, e, f)`. */
function queuedCallOf6(entries: ReadonlyArray<any>, at: number): void {
  entries[at + 1](entries[at + 2], entries[at + 3], entries[at + 4], entries[at + 5], entries[at + 6], entries[at + 7]);
}

/** How many entries after `entry` belong to it: the function and arguments of a queued call, none after a function. */
function argumentsAfter(entry: unknown): number {
  if (entry === queuedCallOf2) return 3;
  if (entry === queuedCallOf3) return 4;
  if (entry === queuedCallOf6) return 7;
  return 0;
}

/** Whether `queue` runs and holds what it is given as `BlockingQueue` itself does (see above). */
function holdsCallsFlat(queue: BlockingQueue): boolean {
  return queue.add === ownAdd && queue.process === ownProcess;
}

/** `queue.add(() => fn(a, b))`, without the closure where the queue allows it. */
export function queueCall2<A, B>(queue: BlockingQueue, fn: (a: A, b: B) => void, a: A, b: B): void {
  if (!holdsCallsFlat(queue)) queue.add(() => fn(a, b));
  else if (queue.isBlocked()) (queue._queue as unknown[]).push(queuedCallOf2, fn, a, b);
  else fn(a, b);
}

/** `queue.add(() => fn(a, b, c))`, without the closure where the queue allows it. */
export function queueCall3<A, B, C>(queue: BlockingQueue, fn: (a: A, b: B, c: C) => void, a: A, b: B, c: C): void {
  if (!holdsCallsFlat(queue)) queue.add(() => fn(a, b, c));
  else if (queue.isBlocked()) (queue._queue as unknown[]).push(queuedCallOf3, fn, a, b, c);
  else fn(a, b, c);
}

/** `queue.add(() => fn(a, b, c, d, e, f))`, without the closure where the queue allows it. */
export function queueCall6<A, B, C, D, E, F>(
  queue: BlockingQueue, fn: (a: A, b: B, c: C, d: D, e: E, f: F) => void, a: A, b: B, c: C, d: D, e: E, f: F,
): void {
  if (!holdsCallsFlat(queue)) queue.add(() => fn(a, b, c, d, e, f));
  else if (queue.isBlocked()) (queue._queue as unknown[]).push(queuedCallOf6, fn, a, b, c, d, e, f);
  else fn(a, b, c, d, e, f);
}

/**
 * Run `operation` with `queue` blocked, so the events it causes wait until it has finished (and
 * the graph it changed is consistent). The hottest paths (a model's `set`, its constructor, a
 * collection's `set`, destroying or unregistering one model) do the same inline, to spare a
 * closure per call.
 */
export function whileBlocked<T>(queue: BlockingQueue, operation: () => T): T {
  queue.block();
  try {
    return operation();
  } finally {
    queue.unblock();
  }
}

interface BlockingQueueMembers extends SemaphoreMixin {}
class BlockingQueueMembers {
  /** The functions waiting, in order (and calls queued without a closure: see `queueCall2`). */
  declare _queue: Array<() => void>;

  /** Run `func` now, or, while the queue is blocked, once it is unblocked. */
  add(func: () => void): void {
    if (this.isBlocked()) this._queue.push(func);
    else func();
  }

  /**
   * Run everything queued so far. Functions queued while this runs (by an event handler that
   * changes more relations) run as they are added, since the queue is no longer blocked.
   * One failing function does not stop the others; the first error is rethrown at the end.
   */
  process(): void {
    const queue = this._queue;
    if (!queue.length) return;
    this._queue = [];
    runEach(queue);
  }

  /** Hold everything added from now on. Blocks nest: each needs its own `unblock`. */
  block(): void {
    this.acquire();
  }

  /** Lift one block; when it was the last, run what was queued. */
  unblock(): void {
    this.release();
    if (!this.isBlocked()) this.process();
  }

  /** Whether functions added now would wait. */
  isBlocked(): boolean {
    return this.isLocked();
  }
}

/** A queue of functions that run at once, or, while it is blocked, when it is unblocked. */
export const BlockingQueue = defineClass('BlockingQueue', BlockingQueueMembers, function BlockingQueue(this: BlockingQueueMembers) {
  this._queue = [];
}) as unknown as BlockingQueueConstructor;

/** The type of `BlockingQueue` itself. */
export interface BlockingQueueConstructor {
  new (): BlockingQueue;
  prototype: BlockingQueue;
}
Object.assign(BlockingQueue.prototype, Semaphore);
export type BlockingQueue = BlockingQueueMembers & SemaphoreMixin;
const ownAdd = BlockingQueue.prototype.add;
const ownProcess = BlockingQueue.prototype.process;
