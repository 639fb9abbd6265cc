'use strict';
// Late binding without a store (plain Backbone, backbone-associations): the caller groups the
// children by the parent id they name, so each parent finds its own in one lookup.

/** A `Map` from each parent id the children name (`child.get('parent')`) to those children, in order. */
module.exports = function childrenByParent(children) {
  const byParent = new Map();
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const pid = child.get('parent');
    const list = byParent.get(pid);
    if (list) list.push(child);
    else byParent.set(pid, [child]);
  }
  return byParent;
};
