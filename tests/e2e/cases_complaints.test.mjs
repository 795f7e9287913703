// 投诉 end to end: a member of the public files a complaint on the portal (JavaScript off) and
// gets its 编号 and 查询码; 医患办 (yihuan) finds it in the console's 投诉工作台 and sends it to the
// department complained about, naming its head (xnk_head); the head sees it in 我的待办 with the
// complainant masked, starts the investigation, records findings and a note; 医患办 replies
// within the deadline (按期办结); the complainant looks it up at /complaints/track, sees the
// reply and rates it; the console shows the rating and its timeline entry. A reminder link
// /console/#/cases/complaint/<id> opens the same page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, startServer, uniq } from '../lib/server.mjs';
import {
  clearArtifacts,
  consoleLogin,
  dialog,
  dt,
  fieldError,
  launchBrowser,
  newContext,
  openMenu,
  pickOption,
  seriousAxeViolations,
  shot,
  watchErrors,
} from './support.mjs';

const PREFIX = 'cases-complaints';
const OFFICE = 'yihuan'; // 医患办: complaints.manage
const HEAD = 'xnk_head'; // 心血管内科 科室主任: complaints.read / handle
const u = uniq(4);
const NAME = `王建国${u}`;
const DESCRIPTION = `门诊候诊两小时无人解释，护士态度生硬（${u}）。`;
const REPLY = `经核实，当日候诊时间过长属实，已对分诊流程整改并向您致歉（${u}）。`;

let srv;
let chrome;
let publicCtx; // the complainant: no JavaScript, like the portal's users
let officeCtx;
let headCtx;
let office;
let head;
let officeErrors;
let headErrors;
const complaint = { code: '', tracking: '', id: 0 };

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  chrome = await launchBrowser();
  publicCtx = await newContext(chrome.browser, { javaScriptEnabled: false });
  officeCtx = await newContext(chrome.browser, { bypassCSP: true }); // axe-core is injected
  headCtx = await newContext(chrome.browser);
  office = await officeCtx.newPage();
  head = await headCtx.newPage();
  officeErrors = watchErrors(office);
  headErrors = watchErrors(head);
});

after(async () => {
  await publicCtx?.close();
  await officeCtx?.close();
  await headCtx?.close();
  await chrome?.close();
  await srv?.stop();
});

/** The detail page's state tag, once it shows `state`. */
async function waitState(page, state) {
  await page.locator(`[data-test="case-header"] [data-test="case-state"][data-state="${state}"]`).waitFor();
}

test('the public files a complaint on the portal and gets its number and tracking code', async () => {
  const page = await publicCtx.newPage();
  await page.goto(`${srv.base}/complaints/new`);
  await page.fill('#complainant_name', NAME);
  await page.selectOption('#complainant_relation', 'self');
  await page.fill('#complainant_phone', '13912345678');
  await page.selectOption('#category', 'attitude');
  await page.selectOption('#target_department_id', { label: '心血管内科' });
  await page.fill('#description', DESCRIPTION);
  await page.fill('#demand', '希望改进分诊流程');
  await page.check('input[name="consent"]');
  await page.click('form[action="/complaints"] button[type="submit"]');
  await page.getByRole('heading', { name: '投诉已提交' }).waitFor();
  const values = await page.locator('dl dd strong').allInnerTexts();
  [complaint.code, complaint.tracking] = values.map((v) => v.trim());
  assert.match(complaint.code, /^TS-\d{4}-\d{4,}$/, JSON.stringify(values));
  assert.ok(complaint.tracking.length >= 8, JSON.stringify(values));
  await shot(page, PREFIX, 'portal-done');
  await page.close();
});

