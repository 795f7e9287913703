import type { IndicatorsApi } from '#/api/indicators';

import type { DrillTarget } from './drill';
import { monthsOf } from './format';

/** The result of one indicator and org unit, or undefined. */
export function findResult(
  results: readonly IndicatorsApi.Result[],
  indicator: string,
  orgUnit?: string,
  period?: string,
): IndicatorsApi.Result | undefined {
  return results.find(
    (r) =>
      r.indicator === indicator &&
      (orgUnit === undefined || r.org_unit === orgUnit) &&
      (period === undefined || r.period === period),
  );
}

export interface Trend {
  months: string[];
  current: (number | null)[];
  previous: (number | null)[];
}

/** One indicator's monthly values of `year` and the same months a year earlier (previous_year_value). */
export function monthlyTrend(results: readonly IndicatorsApi.Result[], indicator: string, year: number): Trend {
  const months = monthsOf(year);
  const byMonth = new Map(results.filter((r) => r.indicator === indicator).map((r) => [r.period, r]));
  return {
    months,
    current: months.map((m) => byMonth.get(m)?.value ?? null),
    previous: months.map((m) => byMonth.get(m)?.previous_year_value ?? null),
  };
}

/** A click on last year's trend line: the same month a year earlier, at hospital level. */
export function previousYearTarget(result: IndicatorsApi.Result): DrillTarget | null {
  const m = /^(\d{4})-(\d{2})$/.exec(result.period);
  if (!m || result.previous_year_value === null) return null;
  return {
    indicator: result.indicator,
    period: `${Number(m[1]) - 1}-${m[2]}`,
    by: 'month',
    group: 'hospital',
    org_unit: result.org_unit,
    org_name: result.org_name,
    value: result.previous_year_value,
    numerator: null,
    denominator: null,
  };
}

/** Org units of a result set (department or campus), in the server's order, without repeats. */
export function orgUnits(results: readonly IndicatorsApi.Result[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of results) if (!seen.has(r.org_unit)) seen.set(r.org_unit, r.org_name || r.org_unit);
  return [...seen.entries()].map(([code, name]) => ({ code, name }));
}
