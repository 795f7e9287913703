import type { EChartsCoreOption } from 'echarts/core';

import type { PivotTable } from './pivot';

/** Turns a raw number into the indicator's text (unit and decimals) for tooltips and labels. */
export type ValueText = (value: number | null) => string;

const COLORS = ['#1f6fb2', '#f0a020', '#2e9e6b', '#c45656', '#7a5cc4', '#3ba2b8', '#9a7b4f', '#d46fa8'];

/** Server text (department names) goes into the HTML tooltip: escape it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function tooltipText(text: ValueText) {
  return (value: unknown) => text(typeof value === 'number' ? value : null);
}

/** Monthly trend: this year against the same months of last year (two lines). */
export function trendOption(
  months: readonly string[],
  current: readonly (number | null)[],
  previous: readonly (number | null)[],
  names: { current: string; previous: string },
  text: ValueText,
): EChartsCoreOption {
  return {
    color: COLORS,
    tooltip: { trigger: 'axis', valueFormatter: tooltipText(text) },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 24, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: [...months], boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: [
      { name: names.current, type: 'line', data: [...current], connectNulls: false, symbolSize: 8 },
      { name: names.previous, type: 'line', data: [...previous], lineStyle: { type: 'dashed' }, symbolSize: 6 },
    ],
  };
}

/** Bars, one per category (campuses, departments), horizontal when `horizontal`; labels show the text. */
export function barOption(
  categories: readonly string[],
  values: readonly (number | null)[],
  seriesName: string,
  text: ValueText,
  horizontal = false,
): EChartsCoreOption {
  const category = { type: 'category', data: horizontal ? [...categories].reverse() : [...categories] };
  const value = { type: 'value', scale: false };
  const data = horizontal ? [...values].reverse() : [...values];
  return {
    color: COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipText(text) },
    grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        name: seriesName,
        type: 'bar',
        data,
        barMaxWidth: 36,
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          formatter: (p: { value: unknown }) => text(typeof p.value === 'number' ? p.value : null),
        },
      },
    ],
  };
}

/** At most this many rows of a pivot become chart series. */
export const MAX_SERIES = 12;

/**
 * The pivot as a chart: columns along the x axis, one series per row (the first MAX_SERIES).
 * `cellText(row, column, value)` formats one cell (rows and columns may be different indicators).
 */
export function pivotOption(
  table: PivotTable,
  type: 'line' | 'bar',
  cellText: (rowIndex: number, columnIndex: number, value: number | null) => string,
): EChartsCoreOption {
  const rows = table.rows.slice(0, MAX_SERIES);
  interface Param {
    seriesIndex: number;
    dataIndex: number;
    seriesName: string;
    value: unknown;
    marker: string;
    axisValueLabel: string;
  }
  return {
    color: COLORS,
    tooltip: {
      trigger: 'axis',
      formatter: (params: Param[]) => {
        const head = escapeHtml(params[0]?.axisValueLabel ?? '');
        const lines = params.map((p) => {
          const value = typeof p.value === 'number' ? p.value : null;
          return `${p.marker}${escapeHtml(p.seriesName)}: ${escapeHtml(cellText(p.seriesIndex, p.dataIndex, value))}`;
        });
        return [head, ...lines].join('<br/>');
      },
    },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: table.columns.map((c) => c.label), boundaryGap: type === 'bar' },
    yAxis: { type: 'value', scale: type === 'line' },
    series: rows.map((row) => ({
      name: row.labels.join(' · '),
      type,
      data: table.columns.map((c) => row.cells[c.key]?.value ?? null),
      barMaxWidth: 28,
    })),
  };
}
