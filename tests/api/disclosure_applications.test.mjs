// 依申请公开 end to end on a server whose clock starts on Monday 2026-09-28 (--clock-file): a
// public application through the portal form (no JavaScript, no account), a 补正 notice within
// the notice period and the period restarting on the day the 补正 arrives (across 国庆 and the
// 调休 Saturday 10-10), an approved extension, the answer, the applicant's tracking page, the
// refusal of a late 补正 notice, and the annual table 三 filling itself (JSON and XLSX).
// Expected dates are computed here from data/calendar (tests/lib/calendar.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, show, startServer } from '../lib/server.mjs';
import { addWorkingDays, loadCalendar } from '../lib/calendar.mjs';

const BASE = '/api/v1/disclosure/applications';
const CHINESE = /[\u4e00-\u9fff]/;
const cal = loadCalendar();

let srv;
let api;
const s = {};
let baseline;  // the 2026 table before this file's applications

const applicant = {
  applicant_kind: 'natural_person',
  applicant_name: '欧阳明',
  id_type: 'resident_id',
  id_number: '11010519491231002X',
  phone: '13912345678',
  description: '2026年大型医用设备采购项目的招标公告及中标结果公示',
  medium: 'paper',
  delivery: 'pickup',
  consent: '1',
};

const at = (local) => `${local}:00+08:00`;

async function applyOnPortal(extra = {}) {
  const form = await api.request('GET', '/disclosure/apply');
  assert.equal(form.status, 200, show(form));
  const key = /name="form_key" value="([0-9a-f]{32})"/.exec(form.text)?.[1];
  assert.ok(key, 'the form carries a one-time key');
  const r = await api.request('POST', '/disclosure/apply', { form: { ...applicant, form_key: key, ...extra } });
  assert.equal(r.status, 200, show(r));
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  const code = /<dt>申请编号<\/dt><dd><strong>(YSQ-\d{4}-\d{4,})<\/strong>/.exec(r.text)?.[1];
  const tracking = /<dt>查询码<\/dt><dd><strong>([A-Z0-9-]+)<\/strong>/.exec(r.text)?.[1];
  assert.ok(code && tracking, r.text);
  return { code, tracking, key, html: r.text };
}

async function byCode(code) {
  const r = await api.get(`${BASE}?q=${encodeURIComponent(code)}`, s.office);
  assert.equal(r.status, 200, show(r));
  const item = r.json.items.find((x) => x.code === code);
  assert.ok(item, `${code} in the office's list`);
  return item;
}

async function detail(id) {
  const r = await api.get(`${BASE}/${id}`, s.office);
  assert.equal(r.status, 200, show(r));
  return r.json;
}

const track = (code, tracking) =>
  api.request('POST', '/disclosure/track', { form: { code, tracking_code: tracking } });

// The <dd> after <dt>label</dt> on a portal page.
function dd(html, label) {
  const m = new RegExp(`<dt>${label}</dt><dd>(?:<strong>)?([^<]*)`).exec(html);
  return m ? m[1] : null;
}

async function annual(year = 2026) {
  const r = await api.get(`${BASE}/annual-table?year=${year}`, s.office);
  assert.equal(r.status, 200, show(r));
  return r.json;
}

const row = (table, code) => {
  const found = table.rows.find((x) => x.code === code);
  assert.ok(found, `row ${code}`);
  return found;
};

before(async () => {
  // The clock jumps weeks ahead between steps: sessions must outlast it (idle timeout in minutes).
  srv = await startServer({ clock: at('2026-09-28T09:00'), extraArgs: ['--idle-timeout', String(90 * 24 * 60)] });
  api = new Client(srv.base);
  s.office = await api.login('office');
  s.nurse = await api.login('nurse01');  // 职工: no application permission
  baseline = await annual();
});

after(async () => {
  if (srv) await srv.stop();
});

