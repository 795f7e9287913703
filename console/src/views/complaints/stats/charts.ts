import type { EChartsCoreOption } from 'echarts/core';

import type { ComplaintApi } from '#/api/complaints';

/** '12.5%' or '—' when there is no denominator. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${rate.toFixed(1)}%`;
}

/** 同比: '+12.5%', '-3.0%', or '—' when there was nothing a year earlier. */
export function changeText(change: number | null): string {
  if (change === null) return '—';
  return `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
}

/** Received this year and a year earlier by month, with the reply rate as a line. */
export function monthChart(
  stats: ComplaintApi.Stats,
  names: { received: string; previous: string; replyRate: string; month: (m: string) => string },
): EChartsCoreOption {
  const rows = stats.by_month;
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 24, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => names.month(r.key)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: names.received, type: 'bar', data: rows.map((r) => r.received), itemStyle: { color: '#1f6fb2' } },
      { name: names.previous, type: 'bar', data: rows.map((r) => r.previous.received), itemStyle: { color: '#a0b8d0' } },
      { name: names.replyRate, type: 'line', yAxisIndex: 1, data: rows.map((r) => r.reply_rate), itemStyle: { color: '#2e7d32' } },
    ],
  };
}

/** Horizontal bars of a breakdown (channel, category, department): received and answered. */
export function breakdownChart(
  figures: readonly ComplaintApi.Figure[],
  names: { received: string; answered: string; label: (f: ComplaintApi.Figure) => string },
): EChartsCoreOption {
  const rows = [...figures].filter((f) => f.received > 0 || f.previous.received > 0).sort((a, b) => a.received - b.received);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(names.label) },
    series: [
      { name: names.received, type: 'bar', data: rows.map((r) => r.received), itemStyle: { color: '#1f6fb2' } },
      { name: names.answered, type: 'bar', data: rows.map((r) => r.answered), itemStyle: { color: '#2e7d32' } },
    ],
  };
}

/** Bar chart height for n categories. */
export function breakdownHeight(n: number): string {
  return `${Math.max(220, n * 34 + 60)}px`;
}
