import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { AUDIENCES, CHANNELS, ITEM_STATES, REVIEW_BASES, REVIEW_RESULTS } from '#/constants/disclosure';
import { DEPARTMENT_KINDS, SCOPES } from '#/constants/org';
import { flattenMessages, interpolate, type MessageTree } from '#/utils/messages';
import { HOSPITAL_FIELDS } from '#/views/system/hospital/data';

const SRC = join(import.meta.dirname, '..', 'src');

function load(lang: string): Record<string, string> {
  const dir = join(SRC, 'locales', 'langs', lang);
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    const tree = JSON.parse(readFileSync(join(dir, file), 'utf8')) as MessageTree;
    Object.assign(out, flattenMessages(tree, file.replace(/\.json$/, '')));
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(vue|ts)$/.test(e.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const zh = load('zh-CN');
const en = load('en-US');

describe('locales', () => {
  it('have the same keys in zh-CN and en-US', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('define every literal key the code uses', () => {
    const used = new Set<string>();
    for (const text of sources(SRC)) {
      for (const m of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/title: '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect([...used].filter((k) => !(k in zh))).toEqual([]);
  });

  it('define every key built from a vocabulary', () => {
    const keys = [
      ...ITEM_STATES.map((s) => `item.state.${s}`),
      ...AUDIENCES.map((a) => `item.audience.${a}`),
      ...CHANNELS.map((c) => `item.channel.${c}`),
      ...REVIEW_RESULTS.map((r) => `item.result.${r}`),
      ...REVIEW_BASES.map((b) => `item.basisOption.${b.key}`),
      ...SCOPES.map((s) => `user.scope.${s}`),
      ...DEPARTMENT_KINDS.map((k) => `org.kind.${k}`),
      ...HOSPITAL_FIELDS.map((f) => `hospital.field.${f.key}`),
      ...['edit', 'attachments', 'submit', 'review', 'approve', 'withdraw', 'revise', 'archive', 'history'].map(
        (a) => `item.action.${a}`,
      ),
    ];
    expect(keys.filter((k) => !(k in zh) || !(k in en))).toEqual([]);
  });

  it('keep the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = Object.keys(zh).filter((k) => JSON.stringify(names(zh[k]!)) !== JSON.stringify(names(en[k] ?? '')));
    expect(differing).toEqual([]);
  });
});

describe('interpolate', () => {
  it('substitutes known placeholders only', () => {
    expect(interpolate('共 {n} 条，{x}', { n: 3 })).toBe('共 3 条，{x}');
    expect(interpolate('无参数')).toBe('无参数');
  });
});
