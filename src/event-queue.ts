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

/** Run each function; one failing does not stop the rest, and the first error is rethrown. */
export function runEach(functions: ReadonlyArray<() => void>): void {
  let failure: { error: unknown } | null = null;
  for (let i = 0; i < functions.length; i++) {
    try {
      functions[i]();
    } catch (error) {
      if (!failure) failure = { error };
    }
  }
  if (failure) throw failure.error;
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
