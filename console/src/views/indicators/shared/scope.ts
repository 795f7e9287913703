import type { IndicatorsApi } from '#/api/indicators';

/**
 * The groupings a data scope may ask for (docs/api.md: a scope other than `all` sees only its
 * departments, with group=department; campus scope may also use group=campus).
 */
export function allowedGroupings(scope: string | undefined): IndicatorsApi.Grouping[] {
  if (scope === 'all') return ['hospital', 'campus', 'department'];
  if (scope === 'campus') return ['campus', 'department'];
  return ['department'];
}
