// The case screens every case type shares, on a complaint registered in the console (首诉): the
// server's reason under the phone field; 分派, then 改派 refused without a reason and taken with
// one; 暂停 / 恢复计时 with the deadline saying 计时暂停; an attachment uploaded and downloaded; an
// entry corrected, the correction linked both ways and the original kept; the 立卷归档 ZIP and the
// XLSX ledger downloaded; the queue tabs count the case.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';

import { startServer, uniq } from '../lib/server.mjs';
import {
  clearArtifacts,
  consoleLogin,
  dialog,
  dt,
  fieldError,
  launchBrowser,
  newContext,
  pickOption,
  shot,
  watchErrors,
} from './support.mjs';

const PREFIX = 'cases-console';
const u = uniq(4);
const DESCRIPTION = `收费项目与实际检查不符，要求退费并说明（${u}）。`;

let srv;
let chrome;
let ctx;
let page;
let errors;
let code = '';

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  chrome = await launchBrowser();
  ctx = await newContext(chrome.browser, { acceptDownloads: true });
  page = await ctx.newPage();
  // The refused phone number and reassignment answer 400 by design.
  errors = watchErrors(page, { ignore: /status of 400/ });
  await consoleLogin(page, srv.base, 'yihuan');
  errors.length = 0;
});

after(async () => {
  await ctx?.close();
  await chrome?.close();
  await srv?.stop();
});

const header = () => page.locator('[data-test="case-header"]');
const waitState = (state) => header().locator(`[data-test="case-state"][data-state="${state}"]`).waitFor();

test('登记投诉 shows the server reason under the phone, then registers and hands out the codes', async () => {
  await page.goto(`${srv.base}/console/#/complaints/register`);
  await dt(page, 'complaint-complainant-name').fill(`李四${u}`);
  await pickOption(page, 'complaint-relation', 'complaint-relation-self');
  await dt(page, 'complaint-phone').fill('123');
  await pickOption(page, 'complaint-category', 'complaint-category-charges');
  await dt(page, 'complaint-description').fill(DESCRIPTION);
  await dt(page, 'complaint-register-submit').click();
  await fieldError(page, 'complaint-phone').waitFor();
  assert.match(await fieldError(page, 'complaint-phone').innerText(), /联系电话格式不正确/);

  await dt(page, 'complaint-phone').fill('13812345678');
  await dt(page, 'complaint-register-submit').click();
  await dt(page, 'complaint-registered-code').waitFor();
  code = (await dt(page, 'complaint-registered-code').innerText()).trim();
  assert.match(code, /^TS-\d{4}-\d{4,}$/);
  assert.match(await dt(page, 'complaint-registered-tracking').innerText(), /\S{8,}/);
  await dt(page, 'complaint-registered-open').click();
  await waitState('registered');
  assert.match(await dt(page, 'complaint-description-text').innerText(), new RegExp(u));
});

test('分派, then 改派 needs a reason', async () => {
  await dt(page, 'case-assign').click();
  await dialog(page, '分派').waitFor();
  await pickOption(page, 'case-assign-department', 'case-assign-department-option-XNK');
  await dt(page, 'case-assign-confirm').click();
  await page.locator('[data-test="case-department"]', { hasText: '心血管内科' }).waitFor();

  await dt(page, 'case-assign').click();
  await dialog(page, '改派').waitFor();
  await pickOption(page, 'case-assign-department', 'case-assign-department-option-GK');
  await dt(page, 'case-assign-confirm').click();
  await fieldError(page, 'case-assign-reason').waitFor();
  assert.match(await fieldError(page, 'case-assign-reason').innerText(), /改派原因/);
  await dt(page, 'case-assign-reason').fill('收费争议涉及骨科耗材');
  await dt(page, 'case-assign-confirm').click();
  await page.locator('[data-test="case-department"]', { hasText: '骨科' }).waitFor();
  const assign = page.locator('[data-test="case-event"][data-kind="assign"]', { hasText: '骨科耗材' });
  await assign.waitFor();
  assert.match(await assign.innerText(), /分派至 骨科/);
});

test('暂停 and 恢复计时 move the deadline marking', async () => {
  await dt(page, 'case-pause').click();
  await dt(page, 'case-pause-text').fill('等待患者提供收费票据');
  await dt(page, 'case-pause-confirm').click();
  await header().locator('[data-test="case-clock"][data-clock="paused"]').waitFor();
  assert.equal(await header().locator('[data-test="case-due"]').getAttribute('data-due'), 'paused');
  assert.equal((await header().locator('[data-test="case-due-left"]').innerText()).trim(), '计时暂停');

  await dt(page, 'case-resume').click();
  await dt(page, 'case-resume-confirm').click();
  await header().locator('[data-test="case-clock"][data-clock="running"]').waitFor();
  assert.match(await header().locator('[data-test="case-due-left"]').innerText(), /剩余 \d+ 个工作日|今日到期/);
  const kinds = await page.locator('[data-test="case-event"]').evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.ok(kinds.includes('pause') && kinds.includes('resume'), kinds.join(','));
});

test('an attachment uploads and downloads; a correction keeps the original and links both ways', async () => {
  const pdf = Buffer.from(`%PDF-1.4\n% ${u}\n%%EOF\n`);
  await dt(page, 'case-upload-input').setInputFiles({ name: '收费票据.pdf', mimeType: 'application/pdf', buffer: pdf });
  const link = page.locator('[data-test="case-attachment"]', { hasText: '收费票据.pdf' });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.deepEqual(fs.readFileSync(await download.path()), pdf);

  const original = page.locator('[data-test="case-event"][data-kind="assign"]', { hasText: '骨科耗材' });
  const seq = await original.getAttribute('data-seq');
  await original.locator('[data-test="case-event-correct"]').click();
  await dt(page, 'case-correct-text').fill(`应为：涉及骨科高值耗材收费（${u}）`);
  await dt(page, 'case-correct-confirm').click();
  const correction = page.locator('[data-test="case-event"][data-kind="correct"]');
  await correction.waitFor();
  assert.match(await correction.locator('[data-test="case-event-corrects"]').innerText(), new RegExp(`更正第 ${seq} 条记录`));
  await original.locator('[data-test="case-event-corrected"]').waitFor();
  assert.match(await original.locator('[data-test="case-event-correction"]').innerText(), new RegExp(u));
  assert.match(await original.locator('[data-test="case-event-body"]').innerText(), /收费争议涉及骨科耗材/);
  await shot(page, PREFIX, 'timeline');
});

test('the case file ZIP and the XLSX ledger download; the queues count the case', async () => {
  const [zip] = await Promise.all([page.waitForEvent('download'), dt(page, 'case-file').click()]);
  assert.equal(zip.suggestedFilename(), `${code}_案卷.zip`);
  assert.equal(fs.readFileSync(await zip.path()).subarray(0, 2).toString('latin1'), 'PK');

  await page.goto(`${srv.base}/console/#/complaints/list?queue=all`);
  await dt(page, 'case-filter-keyword').fill(code);
  await dt(page, 'case-search').click();
  await page.locator('[data-test="complaint-row"]', { hasText: code }).waitFor();
  assert.equal(await dt(page, 'complaint-row').count(), 1);
  assert.match(await dt(page, 'case-queue-count-all').innerText(), /^[1-9]\d*$/);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), dt(page, 'case-export').click()]);
  assert.match(xlsx.suggestedFilename(), /^投诉登记台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1'), 'PK');
  assert.deepEqual(errors, []);
});
