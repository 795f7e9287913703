import type { IndicatorsApi } from '#/api/indicators';

import { MONEY_COLUMNS, RECORD_COLUMNS } from './constants';
import { fenToYuanText } from './format';

/** The columns to show for a page of records: the documented ones, or whatever the rows carry. */
export function recordColumns(dataset: string, rows: readonly IndicatorsApi.RecordRow[]): string[] {
  if (dataset === 'discharges' || dataset === 'visits') return [...RECORD_COLUMNS[dataset]];
  const first = rows[0];
  return first ? Object.keys(first).filter((k) => k !== 'id') : [];
}

/**
 * A record cell as text: money columns (分, sent as a number or as digits) as 元 with two
 * decimals, empty as ''.
 */
export function recordCell(column: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (MONEY_COLUMNS.has(column)) {
    if (typeof value === 'number') return fenToYuanText(value);
    if (/^-?\d+$/.test(value.trim())) return fenToYuanText(Number(value));
  }
  return String(value);
}
