/** A row of a flat list that names its parent (departments, catalogue entries). */
export interface FlatNode {
  id: number;
  parent_id: number | null;
  sort?: number;
}

export type TreeNode<T> = T & { children?: TreeNode<T>[] };

function bySortThenId(a: FlatNode, b: FlatNode): number {
  return (a.sort ?? 0) - (b.sort ?? 0) || a.id - b.id;
}

/** True when following parent_id upwards from `start` comes back to `id`. */
function formsCycle(id: number, start: number | null, parentOf: Map<number, number | null>): boolean {
  const seen = new Set<number>();
  for (let cur = start; cur !== null && parentOf.has(cur); cur = parentOf.get(cur) ?? null) {
    if (cur === id || seen.has(cur)) return true;
    seen.add(cur);
  }
  return false;
}

/**
 * Builds a tree from a flat parent_id list, siblings ordered by sort then id.
 * Rows whose parent is missing, or that would close a cycle, become roots.
 * Leaves have no `children` key, so tables show no expand arrow for them.
 */
export function buildTree<T extends FlatNode>(items: readonly T[]): TreeNode<T>[] {
  const parentOf = new Map<number, number | null>(items.map((i) => [i.id, i.parent_id]));
  const nodes = new Map<number, TreeNode<T>>(items.map((i) => [i.id, { ...i }]));
  const roots: TreeNode<T>[] = [];
  for (const item of [...items].sort(bySortThenId)) {
    const node = nodes.get(item.id)!;
    const parent = item.parent_id === null ? undefined : nodes.get(item.parent_id);
    if (!parent || formsCycle(item.id, item.parent_id, parentOf)) {
      roots.push(node);
    } else {
      (parent.children ??= []).push(node);
    }
  }
  return roots;
}

/** The id and the ids of all its descendants (a node cannot move under any of them). */
export function descendantIds(items: readonly FlatNode[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (item.parent_id !== null && out.has(item.parent_id) && !out.has(item.id)) {
        out.add(item.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Marks nodes disabled (for tree selects) when `isDisabled` holds. */
export function markDisabled<T>(
  nodes: readonly TreeNode<T>[],
  isDisabled: (node: TreeNode<T>) => boolean,
): TreeNode<T & { disabled: boolean }>[] {
  return nodes.map((node) => ({
    ...node,
    disabled: isDisabled(node),
    ...(node.children ? { children: markDisabled(node.children, isDisabled) } : {}),
  })) as TreeNode<T & { disabled: boolean }>[];
}
