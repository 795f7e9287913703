// The indicator API module against a stubbed network: fetch for the JSON calls (through
// request.ts), a fake XMLHttpRequest for the upload with progress.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getQcFindings, getRecords, getResults, importReportUrl, saveMapping, uploadImport } from '#/api/indicators';
import { ApiError, setCsrfToken } from '#/api/request';

// request.ts toasts failures with ElMessage; there is no DOM here.
const toast = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: { error: toast } }));

interface Call {
  url: string;
  init: RequestInit;
}

let calls: Call[] = [];
let reply: (url: string) => Response;

beforeEach(() => {
  calls = [];
  reply = () => new Response(JSON.stringify({ items: [], first_month: null, last_month: null }), { status: 200 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return reply(url);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('JSON calls', () => {
  it('asks for results with the indicators joined by commas', async () => {
    await getResults({
      from: '2025-01',
      to: '2025-12',
      by: 'month',
      group: 'department',
      indicator: ['discharges', 'surgery_ratio'],
    });
    const url = new URL(calls[0]!.url, 'http://x');
    expect(url.pathname).toBe('/api/v1/indicators/results');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: '2025-01',
      to: '2025-12',
      by: 'month',
      group: 'department',
      indicator: 'discharges,surgery_ratio',
    });
  });

  it('leaves out indicator when all are wanted', async () => {
    await getResults({ from: '2025-01', to: '2025-12', by: 'year', group: 'hospital', indicator: [] });
    expect(new URL(calls[0]!.url, 'http://x').searchParams.has('indicator')).toBe(false);
  });

  it('drills down with every key of the cell', async () => {
    reply = () => new Response(JSON.stringify({ items: [], total: 0, dataset: 'discharges' }), { status: 200 });
    const res = await getRecords({
      indicator: 'inpatient_mortality',
      period: '2025-Q1',
      by: 'quarter',
      group: 'department',
      org_unit: 'XNK',
      side: 'denominator',
      page: 2,
      page_size: 20,
    });
    expect(res.dataset).toBe('discharges');
    const q = new URL(calls[0]!.url, 'http://x').searchParams;
    expect(q.get('period')).toBe('2025-Q1');
    expect(q.get('org_unit')).toBe('XNK');
    expect(q.get('side')).toBe('denominator');
    expect(q.get('page')).toBe('2');
  });

  it('drops empty finding filters', async () => {
    await getQcFindings({
      from: '2025-01',
      to: '2025-03',
      dept: '',
      coder: 'BM01',
      rule: '',
      category: 'dates',
      page: 1,
    });
    const q = new URL(calls[0]!.url, 'http://x').searchParams;
    expect([...q.keys()].sort()).toEqual(['category', 'coder', 'from', 'page', 'to']);
  });

  it('sends the CSRF token on a change and surfaces the field reasons', async () => {
    setCsrfToken('tok');
    reply = () =>
      new Response(
        JSON.stringify({
          code: 'invalid_argument',
          message: '列映射无效',
          message_en: 'bad mapping',
          fields: [{ field: 'mapping', reason: '标准列 FOO 不存在', reason_en: 'no column FOO' }],
        }),
        { status: 400 },
      );
    const error = await saveMapping({ dataset: 'discharges', name: 'HIS', mapping: { 病案号: 'BAH' } }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors()).toEqual({ mapping: '标准列 FOO 不存在' });
    expect(toast).toHaveBeenCalledWith('列映射无效');
    expect(calls[0]!.init.method).toBe('PUT');
    expect((calls[0]!.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      dataset: 'discharges',
      name: 'HIS',
      mapping: { 病案号: 'BAH' },
    });
  });

  it('links the error report', () => {
    expect(importReportUrl(42)).toBe('/api/v1/indicators/imports/42/report');
  });
});

/** A scripted XMLHttpRequest: sends progress 50%, 100%, then answers `status` / `body`. */
class FakeXhr {
  static answer: { status: number; body: string } = { status: 201, body: '{}' };
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  withCredentials = false;
  status = 0;
  responseText = '';
  sent: unknown = null;
  upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: unknown): void {
    this.sent = body;
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
      this.upload.onprogress?.({ lengthComputable: true, loaded: 100, total: 100 } as ProgressEvent);
      this.upload.onload?.();
      this.status = FakeXhr.answer.status;
      this.responseText = FakeXhr.answer.body;
      this.onload?.();
    });
  }
}

describe('uploadImport', () => {
  beforeEach(() => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    reply = (url) =>
      url.endsWith('/session')
        ? new Response(JSON.stringify({ user: {}, csrf_token: 'session-token' }), { status: 200 })
        : new Response('{}', { status: 404 });
  });

  const file = () => new File(['BAH,ZYCS\n1,1\n'], '首页.csv', { type: 'text/csv' });

  it('posts the file with the session CSRF token and reports progress', async () => {
    FakeXhr.answer = { status: 201, body: JSON.stringify({ id: 7, status: 'committed', row_count: 1 }) };
    const progress: number[] = [];
    const outcome = await uploadImport({
      dataset: 'discharges',
      mapping: 'HIS',
      file: file(),
      onProgress: (f) => progress.push(f),
    });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/indicators/imports?dataset=discharges&mapping=HIS');
    expect(xhr.headers['X-CSRF-Token']).toBe('session-token');
    expect(xhr.sent).toBeInstanceOf(FormData);
    expect((xhr.sent as FormData).get('file')).toBeInstanceOf(File);
    expect(progress).toEqual([0.5, 1, 1]);
    expect(outcome.status).toBe(201);
    expect(outcome.batch.id).toBe(7);
  });

  it('resolves a failed batch (200): nothing imported, the report tells why', async () => {
    FakeXhr.answer = {
      status: 200,
      body: JSON.stringify({ id: 8, status: 'failed', reject_count: 3, has_report: true }),
    };
    const outcome = await uploadImport({ dataset: 'visits', file: file() });
    expect(FakeXhr.last!.url).toBe('/api/v1/indicators/imports?dataset=visits');
    expect(outcome.status).toBe(200);
    expect(outcome.batch.status).toBe('failed');
  });

  it('rejects an unreadable file (400) with the missing columns', async () => {
    FakeXhr.answer = {
      status: 400,
      body: JSON.stringify({
        code: 'invalid_argument',
        message: '缺少关键列',
        message_en: 'key columns missing',
        fields: [{ field: 'CYSJ', reason: '缺少列', reason_en: 'missing' }],
      }),
    };
    const error = await uploadImport({ dataset: 'discharges', file: file() }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toBe('缺少关键列');
    expect((error as ApiError).fields.map((f) => f.field)).toEqual(['CYSJ']);
  });

  it('turns a non-JSON failure into an ApiError', async () => {
    FakeXhr.answer = { status: 502, body: '<html>bad gateway</html>' };
    const error = await uploadImport({ dataset: 'discharges', file: file() }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
  });
});
