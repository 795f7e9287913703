import { acceptLanguage, t } from '#/locales';

import { getSession } from './session';
import { API_BASE, ApiError, apiUrl, http, request, type Page, type Problem } from './request';

/** docs/api.md, "Indicators (指标与首页质控)". */
export namespace IndicatorsApi {
  export type Direction = 'up' | 'down' | 'monitor';
  export type Grain = 'month' | 'quarter' | 'year';
  export type Grouping = 'hospital' | 'campus' | 'department';
  export type Dataset = 'discharges' | 'visits' | 'antibiotic_use' | 'pathways';
  export type Side = 'numerator' | 'denominator';

  /** A filtered count or sum over one dataset (src/indicators/definition.h). */
  export interface Measure {
    dataset: Dataset;
    agg: 'count' | 'sum';
    field?: string;
    fields?: string[];
    child?: string;
    child_field?: string;
    child_where?: unknown[];
    where?: unknown[];
  }

  export interface Definition {
    code: string;
    name: string;
    name_en: string;
    unit: string;
    unit_en: string;
    category: string;
    direction: Direction;
    national: boolean;
    multiplier: number;
    decimals: number;
    source: string;
    notes: string;
    numerator: Measure;
    denominator: Measure | null;
    builtin: boolean;
    enabled: boolean;
  }

  export type Comparator = '<' | '<=' | '>' | '>=';
  export type TargetScope = 'hospital' | 'campus' | 'department';

  export interface TargetInput {
    indicator_code: string;
    scope: TargetScope;
    scope_code: string;
    comparator: Comparator;
    value: number;
    /** YYYY-MM */
    valid_from: string;
    valid_to: string | null;
    basis: string;
  }

  export interface Target extends TargetInput {
    id: number;
  }

  export interface Result {
    indicator: string;
    /** "2025-03" | "2025-Q1" | "2025" */
    period: string;
    /** department code, campus code, or "hospital" */
    org_unit: string;
    org_name: string;
    numerator: number;
    denominator: number | null;
    value: number | null;
    previous_year_value: number | null;
    previous_period_value: number | null;
    ytd_value: number | null;
    previous_ytd_value: number | null;
    /** 同比增减 % */
    yoy_change_pct: number | null;
    target: Target | null;
    attained: boolean | null;
  }

  export interface ResultQuery {
    /** YYYY-MM */
    from: string;
    to: string;
    by: Grain;
    group: Grouping;
    /** Indicator codes; empty = all. */
    indicator: string[];
  }

  export interface Results {
    items: Result[];
    first_month: string | null;
    last_month: string | null;
  }

  export interface RecordQuery {
    indicator: string;
    period: string;
    by: Grain;
    group: Grouping;
    org_unit: string;
    side: Side;
    page: number;
    page_size: number;
  }

  /**
   * A discharge or visit record; names and ID numbers come masked unless the user may identify.
   * The server sends every value as text (money in 分).
   */
  export type RecordRow = Record<string, string | number | null> & { id: string | number };

  export interface Records extends Page<RecordRow> {
    dataset: Dataset;
  }

  export type Severity = 'reject' | 'error' | 'warning';

  export interface Finding {
    line: number;
    record_key: string;
    field: string;
    value: string;
    rule: string;
    category: string;
    severity: Severity;
    message: string;
    message_en: string;
    dept_code: string;
    coder: string;
    period: string;
  }

  export type BatchStatus = 'committed' | 'failed' | 'replaced' | 'running';

  export interface ImportBatch {
    id: number;
    dataset: Dataset;
    file_name: string;
    status: BatchStatus;
    source: string;
    demo: boolean;
    row_count: number;
    replaced_count: number;
    reject_count: number;
    error_count: number;
    warning_count: number;
    period_from: string | null;
    period_to: string | null;
    created_at: string;
    finished_at: string | null;
    created_by_name: string;
    message: string;
    message_en: string;
    has_report: boolean;
    /** On POST only. */
    ignored_columns?: string[];
    /** On POST only: at most 200, rejections first. */
    sample?: Finding[];
  }

  export interface Mapping {
    id: number;
    dataset: Dataset;
    name: string;
    /** source header → canonical column */
    mapping: Record<string, string>;
    updated_at: string;
  }

  export interface Column {
    name: string;
    label: string;
    type: string;
    key: boolean;
  }

  export interface QcRow {
    key: string;
    name: string;
    records: number;
    complete_records: number;
    required_filled: number;
    required_total: number;
    records_with_errors: number;
    by_category: Record<string, number>;
  }

