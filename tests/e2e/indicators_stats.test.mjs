// 指标与质控 for the statistician (stats, 统计员, scope 全院), against the demo hospital:
//   - 统计分析: two indicators, by quarter, by campus → a pivot with a row per indicator and
//     campus whose values match the API; 导出 downloads a CSV with the UTF-8 BOM and the
//     indicator and campus names.
//   - 数据导入: a discharges CSV made here with rejections (unreadable ZFY, impossible CYSJ, a
//     BAH+ZYCS twice) fails as a whole: the result panel says so, lists the findings with their
//     line numbers, 下载错误报告 downloads an .xlsx, and no record of it counts. The corrected
//     file is committed, counts at once, and both batches are in 导入记录.
// The imported discharges are of 2023-05, before the demo's two years, so they are easy to count.
// No page may log a console error or throw.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';

import { startServer, uniq } from '../lib/server.mjs';
import { clearArtifacts, consoleLogin, dt, launchBrowser, newContext, openMenu, pollUntil, shot, watchErrors } from './support.mjs';

const PREFIX = 'indicators-stats';
const PICKED = ['outpatient_emergency_visits', 'inpatient_cost_per_case']; // 门急诊人次, 住院次均费用
const CAMPUSES = ['本部院区', '东院区'];
const IMPORT_MONTH = '2023-05';

let srv;
let chrome;
let ctx;
let page; // stats's page, shared by the tests below (they run in order)
let errors;

/**
 * Collects console errors and uncaught exceptions of a page. Cleared after signing in: the login
 * page's probe of GET /session answers 401 by design, which Chromium logs.
 */
before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer({ recordScale: 0.05 });
  chrome = await launchBrowser();
  ctx = await newContext(chrome.browser);
  page = await ctx.newPage();
  errors = watchErrors(page);
  await consoleLogin(page, srv.base, 'stats');
  errors.length = 0;
});

after(async () => {
  await ctx?.close();
  await chrome?.close();
  await srv?.stop();
});

/** GET an API path with the page's session cookie → JSON. */
async function apiGet(p) {
  const r = await page.request.get(`${srv.base}/api/v1${p}`);
  assert.equal(r.status(), 200, `GET ${p}: ${r.status()} ${await r.text()}`);
  return r.json();
}

/** '8,088.67' → 8088.67; NaN when the text holds no number. */
function numberIn(text) {
  const m = /-?[\d,]+(?:\.\d+)?/.exec(text);
  return m ? Number(m[0].replace(/,/g, '')) : NaN;
}

/** Clicks an element and returns the download it starts, with its bytes. */
async function download(locator) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), locator.click()]);
  const failure = await dl.failure();
  assert.equal(failure, null, `download of ${dl.url()} failed: ${failure}`);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

