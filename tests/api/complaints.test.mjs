// Complaints (投诉) end to end: the public form and tracking pages (no JavaScript, no account),
// staff registration, dispatch to a department, who sees the complainant (only 医患办), the
// reply on the tracking page, rating once, 不予处理, statistics, export and bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, show, startServer, uniq, localToday } from '../lib/server.mjs';

let srv;
let api;
const s = {};
let depts;
const PASSWORD = 'Complaint2026test';

// The complainant of every public submission here; none of it may reach a department.
const who = {
  complainant_name: '欧阳建国',
  complainant_relation: 'child',
  complainant_phone: '13912345678',
  complainant_id_number: '11010519491231002X',
  patient_name: '欧阳桂兰',
  patient_record_no: 'ZY2026-00123',
};
const SECRETS = ['欧阳建国', '13912345678', '11010519491231002X', '欧阳桂兰'];

const dept = (code) => {
  const d = depts.find((x) => x.code === code);
  assert.ok(d, `department ${code}`);
  return d;
};

// Signs in a new account with `roles` in department `code`.
async function person(role, code, scope) {
  const username = `c${uniq(6)}`;
  const r = await api.post('/api/v1/users', s.admin, {
    username, name: `${role}${uniq(2)}`, department_id: dept(code).id, roles: [role], scope, password: PASSWORD,
  });
  assert.equal(r.status, 201, show(r));
  return api.login(username, PASSWORD);
}

// A public submission through the portal form; returns {code, tracking, html}.
async function submitPublic(extra = {}) {
  const r = await api.request('POST', '/complaints', {
    form: {
      ...who,
      target_department_id: String(dept('XNK').id),
      category: 'attitude',
      description: '三月九日上午在心血管内科病房，护士对家属询问不予理睬。',
      demand: '希望科室道歉。',
      consent: '1',
      ...extra,
    },
  });
  assert.equal(r.status, 200, show(r));
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  const code = /(TS-\d{4}-\d{4,})/.exec(r.text)?.[1];
  const tracking = /<dt>查询码<\/dt><dd><strong>([A-Z0-9-]+)<\/strong>/.exec(r.text)?.[1];
  assert.ok(code && tracking, r.text);
  return { code, tracking, html: r.text };
}

const track = (code, tracking) =>
  api.request('POST', '/complaints/track', { form: { code, tracking_code: tracking } });

async function findByCode(session, code) {
  const r = await api.get(`/api/v1/complaints?q=${encodeURIComponent(code)}`, session);
  assert.equal(r.status, 200, show(r));
  return r.json.items.find((x) => x.code === code);
}

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  s.admin = await api.login('admin');
  depts = (await api.get('/api/v1/departments', s.admin)).json.items;
  s.office = await person('patient_relations', 'XNK', 'all');
  s.cardio = await person('dept_head', 'XNK', 'dept');
  s.ortho = await person('dept_head', 'GK', 'dept');
});

after(async () => {
  if (srv) await srv.stop();
});

