// 指标与质控 dashboards in the console, against the demo hospital (5 % of its two years of records):
//   - leader (院领导, scope 全院): 院领导看板 shows the key indicators of the last full year with
//     numbers that match the API, 同比 arrows, a painted ECharts canvas; clicking 出院人次 opens
//     the drill-down with the discharges behind it, names and ID numbers masked.
//   - xnk_head (心血管内科主任, scope 本科室): 科室看板 offers only 心血管内科; 院领导看板 shows the
//     scope notice instead of an error.
//   - axe-core on 院领导看板 (and with the drill-down open): no serious or critical violations.
// No page may log a console error or throw.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { AXE_PATH, clearArtifacts, consoleLogin, dt, launchBrowser, newContext, openMenu, pollUntil, shot, watchErrors } from './support.mjs';

const PREFIX = 'indicators-dash';
const VISITS = 'outpatient_emergency_visits'; // 门急诊人次
const DISCHARGES = 'discharges'; // 出院人次
/** The 院领导看板 cards (console/src/views/indicators/shared/constants.ts KEY_INDICATORS). */
const KEY_INDICATORS = [
  VISITS,
  DISCHARGES,
  'avg_length_of_stay',
  'oe_cost_per_visit',
  'inpatient_cost_per_case',
  'surgery_ratio',
  'level4_surgery_ratio',
  'antibiotic_use_density',
  'inpatient_mortality',
  'pathway_entry_rate',
  'appointment_rate',
  'homepage_complete_rate',
];

let srv;
let chrome;

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer({ recordScale: 0.05 });
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await srv?.stop();
});

/** GET an API path with the page's session cookie → JSON. */
async function apiGet(page, p) {
  const r = await page.request.get(`${srv.base}/api/v1${p}`);
  assert.equal(r.status(), 200, `GET ${p}: ${r.status()} ${await r.text()}`);
  return r.json();
}

/** '15,729 人次' → 15729; NaN when the text holds no number. */
function numberIn(text) {
  const m = /-?[\d,]+(?:\.\d+)?/.exec(text);
  return m ? Number(m[0].replace(/,/g, '')) : NaN;
}

/** Non-transparent pixels of the first canvas inside `scope` (0 while nothing is painted). */
async function paintedPixels(scope) {
  return scope
    .locator('canvas')
    .first()
    .evaluate((c) => {
      if (!c.width || !c.height) return 0;
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
      return n;
    });
}

/** The displayed year of a year select (its selected label). */
async function selectedYear(page, test) {
  const text = (await dt(page, test).innerText()).trim();
  assert.match(text, /^\d{4}$/, `${test} shows a year: "${text}"`);
  return Number(text);
}

/** The cells of one column (by header text) of an el-table, for every body row. */
async function columnTexts(table, header) {
  const headers = (await table.locator('.el-table__header-wrapper thead th').allInnerTexts()).map((s) => s.trim());
  const idx = headers.indexOf(header);
  assert.ok(idx >= 0, `column ${header} among ${JSON.stringify(headers)}`);
  return table.locator(`.el-table__body-wrapper tbody tr.el-table__row td:nth-child(${idx + 1})`).allInnerTexts();
}

/**
 * axe-core's serious and critical violations on the page, or inside the first element matching
 * `selector`, as one line per rule with every offending node (support.mjs shows only five).
 */
