import { describe, expect, it, vi } from 'vitest';

import type { IndicatorsApi } from '#/api/indicators';
import {
  definitionToText,
  emptyTargetForm,
  formToTarget,
  parseDefinitionText,
  targetToForm,
  toggleBody,
} from '#/views/indicators/definitions/data';
import { formToMapping, importCounts, mappingToForm, percent } from '#/views/indicators/import/data';
import { categoriesIn, completeRate, itemRate, ratioText } from '#/views/indicators/qc/data';
import { findResult, monthlyTrend, orgUnits, previousYearTarget } from '#/views/indicators/shared/dashboard';
import { drillTarget, recordQuery } from '#/views/indicators/shared/drill';
import { recordCell, recordColumns } from '#/views/indicators/shared/records';
import { allowedGroupings } from '#/views/indicators/shared/scope';

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() } }));

function result(part: Partial<IndicatorsApi.Result>): IndicatorsApi.Result {
  return {
    indicator: 'discharges',
    period: '2025-01',
    org_unit: 'hospital',
    org_name: '全院',
    numerator: 0,
    denominator: null,
    value: null,
    previous_year_value: null,
    previous_period_value: null,
    ytd_value: null,
    previous_ytd_value: null,
    yoy_change_pct: null,
    target: null,
    attained: null,
    ...part,
  };
}

function batch(part: Partial<IndicatorsApi.ImportBatch>): IndicatorsApi.ImportBatch {
  return {
    row_count: 0,
    replaced_count: 0,
    reject_count: 0,
    error_count: 0,
    warning_count: 0,
    status: 'committed',
    ...part,
  } as IndicatorsApi.ImportBatch;
}

describe('import result', () => {
  it('counts new rows as the rows that replaced nothing', () => {
    expect(importCounts(batch({ row_count: 100, replaced_count: 30, error_count: 4, warning_count: 9 }))).toEqual({
      records: 100,
      inserted: 70,
      replaced: 30,
      rejects: 0,
      errors: 4,
      warnings: 9,
    });
  });

  it('counts nothing imported for a failed batch', () => {
    const c = importCounts(batch({ status: 'failed', row_count: 100, replaced_count: 30, reject_count: 2 }));
    expect(c.inserted).toBe(0);
    expect(c.replaced).toBe(0);
    expect(c.rejects).toBe(2);
  });

  it('bounds the progress percentage', () => {
    expect(percent(0.456)).toBe(46);
    expect(percent(2)).toBe(100);
    expect(percent(-1)).toBe(0);
    expect(percent(Number.NaN)).toBe(0);
  });
});

describe('column mapping editor', () => {
  it('edits a saved mapping per canonical column and saves it back', () => {
    const form = mappingToForm({ 病案号: 'BAH', 住院次数: 'ZYCS' });
    expect(form).toEqual({ BAH: '病案号', ZYCS: '住院次数' });
    form.CYSJ = ' 出院日期 ';
    form.XM = '';
    expect(formToMapping(form)).toEqual({
      mapping: { 病案号: 'BAH', 住院次数: 'ZYCS', 出院日期: 'CYSJ' },
      duplicates: [],
    });
  });

  it('reports a header used for two columns', () => {
    expect(formToMapping({ RYSJ: '时间', CYSJ: '时间' }).duplicates).toEqual(['时间']);
  });
});

describe('definition editor', () => {
  const def = { code: 'x', name: 'X', builtin: true, enabled: true } as unknown as IndicatorsApi.Definition;

  it('edits without the server-owned keys', () => {
    expect(JSON.parse(definitionToText(def))).toEqual({ code: 'x', name: 'X', enabled: true });
    expect(toggleBody(def, false)).toEqual({ code: 'x', name: 'X', enabled: false });
  });

  it('accepts only a JSON object', () => {
    expect(parseDefinitionText('{"code":"x"}')).toEqual({ ok: true, value: { code: 'x' } });
    expect(parseDefinitionText('[1]').ok).toBe(false);
    expect(parseDefinitionText('{code:').ok).toBe(false);
  });
});