describe('public pages', () => {
  test('the form works without JavaScript and asks for consent', async () => {
    const r = await api.request('GET', '/complaints/new');
    assert.equal(r.status, 200, show(r));
    assert.match(r.text, /<form[^>]+action="\/complaints"[^>]+method="post"/);
    assert.match(r.text, /name="consent"/);
    assert.match(r.text, /个人信息/);
    assert.doesNotMatch(r.text, /<script/i);
    assert.match(r.headers.get('content-security-policy') || '', /script-src 'none'/);
    const en = await api.request('GET', '/complaints/new?lang=en');
    assert.match(en.text, /Make a complaint/);
  });

  test('a submission gives a code and a tracking code; tracking works', async () => {
    const { code, tracking } = await submitPublic();
    const r = await track(code, tracking);
    assert.equal(r.status, 200, show(r));
    assert.match(r.headers.get('cache-control') || '', /no-store/);
    assert.ok(r.text.includes(code));
    assert.ok(r.text.includes('已登记'), r.text);
    assert.ok(r.text.includes('投诉已受理'));
    for (const x of SECRETS) assert.ok(!r.text.includes(x), `${x} on the tracking page`);
    // Lower case, without dashes (read out over the phone).
    const loose = await track(code, tracking.toLowerCase().replaceAll('-', ''));
    assert.equal(loose.status, 200);
  });

  test('a wrong code and a wrong tracking code get the same answer', async () => {
    const a = await submitPublic();
    const b = await submitPublic();
    const wrongTracking = await track(a.code, b.tracking);
    const wrongCode = await track('TS-2099-0001', a.tracking);
    assert.equal(wrongTracking.status, 404);
    assert.equal(wrongCode.status, 404);
    assert.equal(
      wrongTracking.text.replaceAll(a.code, 'CODE'),
      wrongCode.text.replaceAll('TS-2099-0001', 'CODE'),
    );
    assert.ok(wrongCode.text.includes('未找到'));
  });

  test('bad input: the form again with each field\'s reason and the values kept, nothing saved', async () => {
    const before = (await api.get('/api/v1/complaints', s.office)).json.total;
    const r = await api.request('POST', '/complaints', {
      form: { ...who, complainant_phone: '12345', category: 'attitude', description: '太短' },
    });
    assert.equal(r.status, 400, show(r));
    assert.ok(r.text.includes('联系电话格式不正确'), r.text);
    assert.ok(r.text.includes('投诉事项至少需要10个字'));
    assert.ok(r.text.includes('个人信息处理说明'));
    assert.match(r.text, /id="e-consent"/);
    assert.match(r.text, /value="欧阳建国"/);
    assert.match(r.text, /<option value="child" selected>/);
    assert.equal((await api.get('/api/v1/complaints', s.office)).json.total, before);
  });
});

