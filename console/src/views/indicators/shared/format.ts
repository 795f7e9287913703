import type { IndicatorsApi } from '#/api/indicators';

/** What a formatter needs of a definition: the unit (both languages) and the decimals. */
export type UnitSpec = Pick<IndicatorsApi.Definition, 'unit' | 'unit_en' | 'decimals'>;

export type Lang = 'zh-CN' | 'en-US';

/** Decimals of an indicator; the engine's default is 2 when a definition leaves it out. */
export function decimalsOf(def: Partial<UnitSpec> | undefined): number {
  const d = def?.decimals;
  return typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 6 ? d : 2;
}

/** The unit in the console's language ('' when the indicator has none, e.g. a plain ratio). */
export function unitOf(def: Partial<UnitSpec> | undefined, lang: Lang): string {
  if (!def) return '';
  return (lang === 'en-US' && def.unit_en ? def.unit_en : def.unit) ?? '';
}

/** A number with fixed decimals and digit grouping: 1234567.8 → '1,234,567.80'. */
export function formatNumber(value: number, decimals: number, grouping = true): string {
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouping,
  }).format(value);
}

/** Unit placement: '%' and '‰' stick to the number, other units follow after a space. */
export function withUnit(number: string, unit: string): string {
  if (!unit) return number;
  return unit === '%' || unit === '‰' ? `${number}${unit}` : `${number} ${unit}`;
}

/** An indicator value in its unit and decimals: '12.34%', '8.53 日', '1,234 人次'; '—' for null. */
export function formatValue(
  value: number | null | undefined,
  def: Partial<UnitSpec> | undefined,
  lang: Lang = 'zh-CN',
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return withUnit(formatNumber(value, decimalsOf(def)), unitOf(def, lang));
}

/** The bare number for tables whose header carries the unit, and for CSV (no grouping). */
export function formatPlain(
  value: number | null | undefined,
  def: Partial<UnitSpec> | undefined,
  grouping = true,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return formatNumber(value, decimalsOf(def), grouping);
}

/** 同比增减 %: '+3.2%', '-0.5%', '0.0%'; '—' for null. */
export function formatChangePct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  const abs = Math.abs(pct).toFixed(1);
  const sign = abs === '0.0' ? '' : pct > 0 ? '+' : '-';
  return `${sign}${abs}%`;
}

/** 分 → '1,234.56 元' style number (no unit). */
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  return formatNumber(fen / 100, 2);
}

/** '2025-03' → 2025, 3; null when malformed. */
export function parseMonth(text: string | null | undefined): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

/**
 * The 看板's default year: the last calendar year the data covers in full (January to December,
 * by results.first_month / last_month); the last year with any data when none is full; the
 * previous calendar year when there is no data at all.
 */
export function defaultYear(
  firstMonth: string | null | undefined,
  lastMonth: string | null | undefined,
  now: Date,
): number {
  const first = parseMonth(firstMonth);
  const last = parseMonth(lastMonth);
  if (!first || !last) return now.getFullYear() - 1;
  const full = last.month === 12 ? last.year : last.year - 1;
  const firstFull = first.month === 1 ? first.year : first.year + 1;
  return full >= firstFull ? full : last.year;
}

/** The years the data covers, newest first. */
export function yearsBetween(
  firstMonth: string | null | undefined,
  lastMonth: string | null | undefined,
  fallback: number,
): number[] {
  const first = parseMonth(firstMonth);
  const last = parseMonth(lastMonth);
  if (!first || !last || first.year > last.year) return [fallback];
  const out: number[] = [];
  for (let y = last.year; y >= first.year; y -= 1) out.push(y);
  return out;
}

export type Tone = 'good' | 'bad' | 'neutral';

/**
 * How a change reads for an indicator's direction: up-good indicators (逐步提高) are good when
 * they rise, down-good (逐步降低) when they fall; monitor (监测比较) and no change are neutral.
 */
