import type { IndicatorsApi } from '#/api/indicators';

/** The three dimensions of a result set; one goes across (columns), the other two down (rows). */
export type PivotDim = 'period' | 'indicator' | 'org';

export interface PivotColumn {
  key: string;
  label: string;
}

export interface PivotRow {
  key: string;
  /** Labels of the two row dimensions, in `rowDims` order. */
  labels: [string, string];
  /** Column key → the result in that cell. */
  cells: Record<string, IndicatorsApi.Result>;
}

export interface PivotTable {
  columnDim: PivotDim;
  rowDims: [PivotDim, PivotDim];
  columns: PivotColumn[];
  rows: PivotRow[];
}

export interface PivotLabels {
  /** Indicator code → label (with unit). */
  indicator: (code: string) => string;
  org: (result: IndicatorsApi.Result) => string;
  period: (period: string) => string;
}

const ORDER: PivotDim[] = ['indicator', 'org', 'period'];

function keyOf(dim: PivotDim, r: IndicatorsApi.Result): string {
  if (dim === 'indicator') return r.indicator;
  if (dim === 'org') return r.org_unit;
  return r.period;
}

/**
 * Lays results out as a table: `columnDim` across, the other two dimensions down (indicator,
 * then org unit, then period). Indicators keep the order of `indicatorOrder`, org units the
 * server's order, periods sort ascending ('2025-03' < '2025-04', '2025-Q1' < '2025-Q2').
 */
export function buildPivot(
  results: readonly IndicatorsApi.Result[],
  columnDim: PivotDim,
  labels: PivotLabels,
  indicatorOrder: readonly string[] = [],
): PivotTable {
  const rowDims = ORDER.filter((d) => d !== columnDim) as [PivotDim, PivotDim];
  const orgOrder = new Map<string, number>();
  for (const r of results) if (!orgOrder.has(r.org_unit)) orgOrder.set(r.org_unit, orgOrder.size);
  const indRank = (code: string) => {
    const i = indicatorOrder.indexOf(code);
    return i < 0 ? indicatorOrder.length : i;
  };
  const compare = (dim: PivotDim, a: string, b: string): number => {
    if (dim === 'indicator') return indRank(a) - indRank(b) || a.localeCompare(b);
    if (dim === 'org') return (orgOrder.get(a) ?? 0) - (orgOrder.get(b) ?? 0);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const labelOf = (dim: PivotDim, r: IndicatorsApi.Result): string => {
    if (dim === 'indicator') return labels.indicator(r.indicator);
    if (dim === 'org') return labels.org(r);
    return labels.period(r.period);
  };

  const columns = new Map<string, { label: string; sample: IndicatorsApi.Result }>();
  const rows = new Map<string, { parts: [string, string]; row: PivotRow }>();
  for (const r of results) {
    const col = keyOf(columnDim, r);
    if (!columns.has(col)) columns.set(col, { label: labelOf(columnDim, r), sample: r });
    const parts: [string, string] = [keyOf(rowDims[0], r), keyOf(rowDims[1], r)];
    const rowKey = `${parts[0]}\u0001${parts[1]}`;
    let entry = rows.get(rowKey);
    if (!entry) {
      entry = { parts, row: { key: rowKey, labels: [labelOf(rowDims[0], r), labelOf(rowDims[1], r)], cells: {} } };
      rows.set(rowKey, entry);
    }
    entry.row.cells[col] = r;
  }

  return {
    columnDim,
    rowDims,
    columns: [...columns.entries()]
      .sort(([a], [b]) => compare(columnDim, a, b))
      .map(([key, c]) => ({ key, label: c.label })),
    rows: [...rows.values()]
      .sort((a, b) => compare(rowDims[0], a.parts[0], b.parts[0]) || compare(rowDims[1], a.parts[1], b.parts[1]))
      .map((e) => e.row),
  };
}

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(text: string): string {
  let out = text;
  if (/^[=+\-@\t\r]/.test(out) && !/^[+-]?\d+(\.\d+)?%?$/.test(out)) out = `'${out}`;
  return /[",\r\n]/.test(out) ? `"${out.replace(/"/g, '""')}"` : out;
}

/** CSV with a UTF-8 byte order mark and CRLF line ends, so Excel opens Chinese text correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The pivot as CSV rows: a header (the two row-dimension names, then the columns) and the values
 * as plain numbers in the indicator's decimals (no digit grouping, no unit: Excel reads them as
 * numbers; the unit is in the indicator's label).
 */
export function pivotToRows(
  table: PivotTable,
  dimName: (dim: PivotDim) => string,
  plain: (result: IndicatorsApi.Result) => string,
): string[][] {
  const header = [dimName(table.rowDims[0]), dimName(table.rowDims[1]), ...table.columns.map((c) => c.label)];
  const body = table.rows.map((row) => [
    ...row.labels,
    ...table.columns.map((c) => {
      const cell = row.cells[c.key];
      return cell ? plain(cell) : '';
    }),
  ]);
  return [header, ...body];
}