describe('handling', () => {
  test('the department sees the matter, not who complained; the office sees both', async () => {
    const { code } = await submitPublic();
    const office = await findByCode(s.office, code);
    assert.ok(office, 'office lists it');
    assert.equal(office.complaint.complainant.name, '欧阳建国');
    assert.equal(office.complaint.complainant.phone, '13912345678');
    assert.equal(office.state, 'registered');

    // Not yet dispatched: no department sees it.
    assert.equal((await api.get(`/api/v1/complaints/${office.id}`, s.cardio)).status, 404);
    const d = await api.post(`/api/v1/complaints/${office.id}/dispatch`, s.office, {
      department_id: dept('XNK').id, note: '请核实',
    });
    assert.equal(d.status, 200, show(d));
    assert.equal(d.json.state, 'assigned');

    for (const path of [`/api/v1/complaints/${office.id}`, `/api/v1/complaints?q=${code}`,
      `/api/v1/complaints/${office.id}/timeline`]) {
      const r = await api.get(path, s.cardio);
      assert.equal(r.status, 200, `${path}: ${show(r)}`);
      for (const x of SECRETS) assert.ok(!r.text.includes(x), `${x} in ${path} for the department`);
    }
    const seen = (await api.get(`/api/v1/complaints/${office.id}`, s.cardio)).json;
    assert.equal(seen.complaint.complainant.masked, true);
    assert.equal(seen.complaint.complainant.phone, '139****5678');
    assert.equal(seen.complaint.complainant.relation, null);
    assert.ok(seen.complaint.description.includes('不予理睬'));

    // Another department: not found, not listed.
    assert.equal((await api.get(`/api/v1/complaints/${office.id}`, s.ortho)).status, 404);
    assert.equal(await findByCode(s.ortho, code), undefined);
    // The case file's sheet is masked too.
    const file = await api.get(`/api/v1/complaints/${office.id}/file`, s.cardio);
    assert.equal(file.status, 200, show(file));
  });

  test('reply → the tracking page shows it → rating once', async () => {
    const { code, tracking } = await submitPublic();
    const c = await findByCode(s.office, code);
    // Rating before the reply is refused.
    const early = await api.request('POST', '/complaints/rate', { form: { code, tracking_code: tracking, rating: '5' } });
    assert.equal(early.status, 409, show(early));
    assert.ok(early.text.includes('反馈后才能评价'));

    assert.equal((await api.post(`/api/v1/complaints/${c.id}/dispatch`, s.office, { department_id: dept('XNK').id })).status, 200);
    const accept = await api.post(`/api/v1/complaints/${c.id}/actions/accept`, s.cardio, {});
    assert.equal(accept.status, 200, show(accept));
    assert.equal(accept.json.state, 'investigating');
    const findings = await api.post(`/api/v1/complaints/${c.id}/actions/findings`, s.cardio, { note: '当班护士正在抢救其他患者，已提醒注意沟通。' });
    assert.equal(findings.status, 200, show(findings));

    // Only the office replies; the shared action route needs the reply's fields too.
    const reply = { reply_text: '经调查核实，科室已向当班护士批评教育，并向您致歉。', reply_method: 'phone', accepted: true, follow_up: ['mediation'] };
    assert.equal((await api.post(`/api/v1/complaints/${c.id}/reply`, s.cardio, reply)).status, 403);
    const bare = await api.post(`/api/v1/complaints/${c.id}/actions/reply`, s.office, { note: '已答复' });
    assert.equal(bare.status, 400, show(bare));
    assert.deepEqual(bare.json.fields.map((f) => f.field).sort(), ['reply_method', 'reply_text']);
    const r = await api.post(`/api/v1/complaints/${c.id}/reply`, s.office, reply);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.state, 'replied');
    assert.equal(r.json.complaint.reply.text, reply.reply_text);
    assert.equal(r.json.on_time, true);

    const page = await track(code, tracking);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(reply.reply_text), 'the reply on the tracking page');
    assert.ok(page.text.includes('人民调解'), 'the follow-up route told');
    assert.ok(!page.text.includes('当班护士正在抢救'), 'the department\'s findings stay internal');
    assert.match(page.text, /action="\/complaints\/rate"/);

    const bad = await api.request('POST', '/complaints/rate', { form: { code, tracking_code: tracking, rating: '9' } });
    assert.equal(bad.status, 400, show(bad));
    assert.ok(bad.text.includes('评价应为1到5分'));
    const rated = await api.request('POST', '/complaints/rate', { form: { code, tracking_code: tracking, rating: '4', comment: '处理及时' } });
    assert.equal(rated.status, 200, show(rated));
    assert.ok(rated.text.includes('感谢您的评价'));
    assert.doesNotMatch(rated.text, /action="\/complaints\/rate"/);
    const again = await api.request('POST', '/complaints/rate', { form: { code, tracking_code: tracking, rating: '1' } });
    assert.equal(again.status, 409, show(again));
    const detail = (await api.get(`/api/v1/complaints/${c.id}`, s.office)).json;
    assert.equal(detail.complaint.rating.score, 4);

    // Audited by the engine.
    const audit = await api.get(`/api/v1/audit?entity=case_record&page_size=200`, s.admin);
    assert.equal(audit.status, 200, show(audit));
    const actions = audit.json.items.filter((e) => e.entity_id === String(c.id)).map((e) => e.action);
    for (const a of ['case.complaint.open', 'case.complaint.dispatch', 'case.complaint.reply', 'case.complaint.rate']) {
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    }
  });

  test('not processed: the reason and the explanation reach the patient', async () => {
    const { code, tracking } = await submitPublic();
    const c = await findByCode(s.office, code);
    const bad = await api.post(`/api/v1/complaints/${c.id}/not-process`, s.office, { reason: 'bored', explanation: '' });
    assert.equal(bad.status, 400, show(bad));
    assert.deepEqual(bad.json.fields.map((f) => f.field), ['reason', 'explanation']);
    const r = await api.post(`/api/v1/complaints/${c.id}/not-process`, s.office, {
      reason: 'litigation_or_mediation', explanation: '您已就此事向人民法院起诉，请以法院裁判为准。',
    });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.state, 'not_processed');
    const page = await track(code, tracking);
    assert.ok(page.text.includes('以法院裁判为准'));
    assert.ok(page.text.includes('已经向人民法院提起诉讼'));
  });

  test('staff registration: channel, 首诉, received yesterday; on the spot closes at once', async () => {
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);
    const body = {
      ...who, channel: 'letter', received_at: `${yesterday} 16:30`, complexity: 'multi_department',
      target_department_id: dept('GK').id, category: 'charges', description: '骨科住院结算时多收了两次换药费用。',
    };
    const r = await api.post('/api/v1/complaints', s.cardio, body);
    assert.equal(r.status, 201, show(r));
    assert.ok(r.json.tracking_code);
    assert.equal(r.json.start_at, `${yesterday} 16:30`);
    assert.equal(r.json.period, '10wd');
    assert.equal(r.json.complaint.first_receiver.department_id, dept('XNK').id);
    for (const x of SECRETS) assert.ok(!r.text.includes(x), `${x} shown to the registering head`);

    const spot = await api.post('/api/v1/complaints', s.office, {
      ...who, channel: 'onsite', resolved_on_spot: true, on_spot_reply: '当场核对收费明细并退还重复收取的挂号费。',
      category: 'charges', description: '挂号时被重复收取了挂号费。',
    });
    assert.equal(spot.status, 201, show(spot));
    assert.equal(spot.json.state, 'on_the_spot');
    assert.equal(spot.json.closed, true);
    assert.equal(spot.json.complaint.reply.method, 'in_person');
    const claimed = await api.post(`/api/v1/complaints/${spot.json.id}/actions/resolve_on_spot`, s.office, { note: 'x' });
    assert.equal(claimed.status, 409, show(claimed));
  });

  test('bad input on the API → 400 naming each field, nothing saved', async () => {
    const before = (await api.get('/api/v1/complaints', s.office)).json.total;
    const r = await api.post('/api/v1/complaints', s.office, {
      ...who, complainant_phone: '555', channel: 'fax', received_at: '2099-01-01 00:00',
      category: 'food', description: '短', complexity: 'investigate', target_department_id: 'x',
    });
    assert.equal(r.status, 400, show(r));
    const fields = r.json.fields.map((f) => f.field);
    assert.deepEqual(fields, ['target_department_id']);  // a type error stops before the rules
    const r2 = await api.post('/api/v1/complaints', s.office, {
      ...who, complainant_phone: '555', channel: 'fax', received_at: '2099-01-01 00:00',
      category: 'food', description: '短', complexity: 'investigate',
    });
    assert.equal(r2.status, 400, show(r2));
    const f2 = r2.json.fields.map((f) => f.field);
    for (const f of ['complainant_phone', 'channel', 'received_at', 'category', 'description']) {
      assert.ok(f2.includes(f), `${f} in ${f2}`);
    }
    for (const f of r2.json.fields) {
      assert.ok(f.reason && f.reason_en && f.reason !== f.reason_en, JSON.stringify(f));
    }
    const ghost = await api.post('/api/v1/complaints', s.office, {
      ...who, channel: 'phone', complexity: 'investigate', category: 'other',
      description: '电话投诉：候诊时间过长，无人解释。', target_department_id: 999999,
    });
    assert.equal(ghost.status, 400, show(ghost));
    assert.deepEqual(ghost.json.fields.map((f) => f.field), ['target_department_id']);
    assert.equal((await api.get('/api/v1/complaints', s.office)).json.total, before);
    const q = await api.get('/api/v1/complaints?queue=someday&from=2026-13-01', s.office);
    assert.equal(q.status, 400, show(q));
    assert.deepEqual(q.json.fields.map((f) => f.field), ['queue', 'from']);
  });

  test('a major dispute is flagged, audited and listed', async () => {
    const { code } = await submitPublic();
    const c = await findByCode(s.office, code);
    assert.equal((await api.post(`/api/v1/complaints/${c.id}/major-dispute`, s.cardio, { flag: true, note: 'x' })).status, 403);
    const none = await api.post(`/api/v1/complaints/${c.id}/major-dispute`, s.office, { flag: true });
    assert.equal(none.status, 400, show(none));
    const r = await api.post(`/api/v1/complaints/${c.id}/major-dispute`, s.office, { flag: true, note: '已电话报告区卫健委医政科' });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.complaint.major_dispute.flag, true);
    const list = await api.get('/api/v1/complaints?major=1', s.office);
    assert.ok(list.json.items.some((x) => x.id === c.id));
    assert.ok(list.json.items.every((x) => x.complaint.major_dispute.flag));
    const audit = await api.get(`/api/v1/audit?action=complaints.major_dispute&page_size=50`, s.admin);
    assert.ok(audit.json.items.some((e) => e.entity_id === String(c.id)), show(audit));
  });

  test('a complaint spawns a 整改 task, and the complaint links to it', async () => {
    const { code } = await submitPublic();
    const c = await findByCode(s.office, code);
    assert.equal(c.complaint.rectification_case_id, null);
    const body = {
      source_type: 'complaint', source_id: c.id, department_id: dept('XNK').id,
      problem: '夜班护士对家属询问不予理睬', requirement: '开展服务礼仪培训，建立夜间家属沟通流程', period: '10wd',
    };
    const first = await api.post('/api/v1/rectifications', s.office, body);
    assert.equal(first.status, 201, show(first));
    assert.equal(first.json.rectification.source_type, 'complaint');
    const linked = await api.get(`/api/v1/complaints/${c.id}`, s.office);
    assert.equal(linked.json.complaint.rectification_case_id, first.json.id);
    // A second task (another department's part) keeps the first as the complaint's link.
    const second = await api.post('/api/v1/rectifications', s.office, { ...body, department_id: dept('GK').id });
    assert.equal(second.status, 201, show(second));
    assert.equal((await api.get(`/api/v1/complaints/${c.id}`, s.office)).json.complaint.rectification_case_id, first.json.id);
    const both = await api.get(`/api/v1/rectifications?source_type=complaint&source_id=${c.id}`, s.admin);
    assert.deepEqual(both.json.items.map((x) => x.id).sort(), [first.json.id, second.json.id].sort());
  });
});

