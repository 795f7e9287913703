// A complaint nobody answers, seen in the console on the right working days across 国庆 and the
// 调休 Saturday 2026-10-10. The server reads its clock from a file (yuanwu --clock-file) and the
// browser's clock is fixed to the same moment (Playwright clock emulation), so the scheduler's
// escalation and the console's own working-day count are both checked on each date:
//   Mon 09-28  registered as 需调查核实 (5 working days) and sent to 心血管内科 → due 10-10
//   Thu 10-08  「剩余 2 个工作日」 (10-09 and the 调休 10-10), no reminder yet
//   Fri 10-09  xnk_head's bell: 「将于 2026-10-10 到期」; the link opens the complaint, 临期
//   Sat 10-10  late evening: 「今日到期」, still not overdue — a 调休 Saturday is a working day
//   Sun 10-11  xnk_head's bell: 「已超过办理期限」; 已超期, in the 已超期 queue
//   Wed 10-14  医患办's bell: 「已上报职能部门」; the timeline shows the three steps by 系统
// Sessions idle out after 30 minutes of clock time, so each date signs in on a fresh context.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { registerAndDispatch } from '../lib/complaints.mjs';
import { Client, startServer } from '../lib/server.mjs';
import { clearArtifacts, consoleLogin, dt, launchBrowser, newContext, shot, watchErrors } from './support.mjs';

const PREFIX = 'cases-escalation';
const HEAD = 'xnk_head';
const OFFICE = 'yihuan';

let srv;
let chrome;
let complaint;

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer({ clock: '2026-09-28T09:00:00+08:00' });
  const api = new Client(srv.base);
  const r = await registerAndDispatch(api, await api.login(OFFICE), {
    name: '钱国栋', phone: '13700002222', receivedAt: '2026-09-28 09:00',
    description: '电话反映：心内科病房夜班呼叫铃响后长时间无人应答。',
  });
  complaint = r.complaint;
  assert.equal(r.dispatched.due_at, '2026-10-10');
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await srv?.stop();
});