async function axeSerious(page, selector) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (sel) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(sel ? document.querySelector(sel) : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} «${n.any[0]?.message ?? n.failureSummary}»`),
    }));
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `[${v.impact}] ${v.id} — ${v.help} (${v.nodes.length} nodes)\n    ${v.nodes.join('\n    ')}`);
}

/** Waits for the dashboard's cards to carry numbers (the page loads in two steps). */
async function waitForCards(page) {
  await dt(page, 'ind-dashboard').waitFor();
  await pollUntil(async () => numberIn(await dt(dt(page, `kpi-${DISCHARGES}`), 'kpi-value').innerText()) > 0, {
    timeout: 20_000,
    what: '出院人次 card to show a number',
  });
}

test('leader: 院领导看板 shows the key indicators, 同比, a chart, and a masked drill-down', async () => {
  const ctx = await newContext(chrome.browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  try {
    await consoleLogin(page, srv.base, 'leader');
    errors.length = 0;
    await openMenu(page, 'menu-ind-dashboard', '/indicators/dashboard');
    await waitForCards(page);
    assert.equal(await dt(page, 'ind-scope-notice').count(), 0, 'no scope notice for a 全院 user');
    assert.equal(await dt(page, 'ind-load-error').count(), 0, 'no load error');
    assert.equal(await dt(page, 'dash-empty').count(), 0, 'not the empty state');

    // The year is the last full year of data; the cards show what the API says for it.
    const year = await selectedYear(page, 'dash-year');
    const api = await apiGet(
      page,
      `/indicators/results?from=${year}-01&to=${year}-12&by=year&group=hospital&indicator=${KEY_INDICATORS.join(',')}`,
    );
    assert.equal(api.last_month, `${year}-12`, 'the default year is the last full year of data');
    assert.match(await dt(page, 'dash-coverage').innerText(), new RegExp(`${api.first_month}.*${api.last_month}`));
    const byCode = new Map(api.items.map((r) => [r.indicator, r]));

    const cards = [];
    for (const code of KEY_INDICATORS) {
      const card = dt(page, `kpi-${code}`);
      assert.equal(await card.count(), 1, `card kpi-${code}`);
      const value = (await dt(card, 'kpi-value').innerText()).trim();
      const yoy = (await dt(card, 'kpi-yoy').innerText()).trim();
      cards.push({ code, value, yoy });
      assert.doesNotMatch(value, /NaN|undefined|null|Infinity/, `kpi-${code} value "${value}"`);
      assert.doesNotMatch(yoy, /NaN|undefined|null|Infinity/, `kpi-${code} 同比 "${yoy}"`);
    }
    for (const code of [VISITS, DISCHARGES]) {
      const { value, yoy } = cards.find((c) => c.code === code);
      const expected = byCode.get(code);
      assert.ok(expected && expected.value > 0, `API ${code}: ${JSON.stringify(expected)}`);
      assert.equal(numberIn(value), expected.value, `kpi-${code} shows "${value}", the API says ${expected.value}`);
      // 同比 with an arrow that follows the sign of the API's change.
      const arrow = expected.yoy_change_pct > 0 ? '↑' : expected.yoy_change_pct < 0 ? '↓' : '→';
      assert.match(yoy, /^同比\s*[↑↓→]\s*[+-]?\d+\.\d%$/, `kpi-${code} 同比 "${yoy}"`);
      assert.ok(yoy.includes(arrow), `kpi-${code} 同比 "${yoy}" has ${arrow} (API ${expected.yoy_change_pct})`);
      assert.ok(
        yoy.includes(`${Math.abs(expected.yoy_change_pct).toFixed(1)}%`),
        `kpi-${code} 同比 "${yoy}" vs API ${expected.yoy_change_pct}`,
      );
    }
    // Every card whose indicator has a value this year shows a number, the others '—'.
    for (const { code, value } of cards) {
      const r = byCode.get(code);
      if (r && r.value !== null) assert.ok(Number.isFinite(numberIn(value)), `kpi-${code} "${value}" is a number`);
      else assert.match(value, /^—$/, `kpi-${code} without a value shows —, got "${value}"`);
    }
    const withArrow = cards.filter((c) => /[↑↓]/.test(c.yoy));
    assert.ok(withArrow.length >= 6, `同比 arrows on most cards: ${JSON.stringify(cards)}`);

    // The charts of the selected card: both canvases get painted.
    await dt(page, `kpi-${DISCHARGES}`).click();
    await page.locator(`[data-test="kpi-${DISCHARGES}"][data-selected="true"]`).waitFor();
    for (const chart of ['dash-trend', 'dash-campus']) {
      await dt(page, chart).locator('canvas').first().waitFor();
      await pollUntil(async () => (await paintedPixels(dt(page, chart))) > 500, { timeout: 10_000, what: `${chart} painted` });
      const box = await dt(page, chart).boundingBox();
      assert.ok(box && box.width > 200 && box.height > 200, `${chart} size ${JSON.stringify(box)}`);
    }
    await shot(page, PREFIX, 'leader-dashboard');

    // 出院人次 → the drill-down: the year's discharges of the whole hospital, names masked.
    const discharges = byCode.get(DISCHARGES).value;
    await dt(dt(page, `kpi-${DISCHARGES}`), 'kpi-value').click();
    const drill = dt(page, 'drill-dialog').filter({ visible: true });
    await drill.waitFor();
    assert.match(await drill.locator('.el-dialog__title').innerText(), new RegExp(`出院人次 · 全院 · ${year}年`));
    await dt(drill, 'drill-row').first().waitFor();
    assert.equal(await dt(drill, 'drill-error').count(), 0, 'no drill-down error');
    const total = numberIn(await drill.locator('.el-pagination__total').innerText());
    assert.equal(total, discharges, 'the drill-down lists as many discharges as the card counts');
    const rows = await dt(drill, 'drill-row').count();
    assert.equal(rows, Math.min(20, discharges), 'one page of records');
    const table = dt(drill, 'drill-table');
    const names = await columnTexts(table, '姓名');
    assert.equal(names.length, rows);
    for (const n of names) assert.match(n.trim(), /^\S+$/u, `a name: "${n}"`);
    const unmasked = names.filter((n) => !n.includes('*'));
    assert.deepEqual(unmasked, [], `every name is masked: ${JSON.stringify(names)}`);
    const ids = await columnTexts(table, '身份证号');
    const idsUnmasked = ids.filter((s) => s.trim() !== '' && !/\*{4,}/.test(s));
    assert.deepEqual(idsUnmasked, [], `ID numbers masked: ${JSON.stringify(ids)}`);
    await shot(page, PREFIX, 'leader-drill');
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'hidden' });

    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await ctx.close();
  }
});

test('xnk_head: 科室看板 shows only 心血管内科; 院领导看板 shows the scope notice', async () => {
  const ctx = await newContext(chrome.browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  try {
    await consoleLogin(page, srv.base, 'xnk_head');
    errors.length = 0;

    await openMenu(page, 'menu-ind-dashboard', '/indicators/dashboard');
    const notice = dt(page, 'ind-scope-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /院领导看板按全院汇总/);
    assert.equal(await dt(page, 'ind-load-error').count(), 0, 'no load error');
    assert.equal(await page.locator('.el-message--error').count(), 0, 'no error message');
    assert.equal(await page.locator('[data-test^="kpi-"]').count(), 0, 'no hospital-wide cards');
    await shot(page, PREFIX, 'xnk-scope-notice');

    // The notice's button leads to 科室看板.
    await dt(page, 'ind-goto-department').click();
    await page.waitForURL((u) => u.hash.includes('/indicators/department'));
    await dt(page, 'ind-department').waitFor();
    await pollUntil(async () => numberIn(await dt(dt(page, `kpi-${DISCHARGES}`), 'kpi-value').innerText()) > 0, {
      timeout: 20_000,
      what: '出院人次 card of 心血管内科',
    });
    assert.equal(await dt(page, 'ind-load-error').count(), 0, 'no load error');

    const select = dt(page, 'dept-select');
    assert.equal((await select.innerText()).trim(), '心血管内科');
    assert.ok(await select.locator('input').isDisabled(), 'nothing else to choose');
    const rankRows = dt(page, 'dept-rank-row');
    await rankRows.first().waitFor();
    const rankIds = await rankRows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    assert.deepEqual(rankIds, ['XNK'], 'the ranking has only the own department');

    const year = await selectedYear(page, 'dept-year');
    const api = await apiGet(
      page,
      `/indicators/results?from=${year}-01&to=${year}-12&by=year&group=department&indicator=${DISCHARGES}`,
    );
    assert.deepEqual([...new Set(api.items.map((r) => r.org_unit))], ['XNK'], 'the API gives only XNK');
    const shown = numberIn(await dt(dt(page, `kpi-${DISCHARGES}`), 'kpi-value').innerText());
    assert.equal(shown, api.items[0].value, '出院人次 of 心血管内科');
    await shot(page, PREFIX, 'xnk-department');

    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await ctx.close();
  }
});

test('axe-core: 院领导看板 has no serious or critical violations', async () => {
  const ctx = await newContext(chrome.browser, { bypassCSP: true });
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  try {
    await consoleLogin(page, srv.base, 'leader');
    errors.length = 0;
    await openMenu(page, 'menu-ind-dashboard', '/indicators/dashboard');
    await waitForCards(page);
    await dt(page, 'dash-trend').locator('canvas').first().waitFor();
    // The page's loading mask lowers every contrast while it fades out.
    await page.locator('[data-test="ind-dashboard"] > .el-loading-mask').waitFor({ state: 'detached' });
    const found = [];
    for (const v of await axeSerious(page, null)) found.push(`院领导看板: ${v}`);

    // The drill-down dialog on its own (behind its overlay the page is dimmed on purpose).
    await dt(dt(page, `kpi-${DISCHARGES}`), 'kpi-value').click();
    const drill = dt(page, 'drill-dialog').filter({ visible: true });
    await dt(drill, 'drill-row').first().waitFor();
    // Scan only once the dialog has finished opening and its table's loading mask is gone: both
    // fade, and a half-faded layer lowers every contrast (a flaky failure on a loaded machine).
    await page.waitForFunction(() =>
      !document.querySelector('.dialog-fade-enter-active, .dialog-fade-leave-active') &&
      !document.querySelector('.el-dialog[data-test="drill-dialog"] .el-loading-mask'));
    await page.waitForTimeout(400);  // Element Plus's fade lasts 0.3 s
    for (const v of await axeSerious(page, '.el-dialog[data-test="drill-dialog"]')) found.push(`明细对话框: ${v}`);

    assert.ok(found.length === 0, `axe violations:\n${found.join('\n')}`);
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await ctx.close();
  }
});