test('统计分析: two indicators by quarter and campus; the CSV export has a BOM and the names', async () => {
  const defs = new Map((await apiGet('/indicators/definitions')).items.map((d) => [d.code, d]));
  await openMenu(page, 'menu-ind-analysis', '/indicators/analysis');
  await dt(page, 'ana-row').first().waitFor(); // the default query (last full year, by month, 全院)

  // Keep only the two indicators: click the defaults off and the wanted ones on.
  // Open the list by its arrow: the middle of the select may be a tag's ×.
  await dt(page, 'ana-indicators').locator('.el-select__suffix').click();
  await page.locator('[data-test^="ana-indicators-option-"]').filter({ visible: true }).first().waitFor();
  const option = (code) => page.locator(`[data-test="ana-indicators-option-${code}"]`).filter({ visible: true });
  const selectedCodes = () =>
    page
      .locator('[data-test^="ana-indicators-option-"].is-selected')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-test').replace('ana-indicators-option-', '')));
  const defaults = await selectedCodes();
  assert.ok(defaults.length > 0, 'the page starts with some indicators chosen');
  for (const code of defaults) if (!PICKED.includes(code)) await option(code).click();
  for (const code of PICKED) if (!defaults.includes(code)) await option(code).click();
  await page.keyboard.press('Escape');
  assert.deepEqual((await selectedCodes()).sort(), [...PICKED].sort(), 'the two indicators are chosen');

  await dt(page, 'ana-by-quarter').click();
  await dt(page, 'ana-group-campus').click();
  await dt(page, 'ana-search').click();

  const rows = dt(page, 'ana-row');
  await pollUntil(async () => (await rows.count()) === 4 && (await rows.filter({ hasText: '东院区' }).count()) === 2, {
    timeout: 15_000,
    what: 'the pivot to show 2 indicators × 2 campuses',
  });
  assert.equal(await dt(page, 'ind-load-error').count(), 0, 'no load error');
  const table = dt(page, 'ana-table');
  const headers = (await table.locator('.el-table__header-wrapper thead th').allInnerTexts()).map((s) => s.trim());
  const year = /^(\d{4})年第1季度$/.exec(headers[2] ?? '')?.[1];
  assert.ok(year, `quarters across: ${JSON.stringify(headers)}`);
  assert.deepEqual(headers, ['指标', '机构', ...[1, 2, 3, 4].map((q) => `${year}年第${q}季度`)]);

  // Every cell is the API's value for its indicator, campus and quarter.
  const api = await apiGet(
    `/indicators/results?from=${year}-01&to=${year}-12&by=quarter&group=campus&indicator=${PICKED.join(',')}`,
  );
  const names = PICKED.map((c) => defs.get(c).name);
  const seen = [];
  for (const row of await rows.all()) {
    const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
    const code = PICKED.find((c) => cells[0].startsWith(defs.get(c).name));
    assert.ok(code, `row of a picked indicator: ${JSON.stringify(cells)}`);
    assert.ok(CAMPUSES.includes(cells[1]), `row of a campus: ${JSON.stringify(cells)}`);
    seen.push(`${code}/${cells[1]}`);
    for (let q = 1; q <= 4; q++) {
      const r = api.items.find((x) => x.indicator === code && x.org_name === cells[1] && x.period === `${year}-Q${q}`);
      assert.ok(r && r.value !== null, `API ${code} ${cells[1]} Q${q}`);
      const shown = numberIn(cells[1 + q]);
      const tolerance = 0.5 * 10 ** -defs.get(code).decimals + 1e-9;
      assert.ok(Math.abs(shown - r.value) <= tolerance, `${code} ${cells[1]} Q${q}: shows "${cells[1 + q]}", API ${r.value}`);
    }
  }
  assert.deepEqual(seen.sort(), PICKED.flatMap((c) => CAMPUSES.map((n) => `${c}/${n}`)).sort());
  await dt(page, 'ana-chart').locator('canvas').first().waitFor();
  await shot(page, PREFIX, 'analysis');

  // 导出 Excel(CSV): UTF-8 with a BOM, the indicator and campus names, one line per row.
  const { name, bytes } = await download(dt(page, 'ana-export'));
  assert.match(name, /\.csv$/, `file name ${name}`);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  for (const n of [...names, ...CAMPUSES]) assert.ok(text.includes(n), `CSV has ${n}:\n${text}`);
  const lines = text.split(/\r\n/).filter((l) => l !== '');
  assert.equal(lines.length, 5, `header + 4 rows:\n${text}`);
  assert.match(lines[0], new RegExp(`^指标,机构,${year}年第1季度,`));

  assert.deepEqual(errors, [], 'no console errors');
});

/** The discharges CSV; `fix` false gives the bad file, true the corrected one. */
function dischargesCsv(u, fix) {
  const header = 'BAH,ZYCS,XM,XB,CSRQ,NL,SFZH,RYSJ,RYKB,CYSJ,CYKB,SJZYTS,JBDM,ZYZD,LYFS,BMY,ZFY,XYF';
  const m = IMPORT_MONTH;
  const rows = [
    `E2E${u}1,1,孙一,1,1960-03-15,63,530102196003151234,${m}-01 08:30:00,XNK,${m}-08 10:00:00,XNK,7,I20.000,不稳定性心绞痛,1,杨丽,5000,5000`,
    // line 3: ZFY not an amount
    `E2E${u}2,1,周二,2,1975-11-02,47,530102197511021236,${m}-10 09:00:00,XNK,${m}-15 09:00:00,XNK,5,I10.x00,原发性高血压,1,杨丽,${fix ? '3000' : '三千元'},3000`,
    // line 4: CYSJ not a date-time (no 31st of a 30-day month, no hour 25)
    `E2E${u}3,1,吴三,1,1950-01-20,73,530102195001201238,${m}-12 22:10:00,HXK,${fix ? `${m}-20 07:45:00` : `${m}-32 25:45:00`},HXK,8,J18.900,肺炎,1,姜蕾,12000,12000`,
    // line 5: the BAH+ZYCS of line 2 again
    `E2E${u}${fix ? '4' : '1'},1,郑四,2,1988-07-07,34,530102198807071240,${m}-21 10:00:00,HXK,${m}-28 10:00:00,HXK,7,J44.100,慢性阻塞性肺病伴有急性加重,1,姜蕾,8000,8000`,
    `E2E${u}5,1,王六,1,1970-05-05,53,530102197005051244,${m}-20 08:00:00,XNK,${m}-25 08:00:00,XNK,5,I10.x00,原发性高血压,1,杨丽,2000,2000`,
  ];
  return Buffer.from([header, ...rows, ''].join('\r\n'), 'utf8');
}

/** 出院人次 of IMPORT_MONTH for the whole hospital (0 when nothing counts). */
async function importedDischarges() {
  const api = await apiGet(`/indicators/results?from=${IMPORT_MONTH}&to=${IMPORT_MONTH}&by=month&group=hospital&indicator=discharges`);
  return api.items[0]?.numerator ?? 0;
}

async function uploadFile(name, buffer) {
  await dt(page, 'imp-file').locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await dt(page, 'imp-submit').click();
}

