import { ElMessage } from 'element-plus';

import { acceptLanguage, pickLocalized, t } from '#/locales';

/** One field's reason inside a problem body. */
export interface FieldProblem {
  field: string;
  reason: string;
  reason_en?: string;
}

/** The server's error body (docs/api.md, "Errors"). */
export interface Problem {
  code: string;
  message: string;
  message_en?: string;
  fields?: FieldProblem[];
}

/** A list response: `{items, total}`. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Every failed request rejects with this; the message is already localized. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];

  constructor(status: number, problem: Problem) {
    super(pickLocalized(problem.message, problem.message_en));
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.fields = problem.fields ?? [];
  }

  /** Field reasons keyed by field name, for `<el-form-item :error>`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) out[f.field] = pickLocalized(f.reason, f.reason_en);
    return out;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** A plain object is sent as JSON; FormData as multipart. */
  body?: unknown;
  /** No toast and no redirect to login: the caller shows the error itself. */
  silent?: boolean;
}

export const API_BASE = '/api/v1';

let csrfToken = '';
let onUnauthenticated: () => void = () => {};

/** Kept in memory only; GET /session hands it out again after a reload. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called on any 401 of a non-silent request (the router sends the user to login). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Builds `/api/v1/path?query`, dropping empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (body && typeof body.message === 'string') {
      return { code: body.code ?? 'internal', ...body } as Problem;
    }
  } catch {
    // not JSON: fall through
  }
  return { code: 'internal', message: `${response.status} ${response.statusText}`.trim() };
}

/** The one place that talks to the server and turns problem bodies into ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { 'Accept-Language': acceptLanguage(), Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    const error = new ApiError(0, { code: 'unavailable', message: t('common.networkError') });
    if (!options.silent) ElMessage.error(error.message);
    throw error;
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = new ApiError(response.status, await readProblem(response));
  if (!options.silent) {
    if (response.status === 401) onUnauthenticated();
    ElMessage.error(error.message);
  }
  throw error;
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, silent = false) =>
    request<T>(path, { query, silent }),
  post: <T>(path: string, body?: unknown, query?: Record<string, QueryValue>) =>
    request<T>(path, { method: 'POST', body: body ?? {}, query }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  del: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
  /** Multipart upload of one file in field `file`. */
  upload: <T>(path: string, file: File, query?: Record<string, QueryValue>) => {
    const form = new FormData();
    form.append('file', file);
    return request<T>(path, { method: 'POST', body: form, query });
  },
};
