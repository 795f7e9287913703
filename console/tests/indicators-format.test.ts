import { describe, expect, it } from 'vitest';

import {
  changeArrow,
  changeTone,
  decimalsOf,
  defaultYear,
  formatChangePct,
  formatMeasure,
  formatValue,
  measureKind,
  monthsOf,
  periodLabel,
  rankRows,
  targetLight,
  targetValueText,
  yearsBetween,
} from '#/views/indicators/shared/format';

const pct = { unit: '%', unit_en: '%', decimals: 2 };
const days = { unit: '日', unit_en: 'days', decimals: 2 };
const visits = { unit: '人次', unit_en: 'visits', decimals: 0 };

describe('formatValue', () => {
  it('uses the unit and the decimals of the indicator', () => {
    expect(formatValue(12.3456, pct)).toBe('12.35%');
    expect(formatValue(8.5, days)).toBe('8.50 日');
    expect(formatValue(8.5, days, 'en-US')).toBe('8.50 days');
    expect(formatValue(1234567, visits)).toBe('1,234,567 人次');
  });

  it('shows a dash for a missing value', () => {
    expect(formatValue(null, pct)).toBe('—');
    expect(formatValue(undefined, pct)).toBe('—');
    expect(formatValue(Number.NaN, pct)).toBe('—');
  });

  it('defaults to two decimals like the engine, and has no unit for a plain ratio', () => {
    expect(decimalsOf({})).toBe(2);
    expect(decimalsOf(undefined)).toBe(2);
    expect(formatValue(3.14159, { unit: '', unit_en: '' })).toBe('3.14');
  });
});

describe('同比 and target light', () => {
  it('colours a change by the indicator direction', () => {
    expect(changeTone('up', 3)).toBe('good');
    expect(changeTone('up', -3)).toBe('bad');
    expect(changeTone('down', -3)).toBe('good');
    expect(changeTone('down', 3)).toBe('bad');
    expect(changeTone('monitor', 3)).toBe('neutral');
    expect(changeTone('up', 0)).toBe('neutral');
    expect(changeTone('up', null)).toBe('neutral');
  });

  it('draws arrows and signs', () => {
    expect(changeArrow(2)).toBe('↑');
    expect(changeArrow(-2)).toBe('↓');
    expect(changeArrow(0)).toBe('→');
    expect(formatChangePct(3.14)).toBe('+3.1%');
    expect(formatChangePct(-0.55)).toBe('-0.6%');
    expect(formatChangePct(-0.01)).toBe('0.0%');
    expect(formatChangePct(null)).toBe('—');
  });

  it('lights attained green, missed red and unknown grey', () => {
    expect(targetLight(true)).toBe('green');
    expect(targetLight(false)).toBe('red');
    expect(targetLight(null)).toBe('grey');
  });

  it('writes a target in the indicator unit', () => {
    expect(targetValueText({ comparator: '>=', value: 95 }, pct)).toBe('≥ 95.00%');
    expect(targetValueText({ comparator: '<=', value: 9 }, days)).toBe('≤ 9.00 日');
  });
});

describe('default year', () => {
  const now = new Date(2026, 10, 22);

  it('is the last year covered from January to December', () => {
    expect(defaultYear('2024-01', '2025-12', now)).toBe(2025);
    expect(defaultYear('2024-01', '2026-03', now)).toBe(2025);
    // 2024 starts in March and 2025 ends in November: no full year, so the last year with data
    expect(defaultYear('2024-03', '2025-11', now)).toBe(2025);
    expect(defaultYear('2023-01', '2025-11', now)).toBe(2024);
  });

  it('falls back to the last year with data, or last calendar year', () => {
    expect(defaultYear('2025-03', '2025-10', now)).toBe(2025);
    expect(defaultYear(null, null, now)).toBe(2025);
    expect(defaultYear('bad', '2025-12', now)).toBe(2025);
  });

  it('lists the covered years newest first', () => {
    expect(yearsBetween('2023-05', '2025-02', 2024)).toEqual([2025, 2024, 2023]);
    expect(yearsBetween(null, null, 2024)).toEqual([2024]);
  });
});

describe('helpers', () => {
  it('ranks best first for the direction, nulls last', () => {
    const rows = [{ value: 2 }, { value: null }, { value: 5 }, { value: 1 }];
    expect(rankRows(rows, 'up').map((r) => r.value)).toEqual([5, 2, 1, null]);
    expect(rankRows(rows, 'down').map((r) => r.value)).toEqual([1, 2, 5, null]);
  });

  it('labels periods', () => {
    expect(periodLabel('2025-Q2')).toBe('2025年第2季度');
    expect(periodLabel('2025-Q2', 'en-US')).toBe('2025 Q2');
    expect(periodLabel('2025')).toBe('2025年');
    expect(periodLabel('2025-03')).toBe('2025-03');
    expect(monthsOf(2025)).toHaveLength(12);
    expect(monthsOf(2025)[11]).toBe('2025-12');
  });

  it('knows what a numerator counts', () => {
    expect(measureKind({ dataset: 'discharges', agg: 'count' })).toBe('count');
    expect(measureKind({ dataset: 'discharges', agg: 'sum', fields: ['zfy'] })).toBe('money');
    expect(measureKind({ dataset: 'discharges', agg: 'sum', fields: ['xyf', 'zcyf', 'zcyf1'] })).toBe('money');
    expect(measureKind({ dataset: 'discharges', agg: 'sum', fields: ['sjzyts'] })).toBe('number');
    expect(measureKind({ dataset: 'discharges', agg: 'sum', child: 'antibiotics', child_field: 'ddd_e4' })).toBe('ddd');
    expect(measureKind(null)).toBe('count');
    expect(formatMeasure(123456, 'money')).toBe('1,234.56');
    expect(formatMeasure(25000, 'ddd')).toBe('2.50');
    expect(formatMeasure(1234, 'count')).toBe('1,234');
    expect(formatMeasure(null, 'count')).toBe('—');
  });
});