describe('a public application with a 补正 and an extension', () => {
  let app;
  let late;

  test('bad input on the portal form comes back with reasons, values kept, nothing written', async () => {
    const before = (await api.get(`${BASE}?limit=1`, s.office)).json.total;
    const r = await api.request('POST', '/disclosure/apply', {
      form: { ...applicant, description: '', consent: '', applicant_name: '<b>欧阳明</b>' },
    });
    assert.equal(r.status, 400, show(r));
    assert.match(r.text, /所需信息的名称、文号或特征描述不能为空/);
    assert.match(r.text, /请阅读并同意个人信息处理说明/);
    assert.match(r.text, /value="&lt;b&gt;欧阳明&lt;\/b&gt;"/);
    assert.doesNotMatch(r.text, /<b>欧阳明/);
    assert.match(r.headers.get('content-security-policy') || '', /script-src 'none'/);
    assert.equal((await api.get(`${BASE}?limit=1`, s.office)).json.total, before);
  });

  test('the application is received today and answered within 20 working days', async () => {
    app = await applyOnPortal();
    late = await applyOnPortal();
    assert.equal(dd(app.html, '收到申请之日'), '2026-09-28');
    const due = addWorkingDays(cal, '2026-09-28', 20);
    assert.equal(due, '2026-10-30');
    assert.equal(dd(app.html, '答复期限'), due);
    // The same form sent again (a reload) registers nothing.
    const again = await api.request('POST', '/disclosure/apply', { form: { ...applicant, form_key: app.key } });
    assert.equal(again.status, 409, show(again));
    assert.ok(again.text.includes(app.code));
    assert.ok(!again.text.includes(app.tracking));

    const item = await byCode(app.code);
    app.id = item.id;
    assert.equal(item.due_at, due);
    assert.equal(item.application.received_on, '2026-09-28');
    assert.equal(item.application.channel, 'online');
    assert.equal(item.application.id_number, applicant.id_number);  // the office sees it whole
    const d = await detail(app.id);
    assert.equal(d.correction_notice_due, addWorkingDays(cal, '2026-09-28', 7));
  });

  test('the 补正 notice pauses the clock and the tracking page says what to complete', async () => {
    srv.setNow(at('2026-09-29T10:00'));
    const r = await api.post(`${BASE}/${app.id}/correction-request`, s.office, {
      request: '请写明设备名称和采购年份',
      due: '2026-10-12',
    });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.state, 'awaiting_correction');
    assert.equal(r.json.clock, 'paused');
    assert.equal(r.json.paused_remaining, 19);
    const page = await track(app.code, app.tracking);
    assert.equal(page.status, 200, show(page));
    assert.equal(dd(page.text, '办理状态'), '待补正');
    assert.match(page.text, /请写明设备名称和采购年份/);
    assert.match(page.text, /恢复计算后还有19个工作日/);
    const wrong = await track(app.code, 'AAAA-BBBB-CCCC');
    assert.equal(wrong.status, 404);
  });

  test('the answer period starts again on the day the 补正 arrives, across 国庆', async () => {
    srv.setNow(at('2026-09-30T15:00'));
    const r = await api.post(`${BASE}/${app.id}/correction-received`, s.office, { note: '申请人补正了采购年份' });
    assert.equal(r.status, 200, show(r));
    const due = addWorkingDays(cal, '2026-09-30', 20);
    assert.equal(due, '2026-11-03');  // 10-10 (调休) counts
    assert.equal(r.json.due_at, due);
    assert.equal(r.json.clock, 'running');
    assert.equal(r.json.application.correction.received_on, '2026-09-30');
  });

  test('a 补正 notice after the notice period is refused and changes nothing', async () => {
    const item = await byCode(late.code);
    // Received 9-28: 9-29, 9-30, 10-8, 10-9, 10-10 (调休), 10-12, 10-13 — the notice period.
    const noticeDue = addWorkingDays(cal, '2026-09-28', 7);
    assert.equal(noticeDue, '2026-10-13');
    srv.setNow(at('2026-10-14T09:00'));
    const r = await api.post(`${BASE}/${item.id}/correction-request`, s.office, { request: '请写明文号', due: '2026-10-20' });
    assert.equal(r.status, 409, show(r));
    assert.equal(r.json.code, 'failed_precondition');
    assert.ok(r.json.message.includes(noticeDue), r.json.message);
    assert.ok(r.json.message_en);
    assert.equal((await detail(item.id)).state, 'received');
  });

  test('an extension is approved within 20 working days and shown to the applicant', async () => {
    srv.setNow(at('2026-10-20T10:00'));
    const bad = await api.post(`${BASE}/${app.id}/extend`, s.office, { amount: '21wd', approver: '张院长', reason: '资料较多' });
    assert.equal(bad.status, 400, show(bad));
    assert.ok(bad.json.fields.some((f) => f.field === 'amount' && CHINESE.test(f.reason) && f.reason_en));
    // The 条例's own check (disclosure ValidateExtension) answers, in the applicant's units.
    assert.match(bad.json.fields.find((f) => f.field === 'amount').reason, /合计 21 个工作日.*超过上限 20 个工作日/);
    const r = await api.post(`${BASE}/${app.id}/extend`, s.office, {
      amount: '10wd', approver: '张院长（信息公开工作机构负责人）', reason: '需调取多个科室的采购档案',
    });
    assert.equal(r.status, 200, show(r));
    const due = addWorkingDays(cal, '2026-11-03', 10);
    assert.equal(r.json.due_at, due);
    const page = await track(app.code, app.tracking);
    assert.equal(dd(page.text, '答复期限'), due);
    assert.equal(dd(page.text, '答复期限已延长'), '10个工作日');
    assert.match(page.text, /需调取多个科室的采购档案/);
    assert.doesNotMatch(page.text, /张院长/);  // the approver is for the record, not the applicant
  });

  test('the answer lands in its row of the annual table, which adds up', async () => {
    srv.setNow(at('2026-11-10T10:00'));
    const missing = await api.post(`${BASE}/${app.id}/answer`, s.office, {
      outcome: 'partial', answer_text: '招标公告见附件。', answer_delivery: 'pickup',
    });
    assert.equal(missing.status, 400, show(missing));
    assert.deepEqual(missing.json.fields.map((f) => f.field), ['withheld_text']);
    const r = await api.post(`${BASE}/${app.id}/answer`, s.office, {
      outcome: 'partial',
      answer_text: '招标公告及中标结果见附件。',
      withheld_text: '投标人报价明细涉及商业秘密，不予公开（条例第十五条）。',
      answer_delivery: 'pickup',
    });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.state, 'answered');
    assert.equal(r.json.on_time, true);
    assert.equal(r.json.application.outcome, 'partial');

    const page = await track(app.code, app.tracking);
    assert.match(page.text, /（二）部分公开/);
    assert.match(page.text, /投标人报价明细涉及商业秘密/);

    const t = await annual();
    assert.equal(t.note, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    const person = t.columns.findIndex((c) => c.code === 'natural_person');
    const total = t.columns.findIndex((c) => c.code === 'total');
    const delta = (code, col) => row(t, code).cells[col] - row(baseline, code).cells[col];
    assert.equal(delta('received', person), 2);
    assert.equal(delta('partial', person), 1);
    assert.equal(delta('total', total), 1);
    assert.equal(delta('carried_out', total), 1);  // the other application is still open
    for (let c = 0; c < t.columns.length; c++) {
      const sum = (code) => row(t, code).cells[c];
      assert.equal(sum('received') + sum('carried_in'), sum('total') + sum('carried_out'), t.columns[c].code);
    }
    assert.equal(t.complete, true);
    assert.match(t.summary.statement_b, /^收到依申请公开 \d+ 件$/);

    const x = await api.get(`${BASE}/annual-table/export?year=2026`, s.office);
    assert.equal(x.status, 200, show(x));
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    assert.equal(x.buffer.subarray(0, 2).toString(), 'PK');
  });
});

