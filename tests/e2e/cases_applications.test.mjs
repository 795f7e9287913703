// 依申请公开 in the console, as the office (院办): a letter-in-person application is registered (the
// ID number's reason shows under its field first); 告知补正 pauses the clock (「计时暂停」) and 收到补正
// restarts it; a third party is consulted and objects; the answer is extended by 20 working days
// with approver and reason; the answer is 部分公开, chosen from the outcomes grouped as in table 三,
// with the withheld part; the annual table 三 then counts it under 部分公开, passes its cross-checks
// and downloads as XLSX. A 咨询 is registered and answered.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';

import { Client, show, startServer, uniq } from '../lib/server.mjs';
import { clearArtifacts, consoleLogin, dt, launchBrowser, newContext, shot, watchErrors } from './support.mjs';

const PREFIX = 'cases-applications';
const u = uniq(4);

let srv;
let chrome;
let ctx;
let page;
let errors;
let code = '';
// The demo's own applications of this year in table 三's 部分公开 row, before this file's one:
// [自然人, 总计].
let partialBefore;

/** The 部分公开 row's 自然人 and 总计 cells of this year's table 三, from the API. */
async function partialCells() {
  const api = new Client(srv.base);
  const r = await api.get('/api/v1/disclosure/applications/annual-table', await api.login('office'));
  assert.equal(r.status, 200, show(r));
  const cells = r.json.rows.find((x) => x.code === 'partial').cells;
  const col = (c) => r.json.columns.findIndex((x) => x.code === c);
  return [cells[col('natural_person')], cells[col('total')]];
}

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  partialBefore = await partialCells();
  chrome = await launchBrowser();
  ctx = await newContext(chrome.browser, { acceptDownloads: true });
  page = await ctx.newPage();
  errors = watchErrors(page, { ignore: /status of 400/ }); // the refused ID number
  await consoleLogin(page, srv.base, 'office');
  errors.length = 0;
});

after(async () => {
  await ctx?.close();
  await chrome?.close();
  await srv?.stop();
});

const header = () => page.locator('[data-test="case-header"]');
const waitState = (state) => header().locator(`[data-test="case-state"][data-state="${state}"]`).waitFor();

async function choose(test, text) {
  await dt(page, test).click();
  await page.locator('.el-select-dropdown__item', { hasText: text }).filter({ visible: true }).first().click();
}

