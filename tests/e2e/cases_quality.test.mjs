// 质量安全 in the console: a nurse reports a fall anonymously (no name kept: it is not among her
// reports, and the office sees 「匿名」); 质控办 (zhikong) sets the external reporting level, takes the
// event through 科室处理 and 根因分析 and orders a corrective action; the department's rectification
// task gets its evidence, a 10-working-day extension with approver and reason, 整改完成 and 复查通过;
// the event is evaluated and closed. Then an inspection round: a score sheet with a deduction, a
// finding that becomes a rectification task, the round completed, and the month's scores.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, startServer, uniq } from '../lib/server.mjs';
import {
  clearArtifacts,
  consoleLogin,
  dt,
  launchBrowser,
  newContext,
  pickOption,
  shot,
  watchErrors,
} from './support.mjs';

const PREFIX = 'cases-quality';
const u = uniq(4);

let srv;
let chrome;
let nurseCtx;
let officeCtx;
let page; // 质控办
let errors;
const event = { code: '', url: '' };

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  chrome = await launchBrowser();
  nurseCtx = await newContext(chrome.browser);
  officeCtx = await newContext(chrome.browser);
  page = await officeCtx.newPage();
  errors = watchErrors(page);
});

after(async () => {
  await nurseCtx?.close();
  await officeCtx?.close();
  await chrome?.close();
  await srv?.stop();
});

const waitState = (state) =>
  page.locator(`[data-test="case-header"] [data-test="case-state"][data-state="${state}"]`).waitFor();

/** A case-type action whose only field is its note (generic note dialog). */
async function act(action, note) {
  await dt(page, `case-action-${action}`).click();
  if (note) await dt(page, 'case-action-text').fill(note);
  await dt(page, 'case-action-confirm').click();
}

/** Picks a visible option of a select by its text. */
async function choose(test, text) {
  await dt(page, test).click();
  await page.locator('.el-select-dropdown__item', { hasText: text }).filter({ visible: true }).first().click();
}

test('a nurse reports a fall anonymously: no name is kept', async () => {
  const nurse = await nurseCtx.newPage();
  await consoleLogin(nurse, srv.base, 'nurse01');
  await nurse.goto(`${srv.base}/console/#/quality/adverse-events/report`);
  await dt(nurse, 'event-non-punitive').waitFor();
  await dt(nurse, 'event-anonymous').click();
  assert.match(await nurse.locator('.report').innerText(), /系统不保存您的姓名和账号/);
  await nurse.locator('[data-test="event-occurred-at"] input').fill('2026-11-20 08:30');
  await nurse.keyboard.press('Enter');
  await nurse.locator('[data-test="event-discovered-at"] input').fill('2026-11-20 09:00');
  await nurse.keyboard.press('Enter');
  await pickOption(nurse, 'event-category', 'event-category-fall');
  await dt(nurse, 'event-grade-III').click();
  await dt(nurse, 'event-description').fill(`患者夜间如厕时在病房卫生间跌倒，右肘擦伤，已处理（${u}）。`);
  await dt(nurse, 'event-report-submit').click();
  await dt(nurse, 'event-reported-code').waitFor();
  event.code = (await dt(nurse, 'event-reported-code').innerText()).trim();
  assert.match(event.code, /^[A-Z]+-\d{4}-\d{4,}$/);
  assert.match(await dt(nurse, 'event-reported-tracking').innerText(), /\S{8,}/);
  // 我的上报 lists named reports only: the anonymous one is linked to nobody.
  await nurse.reload();
  await dt(nurse, 'event-report-form').waitFor();
  await nurse.waitForTimeout(500);
  assert.equal(await nurse.locator('[data-test="event-mine-row"]', { hasText: event.code }).count(), 0);
  await nurse.close();
});

test('质控办 handles it: external level, 科室处理, 根因分析 and a corrective action', async () => {
  await consoleLogin(page, srv.base, 'zhikong');
  errors.length = 0;
  await page.goto(`${srv.base}/console/#/quality/adverse-events?queue=all`);
  await page.locator('[data-test="event-row"]', { hasText: event.code }).locator('[data-test="case-code"]').click();
  await waitState('reported');
  event.url = page.url();
  assert.equal((await dt(page, 'event-reporter').innerText()).trim(), '匿名');

  await dt(page, 'event-external-set').click();
  await choose('event-external-severity', '一般');
  await dt(page, 'event-external-confirm').click();
  await dt(page, 'event-external-reported').waitFor();
  assert.match(await dt(page, 'event-external-block').innerText(), /上报时限\s+\d{4}-\d{2}-\d{2}/);

  await act('accept');
  await waitState('dept_handling');
  await dt(page, 'case-action-dept_submit').click();
  await dt(page, 'event-dept-analysis').fill('夜间照明不足，卫生间防滑垫缺失。');
  await dt(page, 'event-dept-measures').fill('加装夜灯，补铺防滑垫。');
  await dt(page, 'event-dept-confirm').click();
  await waitState('review');

  await dt(page, 'case-action-analyse').click();
  await dt(page, 'event-cause-category-0').click();
  await page.locator('.el-select-dropdown__item').filter({ visible: true }).first().click();
  await dt(page, 'event-cause-description-0').fill('卫生间地面湿滑');
  await dt(page, 'event-conclusion').fill('环境因素为主，属可预防事件。');
  await dt(page, 'event-analyse-confirm').click();
  await waitState('corrective');
  assert.match(await dt(page, 'event-review').innerText(), /卫生间地面湿滑/);

  await dt(page, 'case-action-plan_actions').click();
  await dt(page, 'event-plan-requirement-0').fill(`病区卫生间加装防滑设施（${u}）`);
  await dt(page, 'event-plan-note').fill('见整改要求');
  await dt(page, 'event-plan-confirm').click();
  await dt(page, 'event-corrective').locator('a').first().waitFor();
  await shot(page, PREFIX, 'event-corrective');
});

