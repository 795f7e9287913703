import type { EChartsCoreOption } from 'echarts/core';

import type { StatsApi } from '#/api/stats';

/** At most this many catalogue entries get a bar; the rest are left out. */
export const TOP_CATALOGUE = 15;

/** Height in pixels for `rows` horizontal bars. */
export function barHeight(rows: number): string {
  return `${Math.max(240, Math.min(rows, TOP_CATALOGUE) * 26 + 60)}px`;
}

/** Horizontal bars: published items of the busiest catalogue entries, largest on top. */
export function catalogueBar(stats: StatsApi.Stats, seriesName: string): EChartsCoreOption {
  const rows = [...stats.by_catalogue]
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_CATALOGUE)
    .reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [{ name: seriesName, type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#1f6fb2' } }],
  };
}

/** Pie: published items per channel, labelled by `label(channel)`. */
export function channelPie(stats: StatsApi.Stats, label: (channel: string) => string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        data: stats.by_channel.map((c) => ({ name: label(c.channel), value: c.count })),
      },
    ],
  };
}
