import { describe, expect, it } from 'vitest';

import type { ItemApi } from '#/api/item';
import { versionsWithCurrent, versionText } from '#/views/disclosure/item/data';

const v1: ItemApi.Version = { version: 1, title: 'T', summary: 'S', body: 'B1', saved_at: 'x', saved_by: 'a' };

function item(version: number, body: string): ItemApi.Item {
  return { version, title: 'T', summary: 'S', body, updated_at: 'now' } as ItemApi.Item;
}

describe('versionsWithCurrent', () => {
  it('appends the current draft when its version was not saved yet', () => {
    const list = versionsWithCurrent([v1], item(2, 'B2'), 'current');
    expect(list.map((v) => [v.version, v.body, v.saved_by])).toEqual([
      [1, 'B1', 'a'],
      [2, 'B2', 'current'],
    ]);
  });

  it('keeps the saved list when the current version is in it, sorted', () => {
    const v2 = { ...v1, version: 2 };
    expect(versionsWithCurrent([v2, v1], item(2, 'x'), 'current').map((v) => v.version)).toEqual([1, 2]);
  });
});

describe('versionText', () => {
  it('joins title, summary and body with blank lines', () => {
    expect(versionText(v1)).toBe('T\n\nS\n\nB1');
  });
});
