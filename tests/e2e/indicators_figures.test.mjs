// 填报数据 (医院填报数据) as the statistician, against the demo hospital: the month's form shows the
// stored values of the API per org unit (hospital-level figures only for 全院); a negative value
// is refused with the server's reason under the input and nothing changes; a good value is saved
// and appears in 修改记录 with who changed it; a file with a bad cell lists it and imports nothing,
// the corrected file imports; 全年一览 shows the months and opens one; 编码字典 on the 首页质控
// page imports a table. No console errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { localToday, startServer } from '../lib/server.mjs';
import { clearArtifacts, consoleLogin, dt, launchBrowser, newContext, openMenu, pickOption, pollUntil, shot, watchErrors } from './support.mjs';

const PREFIX = 'indicators-figures';
const Y1 = Number(localToday().slice(0, 4)) - 1;
const M = `${Y1}-03`;

let srv;
let chrome;

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer({ recordScale: 0.02 });
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await srv?.stop();
});

async function stored(page, org) {
  const r = await page.request.get(`${srv.base}/api/v1/indicators/figures?from=${M}&to=${M}&org_unit=${org}`);
  assert.equal(r.status(), 200);
  return Object.fromEntries((await r.json()).items.map((f) => [f.code, f]));
}

test('statistician: enter, refuse, save and import 填报数据', async () => {
  const ctx = await newContext(chrome.browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page, { ignore: /status of 400/ }); // the refused save's 400
  try {
    await consoleLogin(page, srv.base, 'stats');
    errors.length = 0;
    await openMenu(page, 'menu-ind-figures', '/indicators/figures');
    await dt(page, 'ind-figures').waitFor();

    // The month of the demo data, typed into the month picker.
    const month = dt(page, 'fig-month').locator('input');
    await month.fill(M);
    await month.press('Enter');
    const hospital = await stored(page, 'hospital');
    assert.ok(hospital.ylsr, 'the demo has 医疗收入 for the month');
    const ylsr = dt(page, 'fig-input-ylsr');
    await pollUntil(async () => (await ylsr.inputValue()) === hospital.ylsr.value_text, { what: '医疗收入 in the form' });
    await shot(page, PREFIX, 'hospital');

    // A department: its values; no hospital-level figures.
    await pickOption(page, 'fig-org', 'fig-org-XNK');
    const xnk = await stored(page, 'XNK');
    const open = dt(page, 'fig-input-sjkfzcrs');
    await pollUntil(async () => (await open.inputValue()) === (xnk.sjkfzcrs?.value_text ?? ''), { what: 'open bed-days of XNK' });
    assert.equal(await dt(page, 'fig-input-ylsr').count(), 0, 'no hospital-level figure for a department');

    // Refused: negative. The reason is under the input, nothing is saved.
    const doctors = dt(page, 'fig-input-zyysrs');
    await doctors.fill('-5');
    await dt(page, 'fig-save').click();
    const reason = dt(page, 'fig-error-zyysrs');
    await reason.waitFor();
    assert.match(await reason.innerText(), /负数/);
    assert.equal((await stored(page, 'XNK')).zyysrs?.value_text, xnk.zyysrs?.value_text, 'nothing saved');

    // Saved: shown in 修改记录 with the statistician's name first.
    await doctors.fill('25');
    await dt(page, 'fig-save').click();
    await pollUntil(async () => (await stored(page, 'XNK')).zyysrs?.value === 25, { what: 'the saved value' });
    const history = dt(page, 'fig-history');
    await pollUntil(async () => (await history.locator('tbody tr').first().innerText()).includes('25'), {
      what: 'the change in 修改记录',
    });
    const me = await (await page.request.get(`${srv.base}/api/v1/session`)).json();
    assert.ok((await history.locator('tbody tr').first().innerText()).includes(me.user.name));
    await shot(page, PREFIX, 'saved');

    // Import: a bad cell lists the row and imports nothing; the corrected file imports.
    await dt(page, 'fig-import').click();
    const dialog = dt(page, 'fig-import-dialog').filter({ visible: true });
    await dialog.waitFor();
    const input = dialog.locator('input[type=file]');
    const file = (text) => ({ name: 'figures.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await input.setInputFiles(file(`期间,科室代码,注册护士人数\n${M},XNK,41\n${M},GK,4.5\n`));
    await dt(dialog, 'fig-import-submit').click();
    const problems = dt(dialog, 'fig-import-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    assert.match(text, /第3行/);
    assert.match(text, /注册护士人数/);
    assert.notEqual((await stored(page, 'XNK')).zchsrs?.value, 41, 'nothing imported');
    await shot(page, PREFIX, 'import-errors');
    await input.setInputFiles(file(`期间,科室代码,注册护士人数\n${M},XNK,41\n${M},GK,45\n`));
    await dt(dialog, 'fig-import-submit').click();
    await dt(dialog, 'fig-import-done').waitFor();
    assert.equal((await stored(page, 'XNK')).zchsrs?.value, 41);
    assert.equal((await stored(page, 'GK')).zchsrs?.value, 45);
    await page.keyboard.press('Escape');
    await pollUntil(async () => (await dt(page, 'fig-input-zchsrs').inputValue()) === '41', {
      what: 'the imported value in the form',
    });

    // 全年一览: the year's months for the department; a month opens the form of that month.
    await dt(page, 'fig-mode-year').click();
    const yearPick = dt(page, 'fig-year-pick').locator('input');
    await yearPick.fill(String(Y1));
    await yearPick.press('Enter');
    const yearTable = dt(page, 'fig-year');
    await pollUntil(async () => (await yearTable.innerText()).includes('41'), { what: 'the year table' });
    assert.equal(await yearTable.locator('thead th').count() >= 13, true, 'a column per month');
    await dt(page, `fig-year-month-${Y1}-04`).click();
    await dt(page, 'fig-grid').waitFor();
    assert.equal(await dt(page, 'fig-month').locator('input').inputValue(), `${Y1}-04`);
    await shot(page, PREFIX, 'year');

    // 编码字典 on the 首页质控 page: import a small ICD-10 table; the count follows.
    await openMenu(page, 'menu-ind-qc', '/indicators/qc');
    await dt(page, 'code-tables').waitFor();
    assert.equal((await dt(page, 'code-count-icd10').innerText()).trim(), '0');
    await dt(page, 'code-import-icd10').click();
    await dt(page, 'code-version').fill('国临版2.0');
    await page.locator('.el-dialog').filter({ visible: true }).locator('input[type=file]').setInputFiles({
      name: 'icd.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('编码,名称\nK35.800,急性阑尾炎\nI10.x00x002,原发性高血压\n', 'utf8'),
    });
    await dt(page, 'code-submit').click();
    await pollUntil(async () => (await dt(page, 'code-count-icd10').innerText()).trim() === '2', { what: 'the loaded table' });
    await shot(page, PREFIX, 'code-tables');

    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await ctx.close();
  }
});