test('数据导入: a file with rejections fails as a whole; the corrected file is committed', async () => {
  const u = uniq(4).toUpperCase();
  const badName = `出院病案_${u}_有误.csv`;
  const goodName = `出院病案_${u}_更正.csv`;
  assert.equal(await importedDischarges(), 0, `no discharges of ${IMPORT_MONTH} before the import`);

  await openMenu(page, 'menu-ind-import', '/indicators/import');
  await dt(page, 'ind-import').waitFor();
  assert.equal((await dt(page, 'imp-dataset').innerText()).trim(), '住院病案首页', 'discharges is the default dataset');

  // ---- the bad file ------------------------------------------------------------------------
  await uploadFile(badName, dischargesCsv(u, false));
  const failed = page.locator('[data-test="imp-result"][data-status="failed"]');
  await failed.waitFor({ timeout: 20_000 });
  assert.match(await failed.locator('.el-alert__title').innerText(), /导入失败.*整批未导入/);
  const count = async (k) => Number((await dt(failed, `imp-count-${k}`).innerText()).trim());
  // 记录数 is the batch's row_count: the rows stored, none for a failed batch (docs/api.md).
  assert.equal(await count('records'), 0, 'no records stored');
  assert.equal(await count('inserted'), 0, 'nothing inserted');
  assert.equal(await count('replaced'), 0);
  assert.equal(await count('rejects'), 3, 'three rejections');

  // The findings, with their line numbers: 行号 | 列 | 值 | 级别 | 原因 | 记录.
  const sample = await dt(failed, 'imp-sample-row').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
  );
  const rejections = sample.filter((r) => r[3] === '拒收');
  const where = rejections.map((r) => `${r[0]}:${r[1]}`);
  assert.ok(where.includes('3:ZFY'), `ZFY of line 3 rejected: ${JSON.stringify(sample)}`);
  assert.ok(where.includes('4:CYSJ'), `CYSJ of line 4 rejected: ${JSON.stringify(sample)}`);
  const dup = rejections.find((r) => r[0] === '5');
  assert.ok(dup, `line 5 (BAH+ZYCS of line 2 again) rejected: ${JSON.stringify(sample)}`);
  assert.match(dup[4], /重复/, `the duplicate's reason: ${dup[4]}`);
  assert.match(rejections.find((r) => r[0] === '3')[2], /三千元/, 'the value as written');
  await shot(page, PREFIX, 'import-failed');

  // 下载错误报告 → an XLSX (a ZIP: starts with PK).
  const report = await download(dt(failed, 'imp-report'));
  assert.match(report.name, /\.xlsx$/, `report file name ${report.name}`);
  assert.equal(report.bytes.subarray(0, 2).toString('latin1'), 'PK', 'the report is a ZIP (XLSX)');
  assert.ok(report.bytes.length > 1000, `report size ${report.bytes.length}`);

  assert.equal(await importedDischarges(), 0, 'no record of the failed file counts');

  // ---- the corrected file ------------------------------------------------------------------
  await uploadFile(goodName, dischargesCsv(u, true));
  const committed = page.locator('[data-test="imp-result"][data-status="committed"]');
  await committed.waitFor({ timeout: 20_000 });
  const title = await committed.locator('.el-alert__title').innerText();
  const batchId = /导入成功（批次 (\d+)）/.exec(title)?.[1];
  assert.ok(batchId, `title "${title}"`);
  assert.equal(Number((await dt(committed, 'imp-count-records').innerText()).trim()), 5);
  assert.equal(Number((await dt(committed, 'imp-count-inserted').innerText()).trim()), 5);
  assert.equal(Number((await dt(committed, 'imp-count-rejects').innerText()).trim()), 0);
  assert.equal(await importedDischarges(), 5, 'the five discharges count at once');
  await shot(page, PREFIX, 'import-committed');

  // ---- 导入记录 ----------------------------------------------------------------------------------
  await dt(page, 'imp-tab-history').click();
  const history = dt(page, 'imp-history');
  const goodRow = dt(history, 'imp-batch-row').filter({ hasText: goodName });
  await goodRow.waitFor();
  assert.equal(await goodRow.getAttribute('data-id'), batchId, 'the committed batch, by id');
  assert.equal(await dt(goodRow, 'imp-batch-status').getAttribute('data-status'), 'committed');
  assert.match(await goodRow.innerText(), /住院病案首页/);
  const badRow = dt(history, 'imp-batch-row').filter({ hasText: badName });
  assert.equal(await badRow.count(), 1, 'the failed batch is listed too');
  assert.equal(await dt(badRow, 'imp-batch-status').getAttribute('data-status'), 'failed');
  assert.equal(await dt(badRow, 'imp-batch-report').count(), 1, 'with its report');
  // Newest first.
  const ids = await dt(history, 'imp-batch-row').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.id)));
  assert.equal(ids[0], Number(batchId), `newest first: ${JSON.stringify(ids)}`);
  await shot(page, PREFIX, 'import-history');

  assert.deepEqual(errors, [], 'no console errors');
});