function localDay(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

test('an application handed in is registered; the receipt has its number and tracking code', async () => {
  await page.goto(`${srv.base}/console/#/disclosure/applications`);
  await dt(page, 'application-new').click();
  await dt(page, 'application-name').fill(`张三${u}`);
  await dt(page, 'application-id-number').fill('110101199003077777');
  await dt(page, 'application-phone').fill('13800001111');
  await dt(page, 'application-description').fill(`本院2025年度医疗服务价格调整的依据文件（${u}）`);
  await dt(page, 'application-register-save').click();
  const idError = page.locator('.el-form-item', { has: dt(page, 'application-id-number') }).locator('.el-form-item__error');
  await idError.waitFor();
  assert.match(await idError.innerText(), /身份证号码/);

  await dt(page, 'application-id-number').fill('11010519491231002X');
  await dt(page, 'application-register-save').click();
  const receipt = page.locator('.el-message-box');
  await receipt.waitFor();
  const m = /编号 (\S+)，查询码 (\S+)。/.exec(await receipt.innerText());
  assert.ok(m, await receipt.innerText());
  code = m[1];
  await page.locator('.el-message-box .confirm-ok').click();
  await page.locator('[data-test="application-row"]', { hasText: code }).locator('[data-test="case-code"]').click();
  await waitState('received');
  assert.match(await header().locator('[data-test="case-due-left"]').innerText(), /剩余 \d+ 个工作日/);
});

test('告知补正 pauses the clock and 收到补正 restarts it', async () => {
  await dt(page, 'case-action-request_correction').click();
  await dt(page, 'application-correction-request').fill('请写明所需文件的具体名称或文号');
  await page.locator('[data-test="application-correction-due"] input').fill(localDay(10));
  await page.keyboard.press('Enter');
  await dt(page, 'application-correction-confirm').click();
  await waitState('awaiting_correction');
  assert.equal((await header().locator('[data-test="case-due-left"]').innerText()).trim(), '计时暂停');

  await dt(page, 'case-action-correction_received').click();
  await dt(page, 'case-action-text').fill('申请人来电补正了文件名称');
  await dt(page, 'case-action-confirm').click();
  await waitState('received');
  assert.equal(await header().locator('[data-test="case-due"]').getAttribute('data-due'), 'normal');
});

test('a third party is consulted and objects; the answer is extended with approver and reason', async () => {
  await dt(page, 'case-action-consult_third_party').click();
  await dt(page, 'application-party').fill('某某医药公司');
  await dt(page, 'application-matter').fill('报价单是否同意公开');
  await dt(page, 'application-third-party-confirm').click();
  await waitState('consulting');
  await dt(page, 'case-action-third_party_replied').click();
  await choose('application-opinion', '不同意公开');
  await dt(page, 'application-opinion-text').fill('报价单属商业秘密');
  await dt(page, 'application-third-party-confirm').click();
  await waitState('received');
  assert.match(await dt(page, 'application-fields').innerText(), /某某医药公司[\s\S]*不同意公开/);

  await dt(page, 'case-extend').click();
  await dt(page, 'case-extend-amount').locator('input').fill('20');
  await dt(page, 'case-extend-approver').fill('王院长');
  await dt(page, 'case-extend-reason').fill('需征求第三方意见，工作量大');
  await dt(page, 'case-extend-confirm').click();
  await page.locator('[data-test="case-event"][data-kind="extend"]', { hasText: '延长 20个工作日，批准人：王院长' }).waitFor();
});

test('the answer is 部分公开, chosen from the outcomes grouped as in table 三', async () => {
  await dt(page, 'case-action-answer').click();
  await dt(page, 'application-outcome').click();
  const titles = page.locator('.el-select-group__title').filter({ visible: true });
  await titles.first().waitFor();
  const groups = await titles.allInnerTexts();
  assert.deepEqual(groups.map((g) => g.trim().slice(0, 3)), ['（三）', '（四）', '（五）', '（六）']);
  await page.locator('[data-test="application-outcome-partial"]').filter({ visible: true }).click();
  await dt(page, 'application-answer-text').fill('依据文件予以公开，第三方报价单不予公开。');
  await dt(page, 'application-withheld-text').fill('报价单涉及商业秘密，第三方不同意公开');
  await dt(page, 'application-answer-confirm').click();
  await waitState('answered');
  assert.match(await dt(page, 'application-answer').innerText(), /部分公开/);
  assert.equal(await header().locator('[data-test="case-due"]').getAttribute('data-due'), 'met');
  await shot(page, PREFIX, 'answered');
});

test('the annual table 三 counts it, passes its cross-checks and exports', async () => {
  await page.goto(`${srv.base}/console/#/disclosure/annual-table`);
  const table = dt(page, 'annual-table');
  await table.waitFor();
  await dt(page, 'annual-check-ok').waitFor();
  const partial = await table.locator('tr[data-row="partial"] td').allInnerTexts();
  const [person, total] = partialBefore.map((n) => String(n + 1));
  assert.equal(partial[1], person, partial.join('|')); // 自然人
  assert.equal(partial[partial.length - 1], total, partial.join('|')); // 总计
  const [xlsx] = await Promise.all([page.waitForEvent('download'), dt(page, 'annual-export').click()]);
  assert.equal(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1'), 'PK');
});

test('a 咨询 is registered and answered', async () => {
  await page.goto(`${srv.base}/console/#/disclosure/consultations`);
  await dt(page, 'application-new').click();
  await dt(page, 'application-name').fill(`李女士${u}`);
  await dt(page, 'application-phone').fill('13800002222');
  await dt(page, 'application-description').fill(`如何申请复印病历？（${u}）`);
  await dt(page, 'application-register-save').click();
  await page.locator('[data-test="consultation-row"]', { hasText: `李女士${u}` }).locator('[data-test="case-code"]').click();
  await waitState('registered');
  await dt(page, 'case-action-answer').click();
  await dt(page, 'application-answer-text').fill('请携带身份证到病案室办理。');
  await dt(page, 'application-answer-confirm').click();
  await waitState('answered');
  assert.deepEqual(errors, []);
});
