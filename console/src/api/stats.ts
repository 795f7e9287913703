import { http } from './request';

export namespace StatsApi {
  export interface Stats {
    year: number;
    published_total: number;
    by_catalogue: { catalogue_id: number; name: string; count: number }[];
    by_channel: { channel: string; count: number }[];
    views_total: number;
    top_items: { id: number; title: string; views: number }[];
    overdue: number;
  }
}

/** 公开统计 */
export function getStats(year: number) {
  return http.get<StatsApi.Stats>('/disclosure/stats', { year });
}
