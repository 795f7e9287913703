// Shared helpers for the browser tests (node:test + playwright-core + Debian's Chromium).
//
// Each test file starts its own server through tests/lib/server.mjs (fresh DB with the demo
// hospital, --scheduler-interval 1) and its own Chromium. Never downloads a browser: the
// Chromium is /usr/bin/chromium (or $YUANWU_CHROMIUM).
//
// Screenshots go to tests/e2e/artifacts/ (gitignored).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { DEMO_PASSWORD } from '../lib/server.mjs';

export { DEMO_PASSWORD };

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.join(HERE, 'artifacts');
export const AXE_PATH = path.join(HERE, '..', 'node_modules', 'axe-core', 'axe.min.js');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium. chromium.launch() gives every browser a fresh temporary user-data dir
 * (removed on close). Returns {browser, close()}.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.YUANWU_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

/** A new context with Chinese locale, the hospital's time zone and sane timeouts. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/** Removes the screenshots a previous run of one test file left (artifacts/<prefix>-*.png). */
export function clearArtifacts(prefix) {
  if (!fs.existsSync(ARTIFACTS)) return;
  for (const f of fs.readdirSync(ARTIFACTS)) {
    if (f.startsWith(`${prefix}-`) && f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f), { force: true });
  }
}

/** Saves a full-page screenshot as artifacts/<file>-<name>.png; never fails the test. */
export async function shot(page, prefix, name) {
  try {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-${name}.png`), fullPage: true });
  } catch (e) {
    process.stderr.write(`screenshot ${prefix}-${name} failed: ${e.message}\n`);
  }
}

/** Locator for [data-test="name"]. */
export function dt(scope, name) {
  return scope.locator(`[data-test="${name}"]`);
}

/**
 * Collects a page's console errors and uncaught exceptions. Clear it (`errors.length = 0`) after
 * signing in: the login page's probe of GET /session answers 401 by design, which Chromium logs.
 * `ignore`: console messages expected by the test (e.g. a refused save's 400).
 */
export function watchErrors(page, { ignore } = {}) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' || (ignore && ignore.test(m.text()))) return;
    errors.push(`console.error: ${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Calls fn until it returns a truthy value or the deadline passes; returns the value, or
 * throws with the last value/error in the message.
 */
export async function pollUntil(fn, { timeout = 30_000, interval = 500, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await sleep(interval);
  }
}

// ---------------------------------------------------------------------------------------------
// Console (Vue + Element Plus)

/** Opens /console/#/login (if needed) and signs in; waits for the top bar. */
export async function consoleLogin(page, base, username, password = DEMO_PASSWORD) {
  if (!page.url().includes('/console/')) await page.goto(`${base}/console/#/login`);
  await dt(page, 'login-username').fill(username);
  await dt(page, 'login-password').fill(password);
  await dt(page, 'login-submit').click();
  await dt(page, 'current-user').waitFor({ state: 'visible' });
}

/** 退出 → confirm; waits for the login form. */
export async function consoleLogout(page) {
  await dt(page, 'logout').click();
  await page.locator('.el-message-box .confirm-ok').click();
  await dt(page, 'login-username').waitFor({ state: 'visible' });
}

/** Opens a menu entry and waits for the hash route. */
export async function openMenu(page, test, hashPart) {
  await dt(page, test).click();
  if (hashPart) await page.waitForURL((u) => u.hash.includes(hashPart));
}

/**
 * Clicks a select / tree select wrapper, then the (teleported) option. Options of closed
 * dropdowns stay in the DOM hidden, so only a visible one is clicked.
 * A select's data-test is on its .el-select; a tree select's is on a <div> around its .el-select
 * (ElTreeSelect would copy it onto its inner el-tree too). Either way it is on one element.
 */
export async function pickOption(page, selectTest, optionTest) {
  await page.locator(`[data-test="${selectTest}"]`).click();
  const option = page.locator(`[data-test="${optionTest}"]`).filter({ visible: true }).first();
  await option.click();
}

/** The open (visible) Element Plus dialog with the given title text. */
export function dialog(page, title) {
  return page.locator('.el-dialog').filter({ visible: true }).filter({ hasText: title });
}

/** The error text Element Plus shows under the form item holding [data-test=name]. */
export function fieldError(page, name) {
  return page
    .locator('.el-form-item')
    .filter({ has: page.locator(`[data-test="${name}"]`) })
    .locator('.el-form-item__error');
}

/** Asserts nothing scrolls horizontally (page wider than the viewport). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth };
  });
}

/**
 * Runs axe-core on the current page (the context must allow scripts and bypass the CSP) and
 * returns the violations of impact serious or critical, as short strings.
 */
export async function seriousAxeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