describe('target form', () => {
  it('starts with the comparator the direction suggests', () => {
    expect(emptyTargetForm({ direction: 'down' }).comparator).toBe('<=');
    expect(emptyTargetForm({ direction: 'up' }).comparator).toBe('>=');
  });

  it('drops the scope code of a hospital-wide target and keeps an open end as null', () => {
    const form = { ...emptyTargetForm(), scope_code: 'XNK', value: 95, valid_from: '2025-01', valid_to: '' };
    expect(formToTarget('surgery_ratio', form)).toEqual({
      indicator_code: 'surgery_ratio',
      scope: 'hospital',
      scope_code: '',
      comparator: '>=',
      value: 95,
      valid_from: '2025-01',
      valid_to: null,
      basis: '',
    });
  });

  it('round-trips a saved target', () => {
    const target: IndicatorsApi.Target = {
      id: 3,
      indicator_code: 'avg_length_of_stay',
      scope: 'department',
      scope_code: 'XNK',
      comparator: '<=',
      value: 9,
      valid_from: '2025-01',
      valid_to: '2025-12',
      basis: '目标责任书',
    };
    const { id, ...input } = target;
    expect(id).toBe(3);
    expect(formToTarget(target.indicator_code, targetToForm(target))).toEqual(input);
  });
});

describe('首页质控 summary', () => {
  const row: IndicatorsApi.QcRow = {
    key: 'XNK',
    name: '心内科',
    records: 200,
    complete_records: 197,
    required_filled: 9990,
    required_total: 10000,
    records_with_errors: 12,
    by_category: { dates: 3, completeness: 5, extra_rule: 1, costs: 0 },
  };

  it('computes the two completeness rates', () => {
    expect(completeRate(row)).toBe('98.50%');
    expect(itemRate(row)).toBe('99.90%');
    expect(ratioText(1, 0)).toBe('—');
  });

  it('lists categories that occur, known ones first in rule order', () => {
    expect(categoriesIn([row])).toEqual(['completeness', 'dates', 'extra_rule']);
  });
});

describe('dashboards', () => {
  const monthly = [
    result({ indicator: 'surgery_ratio', period: '2025-02', value: 30, previous_year_value: 28 }),
    result({ indicator: 'surgery_ratio', period: '2025-01', value: 31, previous_year_value: null }),
    result({ indicator: 'discharges', period: '2025-01', value: 900 }),
  ];

  it('lines up twelve months of this year and last year', () => {
    const trend = monthlyTrend(monthly, 'surgery_ratio', 2025);
    expect(trend.months).toHaveLength(12);
    expect(trend.current.slice(0, 3)).toEqual([31, 30, null]);
    expect(trend.previous.slice(0, 3)).toEqual([null, 28, null]);
  });

  it('drills last year from a month', () => {
    expect(previousYearTarget(monthly[0]!)).toMatchObject({
      period: '2024-02',
      by: 'month',
      value: 28,
      numerator: null,
    });
    expect(previousYearTarget(monthly[1]!)).toBeNull();
  });

  it('finds a result and the org units in server order', () => {
    expect(findResult(monthly, 'discharges')?.value).toBe(900);
    expect(findResult(monthly, 'surgery_ratio', 'hospital', '2025-02')?.value).toBe(30);
    const depts = [
      result({ org_unit: 'XNK', org_name: '心内科' }),
      result({ org_unit: 'PWK', org_name: '' }),
      result({ org_unit: 'XNK' }),
    ];
    expect(orgUnits(depts)).toEqual([
      { code: 'XNK', name: '心内科' },
      { code: 'PWK', name: 'PWK' },
    ]);
  });

  it('queries the records of exactly the clicked cell', () => {
    const target = drillTarget(
      result({ indicator: 'inpatient_mortality', period: '2025-Q1', org_unit: 'XNK', numerator: 2, denominator: 300 }),
      'quarter',
      'department',
    );
    expect(recordQuery(target, 'denominator', 3, 20)).toEqual({
      indicator: 'inpatient_mortality',
      period: '2025-Q1',
      by: 'quarter',
      group: 'department',
      org_unit: 'XNK',
      side: 'denominator',
      page: 3,
      page_size: 20,
    });
  });

  it('restricts the grouping by data scope', () => {
    expect(allowedGroupings('all')).toEqual(['hospital', 'campus', 'department']);
    expect(allowedGroupings('campus')).toEqual(['campus', 'department']);
    expect(allowedGroupings('dept')).toEqual(['department']);
    expect(allowedGroupings(undefined)).toEqual(['department']);
  });
});

describe('drill-down records', () => {
  it('shows the documented columns and money in yuan', () => {
    expect(recordColumns('visits', [])).toContain('jzlsh');
    expect(recordColumns('discharges', [])).toContain('sfzh');
    expect(recordColumns('pathways', [{ id: 1, bah: 'B1', ljdm: 'L' }])).toEqual(['bah', 'ljdm']);
    expect(recordCell('zfy', 1234567)).toBe('12,345.67');
    expect(recordCell('zfy', '1234567')).toBe('12,345.67');
    expect(recordCell('zfy', '')).toBe('');
    expect(recordCell('xm', '张*明')).toBe('张*明');
    expect(recordCell('jbdm', null)).toBe('');
  });
});