/** Polls `fn` until it returns a truthy value; fails naming `what` after `ms`. */
async function until(what, fn, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Moves the server's clock to `iso`, then waits until the scheduler has taken the complaint to
 * escalation `level` (or, with no level, two scheduler rounds), then signs `user` in on a fresh
 * browser whose clock is fixed at the same moment, and runs `fn(page)`.
 */
async function on(iso, user, fn, level = null) {
  srv.setNow(iso);
  if (level === null) {
    await new Promise((r) => setTimeout(r, 2500));
  } else {
    const api = new Client(srv.base);
    const office = await api.login(OFFICE, undefined, { fresh: true });
    await until(`escalation level ${level}`, async () =>
      (await api.get(`/api/v1/complaints/${complaint.id}`, office)).json.escalation === level);
  }
  const ctx = await newContext(chrome.browser);
  try {
    await ctx.clock.setFixedTime(new Date(iso));
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await consoleLogin(page, srv.base, user);
    errors.length = 0; // the login page's own 401 on /session
    await fn(page);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
}

const detailHash = () => `#/complaints/cases/${complaint.id}`;

async function openDetail(page) {
  await page.goto(`${srv.base}/console/${detailHash()}`);
  await dt(page, 'case-header').waitFor();
}

/** The header's deadline marking: [data-due, label]. */
async function due(page) {
  const el = page.locator('[data-test="case-header"] [data-test="case-due"]');
  await el.waitFor();
  const left = el.locator('[data-test="case-due-left"]');
  return [await el.getAttribute('data-due'), (await left.count()) ? (await left.innerText()).trim() : ''];
}

/**
 * Waits for the marking to read [state, label] (label a string or a RegExp): the count of working
 * days settles once the console has loaded the year's calendar.
 */
async function expectDue(page, state, label) {
  let seen;
  try {
    await until('the deadline marking', async () => {
      seen = await due(page);
      return seen[0] === state && (label instanceof RegExp ? label.test(seen[1]) : seen[1] === label);
    }, 10_000);
  } catch {
    assert.fail(`deadline marking ${JSON.stringify(seen)}, expected ${state} ${label}`);
  }
}

/**
 * Opens the bell and returns its entries about this complaint once the list has loaded; with
 * `expect`, once an entry containing it is there.
 */
async function bellItems(page, expect = null) {
  await dt(page, 'notification-bell').click();
  const popper = page.locator('.notify-popper');
  await popper.waitFor();
  const items = popper.locator('[data-test="notification-item"]');
  await popper.locator('[data-test="notification-item"], .el-empty').first().waitFor();
  if (expect) await items.filter({ hasText: expect }).first().waitFor();
  const texts = await items.allInnerTexts();
  return { items, texts: texts.filter((x) => x.includes(complaint.code)) };
}

test('Thursday 10-08: two working days left, no reminder yet', async () => {
  await on('2026-10-08T17:00:00+08:00', HEAD, async (page) => {
    await openDetail(page);
    await expectDue(page, 'normal', '剩余 2 个工作日');
    const { texts } = await bellItems(page);
    assert.equal(texts.filter((x) => x.includes('到期') || x.includes('超过')).length, 0, texts.join('\n'));
  });
});

test('Friday 10-09: the head is reminded, and the link opens the complaint marked 临期', async () => {
  await on('2026-10-09T08:30:00+08:00', HEAD, async (page) => {
    const { items, texts } = await bellItems(page, '将于 2026-10-10 到期');
    const reminder = texts.find((x) => x.includes('将于 2026-10-10 到期'));
    assert.ok(reminder, texts.join('\n'));
    await items.filter({ hasText: '将于 2026-10-10 到期' }).first().click();
    await page.waitForURL((u) => u.hash === detailHash());
    await expectDue(page, 'due_soon', '剩余 1 个工作日');
    await shot(page, PREFIX, 'reminded');
  }, 1);
});

test('Saturday 10-10, 23:30: the 调休 Saturday is a working day — due today, not overdue', async () => {
  await on('2026-10-10T23:30:00+08:00', HEAD, async (page) => {
    await openDetail(page);
    await expectDue(page, 'due_soon', '今日到期');
    const { texts } = await bellItems(page);
    assert.equal(texts.filter((x) => x.includes('已超过办理期限')).length, 0, texts.join('\n'));
  });
});

test('Sunday 10-11: overdue; the head hears of it and finds it in 已超期', async () => {
  await on('2026-10-11T00:10:00+08:00', HEAD, async (page) => {
    const { texts } = await bellItems(page, '已超过办理期限');
    assert.equal(texts.filter((x) => x.includes('已超过办理期限')).length, 1, texts.join('\n'));
    await dt(page, 'notification-bell').click(); // closes the popover
    await page.locator('.notify-popper').waitFor({ state: 'hidden' });
    await page.goto(`${srv.base}/console/#/complaints/list`);
    await dt(page, 'case-queue-overdue').click();
    const row = page.locator('[data-test="complaint-row"]', { hasText: complaint.code });
    await row.waitFor();
    await openDetail(page);
    await expectDue(page, 'overdue', /^已超期 \d+ 个工作日$/);
    await shot(page, PREFIX, 'overdue');
  }, 2);
});

test('Wednesday 10-14: two working days overdue, 医患办 is told; the timeline shows each step once', async () => {
  await on('2026-10-13T22:00:00+08:00', OFFICE, async (page) => {
    const { texts } = await bellItems(page);
    assert.equal(texts.filter((x) => x.includes('已上报职能部门')).length, 0, texts.join('\n'));
  });
  await on('2026-10-14T00:10:00+08:00', OFFICE, async (page) => {
    const { items, texts } = await bellItems(page, '已上报职能部门');
    assert.equal(texts.filter((x) => x.includes('已上报职能部门')).length, 1, texts.join('\n'));
    await items.filter({ hasText: '已上报职能部门' }).first().click();
    await page.waitForURL((u) => u.hash === detailHash());
    const events = page.locator('[data-test="case-event"]');
    await events.first().waitFor();
    const steps = page.locator('[data-test="case-event"][data-kind="remind"], [data-test="case-event"][data-kind="escalate"]');
    assert.equal(await steps.count(), 3);
    for (const text of await steps.allInnerTexts()) assert.match(text, /系统/);
    await shot(page, PREFIX, 'escalated');
  }, 3);
});