  export interface QcRule {
    rule: string;
    category: string;
    severity: Severity;
    count: number;
  }

  export interface QcSummary {
    items: QcRow[];
    rules: QcRule[];
  }

  export interface QcFinding extends Finding {
    bah: string;
    zycs: number;
    xm: string;
    cykb: string;
  }

  export interface QcFindingQuery {
    from: string;
    to: string;
    dept?: string;
    coder?: string;
    rule?: string;
    category?: string;
    page: number;
    page_size?: number;
  }

  // 医院填报数据 and 编码字典
  export type FigureLevel = 'department' | 'hospital';

  /** One figure of data/indicators/figures.json. */
  export interface FigureDef {
    code: string;
    name: string;
    name_en: string;
    unit: string;
    unit_en: string;
    decimals: number;
    aggregate: 'sum' | 'last';
    level: FigureLevel;
    category: string;
    source: string;
  }

  export interface FigureValue {
    /** YYYY-MM */
    period: string;
    /** "hospital", a campus code or a department code */
    org_unit: string;
    org_name: string;
    code: string;
    value: number;
    /** exact decimal text, e.g. "1234.50" */
    value_text: string;
    note: string;
    updated_by_name: string;
    updated_at: string;
  }

  /** One cell of PUT /indicators/figures; `value` null clears the stored value. */
  export interface FigureInput {
    period: string;
    org_unit: string;
    code: string;
    value: string | number | null;
    note?: string;
  }

  export interface FigureImport {
    file_name: string;
    rows: number;
    values: number;
    inserted: number;
    updated: number;
    period_from: string | null;
    period_to: string | null;
  }

  export type CodeKind = 'icd10' | 'procedure';

  export interface CodeTable {
    kind: CodeKind;
    count: number;
    version: string;
  }
}

/** 指标定义 */
export function getDefinitions() {
  return http.get<{ items: IndicatorsApi.Definition[] }>('/indicators/definitions');
}
/** 修改指标定义（含启用 / 停用） */
export function updateDefinition(code: string, body: unknown) {
  return http.put<IndicatorsApi.Definition>(`/indicators/definitions/${encodeURIComponent(code)}`, body);
}
/** 新增指标定义 */
export function createDefinition(body: unknown) {
  return http.post<IndicatorsApi.Definition>('/indicators/definitions', body);
}

/** 指标结果 */
export function getResults(query: IndicatorsApi.ResultQuery) {
  return http.get<IndicatorsApi.Results>('/indicators/results', {
    from: query.from,
    to: query.to,
    by: query.by,
    group: query.group,
    indicator: query.indicator.join(','),
  });
}

/** 下钻：一个数字背后的病案 / 就诊记录 */
export function getRecords(query: IndicatorsApi.RecordQuery) {
  return http.get<IndicatorsApi.Records>('/indicators/records', { ...query });
}

/** 目标值 */
export function getTargets(indicator?: string) {
  return http.get<{ items: IndicatorsApi.Target[] }>('/indicators/targets', { indicator });
}
export function createTarget(input: IndicatorsApi.TargetInput) {
  return http.post<IndicatorsApi.Target>('/indicators/targets', input);
}
export function updateTarget(id: number, input: IndicatorsApi.TargetInput) {
  return http.put<IndicatorsApi.Target>(`/indicators/targets/${id}`, input);
}
export function deleteTarget(id: number) {
  return http.del(`/indicators/targets/${id}`);
}

/** 导入批次（分页） */
export function getImports(query: { dataset?: string; page: number; page_size: number }) {
  return http.get<Page<IndicatorsApi.ImportBatch>>('/indicators/imports', { ...query });
}
export function getImport(id: number) {
  return http.get<IndicatorsApi.ImportBatch>(`/indicators/imports/${id}`);
}
export function getImportFindings(id: number, page: number, page_size = 20) {
  return http.get<Page<IndicatorsApi.Finding>>(`/indicators/imports/${id}/findings`, { page, page_size });
}
/** 错误报告（XLSX）的下载地址 */
export function importReportUrl(id: number): string {
  return `${API_BASE}/indicators/imports/${id}/report`;
}

/** 列映射 */
export function getMappings(dataset: string) {
  return http.get<{ items: IndicatorsApi.Mapping[] }>('/indicators/mappings', { dataset });
}
export function saveMapping(input: { dataset: string; name: string; mapping: Record<string, string> }) {
  return http.put<IndicatorsApi.Mapping>('/indicators/mappings', input);
}
export function deleteMapping(id: number) {
  return http.del(`/indicators/mappings/${id}`);
}
/** 数据集的标准列 */
export function getColumns(dataset: string) {
  return http.get<{ items: IndicatorsApi.Column[] }>('/indicators/columns', { dataset });
}

