import { http } from './request';

export namespace CatalogueApi {
  export type Audience = 'society' | 'patient' | 'staff';
  export type Channel =
    | 'website'
    | 'onsite_board'
    | 'screen'
    | 'service_desk'
    | 'wechat'
    | 'handbook'
    | 'hotline'
    | 'oa';

  export interface Entry {
    id: number;
    parent_id: number | null;
    code: string;
    name: string;
    content: string;
    audience: Audience;
    channels: Channel[];
    department_id: number | null;
    time_limit_days: number;
    legal_basis: string;
    sort: number;
  }
  export type EntryInput = Omit<Entry, 'id'>;
}

/** 公开目录（扁平） */
export function getCatalogue() {
  return http.get<{ items: CatalogueApi.Entry[] }>('/disclosure/catalogue');
}
export function createCatalogueEntry(input: CatalogueApi.EntryInput) {
  return http.post<CatalogueApi.Entry>('/disclosure/catalogue', input);
}
export function updateCatalogueEntry(id: number, input: CatalogueApi.EntryInput) {
  return http.put<CatalogueApi.Entry>(`/disclosure/catalogue/${id}`, input);
}