describe('consultations, permissions and bad input', () => {
  test('a consultation is counted for Mode A', async () => {
    srv.setNow(at('2026-11-11T09:00'));
    const before = (await annual()).consultations.received;
    const r = await api.post('/api/v1/disclosure/consultations', s.office, {
      applicant_name: '李女士', channel: 'phone', description: '医院是否公开年度财务预算？',
    });
    assert.equal(r.status, 201, show(r));
    assert.match(r.json.code, /^ZX-2026-\d{4}$/);
    assert.equal(r.json.due_at, addWorkingDays(cal, '2026-11-11', 5));
    const a = await api.post(`/api/v1/disclosure/consultations/${r.json.id}/answer`, s.office, {
      answer_text: '已在公开目录「财务信息」栏目公开。', answer_delivery: 'phone',
    });
    assert.equal(a.status, 200, show(a));
    assert.equal(a.json.state, 'answered');
    const t = await annual();
    assert.equal(t.consultations.received, before + 1);
    assert.match(t.summary.statement_a, /^受理信息公开咨询 \d+ 件$/);
  });

  test('bad registration input names every field in zh and en and writes nothing', async () => {
    const before = (await api.get(`${BASE}?limit=1`, s.office)).json.total;
    const r = await api.post(BASE, s.office, { channel: 'registered_mail', submitted_on: '2026-13-01' });
    assert.equal(r.status, 400, show(r));
    const fields = r.json.fields.map((f) => f.field);
    for (const f of ['applicant_kind', 'applicant_name', 'id_type', 'description', 'medium', 'submitted_on']) {
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    }
    for (const f of r.json.fields) {
      assert.match(f.reason, CHINESE);
      assert.ok(f.reason_en);
    }
    assert.equal((await api.get(`${BASE}?limit=1`, s.office)).json.total, before);
  });

  test('only holders of the permissions see applications', async () => {
    assert.equal((await api.request('GET', BASE)).status, 401);
    assert.equal((await api.get(BASE, s.nurse)).status, 403);
    assert.equal((await api.get(`${BASE}/annual-table?year=2026`, s.nurse)).status, 403);
    const q = await api.get(`${BASE}/queues`, s.office);
    assert.equal(q.status, 200, show(q));
    assert.equal(typeof q.json.open, 'number');
  });
});