test('医患办 finds it on the desk, sees who complained, and sends it to the department head', async () => {
  await consoleLogin(office, srv.base, OFFICE);
  officeErrors.length = 0;
  await openMenu(office, 'menu-complaints', '/complaints/list');
  await dt(office, 'case-queue-all').click();
  const row = office.locator('[data-test="complaint-row"]', { hasText: complaint.code });
  await row.waitFor();
  assert.match(await row.innerText(), /网络\/公众号/);
  assert.deepEqual(await seriousAxeViolations(office), []);
  await row.locator('[data-test="case-code"]').click();
  await office.waitForURL((url) => /#\/complaints\/cases\/\d+$/.test(url.hash));
  complaint.id = Number(/(\d+)$/.exec(new URL(office.url()).hash)[1]);
  await waitState(office, 'registered');

  // The office sees the complainant unmasked.
  assert.equal((await dt(office, 'complaint-complainant').innerText()).trim(), NAME);
  assert.equal(await dt(office, 'complaint-masked').count(), 0);
  assert.match(await dt(office, 'complaint-description-text').innerText(), new RegExp(u));

  const api = new Client(srv.base);
  const admin = await api.login('admin');
  const users = (await api.get(`/api/v1/users?q=${HEAD}`, admin)).json.items;
  const headId = users.find((x) => x.username === HEAD).id;

  await dt(office, 'case-action-dispatch').click();
  const d = dialog(office, '分派科室调查');
  await d.waitFor();
  await pickOption(office, 'complaint-dispatch-assignee', `case-assignee-option-${headId}`);
  await dt(office, 'complaint-dispatch-note').fill('请科室一周内核实候诊情况。');
  await dt(office, 'complaint-dispatch-confirm').click();
  await waitState(office, 'assigned');
  assert.equal((await dt(office, 'case-department').innerText()).trim(), '心血管内科');
  const due = office.locator('[data-test="case-header"] [data-test="case-due"]');
  assert.equal(await due.getAttribute('data-due'), 'normal');
  assert.match(await due.locator('[data-test="case-due-left"]').innerText(), /剩余 \d+ 个工作日|今日到期/);
  await shot(office, PREFIX, 'dispatched');
  assert.deepEqual(await seriousAxeViolations(office), []);
  assert.deepEqual(officeErrors, []);
});

test('the head of department finds it in 我的待办, masked, and investigates', async () => {
  await consoleLogin(head, srv.base, HEAD);
  headErrors.length = 0;
  await openMenu(head, 'menu-complaints', '/complaints/list');
  assert.match(await dt(head, 'case-queue-count-mine').innerText(), /^[1-9]/);
  const row = head.locator('[data-test="complaint-row"]', { hasText: complaint.code });
  await row.waitFor();
  await row.locator('[data-test="case-code"]').click();
  await waitState(head, 'assigned');

  // The complainant's identity is not for the department.
  await dt(head, 'complaint-masked').waitFor();
  const shown = (await dt(head, 'complaint-complainant').innerText()).trim();
  assert.notEqual(shown, NAME);
  assert.match(shown, /\*/);
  assert.doesNotMatch(await dt(head, 'complaint-complainant-phone').innerText(), /13912345678/);

  await dt(head, 'case-action-accept').click();
  await dialog(head, '接收并调查').waitFor();
  await dt(head, 'case-action-confirm').click();
  await waitState(head, 'investigating');

  // 提交调查核实情况 needs its text: refused under the field, then taken.
  await dt(head, 'case-action-findings').click();
  await dialog(head, '提交调查核实情况').waitFor();
  await dt(head, 'case-action-confirm').click();
  await fieldError(head, 'case-action-text').waitFor();
  assert.match(await fieldError(head, 'case-action-text').innerText(), /请填写/);
  await dt(head, 'case-action-text').fill('调阅排队记录：当日上午候诊最长 2 小时 10 分，分诊台未作解释。');
  await dt(head, 'case-action-confirm').click();
  await head.locator('[data-test="case-event"][data-kind="action"]', { hasText: '候诊最长' }).waitFor();

  await dt(head, 'case-note-body').fill('已约谈当班护士并组织科室学习服务规范。');
  await dt(head, 'case-note-add').click();
  await head.locator('[data-test="case-event"][data-kind="note"]', { hasText: '约谈当班护士' }).waitFor();
  await shot(head, PREFIX, 'investigating');
  assert.deepEqual(headErrors, []);
});

test('医患办 replies within the deadline', async () => {
  await office.reload();
  await waitState(office, 'investigating');
  await dt(office, 'case-action-reply').click();
  await dialog(office, '反馈处理意见').waitFor();
  await dt(office, 'complaint-reply-text-input').fill(REPLY);
  await pickOption(office, 'complaint-reply-method', 'complaint-reply-method-phone');
  await dt(office, 'complaint-reply-accepted-yes').click();
  await dt(office, 'complaint-follow-mediation').click();
  await dt(office, 'complaint-reply-confirm').click();
  await waitState(office, 'replied');
  assert.match(await dt(office, 'complaint-reply-text').innerText(), new RegExp(u));
  const due = office.locator('[data-test="case-header"] [data-test="case-due"]');
  assert.equal(await due.getAttribute('data-due'), 'met');
  assert.equal((await due.innerText()).trim(), '按期办结');
  assert.deepEqual(officeErrors, []);
});

test('the complainant sees the reply at /complaints/track and rates it', async () => {
  const page = await publicCtx.newPage();
  await page.goto(`${srv.base}/complaints/track`);
  await page.fill('#code', complaint.code);
  await page.fill('#tracking_code', complaint.tracking);
  await page.click('form[action="/complaints/track"] button[type="submit"]');
  await page.getByRole('heading', { name: '投诉办理情况' }).waitFor();
  const text = await page.locator('main').innerText();
  assert.ok(text.includes(REPLY), text);
  assert.match(text, /已反馈/);
  await page.check('input[name="rating"][value="5"]');
  await page.fill('#comment', '处理及时，态度诚恳。');
  await page.click('form[action="/complaints/rate"] button[type="submit"]');
  await page.getByText('感谢您的评价。').waitFor();
  assert.match(await page.locator('main').innerText(), /您的评价：5分/);
  await shot(page, PREFIX, 'rated');
  await page.close();
});

test('the console shows the rating, and a reminder link opens the complaint', async () => {
  await openMenu(office, 'menu-complaint-stats', '/complaints/stats');
  await office.goto(`${srv.base}/console/#/cases/complaint/${complaint.id}`);
  await office.waitForURL((url) => url.hash === `#/complaints/cases/${complaint.id}`);
  await dt(office, 'complaint-rating').waitFor();
  assert.equal((await dt(office, 'complaint-rating-score').innerText()).trim(), '5');
  await office.locator('[data-test="case-event"][data-kind="rate"]').waitFor();
  const kinds = await office.locator('[data-test="case-event"]').evaluateAll((els) => els.map((e) => e.dataset.kind));
  for (const kind of ['open', 'action', 'note', 'rate']) assert.ok(kinds.includes(kind), kinds.join(','));
  await shot(office, PREFIX, 'rated-console');
  assert.deepEqual(officeErrors, []);
});
