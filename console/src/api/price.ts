import { http, type Page } from './request';

export namespace PriceApi {
  export type Kind = 'service' | 'drug';

  export interface Price {
    id: number;
    kind: Kind;
    code: string;
    name: string;
    unit: string;
    spec: string;
    price_fen: number;
    category: string;
    note: string;
    effective_from: string;
  }

  export interface Query {
    kind: Kind;
    q?: string;
    page: number;
    page_size: number;
  }
}

/** 价格公示列表 */
export function getPrices(query: PriceApi.Query) {
  return http.get<Page<PriceApi.Price>>('/prices', { ...query });
}
/** 导入价格表（替换该类全部条目，全部成功才保存） */
export function importPrices(kind: PriceApi.Kind, file: File) {
  return http.upload<{ imported: number }>('/prices/import', file, { kind });
}
