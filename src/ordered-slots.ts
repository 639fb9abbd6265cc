// Members in numbered slots
// --------------------------
//
// How a store collection holds its members while it has no array (see `store-collection.ts`):
// in numbered slots, in the order they came, with a Fenwick tree counting the occupied ones, so
// a member joins in O(1), and leaves and finds its index in O(log n). `ModelSlots` holds the
// models themselves; a store that forgets holds weak records in its own `OrderedSlots`
// (`forgetting-store.ts`).

import type { RelationalModel } from './internal';

/** What a store collection keeps its members in while it has no array (see `createStoreCollection`). */
export interface Members {
  /** Whether the members are held weakly (see `forgetting-store.ts`): `models` is then always a copy. */
  readonly weak: boolean;
  readonly size: number;
  append(model: RelationalModel): void;
  /** Take `model` out; returns its index among the members, or -1 if it is not one. */
  remove(model: RelationalModel): number;
  /** Whether `model` is a member. */
  has(model: RelationalModel): boolean;
  /** The members, in order. */
  toArray(): RelationalModel[];
}

/**
 * Entries in numbered slots, in the order they came, with a Fenwick tree counting the occupied
 * slots: appending is O(1), taking an entry out and finding its index O(log n).
 */
export abstract class OrderedSlots<E> {
  protected slots: Array<E | undefined> = [];
  private tree = new Int32Array(64); // 1-based: tree[i] counts the occupied slots (i - lowbit(i), i]
  size = 0;

  protected abstract slotOf(entry: E): number;
  protected abstract setSlot(entry: E, slot: number): void;

  protected appendEntry(entry: E): void {
    if (this.slots.length + 1 >= this.tree.length) {
      if (this.slots.length > 2 * this.size + 64) this.compact();
      else this.rebuild();
    }
    const slot = this.slots.length;
    this.slots.push(entry);
    this.setSlot(entry, slot);
    this.count(slot, 1);
    this.size++;
  }

  protected holds(entry: E): boolean {
    const slot = this.slotOf(entry);
    return slot >= 0 && this.slots[slot] === entry;
  }

  /** Empty `entry`'s slot; returns the number of entries before it, or -1 if it is not here. */
  protected removeEntry(entry: E): number {
    const slot = this.slotOf(entry);
    if (!(slot >= 0 && this.slots[slot] === entry)) return -1;
    const index = this.before(slot);
    this.slots[slot] = undefined;
    this.count(slot, -1);
    this.size--;
    return index;
  }

  protected entries(): E[] {
    const entries: E[] = [];
    for (const entry of this.slots) if (entry !== undefined) entries.push(entry);
    return entries;
  }

  /** Drop the empty slots, numbering the entries anew (the tree shrinks to fit them). */
  protected compact(): void {
    this.slots = this.entries();
    this.slots.forEach((entry, slot) => this.setSlot(entry as E, slot));
    this.rebuild();
  }

  protected get slotCount(): number {
    return this.slots.length;
  }

  /** How many occupied slots come before `slot`. */
  private before(slot: number): number {
    let sum = 0;
    for (let i = slot; i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  private count(slot: number, delta: number): void {
    const tree = this.tree;
    for (let i = slot + 1; i < tree.length; i += i & -i) tree[i] += delta;
  }

  /** A tree with room for twice the slots there are. */
  private rebuild(): void {
    let capacity = 64;
    while (capacity <= 2 * (this.slots.length + 1)) capacity *= 2;
    const tree = new Int32Array(capacity);
    this.slots.forEach((entry, slot) => {
      if (entry !== undefined) tree[slot + 1] += 1;
    });
    // Each node passes its count on to its parent: the tree of all counts in O(n).
    for (let i = 1; i < capacity; i++) {
      const parent = i + (i & -i);
      if (parent < capacity) tree[parent] += tree[i];
    }
    this.tree = tree;
  }
}

/** The members of a store collection, held as they are; each model knows its slot. */
export class ModelSlots extends OrderedSlots<RelationalModel> implements Members {
  readonly weak = false;

  protected slotOf(model: RelationalModel): number {
    return model._storeSlot;
  }

  protected setSlot(model: RelationalModel, slot: number): void {
    model._storeSlot = slot;
  }

  append(model: RelationalModel): void {
    this.appendEntry(model);
  }

  remove(model: RelationalModel): number {
    return this.removeEntry(model);
  }

  has(model: RelationalModel): boolean {
    return this.holds(model);
  }

  toArray(): RelationalModel[] {
    return this.entries();
  }
}
