// Backbone's `extend` creates subclasses whose constructors call their parent as
// `Parent.apply(this, arguments)`, and old applications write constructors that do the same.
// An ES class constructor refuses to be called that way, so each public type of this
// library is a plain constructor function. Its methods are written in a TypeScript class
// (the "members" class) for typing and documentation, and copied onto the function's
// prototype here. Methods keep their `super` binding, so `super.set(...)` still reaches
// the parent's method.

/**
 * Build a Backbone-style constructor called `name`: `construct` is the constructor body, `members` a class
 * whose prototype methods and static methods become those of the result, `Parent` the type it
 * inherits from. Members are enumerable like Backbone's, so `_.extend` and `Backbone.extend`
 * copy statics to subclasses as they would for any Backbone type.
 */
export function defineClass<T extends abstract new (...args: any[]) => any>(
  name: string,
  members: T,
  construct: (this: InstanceType<T>, ...args: any[]) => void,
  Parent?: Function,
): T {
  const ctor = construct as unknown as Function & Record<string, any>;
  // Renaming a function turns it into a dictionary in V8, and `instanceof` a dictionary takes a
  // slow path (about 14 ns against 2 here): the library's own types are written with their name,
  // and only a function a minifier renamed gets its name back here, at that cost.
  if (ctor.name !== name) Object.defineProperty(ctor, 'name', { value: name, configurable: true });

  const parentPrototype = Parent ? Parent.prototype : Object.prototype;
  ctor.prototype = Object.create(parentPrototype);
  copyMembers(members.prototype, ctor.prototype);
  Object.defineProperty(ctor.prototype, 'constructor', {
    value: ctor, writable: true, configurable: true, enumerable: false,
  });

  if (Parent) {
    // Static inheritance the way Backbone's `extend` does it (own enumerable statics),
    // plus the prototype chain so statics added to the parent later are seen too.
    Object.setPrototypeOf(ctor, Parent);
    for (const key of Object.keys(Parent)) {
      if (!(key in ctor)) ctor[key] = (Parent as any)[key];
    }
    ctor.__super__ = parentPrototype;
  }
  copyMembers(members, ctor, ['length', 'name', 'prototype']);
  return ctor as unknown as T;
}

function copyMembers(from: object, to: object, skip: string[] = ['constructor']): void {
  for (const key of Object.getOwnPropertyNames(from)) {
    if (skip.includes(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(from, key)!;
    descriptor.enumerable = true;
    Object.defineProperty(to, key, descriptor);
  }
}
