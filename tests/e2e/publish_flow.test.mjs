// The main flow of the issue, all through the browser:
//   admin creates a department and a new 保密审查员 in it → office drafts an item with a
//   publish time ~40 s ahead and an expiry ~40 s after that → submits → the NEW reviewer
//   clears it (可公开) → approver approves → 定时发布; then an anonymous visitor sees the item
//   appear on the portal (search and catalogue page) once publish_at passes, and vanish
//   (item page 404, not in search) once expire_at passes.
//
// The date-time pickers have minute precision (format YYYY-MM-DD HH:mm), which would make the
// wait up to two minutes longer. So the office's browser clock is moved to the wanted moment
// (Playwright's clock emulation) and the picker's own 此刻 (Now) button is clicked: the server
// gets a publish_at with seconds, exactly as if the officer had picked it at that moment.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer, uniq } from '../lib/server.mjs';
import {
  clearArtifacts,
  consoleLogin,
  consoleLogout,
  dt,
  launchBrowser,
  newContext,
  openMenu,
  pickOption,
  pollUntil,
  shot,
  sleep,
} from './support.mjs';

const PREFIX = 'publish-flow';
/** publish_at = the moment the officer fills the form + PUBLISH_DELAY_MS. */
const PUBLISH_DELAY_MS = 40_000;
/** expire_at = publish_at + VISIBLE_MS. */
const VISIBLE_MS = 40_000;
const CATALOGUE_CODE = 'A06.01'; // 健康科普文章 (society; website, wechat, screen)
const CATALOGUE_NAME = '健康科普文章';
const CHANNELS = ['website', 'onsite_board', 'screen', 'service_desk', 'wechat', 'handbook', 'hotline', 'oa'];

let srv;
let chrome;

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await srv?.stop();
});

/** Runs one named step; on failure takes a screenshot and names the step in the error. */
async function step(page, name, fn) {
  const t0 = Date.now();
  try {
    await fn();
  } catch (e) {
    await shot(page, PREFIX, `FAILED-${name}`);
    e.message = `step "${name}": ${e.message}`;
    throw e;
  }
  process.stdout.write(`${PREFIX}: ${name} (${Date.now() - t0} ms)\n`);
}

/** Sets a date-time picker to `atMs` (real time) by moving the browser clock and clicking 此刻. */
async function pickMoment(page, pickerTest, atMs) {
  await page.clock.setSystemTime(atMs);
  await dt(page, pickerTest).locator('input').click();
  const panel = page.locator('.el-picker-panel').filter({ visible: true });
  await panel.locator('.el-picker-panel__footer button').filter({ hasText: '此刻' }).click();
  await panel.waitFor({ state: 'hidden' });
  await page.clock.setSystemTime(Date.now());
  // The input shows the minute in the browser's zone (Asia/Shanghai, UTC+8); the browser
  // clock ran on a little between setSystemTime() and the click.
  const shown = await dt(page, pickerTest).locator('input').inputValue();
  const minute = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  assert.ok([minute(atMs), minute(atMs + 5000)].includes(shown), `${pickerTest} shows ${shown}, picked ${minute(atMs)}`);
}

function itemRow(page, title) {
  return dt(page, 'item-row').filter({ hasText: title });
}

async function expectState(page, title, state) {
  await itemRow(page, title).locator(`[data-test="item-state"][data-state="${state}"]`).waitFor({ state: 'visible' });
}

