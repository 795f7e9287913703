// The indicator screens against their fixed inputs: the shipped definitions, the locales and
// the menu.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import indicators from '#/router/routes/modules/indicators';
import { flattenMessages, type MessageTree } from '#/utils/messages';
import {
  BATCH_STATUSES,
  COMPARATOR_KEY,
  DATASETS,
  DIRECTIONS,
  GRAINS,
  GROUPINGS,
  KEY_INDICATORS,
  QC_CATEGORIES,
  RECORD_COLUMNS,
  SEVERITIES,
  TARGET_SCOPES,
} from '#/views/indicators/shared/constants';
import { PIVOT_DIMS } from '#/views/indicators/analysis/data';

const ROOT = join(import.meta.dirname, '..', '..');

function load(lang: string): Record<string, string> {
  const tree = JSON.parse(
    readFileSync(join(ROOT, 'console/src/locales/langs', lang, 'indicators.json'), 'utf8'),
  ) as MessageTree;
  return flattenMessages(tree, 'indicators');
}

describe('indicator screens', () => {
  it('show only indicators the shipped definitions have', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'data/indicators/definitions.json'), 'utf8')) as {
      indicators: { code: string }[];
    };
    const codes = new Set(file.indicators.map((i) => i.code));
    expect(KEY_INDICATORS.filter((c) => !codes.has(c))).toEqual([]);
    expect(KEY_INDICATORS).toHaveLength(12);
  });

  it('have a text for every code they translate, in both languages', () => {
    const keys = [
      ...DATASETS.map((d) => `dataset.${d}`),
      ...GRAINS.map((g) => `grain.${g}`),
      ...GROUPINGS.map((g) => `grouping.${g}`),
      ...DIRECTIONS.map((d) => `direction.${d}`),
      ...TARGET_SCOPES.map((s) => `targetScope.${s}`),
      ...SEVERITIES.map((s) => `severity.${s}`),
      ...BATCH_STATUSES.map((s) => `batchStatus.${s}`),
      ...QC_CATEGORIES.map((c) => `qcCategory.${c}`),
      ...Object.values(COMPARATOR_KEY).map((c) => `comparator.${c}`),
      ...PIVOT_DIMS.map((d) => `dim.${d}`),
      ...[...RECORD_COLUMNS.discharges, ...RECORD_COLUMNS.visits].map((c) => `record.${c}`),
      ...['records', 'inserted', 'replaced', 'rejects', 'errors', 'warnings'].map((k) => `import.count.${k}`),
    ].map((k) => `indicators.${k}`);
    for (const lang of ['zh-CN', 'en-US']) {
      const messages = load(lang);
      expect(
        keys.filter((k) => !(k in messages)),
        lang,
      ).toEqual([]);
    }
  });

  it('name the export button as agreed', () => {
    expect(load('zh-CN')['indicators.analysis.export']).toBe('导出 Excel(CSV)');
  });

  it('gate every menu entry by a permission and give it a unique data-test', () => {
    const children = indicators.children ?? [];
    expect(children.length).toBe(7);
    for (const child of children) {
      expect(String(child.meta?.permission ?? '')).toMatch(/^indicators\.(read|import|manage)$/);
      expect(child.meta?.test).toMatch(/^menu-ind-/);
    }
    expect(new Set(children.map((c) => c.meta?.test)).size).toBe(children.length);
  });

  it('keep locale files per domain (one file per language)', () => {
    for (const lang of ['zh-CN', 'en-US']) {
      expect(readdirSync(join(ROOT, 'console/src/locales/langs', lang))).toContain('indicators.json');
    }
  });
});
