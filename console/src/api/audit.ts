import { apiUrl, http, type Page } from './request';

export namespace AuditApi {
  export interface Entry {
    id: number;
    at: string;
    actor_name: string;
    ip: string;
    action: string;
    entity: string;
    entity_id: string | number | null;
    before: unknown;
    after: unknown;
  }

  export interface Filter {
    actor?: string;
    entity?: string;
    action?: string;
    from?: string;
    to?: string;
  }

  export interface Verify {
    ok: boolean;
    checked: number;
    broken_at: number | null;
  }
}

/** 审计日志 */
export function getAudit(filter: AuditApi.Filter, page: number, page_size: number) {
  return http.get<Page<AuditApi.Entry>>('/audit', { ...filter, page, page_size });
}
/** 导出 CSV 的下载地址（同源 cookie 鉴权） */
export function auditExportUrl(filter: AuditApi.Filter): string {
  return apiUrl('/audit/export', { ...filter });
}
/** 校验审计链 */
export function verifyAudit() {
  return http.get<AuditApi.Verify>('/audit/verify');
}
