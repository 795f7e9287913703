import type { ApplicationApi } from '#/api/applications';

/**
 * The date that starts an application's clock depends on how it came in (条例 Art.31): handed in →
 * the day submitted; registered mail / EMS → the day signed for; ordinary mail, online, fax → the
 * day receipt was confirmed with the applicant.
 */
export function receiptDateField(channel: string): 'submitted_on' | 'signed_on' | 'confirmed_on' {
  if (channel === 'in_person') return 'submitted_on';
  if (channel === 'registered_mail') return 'signed_on';
  return 'confirmed_on';
}

export interface OutcomeGroup {
  /** '' for rows without a group heading (（一）予以公开, （二）部分公开). */
  group: string;
  outcomes: ApplicationApi.Outcome[];
}

/** The 21 outcomes in table order, grouped under their headings (（三）不予公开 …) as in table 三. */
export function groupOutcomes(outcomes: readonly ApplicationApi.Outcome[]): OutcomeGroup[] {
  const groups: OutcomeGroup[] = [];
  for (const o of outcomes) {
    const last = groups[groups.length - 1];
    if (last && last.group === o.group) last.outcomes.push(o);
    else groups.push({ group: o.group, outcomes: [o] });
  }
  return groups;
}

/** One failed cross-check of table 三, for the screen. */
export interface TableProblem {
  check: 'balance' | 'total' | 'row' | 'negative';
  row: string;
  column: string;
  expected: number;
  actual: number;
}

/**
 * The cross-checks of the annual table (the same as the server's Check): per column, 一 + 二 ==
 * 三（七）总计 + 四; 三（七） == the sum of the outcome rows; in each row, 总计 == the sum of the kinds;
 * no cell negative. Returns every failure (an empty list when the table is consistent).
 */
export function checkAnnualTable(table: Pick<ApplicationApi.AnnualTable, 'columns' | 'rows'>): TableProblem[] {
  const problems: TableProblem[] = [];
  const row = (code: string) => table.rows.find((r) => r.code === code && !r.heading)?.cells ?? [];
  const totalCol = table.columns.findIndex((c) => c.code === 'total');
  const start = table.rows.findIndex((r) => r.code === 'results');
  const end = table.rows.findIndex((r) => r.code === 'total');
  const outcomeRows = start >= 0 && end > start ? table.rows.slice(start + 1, end).filter((r) => !r.heading) : [];
  const received = row('received');
  const carriedIn = row('carried_in');
  const total = row('total');
  const carriedOut = row('carried_out');

  table.columns.forEach((col, c) => {
    const left = (received[c] ?? 0) + (carriedIn[c] ?? 0);
    const right = (total[c] ?? 0) + (carriedOut[c] ?? 0);
    if (left !== right) problems.push({ check: 'balance', row: 'total', column: col.code, expected: left, actual: right });
    const sum = outcomeRows.reduce((s, r) => s + (r.cells?.[c] ?? 0), 0);
    if (sum !== (total[c] ?? 0)) problems.push({ check: 'total', row: 'total', column: col.code, expected: sum, actual: total[c] ?? 0 });
  });
  for (const r of table.rows) {
    if (r.heading || !r.cells) continue;
    r.cells.forEach((v, c) => {
      if (v < 0) problems.push({ check: 'negative', row: r.code, column: table.columns[c]?.code ?? String(c), expected: 0, actual: v });
    });
    if (totalCol >= 0) {
      const kinds = r.cells.reduce((s, v, c) => (c === totalCol ? s : s + v), 0);
      if (kinds !== r.cells[totalCol]) problems.push({ check: 'row', row: r.code, column: 'total', expected: kinds, actual: r.cells[totalCol] ?? 0 });
    }
  }
  return problems;
}
