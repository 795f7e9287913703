import { describe, expect, it } from 'vitest';

import type { IndicatorsApi } from '#/api/indicators';
import { barOption, escapeHtml, pivotOption, trendOption } from '#/views/indicators/shared/charts';
import { buildPivot, csvField, pivotToRows, toCsv, type PivotLabels } from '#/views/indicators/shared/pivot';

function result(indicator: string, period: string, org: string, value: number | null): IndicatorsApi.Result {
  return {
    indicator,
    period,
    org_unit: org,
    org_name: org === 'XNK' ? '心内科' : '普外科',
    numerator: 1,
    denominator: 1,
    value,
    previous_year_value: null,
    previous_period_value: null,
    ytd_value: null,
    previous_ytd_value: null,
    yoy_change_pct: null,
    target: null,
    attained: null,
  };
}

const results = [
  result('surgery_ratio', '2025-02', 'XNK', 10),
  result('discharges', '2025-02', 'XNK', 120),
  result('discharges', '2025-01', 'XNK', 100),
  result('discharges', '2025-01', 'PWK', 80),
  result('surgery_ratio', '2025-01', 'XNK', null),
];

const labels: PivotLabels = {
  indicator: (code) => ({ discharges: '出院人次（人次）', surgery_ratio: '出院患者手术占比（%）' })[code] ?? code,
  org: (r) => r.org_name,
  period: (p) => p,
};

describe('buildPivot', () => {
  it('puts periods across and indicator × org down, in indicator order', () => {
    const table = buildPivot(results, 'period', labels, ['discharges', 'surgery_ratio']);
    expect(table.rowDims).toEqual(['indicator', 'org']);
    expect(table.columns.map((c) => c.key)).toEqual(['2025-01', '2025-02']);
    expect(table.rows.map((r) => r.labels)).toEqual([
      ['出院人次（人次）', '心内科'],
      ['出院人次（人次）', '普外科'],
      ['出院患者手术占比（%）', '心内科'],
    ]);
    expect(table.rows[0]!.cells['2025-02']!.value).toBe(120);
    expect(table.rows[1]!.cells['2025-02']).toBeUndefined();
  });

  it('swaps: indicators across, org × period down', () => {
    const table = buildPivot(results, 'indicator', labels, ['surgery_ratio', 'discharges']);
    expect(table.rowDims).toEqual(['org', 'period']);
    expect(table.columns.map((c) => c.key)).toEqual(['surgery_ratio', 'discharges']);
    expect(table.rows.map((r) => r.key.split('\u0001'))).toEqual([
      ['XNK', '2025-01'],
      ['XNK', '2025-02'],
      ['PWK', '2025-01'],
    ]);
  });

  it('is empty for no results', () => {
    const table = buildPivot([], 'org', labels);
    expect(table.columns).toEqual([]);
    expect(table.rows).toEqual([]);
  });
});

describe('CSV export', () => {
  it('starts with a BOM and ends lines with CRLF', () => {
    const csv = toCsv([
      ['指标', '值'],
      ['出院人次', '100'],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('指标,值\r\n出院人次,100\r\n');
  });

  it('quotes separators and defuses formulas but keeps negative numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-3.25')).toBe('-3.25');
    expect(csvField('+1')).toBe('+1');
    expect(csvField('@x')).toBe("'@x");
  });

  it('writes the pivot with plain numbers and empty missing cells', () => {
    const table = buildPivot(results, 'period', labels, ['discharges', 'surgery_ratio']);
    const rows = pivotToRows(
      table,
      (d) => ({ indicator: '指标', org: '机构', period: '期间' })[d],
      (r) => (r.value === null ? '' : r.value.toFixed(2)),
    );
    expect(rows[0]).toEqual(['指标', '机构', '2025-01', '2025-02']);
    expect(rows[1]).toEqual(['出院人次（人次）', '心内科', '100.00', '120.00']);
    expect(rows[2]).toEqual(['出院人次（人次）', '普外科', '80.00', '']);
    expect(rows[3]).toEqual(['出院患者手术占比（%）', '心内科', '', '10.00']);
  });
});

describe('chart options', () => {
  it('draws this year and last year as two lines', () => {
    const option = trendOption(['01', '02'], [1, null], [2, 3], { current: '2025年', previous: '2024年' }, String) as {
      series: { name: string; data: unknown[] }[];
    };
    expect(option.series.map((s) => s.name)).toEqual(['2025年', '2024年']);
    expect(option.series[0]!.data).toEqual([1, null]);
  });

  it('reverses horizontal bars so the first row is on top', () => {
    const option = barOption(['A', 'B'], [1, 2], 'x', String, true) as {
      yAxis: { data: string[] };
      series: { data: unknown[] }[];
    };
    expect(option.yAxis.data).toEqual(['B', 'A']);
    expect(option.series[0]!.data).toEqual([2, 1]);
  });

  it('makes one series per pivot row and escapes tooltip text', () => {
    const table = buildPivot(results, 'period', labels, ['discharges', 'surgery_ratio']);
    const option = pivotOption(table, 'line', (row, col, v) => `${row}:${col}:${v}`) as {
      series: { name: string; data: unknown[] }[];
    };
    expect(option.series).toHaveLength(3);
    expect(option.series[0]!.data).toEqual([100, 120]);
    expect(escapeHtml('<b>&')).toBe('&#60;b&#62;&#38;');
  });
});
