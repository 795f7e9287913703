// Quality and safety (src/quality) through the API: an anonymous adverse event from the report
// to closure, with its corrective action rectified and re-checked, and never a trace of the
// reporter in any response (lists, details, timelines, tracking, the audit trail); a named
// report protected from the department; bad input → 400 naming the fields, nothing saved; an
// inspection round scored, its finding rectified, re-checked (fail, then pass), the monthly
// scores; visibility by department and permission.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, localToday, show, startServer, tinyPdf } from '../lib/server.mjs';

const CHINESE = /[\u4e00-\u9fff]/;

let srv;
let api;
const s = {};
let xnk;  // 心内科
let wk;   // another clinical department
const responses = [];  // every response body read while the anonymous report is followed

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'nurse01', 'xnk_head', 'leader', 'auditor']) s[u] = await api.login(u);
  const depts = (await api.get('/api/v1/departments', s.admin)).json.items;
  xnk = depts.find((d) => d.code === 'XNK');
  wk = depts.find((d) => d.code !== 'XNK' && d.kind === 'clinical');
  assert.ok(xnk && wk, 'the demo has 心内科 and another clinical department');
});

after(async () => {
  if (srv) await srv.stop();
});

// "YYYY-MM-DD HH:MM" in the hospital's time (UTC+8), `minutesAgo` before now.
function localMinute(minutesAgo) {
  return new Date(Date.now() + (480 - minutesAgo) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

// A request whose body is remembered for the anonymity check.
async function call(method, path, session, json) {
  const r = await api.request(method, path, { session, json });
  responses.push(`${method} ${path} → ${r.text}`);
  return r;
}

async function ok(method, path, session, json, status = 200) {
  const r = await call(method, path, session, json);
  assert.equal(r.status, status, `${method} ${path}: ${show(r)}`);
  return r.json;
}

function fieldsOf(r) {
  assert.equal(r.status, 400, show(r));
  assert.equal(r.json.code, 'invalid_argument');
  for (const f of r.json.fields) {
    assert.match(f.reason, CHINESE, JSON.stringify(f));
    assert.ok(f.reason_en, JSON.stringify(f));
  }
  return r.json.fields.map((f) => f.field).sort();
}

const report = (extra = {}) => ({
  occurred_at: localMinute(180),
  discovered_at: localMinute(120),
  department_id: xnk.id,
  patient_name: '赵病人',
  patient_record_no: 'ZY880031',
  category: 'fall',
  grade: 'III',
  description: '患者夜间如厕时在卫生间滑倒，护士巡视发现，查体未见明显损伤。',
  immediate_measures: '通知值班医师查看，加强巡视。',
  ...extra,
});

describe('adverse events', () => {
  test('the form lists categories, grades with their definitions and the non-punitive notice', async () => {
    const c = await ok('GET', '/api/v1/adverse-events/categories', s.nurse01);
    assert.equal(c.categories.length, 10);
    assert.deepEqual(c.grades.map((g) => g.code), ['I', 'II', 'III', 'IV']);
    assert.match(c.grades[0].help, /非预期的死亡/);
    assert.deepEqual(c.severities.map((x) => x.period), ['15d', '12h', '2h']);
    assert.match(c.non_punitive_notice, /非惩罚/);
    assert.equal(c.handle_period, '10wd');
  });

  test('bad reports → 400 naming every field, nothing saved', async () => {
    const before = (await api.get('/api/v1/adverse-events', s.admin)).json.total;
    const r = await api.post('/api/v1/adverse-events', s.nurse01, {
      occurred_at: '昨晚', department_id: 0, category: 'ghost', grade: 'V', description: '摔了',
      external_severity: 'huge', anonymous: 'yes',
    });
    assert.deepEqual(fieldsOf(r), ['anonymous']);  // types first
    const r2 = await api.post('/api/v1/adverse-events', s.nurse01, {
      occurred_at: '昨晚', department_id: 0, category: 'ghost', grade: 'V', description: '摔了',
      external_severity: 'huge',
    });
    assert.deepEqual(fieldsOf(r2),
      ['category', 'department_id', 'description', 'external_severity', 'grade', 'occurred_at']);
    const r3 = await api.post('/api/v1/adverse-events', s.nurse01, report({ department_id: 999999 }));
    assert.deepEqual(fieldsOf(r3), ['department_id']);
    assert.equal((await api.get('/api/v1/adverse-events', s.admin)).json.total, before);
    // Reading needs adverse_events.read, which a nurse does not have.
    assert.equal((await api.get('/api/v1/adverse-events', s.nurse01)).status, 403);
  });

  test('an anonymous report goes to closure and no response names the reporter', async () => {
    const nurse = s.nurse01.user;
    const created = await ok('POST', '/api/v1/adverse-events', s.nurse01, report({ anonymous: true }), 201);
    assert.match(created.code, /^BL-\d{4}-\d{4}$/);
    assert.ok(created.tracking_code);
    const id = created.id;
    const base = `/api/v1/adverse-events/${id}`;

    // The department sees it, reporter and patient masked.
    const list = await ok('GET', '/api/v1/adverse-events?queue=department', s.xnk_head);
    const row = list.items.find((x) => x.id === id);
    assert.ok(row, 'in 心内科 head\'s department queue');
    assert.equal(row.event.reporter.name, '匿名');
    assert.equal(row.event.patient.name, '赵*人');
    assert.equal(row.opened_by_name, '');
    let d = await ok('GET', base, s.xnk_head);
    assert.ok(d.actions.some((a) => a.action === 'accept'));
    await ok('POST', `${base}/actions/accept`, s.xnk_head, {});
    // The department's step needs its fields; the shared action route cannot skip them.
    assert.deepEqual(fieldsOf(await call('POST', `${base}/actions/dept_submit`, s.xnk_head, {})), ['analysis']);
    await ok('POST', `${base}/actions/dept_submit`, s.xnk_head, { analysis: '夜间巡视间隔过长', measures: '已加强巡视' });
    // Only the office reviews.
    assert.equal((await call('POST', `${base}/actions/analyse`, s.xnk_head, {})).status, 403);
    d = await ok('POST', `${base}/actions/analyse`, s.admin, {
      causes: [{ category: 'people', description: '高风险患者未按要求巡视' },
        { category: 'environment', description: '卫生间地面湿滑' }],
      factors: '夜班人力不足',
      conclusion: '跌倒风险评估与防范措施未落实',
    });
    assert.equal(d.state, 'corrective');
    assert.equal(d.event.reporter.name, '匿名');
    assert.equal(d.event.patient.name, '赵病人');  // the office sees the patient
    d = await ok('POST', `${base}/actions/plan_actions`, s.admin, {
      actions: [{ department_id: xnk.id, requirement: '修订跌倒高风险患者巡视制度并全员培训', leader: '护理副院长', responsible: '护士长' }],
    });
    assert.equal(d.corrective.length, 1);
    const task = d.corrective[0];
    assert.equal(task.department_id, xnk.id);
    const early = await call('POST', `${base}/actions/start_evaluation`, s.admin, {});
    assert.equal(early.status, 409, show(early));

    // The department rectifies with evidence; the office re-checks.
    const t = `/api/v1/rectifications/${task.id}`;
    const up = await api.request('POST', `${t}/attachments`, {
      session: s.xnk_head, multipart: { file: { filename: '培训签到表.pdf', data: tinyPdf('sign-in'), type: 'application/pdf' } },
    });
    assert.equal(up.status, 201, show(up));
    await ok('POST', `${t}/submit`, s.xnk_head, { report: '已修订制度并完成全员培训，见附件' });
    await ok('POST', `${t}/recheck`, s.admin, { passed: true, note: '现场抽查已落实' });
    await ok('POST', `${base}/actions/start_evaluation`, s.admin, {});
    assert.deepEqual(fieldsOf(await call('POST', `${base}/actions/close`, s.admin, { effectiveness: 'ineffective', evaluation: '仍有跌倒' })), ['effectiveness']);
    d = await ok('POST', `${base}/actions/close`, s.admin, { effectiveness: 'effective', evaluation: '三个月内未再发生跌倒' });
    assert.equal(d.state, 'closed');
    assert.equal(d.closed, true);

    // Everything anyone can read about it.
    await ok('GET', base, s.admin);
    await ok('GET', base, s.leader);
    await ok('GET', `${base}/timeline`, s.admin);
    await ok('GET', `${base}/timeline`, s.xnk_head);
    await ok('GET', '/api/v1/adverse-events', s.admin);
    await ok('GET', '/api/v1/adverse-events/mine', s.nurse01);
    await ok('GET', t, s.admin);
    await ok('GET', `${t}/timeline`, s.admin);
    const tracked = await ok('POST', '/api/v1/adverse-events/track', s.nurse01,
      { code: created.code, tracking_code: created.tracking_code });
    assert.equal(tracked.state, 'closed');
    assert.ok(tracked.events.length >= 3);
    for (const action of ['adverse_event', 'case.adverse_event', 'rectification', 'case.rectification']) {
      await ok('GET', `/api/v1/audit?action=${action}&page_size=200`, s.auditor);
    }
    const mine = (await api.get('/api/v1/adverse-events/mine', s.nurse01)).json.items;
    assert.ok(!mine.some((x) => x.id === id), 'an anonymous report is not among "my reports"');
    const wrong = await api.post('/api/v1/adverse-events/track', s.nurse01, { code: created.code, tracking_code: 'AAAA-BBBB-CCCC' });
    assert.equal(wrong.status, 404);

    const all = responses.join('\n');
    assert.ok(all.length > 10000, 'the responses were collected');
    for (const trace of [nurse.name, nurse.username]) {
      assert.ok(!all.includes(trace), `"${trace}" appears in a response:\n${responses.filter((x) => x.includes(trace)).join('\n').slice(0, 2000)}`);
    }
    assert.ok(!all.includes(`"actor_id":${nurse.id},`));
  });

  test('a named report: the department sees （已保护）, the office the reporter', async () => {
    const created = await ok('POST', '/api/v1/adverse-events', s.nurse01, report({ category: 'drug', grade: 'IV' }), 201);
    const head = await ok('GET', `/api/v1/adverse-events/${created.id}`, s.xnk_head);
    assert.equal(head.event.reporter.name, '（已保护）');
    assert.equal(head.event.patient.record_no, '****31');
    assert.ok(!JSON.stringify(head).includes(s.nurse01.user.name));
    const timeline = await ok('GET', `/api/v1/adverse-events/${created.id}/timeline`, s.xnk_head);
    assert.equal(timeline.events[0].actor_name, '（已保护）');
    const office = await ok('GET', `/api/v1/adverse-events/${created.id}`, s.admin);
    assert.equal(office.event.reporter.name, s.nurse01.user.name);
    const mine = await ok('GET', '/api/v1/adverse-events/mine', s.nurse01);
    assert.ok(mine.items.some((x) => x.id === created.id));
    // The outward clock: 重大 → 12 hours from the discovery.
    const ext = await ok('POST', `/api/v1/adverse-events/${created.id}/external`, s.admin, { severity: 'major' });
    assert.equal(ext.event.external.period, '12h');
    assert.equal((await api.post(`/api/v1/adverse-events/${created.id}/external`, s.xnk_head, { severity: 'grave' })).status, 403);
    const pending = await ok('GET', '/api/v1/adverse-events?external=pending', s.admin);
    assert.ok(pending.items.some((x) => x.id === created.id));
    const out = await ok('POST', `/api/v1/adverse-events/${created.id}/external/reported`, s.admin, { note: '网络直报，回执号 0001' });
    assert.equal(out.event.external.on_time, true);
    const stats = await ok('GET', `/api/v1/adverse-events/stats?year=${localToday().slice(0, 4)}`, s.admin);
    assert.ok(stats.total >= 2);
    assert.ok(stats.by_category.some((c) => c.key === 'drug' && c.name === '药品'));
    const xlsx = await api.get('/api/v1/adverse-events/export', s.admin);
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.buffer.subarray(0, 2).toString(), 'PK');
    // 心内科's head sees no event of another department.
    const other = await ok('POST', '/api/v1/adverse-events', s.nurse01, report({ department_id: wk.id }), 201);
    assert.equal((await api.get(`/api/v1/adverse-events/${other.id}`, s.xnk_head)).status, 404);
  });
});

describe('inspections and rectification', () => {
  test('a finding is rectified, fails its re-check, then passes; monthly scores', async () => {
    const templates = (await ok('GET', '/api/v1/inspections/templates', s.leader)).items;
    assert.deepEqual(templates.map((x) => x.code).sort(), ['core18', 'infection', 'medical_records', 'nursing']);
    const core = templates.find((x) => x.code === 'core18');
    assert.equal(core.total_score, 100);
    const today = localToday();
    const month = today.slice(0, 7);
    // The demo hospital has its own rounds this month: what this test adds is measured against them.
    const before = await ok('GET', `/api/v1/inspections/scores?month=${month}&template_id=${core.id}`, s.admin);
    const beforeScore = before.scores.find((x) => x.department_id === xnk.id) || { sheets: 0, average: 0 };
    const beforeFindings = before.findings.find((x) => x.department_id === xnk.id) || { in_month: 0, open: 0 };
    const round = await ok('POST', '/api/v1/inspections', s.admin, {
      template_id: core.id, title: '核心制度季度督查', inspected_on: today,
      inspectors: ['医务部 王', '质控办 周'], department_ids: [xnk.id, wk.id],
    }, 201);
    assert.equal(round.items.length, 36);
    assert.equal(round.sheets.length, 2);

    // Every item once; bad scores name their fields and save nothing.
    const scores = round.items.map((i) => ({ item_id: i.id, score: i.max_score }));
    scores[0].score = scores[0].score - 1.5;
    scores[0].note = '查房记录缺上级医师意见';
    const bad = scores.map((x) => ({ ...x }));
    bad[1].score = 99;
    bad.pop();
    assert.deepEqual(fieldsOf(await api.put(`/api/v1/inspections/${round.id}/scores`, s.admin,
      { department_id: xnk.id, scores: bad })), ['scores[1].score']);
    let r = await ok('GET', `/api/v1/inspections/${round.id}`, s.admin);
    assert.ok(r.sheets.every((x) => !x.scored));
    r = await ok('PUT', `/api/v1/inspections/${round.id}/scores`, s.admin, { department_id: xnk.id, scores, summary: '总体良好' });
    assert.equal(r.sheets.find((x) => x.department_id === xnk.id).score, 98.5);
    assert.equal((await api.put(`/api/v1/inspections/${round.id}/scores`, s.xnk_head, { department_id: xnk.id, scores })).status, 403);

    r = await ok('POST', `/api/v1/inspections/${round.id}/findings`, s.admin, {
      department_id: xnk.id,
      findings: [{ item_id: round.items[2].id, description: '急会诊到位时间超过10分钟', requirement: '完善会诊制度并落实考核', leader: '医务副院长', responsible: '科主任' }],
    }, 201);
    const finding = r.sheets.find((x) => x.department_id === xnk.id).findings[0];
    const t = `/api/v1/rectifications/${finding.rectification.id}`;
    let task = await ok('GET', t, s.xnk_head);
    assert.equal(task.rectification.source_type, 'inspection');
    assert.equal(task.rectification.source_code, '核心制度季度督查');
    assert.equal(task.period, '20wd');
    assert.equal(task.state, 'rectifying');
    const listed = await ok('GET', '/api/v1/rectifications?source_type=inspection&queue=department', s.xnk_head);
    assert.ok(listed.items.some((x) => x.id === task.id));

    await ok('POST', `${t}/submit`, s.xnk_head, { report: '已修订会诊制度' });
    assert.equal((await api.post(`${t}/recheck`, s.xnk_head, { passed: true })).status, 403);
    assert.deepEqual(fieldsOf(await api.post(`${t}/recheck`, s.admin, { passed: false })), ['note']);
    task = await ok('POST', `${t}/recheck`, s.admin, { passed: false, note: '抽查仍有超时' });
    assert.equal(task.state, 'rectifying');
    assert.equal(task.clock, 'running');
    assert.equal(task.rectification.failed_rechecks, 1);
    const ext = await ok('POST', `${t}/extend`, s.admin, { amount: '5wd', approver: '医务副院长', reason: '需信息系统配合' });
    assert.equal(ext.extended, '5wd');
    await ok('POST', `${t}/submit`, s.xnk_head, { report: '信息系统增加会诊超时提醒' });
    task = await ok('POST', `${t}/recheck`, s.admin, { passed: true, note: '复查通过，予以销号' });
    assert.equal(task.state, 'closed');
    const timeline = await ok('GET', `${t}/timeline`, s.admin);
    assert.deepEqual(timeline.events.filter((e) => e.kind === 'action').map((e) => e.action),
      ['submit', 'recheck_fail', 'submit', 'recheck_pass']);

    // Monthly scores: the office sees both departments' figures, the head only 心内科.
    const m = await ok('GET', `/api/v1/inspections/scores?month=${month}&template_id=${core.id}`, s.admin);
    const mine = m.scores.find((x) => x.department_id === xnk.id);
    assert.equal(mine.sheets, beforeScore.sheets + 1);
    // The month's average over the sheets: the demo's and this round's 98.5.
    const expected = (beforeScore.average * beforeScore.sheets + 98.5) / (beforeScore.sheets + 1);
    assert.ok(Math.abs(mine.average - expected) < 0.051, `average ${mine.average}, expected ${expected}`);
    assert.ok(m.findings.some((x) => x.department_id === xnk.id && x.in_month === beforeFindings.in_month + 1 &&
      x.open === beforeFindings.open));
    const headView = await ok('GET', `/api/v1/inspections/scores?month=${month}`, s.xnk_head);
    assert.ok(headView.scores.every((x) => x.department_id === xnk.id));
    assert.deepEqual(fieldsOf(await api.get('/api/v1/inspections/scores?month=2026-13', s.admin)), ['month']);
    const xlsx = await api.get(`/api/v1/inspections/scores/export?month=${month}`, s.admin);
    assert.equal(xlsx.status, 200, show(xlsx));
    // The round cannot be completed until 普外 is scored too.
    assert.equal((await api.post(`/api/v1/inspections/${round.id}/complete`, s.admin, {})).status, 409);
    assert.equal((await api.get('/api/v1/inspections', s.nurse01)).status, 403);
  });

  test('a complaint office may open a task from a complaint only through an existing case', async () => {
    const r = await api.post('/api/v1/rectifications', s.admin, {
      source_type: 'complaint', source_id: 999999, department_id: xnk.id, problem: '候诊时间过长', requirement: '优化分诊流程',
    });
    assert.deepEqual(fieldsOf(r), ['source_id']);
    const other = await api.post('/api/v1/rectifications', s.admin, {
      source_type: 'other', department_id: xnk.id, problem: '病区消防通道堆放杂物', requirement: '立即清理并建立巡查制度', period: '5wd',
    });
    assert.equal(other.status, 201, show(other));
    assert.equal(other.json.period, '5wd');
    assert.equal((await api.post('/api/v1/rectifications', s.xnk_head, {
      source_type: 'other', department_id: xnk.id, problem: 'x', requirement: 'y',
    })).status, 403);
  });
});
