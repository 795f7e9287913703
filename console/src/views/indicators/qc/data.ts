import type { IndicatorsApi } from '#/api/indicators';

import { QC_CATEGORIES } from '../shared/constants';

/** A share as a percentage with two decimals: 0.98765 → '98.77%'; '—' when there is nothing to divide. */
export function ratioText(part: number, whole: number): string {
  if (!whole) return '—';
  return `${((part / whole) * 100).toFixed(2)}%`;
}

/** 病案首页完整率: complete records / records. */
export function completeRate(row: IndicatorsApi.QcRow): string {
  return ratioText(row.complete_records, row.records);
}

/** 项目填报完整率: required items filled / required items. */
export function itemRate(row: IndicatorsApi.QcRow): string {
  return ratioText(row.required_filled, row.required_total);
}

/** The categories with a count in any row, in QC_CATEGORIES order, unknown ones after. */
export function categoriesIn(rows: readonly IndicatorsApi.QcRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const [k, n] of Object.entries(r.by_category ?? {})) if (n > 0) seen.add(k);
  const known = QC_CATEGORIES.filter((c) => seen.has(c));
  const other = [...seen].filter((c) => !(QC_CATEGORIES as readonly string[]).includes(c)).sort();
  return [...known, ...other];
}

/** Filters of the findings list; `from`/`to` come from the page. */
export interface FindingFilter {
  dept: string;
  coder: string;
  rule: string;
  category: string;
}

export function emptyFilter(): FindingFilter {
  return { dept: '', coder: '', rule: '', category: '' };
}