/** 首页质控汇总 */
export function getQcSummary(query: { from: string; to: string; by: 'department' | 'coder' }) {
  return http.get<IndicatorsApi.QcSummary>('/indicators/qc/summary', { ...query });
}
/** 首页质控问题明细 */
export function getQcFindings(query: IndicatorsApi.QcFindingQuery) {
  return http.get<Page<IndicatorsApi.QcFinding>>('/indicators/qc/findings', { ...query });
}

/** The outcome of an import upload: 201 committed, 200 failed (nothing imported). */
export interface ImportOutcome {
  status: number;
  batch: IndicatorsApi.ImportBatch;
}

export interface ImportUpload {
  dataset: IndicatorsApi.Dataset;
  mapping?: string;
  file: File;
  /** Upload progress, 0…1; called with 1 when the file is sent and the server starts checking. */
  onProgress?: (fraction: number) => void;
}

function problemOf(status: number, text: string): Problem {
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body.message === 'string') return { code: body.code ?? 'internal', ...body } as Problem;
  } catch {
    // not JSON
  }
  return { code: 'internal', message: `${status}` };
}

/**
 * 上传导入文件. `fetch` cannot report upload progress, so this one request uses XMLHttpRequest;
 * it sends the same headers as request.ts (CSRF token from GET /session, which returns the
 * session's token). Rejects with ApiError (400 unreadable file, with `fields`), shown by the
 * caller — no toast here.
 */
export async function uploadImport(upload: ImportUpload): Promise<ImportOutcome> {
  const session = await getSession();
  const form = new FormData();
  form.append('file', upload.file);
  const url = apiUrl('/indicators/imports', { dataset: upload.dataset, mapping: upload.mapping });
  return new Promise<ImportOutcome>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    xhr.setRequestHeader('X-CSRF-Token', session.csrf_token);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) upload.onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => upload.onProgress?.(1);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve({ status: xhr.status, batch: JSON.parse(xhr.responseText) as IndicatorsApi.ImportBatch });
        } catch {
          reject(new ApiError(xhr.status, { code: 'internal', message: t('indicators.import.badResponse') }));
        }
        return;
      }
      reject(new ApiError(xhr.status, problemOf(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'unavailable', message: t('common.networkError') }));
    xhr.send(form);
  });
}

/** 填报项目 */
export function getFigureDefinitions() {
  return http.get<{ items: IndicatorsApi.FigureDef[] }>('/indicators/figure-definitions');
}
/** 填报数据 of a month range (org_unit empty = every unit the user may see) */
export function getFigures(query: { from: string; to: string; org_unit?: string }) {
  return http.get<{ items: IndicatorsApi.FigureValue[] }>('/indicators/figures', { ...query });
}
/** Saves a set of cells in one transaction; the caller shows field errors (silent). */
export function saveFigures(items: IndicatorsApi.FigureInput[]) {
  return request<{ changed: number }>('/indicators/figures', { method: 'PUT', body: { items }, silent: true });
}
export function deleteFigures(query: { period: string; org_unit: string; code?: string }) {
  return request<{ deleted: number }>('/indicators/figures', { method: 'DELETE', query });
}
/** Imports a wide CSV/XLSX sheet; rejects with ApiError whose `fields` list every refused cell. */
export function importFigures(file: File) {
  const form = new FormData();
  form.append('file', file);
  return request<IndicatorsApi.FigureImport>('/indicators/figures/import', {
    method: 'POST',
    body: form,
    silent: true,
  });
}

/** 编码字典 loaded for 首页质控 */
export function getCodeTables() {
  return http.get<{ items: IndicatorsApi.CodeTable[] }>('/indicators/code-tables');
}
/** Replaces a code table with a file (columns 编码, 名称); silent: the caller shows `fields`. */
export function importCodeTable(kind: IndicatorsApi.CodeKind, version: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return request<IndicatorsApi.CodeTable & { replaced: number }>(`/indicators/code-tables/${kind}/import`, {
    method: 'POST',
    body: form,
    query: { version },
    silent: true,
  });
}
export function deleteCodeTable(kind: IndicatorsApi.CodeKind) {
  return request<{ deleted: number }>(`/indicators/code-tables/${kind}`, { method: 'DELETE' });
}
