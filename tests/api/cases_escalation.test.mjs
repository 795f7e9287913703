// A complaint nobody answers, on a server whose clock the test moves (yuanwu --clock-file):
// registered on Monday 2026-09-28 as 需调查核实 (5 working days), it is due at the end of
// Saturday 10-10 — the 调休 working day after 国庆 — not on 10-05 as plain weekdays would say.
// The scheduler (every second) reminds the assignee one working day ahead (Friday 10-09), leaves it
// alone through the Saturday, tells the assignee and the 科室负责人 on Sunday 10-11, and the
// 医患办 once it is two working days overdue (from Wednesday 10-14). Each step once, on the
// timeline, in the inbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndDispatch } from '../lib/complaints.mjs';
import { Client, show, startServer } from '../lib/server.mjs';

let srv;
let api;
let complaint;
let xnk;

// Sessions idle out after 30 minutes of clock time, so every jump signs in again.
const as = (user) => api.login(user, undefined, { fresh: true });

async function waitFor(what, fn, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function detail() {
  const r = await api.get(`/api/v1/complaints/${complaint.id}`, await as('yihuan'));
  assert.equal(r.status, 200, show(r));
  return r.json;
}

async function inbox(user) {
  const r = await api.get('/api/v1/notifications', await as(user));
  assert.equal(r.status, 200, show(r));
  return r.json.items.filter((n) => n.link.endsWith(`/complaint/${complaint.id}`));
}

// Moves the clock, then waits two scheduler rounds so that anything due has run.
async function at(iso) {
  srv.setNow(iso);
  await new Promise((r) => setTimeout(r, 2500));
}

before(async () => {
  srv = await startServer({ clock: '2026-09-28T09:00:00+08:00' });
  api = new Client(srv.base);
  const r = await registerAndDispatch(api, await as('yihuan'), {
    name: '赵建平', phone: '13700001111', receivedAt: '2026-09-28 09:00',
    description: '电话反映：心内科门诊护士分诊时态度生硬，未解释候诊顺序。',
  });
  complaint = r.complaint;
  xnk = r.department;
});

after(async () => {
  if (srv) await srv.stop();
});

describe('an unanswered complaint across 国庆 and the 调休 Saturday', () => {
  test('is due at the end of the 调休 Saturday', async () => {
    const c = await detail();
    assert.equal(c.period, '5wd');
    assert.equal(c.due_at, '2026-10-10');
    assert.equal(c.department_id, xnk.id);
    assert.equal(c.escalation, 0);
  });

  test('no reminder while two working days are left (Thursday 10-08)', async () => {
    await at('2026-10-08T17:00:00+08:00');
    assert.equal((await detail()).escalation, 0);
  });

  test('a reminder one working day ahead (Friday 10-09), once', async () => {
    await at('2026-10-09T08:30:00+08:00');
    const c = await waitFor('the reminder', async () => {
      const x = await detail();
      return x.escalation === 1 ? x : null;
    });
    assert.equal(c.overdue, false);
    const q = await api.get('/api/v1/complaints?queue=due_soon&limit=100', await as('yihuan'));
    assert.equal(q.status, 200, show(q));
    assert.ok(q.json.items.some((x) => x.id === complaint.id), show(q));
    const heads = await inbox('xnk_head');
    assert.ok(heads.some((n) => n.title.includes('将于 2026-10-10 到期')), JSON.stringify(heads));
  });

  test('not overdue during the 调休 Saturday, which is a working day', async () => {
    await at('2026-10-10T23:30:00+08:00');
    const c = await detail();
    assert.equal(c.escalation, 1);
    assert.equal(c.overdue, false);
  });

  test('overdue on Sunday 10-11: the 科室负责人 hears of it', async () => {
    await at('2026-10-11T00:10:00+08:00');
    const c = await waitFor('the overdue step', async () => {
      const x = await detail();
      return x.escalation === 2 ? x : null;
    });
    assert.equal(c.overdue, true);
    const heads = await inbox('xnk_head');
    assert.ok(heads.some((n) => n.title.includes('已超过办理期限')), JSON.stringify(heads));
    assert.equal((await inbox('yihuan')).filter((n) => n.title.includes('职能部门')).length, 0);
  });

  test('two working days overdue (Wednesday 10-14): the 医患办 is told', async () => {
    await at('2026-10-13T22:00:00+08:00');
    assert.equal((await detail()).escalation, 2);  // 10-12 and 10-13 are the two days
    await at('2026-10-14T00:10:00+08:00');
    await waitFor('the office step', async () => (await detail()).escalation === 3);
    const office = await inbox('yihuan');
    assert.equal(office.filter((n) => n.title.includes('已上报职能部门')).length, 1);
    const t = await api.get(`/api/v1/complaints/${complaint.id}/timeline`, await as('yihuan'));
    const steps = t.json.events.filter((e) => e.kind === 'remind' || e.kind === 'escalate');
    assert.deepEqual(steps.map((e) => e.data.level), [1, 2, 3]);
    assert.ok(steps.every((e) => e.actor_name === '系统'));
  });
});