test('the rectification task: evidence, extension, 整改完成 and 复查通过', async () => {
  await dt(page, 'event-corrective').locator('a').first().click();
  await waitState('rectifying');
  await dt(page, 'case-upload-input').setInputFiles({ name: '整改照片.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
  await page.locator('[data-test="case-attachment"]', { hasText: '整改照片.png' }).waitFor();

  const before = await page.locator('[data-test="case-header"] [data-test="case-due"] .when').innerText();
  await dt(page, 'case-extend').click();
  await dt(page, 'case-extend-amount').locator('input').fill('10');
  await dt(page, 'case-extend-approver').fill('李明（分管副院长）');
  await dt(page, 'case-extend-reason').fill('防滑设施采购需要时间');
  await dt(page, 'case-extend-confirm').click();
  const extended = page.locator('[data-test="case-event"][data-kind="extend"]');
  await extended.waitFor();
  assert.match(await extended.innerText(), /延长 10个工作日，批准人：李明（分管副院长）/);
  assert.match(await dt(page, 'case-header').innerText(), /已延期 10个工作日/);
  const after = await page.locator('[data-test="case-header"] [data-test="case-due"] .when').innerText();
  assert.ok(after > before, `${before} → ${after}`);

  await dt(page, 'case-action-submit').click();
  await dt(page, 'rect-step-text').fill('已完成全部病区卫生间防滑改造');
  await dt(page, 'rect-step-confirm').click();
  await waitState('submitted');
  await dt(page, 'case-action-recheck_pass').click();
  await dt(page, 'rect-step-confirm').click();
  await waitState('closed');
  await shot(page, PREFIX, 'rectified');
});

test('the event is evaluated and closed', async () => {
  await page.goto(event.url);
  await page.reload();
  await waitState('corrective');
  await act('start_evaluation');
  await waitState('evaluating');
  await dt(page, 'case-action-close').click();
  await page.locator('[data-test="event-effectiveness"] label').first().click();
  await dt(page, 'event-evaluation').fill('三个月内未再发生同类跌倒。');
  await dt(page, 'event-close-confirm').click();
  await waitState('closed');
  // Closed, with its whole timeline on the page: nowhere does it name the nurse who reported it.
  const api = new Client(srv.base);
  const users = (await api.get('/api/v1/users?q=nurse01', await api.login('admin'))).json.items;
  const reporter = users.find((x) => x.username === 'nurse01').name;
  await dt(page, 'case-timeline').locator('[data-test="case-event"]').first().waitFor();
  const text = await page.locator('body').innerText();
  for (const trace of [reporter, 'nurse01']) assert.ok(!text.includes(trace), `${trace} on the closed event's page`);
  assert.deepEqual(errors, []);
});

test('an inspection round: scores, a finding that becomes a task, completion and monthly scores', async () => {
  await page.goto(`${srv.base}/console/#/quality/inspections`);
  await dt(page, 'round-new').click();
  await pickOption(page, 'round-template', 'round-template-core18');
  await dt(page, 'round-title').fill(`11月核心制度督查${u}`);
  await dt(page, 'round-inspectors').fill('宋建华、李芳');
  await pickOption(page, 'round-departments', 'round-department-XNK');
  await dt(page, 'round-title').click(); // closes the multi-select
  await dt(page, 'round-save').click();
  await page.waitForURL((url) => /#\/quality\/inspections\/\d+$/.test(url.hash));

  await dt(page, 'sheet-score-0').waitFor();
  await dt(page, 'sheet-score-0').locator('input').fill('1');
  await dt(page, 'sheet-note-0').fill('首诊记录不完整');
  await dt(page, 'sheet-save').click();
  await page.locator('.el-tabs__item', { hasText: /心血管内科\s*\d/ }).waitFor();

  await dt(page, 'findings-add').click();
  await dt(page, 'finding-description-0').fill('交接班记录不全');
  await dt(page, 'finding-requirement-0').fill('规范交接班记录');
  await dt(page, 'findings-save').click();
  await dt(page, 'findings-table').locator('a').first().waitFor();

  await dt(page, 'round-complete').click();
  await page.locator('.el-message-box .confirm-ok').click();
  await page.locator('.el-tag', { hasText: '已完成' }).first().waitFor();

  await page.goto(`${srv.base}/console/#/quality/scores`);
  const row = dt(page, 'scores-table').locator('tbody tr', { hasText: '心血管内科' });
  await row.waitFor();
  assert.match(await row.innerText(), /十八项/);
  await shot(page, PREFIX, 'scores');
  assert.deepEqual(errors, []);
});