export function changeTone(direction: IndicatorsApi.Direction | undefined, pct: number | null | undefined): Tone {
  if (pct === null || pct === undefined || !Number.isFinite(pct) || pct === 0) return 'neutral';
  if (direction === 'up') return pct > 0 ? 'good' : 'bad';
  if (direction === 'down') return pct < 0 ? 'good' : 'bad';
  return 'neutral';
}

/** ↑ ↓ or → for a change. */
export function changeArrow(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct) || pct === 0) return '→';
  return pct > 0 ? '↑' : '↓';
}

export type Light = 'green' | 'red' | 'grey';

/** 目标灯: attained → green, missed → red, no target or no value → grey. */
export function targetLight(attained: boolean | null | undefined): Light {
  if (attained === true) return 'green';
  if (attained === false) return 'red';
  return 'grey';
}

/** '≥ 95.00%' for a target, in the indicator's unit and decimals. */
export function targetValueText(
  target: Pick<IndicatorsApi.Target, 'comparator' | 'value'>,
  def: Partial<UnitSpec> | undefined,
  lang: Lang = 'zh-CN',
): string {
  const sign: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };
  return `${sign[target.comparator] ?? target.comparator} ${formatValue(target.value, def, lang)}`;
}

/** Sorts peers best first for the indicator's direction (down-good: smallest first); nulls last. */
export function rankRows<T extends { value: number | null }>(
  rows: readonly T[],
  direction: IndicatorsApi.Direction | undefined,
): T[] {
  const sign = direction === 'down' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (a.value === null && b.value === null) return 0;
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return sign * (a.value - b.value);
  });
}

/** Money columns of the datasets (分), src/indicators/record.h: ZFY, ZFJE, YPF and the 28 cost items. */
const MONEY_FIELDS: ReadonlySet<string> = new Set([
  'zfy',
  'zfje',
  'ypf',
  'ylfuf',
  'zlczf',
  'hlf',
  'qtfy',
  'blzdf',
  'syszdf',
  'yxxzdf',
  'lczdxmf',
  'fsszlxmf',
  'wlzlf',
  'sszlf',
  'maf',
  'ssf',
  'kff',
  'zyzlf',
  'xyf',
  'kjywf',
  'zcyf',
  'zcyf1',
  'xf',
  'bdblzpf',
  'qdblzpf',
  'nxyzlzpf',
  'xbyzlzpf',
  'hcyyclf',
  'yyclf',
  'ycxyyclf',
  'qtf',
]);

export type MeasureKind = 'count' | 'money' | 'ddd' | 'number';

/** What a numerator / denominator counts: records, money in 分, DDD × 10⁴, or another sum. */
export function measureKind(measure: IndicatorsApi.Measure | null | undefined): MeasureKind {
  if (!measure || measure.agg !== 'sum') return 'count';
  if (measure.child_field === 'ddd_e4') return 'ddd';
  const fields = measure.fields ?? (measure.field ? [measure.field] : []);
  if (!measure.child && fields.length > 0 && fields.every((f) => MONEY_FIELDS.has(f.toLowerCase()))) return 'money';
  return 'number';
}

/** A numerator or denominator as measured, in readable units: 分 → 元, DDD × 10⁴ → DDD. */
export function formatMeasure(amount: number | null | undefined, kind: MeasureKind): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  if (kind === 'money') return formatNumber(amount / 100, 2);
  if (kind === 'ddd') return formatNumber(amount / 10000, 2);
  return formatNumber(amount, 0);
}

/** '2025-Q1' → '2025年第1季度' / '2025 Q1'; '2025' → '2025年' / '2025'; months stay '2025-03'. */
export function periodLabel(period: string, lang: Lang = 'zh-CN'): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return lang === 'en-US' ? `${q[1]} Q${q[2]}` : `${q[1]}年第${q[2]}季度`;
  if (/^\d{4}$/.test(period)) return lang === 'en-US' ? period : `${period}年`;
  return period;
}

/** The twelve months of a year: '2025-01' … '2025-12'. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
