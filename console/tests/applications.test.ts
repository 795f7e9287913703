import { describe, expect, it } from 'vitest';

import type { ApplicationApi } from '#/api/applications';
import { checkAnnualTable, groupOutcomes, receiptDateField } from '#/views/disclosure/applications/data';

const outcome = (code: string, group: string): ApplicationApi.Outcome => ({ code, label: code, group, full_label: code, name_en: code });

describe('receipt date (Art.31)', () => {
  it('depends on the channel', () => {
    expect(receiptDateField('in_person')).toBe('submitted_on');
    expect(receiptDateField('registered_mail')).toBe('signed_on');
    expect(receiptDateField('ordinary_mail')).toBe('confirmed_on');
    expect(receiptDateField('online')).toBe('confirmed_on');
    expect(receiptDateField('fax')).toBe('confirmed_on');
  });
});

describe('outcome groups', () => {
  it('keeps table order and groups consecutive rows under their heading', () => {
    const groups = groupOutcomes([
      outcome('open', ''),
      outcome('partial', ''),
      outcome('secret', '（三）不予公开'),
      outcome('law', '（三）不予公开'),
      outcome('not_held', '（四）无法提供'),
    ]);
    expect(groups.map((g) => [g.group, g.outcomes.map((o) => o.code)])).toEqual([
      ['', ['open', 'partial']],
      ['（三）不予公开', ['secret', 'law']],
      ['（四）无法提供', ['not_held']],
    ]);
  });
});

/** A two-kind table (自然人, one organisation kind, 总计) shaped like the API's. */
function table(received: number[], carriedIn: number[], open: number[], withheld: number[], total: number[], carriedOut: number[]) {
  const columns = [
    { code: 'natural_person', label: '自然人', label_en: '' },
    { code: 'business', label: '商业企业', label_en: '', group: '法人或其他组织' },
    { code: 'total', label: '总计', label_en: '' },
  ];
  const row = (code: string, cells: number[], level = 1) => ({ code, label: code, label_en: code, level, cells });
  const rows = [
    row('received', received, 0),
    row('carried_in', carriedIn, 0),
    { code: 'results', label: '三', label_en: '', level: 0, heading: true },
    row('open', open),
    { code: 'withheld', label: '（三）', label_en: '', level: 1, heading: true },
    row('secret', withheld, 2),
    row('total', total),
    row('carried_out', carriedOut, 0),
  ];
  return { columns, rows };
}

describe('annual table cross-checks', () => {
  it('pass on a consistent table', () => {
    expect(checkAnnualTable(table([3, 1, 4], [1, 0, 1], [2, 1, 3], [1, 0, 1], [3, 1, 4], [1, 0, 1]))).toEqual([]);
  });

  it('find a broken balance 一 + 二 ≠ 三（七）+ 四', () => {
    const problems = checkAnnualTable(table([3, 1, 4], [1, 0, 1], [2, 1, 3], [1, 0, 1], [3, 1, 4], [2, 0, 2]));
    expect(problems.filter((p) => p.check === 'balance').map((p) => p.column)).toEqual(['natural_person', 'total']);
  });

  it('find a total that is not the sum of the outcomes, and a row whose total is not the sum of the kinds', () => {
    const problems = checkAnnualTable(table([3, 1, 4], [1, 0, 1], [2, 1, 3], [1, 0, 2], [3, 1, 4], [1, 0, 1]));
    expect(problems).toContainEqual({ check: 'total', row: 'total', column: 'total', expected: 5, actual: 4 });
    expect(problems).toContainEqual({ check: 'row', row: 'secret', column: 'total', expected: 1, actual: 2 });
  });

  it('find negative cells', () => {
    const problems = checkAnnualTable(table([3, 1, 4], [1, 0, 1], [2, 1, 3], [1, 0, 1], [3, 1, 4], [1, -1, 0]));
    expect(problems).toContainEqual({ check: 'negative', row: 'carried_out', column: 'business', expected: 0, actual: -1 });
  });
});
