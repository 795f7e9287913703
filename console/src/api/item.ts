import type { CatalogueApi } from './catalogue';
import { http, type Page } from './request';

export namespace ItemApi {
  export type State =
    | 'draft'
    | 'pending_review'
    | 'pending_approval'
    | 'scheduled'
    | 'published'
    | 'offline'
    | 'expired'
    | 'archived';

  export type ReviewResult = 'public' | 'partial' | 'withheld';

  export interface Attachment {
    id: number;
    filename: string;
    size: number;
    content_type: string;
    url: string;
  }

  export interface Rejection {
    stage: string;
    by: string;
    at: string;
    reasons: string;
  }

  export interface Item {
    id: number;
    catalogue_id: number;
    catalogue_name: string;
    title: string;
    summary: string;
    body: string;
    audience: CatalogueApi.Audience;
    channels: CatalogueApi.Channel[];
    department_id: number | null;
    department_name: string;
    state: State;
    version: number;
    formed_on: string;
    publish_at: string | null;
    expire_at: string | null;
    published_at: string | null;
    created_by_name: string;
    updated_at: string;
    rejection: Rejection | null;
    attachments: Attachment[];
    views: number;
    overdue: boolean;
    due_on: string | null;
  }

  export interface ItemInput {
    catalogue_id: number | null;
    title: string;
    summary: string;
    body: string;
    audience: CatalogueApi.Audience;
    channels: CatalogueApi.Channel[];
    department_id: number | null;
    formed_on: string;
    publish_at: string | null;
    expire_at: string | null;
  }

  export interface Query {
    state?: State | '';
    catalogue_id: number | null;
    audience?: CatalogueApi.Audience | '';
    q?: string;
    department_id?: number | null;
    page: number;
    page_size: number;
  }

  export interface Version {
    version: number;
    title: string;
    summary: string;
    body: string;
    saved_at: string;
    saved_by: string;
  }

  export interface Review {
    stage: 'security' | 'approval';
    result: string;
    basis: string;
    opinion: string;
    reviewer_name: string;
    at: string;
  }

  export interface Event {
    action: string;
    at: string;
    actor_name: string;
    note?: string;
  }

  export interface History {
    versions: Version[];
    reviews: Review[];
    events: Event[];
  }
}

/** 公开事项列表（按数据范围） */
export function getItems(query: ItemApi.Query) {
  return http.get<Page<ItemApi.Item>>('/disclosure/items', { ...query });
}
export function getItem(id: number) {
  return http.get<ItemApi.Item>(`/disclosure/items/${id}`);
}
/** 新建草稿 */
export function createItem(input: ItemApi.ItemInput) {
  return http.post<ItemApi.Item>('/disclosure/items', input);
}
/** 编辑草稿 */
export function updateItem(id: number, input: ItemApi.ItemInput) {
  return http.put<ItemApi.Item>(`/disclosure/items/${id}`, input);
}
/** 提交保密审查 */
export function submitItem(id: number) {
  return http.post<ItemApi.Item>(`/disclosure/items/${id}/submit`);
}
/** 保密审查 */
export function reviewItem(id: number, input: { result: ItemApi.ReviewResult; basis: string; opinion: string }) {
  return http.post<ItemApi.Item>(`/disclosure/items/${id}/review`, input);
}
/** 审批 */
export function approveItem(id: number, input: { approved: boolean; opinion: string }) {
  return http.post<ItemApi.Item>(`/disclosure/items/${id}/approve`, input);
}
/** 下线 */
export function withdrawItem(id: number, reason: string) {
  return http.post<ItemApi.Item>(`/disclosure/items/${id}/withdraw`, { reason });
}
/** 修订（生成新版本草稿） */
export function reviseItem(id: number) {
  return http.post<ItemApi.Item>(`/disclosure/items/${id}/revise`);
}
/** 归档 */
export function archiveItem(id: number) {
  return http.post<ItemApi.Item>(`/disclosure/items/${id}/archive`);
}
/** 历史：版本、审查记录、操作事件 */
export function getItemHistory(id: number) {
  return http.get<ItemApi.History>(`/disclosure/items/${id}/history`);
}
/** 上传附件 */
export function uploadAttachment(id: number, file: File) {
  return http.upload<ItemApi.Attachment>(`/disclosure/items/${id}/attachments`, file);
}
export function deleteAttachment(id: number, attachmentId: number) {
  return http.del(`/disclosure/items/${id}/attachments/${attachmentId}`);
}
/** 逾期未更新 */
export function getOverdueItems() {
  return http.get<{ items: ItemApi.Item[] }>('/disclosure/overdue');
}
