import { getResults, type IndicatorsApi } from '#/api/indicators';

import { defaultYear, yearsBetween } from './format';

export interface Coverage {
  first: string | null;
  last: string | null;
  /** The last full year of data (the pages' default). */
  year: number;
  /** Years with data, newest first. */
  years: number[];
}

/**
 * Asks the server which months have data (results carry first_month / last_month) with the
 * cheapest query the user's scope allows: one indicator, by year, over the last ten years.
 */
export async function probeCoverage(group: IndicatorsApi.Grouping, now: Date = new Date()): Promise<Coverage> {
  const res = await getResults({
    from: `${now.getFullYear() - 10}-01`,
    to: `${now.getFullYear()}-12`,
    by: 'year',
    group,
    indicator: ['discharges'],
  });
  const year = defaultYear(res.first_month, res.last_month, now);
  return {
    first: res.first_month,
    last: res.last_month,
    year,
    years: yearsBetween(res.first_month, res.last_month, year),
  };
}
