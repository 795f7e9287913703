import type { IndicatorsApi } from '#/api/indicators';

/** "hospital": the whole hospital (全院) as an org unit of period_figure. */
export const HOSPITAL = 'hospital';

export interface FigureGroup {
  category: string;
  figures: IndicatorsApi.FigureDef[];
}

/** The figures that may be entered for `orgUnit` (level=hospital ones only for the hospital), by category in catalogue order. */
export function groupFigures(defs: readonly IndicatorsApi.FigureDef[], orgUnit: string): FigureGroup[] {
  const groups: FigureGroup[] = [];
  for (const d of defs) {
    if (d.level === 'hospital' && orgUnit !== HOSPITAL) continue;
    const category = d.category || '—';
    let g = groups.find((x) => x.category === category);
    if (!g) {
      g = { category, figures: [] };
      groups.push(g);
    }
    g.figures.push(d);
  }
  return groups;
}

/** code → value text of one month and org unit. */
export function valuesOf(rows: readonly IndicatorsApi.FigureValue[], period: string, orgUnit: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.period === period && r.org_unit === orgUnit) out[r.code] = r.value_text;
  return out;
}

/** Whether two value texts mean the same number ("12.50" = "12.5"). */
export function sameValue(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return true;
  if (x === '' || y === '') return false;
  return Number(x) === Number(y) && !Number.isNaN(Number(x));
}

/** The cells of the form that differ from what is stored: changed values, and cleared ones as null. */
export function changedInputs(
  period: string,
  orgUnit: string,
  stored: Record<string, string>,
  edited: Record<string, string>,
): IndicatorsApi.FigureInput[] {
  const out: IndicatorsApi.FigureInput[] = [];
  for (const [code, text] of Object.entries(edited)) {
    const before = stored[code] ?? '';
    if (sameValue(before, text)) continue;
    out.push({ period, org_unit: orgUnit, code, value: text.trim() === '' ? null : text.trim() });
  }
  return out;
}

/** Field errors of a save (items[i].value …) → code → reason, by the order of `inputs`. */
export function errorsByCode(
  inputs: readonly IndicatorsApi.FigureInput[],
  fields: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, reason] of Object.entries(fields)) {
    const m = /^items\[(\d+)\]/.exec(field);
    const input = m ? inputs[Number(m[1])] : undefined;
    if (input) out[input.code] = out[input.code] ? `${out[input.code]}；${reason}` : reason;
  }
  return out;
}

/** "2025" → ["2025-01", …, "2025-12"]. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * An import template (CSV, UTF-8 with BOM so Excel reads Chinese): 期间, 科室代码, 科室名称 and
 * one column per figure named by its Chinese name, one row per org unit for `period`.
 */
export function templateCsv(
  defs: readonly IndicatorsApi.FigureDef[],
  period: string,
  units: readonly { code: string; name: string }[],
): string {
  const header = ['期间', '科室代码', '科室名称', ...defs.map((d) => d.name)];
  const lines = [header.map(csvCell).join(',')];
  for (const u of units) lines.push([period, u.code, u.name, ...defs.map(() => '')].map(csvCell).join(','));
  return `\uFEFF${lines.join('\n')}\n`;
}
