import { describe, expect, it } from 'vitest';

import { buildTree, descendantIds, markDisabled } from '#/utils/tree';

const flat = [
  { id: 1, parent_id: null, name: '院办', sort: 2 },
  { id: 2, parent_id: null, name: '内科', sort: 1 },
  { id: 3, parent_id: 2, name: '心内科', sort: 1 },
  { id: 4, parent_id: 2, name: '消化内科', sort: 0 },
  { id: 5, parent_id: 3, name: '心内一病区', sort: 0 },
];

describe('buildTree', () => {
  it('nests children under parents and orders siblings by sort', () => {
    const tree = buildTree(flat);
    expect(tree.map((n) => n.name)).toEqual(['内科', '院办']);
    expect(tree[0]!.children!.map((n) => n.name)).toEqual(['消化内科', '心内科']);
    expect(tree[0]!.children![1]!.children!.map((n) => n.id)).toEqual([5]);
  });

  it('leaves no children key on leaves', () => {
    const tree = buildTree(flat);
    expect('children' in tree[1]!).toBe(false);
  });

  it('treats rows with a missing parent as roots', () => {
    const tree = buildTree([{ id: 7, parent_id: 99 }]);
    expect(tree.map((n) => n.id)).toEqual([7]);
  });

  it('breaks cycles instead of losing rows', () => {
    const tree = buildTree([
      { id: 1, parent_id: 2 },
      { id: 2, parent_id: 1 },
    ]);
    const count = (nodes: { children?: unknown[] }[]): number =>
      nodes.reduce((n, node) => n + 1 + count((node.children ?? []) as { children?: unknown[] }[]), 0);
    expect(count(tree)).toBe(2);
  });

  it('does not mutate the input', () => {
    const input = [{ id: 1, parent_id: null }, { id: 2, parent_id: 1 }];
    buildTree(input);
    expect(input[0]).toEqual({ id: 1, parent_id: null });
  });
});

describe('descendantIds', () => {
  it('collects the node and everything below it', () => {
    expect([...descendantIds(flat, 2)].sort()).toEqual([2, 3, 4, 5]);
    expect([...descendantIds(flat, 1)]).toEqual([1]);
  });
});

describe('markDisabled', () => {
  it('marks nodes recursively', () => {
    const marked = markDisabled(buildTree(flat), (n) => n.id === 3);
    expect(marked[0]!.disabled).toBe(false);
    expect(marked[0]!.children![1]!.disabled).toBe(true);
    expect(marked[0]!.children![1]!.children![0]!.disabled).toBe(false);
  });
});