describe('figures and export', () => {
  test('statistics for this year, with 同比 and the breakdowns', async () => {
    const year = Number(localToday().slice(0, 4));
    const r = await api.get(`/api/v1/complaints/stats?year=${year}`, s.office);
    assert.equal(r.status, 200, show(r));
    const all = (await api.get('/api/v1/complaints?limit=200', s.office)).json;
    const thisYear = all.items.filter((x) => x.complaint.received_local.startsWith(String(year)));
    assert.equal(r.json.total.received, thisYear.length);
    const answered = thisYear.filter((x) => x.complaint.reply || x.complaint.not_processed).length;
    assert.equal(r.json.total.answered, answered);
    assert.equal(r.json.by_category.reduce((n, x) => n + x.received, 0), thisYear.length);
    assert.equal(r.json.by_channel.length, 8);
    assert.equal(r.json.by_month.length, 12);
    assert.equal(r.json.previous_year, year - 1);
    // The department sees its own figures only.
    const d = await api.get(`/api/v1/complaints/stats?year=${year}`, s.ortho);
    assert.equal(d.status, 200, show(d));
    assert.ok(d.json.total.received < r.json.total.received);
    const bad = await api.get('/api/v1/complaints/stats?year=abc&from_month=13', s.office);
    assert.equal(bad.status, 400, show(bad));
    assert.deepEqual(bad.json.fields.map((f) => f.field), ['year', 'from_month']);
  });

  test('XLSX export, and the code lists for the forms', async () => {
    const x = await api.get('/api/v1/complaints/export', s.cardio);
    assert.equal(x.status, 200, show(x));
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    assert.equal(x.buffer.subarray(0, 2).toString('latin1'), 'PK');
    const c = await api.get('/api/v1/complaints/categories', s.cardio);
    assert.equal(c.status, 200, show(c));
    assert.equal(c.json.categories.length, 8);
    assert.equal(c.json.not_processed_reasons.length, 5);
  });

  test('anonymous API calls are refused', async () => {
    assert.equal((await api.request('GET', '/api/v1/complaints')).status, 401);
    assert.equal((await api.request('GET', '/api/v1/complaints/stats')).status, 401);
  });
});
