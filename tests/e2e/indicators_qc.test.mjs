// 首页质控 for the coder (病案编码员, scope 全院), against the demo hospital: the summary by
// department has a row per department with the API's counts; a department's 问题病案 number and
// one of its category numbers open the findings of that department (and category); 按编码员
// lists the coders. No page may log a console error or throw.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { clearArtifacts, consoleLogin, dt, launchBrowser, newContext, openMenu, pollUntil, shot, watchErrors } from './support.mjs';

const PREFIX = 'indicators-qc';

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

/** '共 12 条' → 12. */
function numberIn(text) {
  const m = /\d+/.exec(text);
  return m ? Number(m[0]) : NaN;
}

/** The texts of one column (by header) of the visible rows of an el-table. */
async function columnTexts(table, header) {
  const headers = (await table.locator('.el-table__header-wrapper thead th').allInnerTexts()).map((s) => s.trim());
  const idx = headers.indexOf(header);
  assert.ok(idx >= 0, `column ${header} among ${JSON.stringify(headers)}`);
  return (await table.locator(`.el-table__body-wrapper tbody tr.el-table__row td:nth-child(${idx + 1})`).allInnerTexts()).map(
    (s) => s.trim(),
  );
}

test('coder: 首页质控 by department, and the findings behind the numbers', async () => {
  const ctx = await newContext(chrome.browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  try {
    await consoleLogin(page, srv.base, 'coder');
    errors.length = 0;
    await openMenu(page, 'menu-ind-qc', '/indicators/qc');
    await dt(page, 'ind-qc').waitFor();
    const rows = dt(page, 'qc-department-row');
    await rows.first().waitFor();
    assert.equal(await dt(page, 'ind-load-error').count(), 0, 'no load error');

    // The page's range (the last full year) and the API's summary for it.
    const range = await dt(page, 'qc-range').locator('input').evaluateAll((els) => els.map((e) => e.value));
    assert.equal(range.length, 2);
    assert.match(range[0], /^\d{4}-01$/);
    assert.equal(range[1], `${range[0].slice(0, 4)}-12`);
    const r = await page.request.get(`${srv.base}/api/v1/indicators/qc/summary?from=${range[0]}&to=${range[1]}&by=department`);
    assert.equal(r.status(), 200);
    const summary = await r.json();
    assert.ok(summary.items.length >= 10, `departments in the summary: ${summary.items.length}`);

    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    assert.deepEqual(ids, summary.items.map((i) => i.key), 'one row per department, in the API order');
    const names = await columnTexts(dt(page, 'qc-department-table'), '科室');
    assert.deepEqual(names, summary.items.map((i) => i.name || i.key));
    for (const rate of await dt(page, 'qc-complete-rate').allInnerTexts()) {
      assert.match(rate.trim(), /^\d{1,3}(\.\d+)?%$/, `填报完整率 "${rate}"`);
    }
    await shot(page, PREFIX, 'summary');

    // The department with the most records with errors: its 问题病案 number opens its findings.
    const worst = [...summary.items].sort((a, b) => b.records_with_errors - a.records_with_errors)[0];
    assert.ok(worst.records_with_errors > 0, 'some department has findings');
    const row = page.locator(`[data-test="qc-department-row"][data-id="${worst.key}"]`);
    const open = row.locator('button[data-test="qc-open"]');
    assert.equal((await open.innerText()).trim(), String(worst.records_with_errors));
    await open.click();
    const dialog = dt(page, 'qc-findings-dialog').filter({ visible: true });
    await dialog.waitFor();
    const findings = dt(dialog, 'qc-finding-row');
    await findings.first().waitFor();
    const total = numberIn(await dialog.locator('.el-pagination__total').innerText());
    assert.ok(total >= worst.records_with_errors, `findings ${total} ≥ records with errors ${worst.records_with_errors}`);
    assert.equal((await dt(dialog, 'qc-filter-dept').innerText()).trim(), worst.name, 'filtered by the department');
    const table = dt(dialog, 'qc-findings');
    const depts = await columnTexts(table, '出院科别');
    assert.ok(depts.length > 0 && depts.every((d) => d === worst.key), `findings of ${worst.key}: ${JSON.stringify(depts)}`);
    for (const reason of await columnTexts(table, '原因')) assert.match(reason, /\p{Script=Han}/u, `a Chinese reason: ${reason}`);
    for (const bah of await columnTexts(table, '病案号')) assert.ok(bah !== '', 'a 病案号');
    await shot(page, PREFIX, 'findings-department');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // One of its category numbers: the findings of that department and category only.
    const [category, n] = Object.entries(worst.by_category).sort((a, b) => b[1] - a[1])[0];
    await row.locator(`button[data-test="qc-open-${category}"]`).click();
    await dialog.waitFor();
    await pollUntil(async () => numberIn(await dialog.locator('.el-pagination__total').innerText()) > 0, {
      timeout: 10_000,
      what: `findings of ${worst.key} / ${category}`,
    });
    const ofCategory = numberIn(await dialog.locator('.el-pagination__total').innerText());
    assert.ok(ofCategory >= n && ofCategory <= total, `${category}: ${ofCategory} findings, summary ${n}, all ${total}`);
    const api = await (
      await page.request.get(
        `${srv.base}/api/v1/indicators/qc/findings?from=${range[0]}&to=${range[1]}&dept=${worst.key}&category=${category}`,
      )
    ).json();
    assert.equal(ofCategory, api.total, 'as many as the API finds');
    assert.ok((await dt(dialog, 'qc-filter-category').innerText()).trim() !== '', 'the category filter is set');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // 按编码员: the coders of the same records.
    await dt(page, 'qc-tab-coder').click();
    await dt(page, 'qc-coder-row').first().waitFor();
    assert.ok((await dt(page, 'qc-coder-row').count()) > 0, 'coder rows');
    await shot(page, PREFIX, 'summary-coder');

    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await ctx.close();
  }
});
