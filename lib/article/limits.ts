/** Size limits past which we give up with a clear message instead of freezing the tab. */
export const MAX_ELEMENTS = 400_000;
export const MAX_DEPTH = 1_500;

export type LimitProblem = 'too-many-elements' | 'too-deep' | null;

/** Checks element count and nesting depth without recursion (deep pages overflow the stack). */
export function checkLimits(doc: Document): LimitProblem {
  const root = doc.documentElement;
  if (!root) return null;
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return 'too-many-elements';
  let depth = 0;
  let node: Element | null = root;
  // Depth-first walk by sibling/parent pointers: constant stack whatever the nesting.
  while (node) {
    if (node.firstElementChild) {
      node = node.firstElementChild;
      depth++;
      if (depth > MAX_DEPTH) return 'too-deep';
      continue;
    }
    while (node && !node.nextElementSibling) {
      node = node.parentElement;
      depth--;
      if (node === root || depth <= 0) return null;
    }
    node = node?.nextElementSibling ?? null;
  }
  return null;
}