test('draft → review by a new reviewer → approve → scheduled → public → expired', { timeout: 240_000 }, async () => {
  const { browser } = chrome;
  const u = uniq(6);
  const deptCode = `E2E${u.toUpperCase()}`;
  const deptName = `保密审查测试科${u}`;
  const reviewerUsername = `e2e_rev_${u}`;
  const reviewerName = `审查员${u}`;
  const reviewerPassword = `Review${u}2026x`;
  const title = `健康科普｜出院后随访须知（${u}）`;
  const summary = '出院患者请按时复诊随访。';
  const body = `出院后请按医嘱按时随访，随访时携带出院小结。\n\n如有不适请及时就诊。编号${u}。`;

  // ---- admin: department and reviewer ------------------------------------------------------
  const adminCtx = await newContext(browser);
  const admin = await adminCtx.newPage();
  await step(admin, 'admin signs in', async () => {
    await consoleLogin(admin, srv.base, 'admin');
    await dt(admin, 'current-user').filter({ hasText: '陈志远' }).waitFor();
  });

  await step(admin, 'admin creates a department', async () => {
    await openMenu(admin, 'menu-departments', '/org/departments');
    await dt(admin, 'dept-new').click();
    await dt(admin, 'dept-code').fill(deptCode);
    await dt(admin, 'dept-name').fill(deptName);
    await dt(admin, 'dept-kind-admin').click();
    await dt(admin, 'dept-save').click();
    await dt(admin, 'dept-row').filter({ hasText: deptCode }).waitFor();
    await shot(admin, PREFIX, '01-department-created');
  });

  await step(admin, 'admin creates the reviewer', async () => {
    await openMenu(admin, 'menu-users', '/org/users');
    await dt(admin, 'user-new').click();
    await dt(admin, 'user-username').fill(reviewerUsername);
    await dt(admin, 'user-name').fill(reviewerName);
    await dt(admin, 'user-phone').fill('13800002999');
    await pickOption(admin, 'user-department', `user-department-option-${deptCode}`);
    await pickOption(admin, 'user-roles', 'user-role-option-reviewer');
    await admin.keyboard.press('Escape');
    await pickOption(admin, 'user-scope', 'user-scope-option-all');
    await dt(admin, 'user-password').fill(reviewerPassword);
    await shot(admin, PREFIX, '02-reviewer-form');
    await dt(admin, 'user-save').click();
    await dt(admin, 'user-save').waitFor({ state: 'hidden' });
    await dt(admin, 'user-search').fill(reviewerUsername);
    await dt(admin, 'user-search-submit').click();
    const row = dt(admin, 'user-row').filter({ hasText: reviewerUsername });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, new RegExp(reviewerName));
    assert.match(text, new RegExp(deptName));
    assert.match(text, /保密审查员/);
    assert.match(text, /全院/);
  });

  await step(admin, 'admin signs out', async () => {
    await consoleLogout(admin);
  });
  await adminCtx.close();

  // ---- office: draft and submit ------------------------------------------------------------
  const officeCtx = await newContext(browser);
  // Clock emulation (see the header): time runs naturally until pickMoment() moves it.
  await officeCtx.clock.install();
  const office = await officeCtx.newPage();
  let publishAt;
  let expireAt;
  await step(office, 'office signs in', async () => {
    await consoleLogin(office, srv.base, 'office');
    await openMenu(office, 'menu-items', '/disclosure/items');
  });

  await step(office, 'office drafts the item', async () => {
    await dt(office, 'item-new').click();
    await dt(office, 'item-dialog').filter({ visible: true }).waitFor();
    await pickOption(office, 'item-catalogue', `item-catalogue-option-${CATALOGUE_CODE}`);
    await dt(office, 'item-title').fill(title);
    await dt(office, 'item-summary').fill(summary);
    await dt(office, 'item-body').fill(body);
    await dt(office, 'item-audience-society').click();
    // Only 网站.
    for (const c of CHANNELS) {
      const box = dt(office, `item-channel-${c}`);
      const checked = (await box.getAttribute('class')).includes('is-checked');
      if (checked !== (c === 'website')) await box.click();
    }
    for (const c of CHANNELS) {
      const cls = await dt(office, `item-channel-${c}`).getAttribute('class');
      assert.equal(cls.includes('is-checked'), c === 'website', `channel ${c}`);
    }
    publishAt = Date.now() + PUBLISH_DELAY_MS;
    expireAt = publishAt + VISIBLE_MS;
    await pickMoment(office, 'item-publish-at', publishAt);
    await pickMoment(office, 'item-expire-at', expireAt);
    // The picker drops milliseconds.
    publishAt = Math.floor(publishAt / 1000) * 1000;
    expireAt = Math.floor(expireAt / 1000) * 1000;
    await shot(office, PREFIX, '03-item-form');
    await dt(office, 'item-save').click();
    await dt(office, 'item-dialog').filter({ visible: true }).waitFor({ state: 'hidden' });
    await expectState(office, title, 'draft');
  });

  await step(office, 'office submits for review', async () => {
    await itemRow(office, title).locator('[data-test="item-submit-review"]').click();
    await office.locator('.el-message-box .confirm-ok').click();
    await expectState(office, title, 'pending_review');
    await shot(office, PREFIX, '04-submitted');
    await consoleLogout(office);
  });
  await officeCtx.close();

  // ---- the new reviewer --------------------------------------------------------------------
  const reviewerCtx = await newContext(browser);
  const reviewer = await reviewerCtx.newPage();
  await step(reviewer, 'new reviewer reviews: 可公开', async () => {
    await consoleLogin(reviewer, srv.base, reviewerUsername, reviewerPassword);
    await dt(reviewer, 'current-user').filter({ hasText: reviewerName }).waitFor();
    await openMenu(reviewer, 'menu-items', '/disclosure/items');
    await itemRow(reviewer, title).locator('[data-test="item-review"]').click();
    const dlg = dt(reviewer, 'review-dialog').filter({ visible: true });
    await dlg.waitFor();
    await dt(reviewer, 'review-result-public').click();
    await pickOption(reviewer, 'review-basis', 'review-basis-m7_1');
    await dt(reviewer, 'review-opinion').fill('不含个人信息，可公开。');
    await shot(reviewer, PREFIX, '05-review');
    await dt(reviewer, 'review-confirm').click();
    await dlg.waitFor({ state: 'hidden' });
    await expectState(reviewer, title, 'pending_approval');
    await consoleLogout(reviewer);
  });
  await reviewerCtx.close();

  // ---- approver ----------------------------------------------------------------------------
  const approverCtx = await newContext(browser);
  const approver = await approverCtx.newPage();
  await step(approver, 'approver approves → 定时发布', async () => {
    await consoleLogin(approver, srv.base, 'approver');
    await openMenu(approver, 'menu-items', '/disclosure/items');
    await itemRow(approver, title).locator('[data-test="item-approve"]').click();
    const dlg = dt(approver, 'approve-dialog').filter({ visible: true });
    await dlg.waitFor();
    await dt(approver, 'approve-yes').click();
    await dt(approver, 'approve-opinion').fill('同意按时发布。');
    assert.ok(Date.now() < publishAt - 2000, `approval must happen before publish_at (${Math.round((publishAt - Date.now()) / 1000)} s left); the flow was too slow`);
    await dt(approver, 'approve-confirm').click();
    await dlg.waitFor({ state: 'hidden' });
    await expectState(approver, title, 'scheduled');
    const stateCell = itemRow(approver, title).locator('[data-test="item-state"]');
    assert.match(await stateCell.innerText(), /定时发布/);
    await shot(approver, PREFIX, '06-scheduled');
  });

  // ---- the public portal -------------------------------------------------------------------
  const publicCtx = await newContext(browser);
  const visitor = await publicCtx.newPage();
  // Portal pages revalidate (no-cache + ETag); the browser cache is off anyway so every poll asks the server.
  const cdp = await publicCtx.newCDPSession(visitor);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const searchUrl = `${srv.base}/search?q=${encodeURIComponent('随访')}`;
  const searchHit = () => visitor.locator('section[aria-labelledby="r-items"] a').filter({ hasText: title });

  await step(visitor, 'not public before publish_at', async () => {
    assert.ok(Date.now() < publishAt - 1000, 'still before publish_at');
    await visitor.goto(searchUrl);
    assert.equal(await searchHit().count(), 0, 'a scheduled item is not searchable yet');
  });

  // Find the catalogue page of 健康科普文章.
  let catalogueUrl;
  await step(visitor, 'catalogue page link', async () => {
    await visitor.goto(`${srv.base}/catalogue`);
    const href = await visitor.locator('ul.tree a').filter({ hasText: CATALOGUE_NAME }).first().getAttribute('href');
    catalogueUrl = new URL(href, srv.base).toString();
    await visitor.goto(catalogueUrl);
    assert.equal(await visitor.locator('main a').filter({ hasText: title }).count(), 0);
  });

  let itemUrl;
  await step(visitor, 'appears in search after publish_at', async () => {
    await pollUntil(
      async () => {
        await visitor.goto(searchUrl);
        return (await searchHit().count()) > 0;
      },
      { timeout: publishAt - Date.now() + 20_000, interval: 1000, what: 'the item in /search?q=随访' },
    );
    const seenAt = Date.now();
    assert.ok(seenAt >= publishAt, `listed only after publish_at (seen ${seenAt - publishAt} ms after)`);
    process.stdout.write(`${PREFIX}: public ${((seenAt - publishAt) / 1000).toFixed(1)} s after publish_at\n`);
    itemUrl = new URL(await searchHit().first().getAttribute('href'), srv.base).toString();
    await shot(visitor, PREFIX, '07-search');
  });

  await step(visitor, 'appears on the catalogue page', async () => {
    await pollUntil(
      async () => {
        await visitor.goto(catalogueUrl);
        return (await visitor.locator('main a').filter({ hasText: title }).count()) > 0;
      },
      { timeout: 10_000, interval: 1000, what: 'the item on its catalogue page' },
    );
    await shot(visitor, PREFIX, '08-catalogue');
  });

  await step(visitor, 'item page shows title and body', async () => {
    const res = await visitor.goto(itemUrl);
    assert.equal(res.status(), 200);
    assert.equal((await visitor.locator('article.item h1').innerText()).trim(), title);
    assert.match(await visitor.locator('article.item .summary').innerText(), /出院患者请按时复诊随访/);
    const paragraphs = await visitor.locator('article.item .body p').allInnerTexts();
    assert.deepEqual(
      paragraphs.map((p) => p.trim()),
      body.split('\n\n'),
      'body paragraphs',
    );
    const meta = await visitor.locator('article.item .meta').innerText();
    assert.match(meta, /公开对象/);
    await shot(visitor, PREFIX, '09-item');
  });

  await step(approver, 'console shows 已发布', async () => {
    await dt(approver, 'item-search').click();
    await expectState(approver, title, 'published');
    await consoleLogout(approver);
  });
  await approverCtx.close();

  await step(visitor, 'gone after expire_at', async () => {
    const wait = expireAt - Date.now();
    if (wait > 0) await sleep(wait);
    await pollUntil(
      async () => {
        const res = await visitor.goto(itemUrl);
        return res.status() === 404;
      },
      { timeout: 20_000, interval: 1000, what: 'the item page to answer 404' },
    );
    process.stdout.write(`${PREFIX}: item page 404 ${((Date.now() - expireAt) / 1000).toFixed(1)} s after expire_at\n`);
    await shot(visitor, PREFIX, '10-expired-404');
    await visitor.goto(searchUrl);
    assert.equal(await searchHit().count(), 0, 'an expired item is not in search');
    await visitor.goto(catalogueUrl);
    assert.equal(await visitor.locator('main a').filter({ hasText: title }).count(), 0, 'not on the catalogue page');
  });
  await publicCtx.close();
});
