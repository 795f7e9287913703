// The staff console beyond the main flow: the server's Chinese error on a wrong password,
// field-level errors from the server under the matching form item, a price import with a bad
// row (per-row error table, nothing changes), the audit log with the change just made and an
// intact hash chain, the English locale, and a 医院信息 edit that the portal footer shows.
import assert from 'node:assert/strict';
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
  openMenu,
  shot,
} from './support.mjs';

const PREFIX = 'console';

let srv;
let chrome;
let ctx;
let page; // admin's page, shared by the tests below (they run in order)
const u = uniq(6);
const deptCode = `E2EM${u.toUpperCase()}`;
const deptName = `审计测试科${u}`;

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  chrome = await launchBrowser();
  ctx = await newContext(chrome.browser);
  page = await ctx.newPage();
});

after(async () => {
  await ctx?.close();
  await chrome?.close();
  await srv?.stop();
});

/** The 共 N 条 count of the page's el-pagination. */
async function paginationTotal() {
  const text = await page.locator('.el-pagination__total').first().innerText();
  const m = /(\d+)/.exec(text);
  assert.ok(m, `pagination total in "${text}"`);
  return Number(m[1]);
}

test('a wrong password shows the server\'s Chinese message', async () => {
  await page.goto(`${srv.base}/console/#/login`);
  await dt(page, 'login-username').fill('admin');
  await dt(page, 'login-password').fill('wrong-password-1');
  await dt(page, 'login-submit').click();
  const alert = dt(page, 'login-error');
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), '用户名或密码错误');
  assert.match(page.url(), /#\/login/, 'still on the login page');
  await shot(page, PREFIX, 'wrong-password');

  // The right password then works from the same form.
  await consoleLogin(page, srv.base, 'admin');
  assert.match(await dt(page, 'current-user').innerText(), /陈志远/);
});

test('the server\'s field errors show under the matching form item', async () => {
  await openMenu(page, 'menu-departments', '/org/departments');
  await dt(page, 'dept-new').click();
  await dt(page, 'dept-code').fill(deptCode);
  await dt(page, 'dept-name').fill(deptName);
  await dt(page, 'dept-save').click();
  await dt(page, 'dept-row').filter({ hasText: deptCode }).waitFor();

  // The same code again: the server answers 409 with fields[{field:"code"}].
  await dt(page, 'dept-new').click();
  await dt(page, 'dept-code').fill(deptCode);
  await dt(page, 'dept-name').fill(`${deptName}二`);
  await dt(page, 'dept-save').click();
  const err = fieldError(page, 'dept-code');
  await err.waitFor();
  assert.equal((await err.innerText()).trim(), '科室编码已存在');
  assert.equal(await fieldError(page, 'dept-name').count(), 0, 'no error under 科室名称');
  await shot(page, PREFIX, 'duplicate-code');
  // The dialog stays open with the input kept; cancel it.
  assert.equal(await dt(page, 'dept-code').inputValue(), deptCode);
  await dialog(page, '科室').getByRole('button', { name: '取消' }).click();
  await dt(page, 'dept-code').waitFor({ state: 'hidden' });
  assert.equal(await dt(page, 'dept-row').filter({ hasText: `${deptName}二` }).count(), 0);
});

test('price import with a bad row shows per-row errors and changes nothing', async () => {
  await openMenu(page, 'menu-prices', '/disclosure/prices');
  await dt(page, 'price-row').first().waitFor();
  const totalBefore = await paginationTotal();
  assert.ok(totalBefore > 300, `demo service prices: ${totalBefore}`);

  const goodName = `E2E测试诊查费${u}`;
  const csv = [
    '项目编码,项目名称,计价单位,价格(元),项目内涵,除外内容,说明,生效日期',
    `110299901,${goodName},次,12.00,,,,2026-07-01`,
    '110299902,E2E坏行,次,12.345,,,,2026-07-01',
    '',
  ].join('\r\n');

  await dt(page, 'price-import').click();
  await dt(page, 'import-file').locator('input[type="file"]').setInputFiles({
    name: 'prices-bad-row.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await dt(page, 'import-confirm').click();
  const errors = dt(page, 'import-errors');
  await errors.waitFor();
  const rows = await errors.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 1, `one error row: ${JSON.stringify(rows)}`);
  assert.match(rows[0], /row 3 \/ 价格\(元\)/);
  assert.match(rows[0], /第3行「价格\(元\)」应为不小于0、最多两位小数的金额，实际为「12\.345」/);
  await shot(page, PREFIX, 'import-errors');
  await page.keyboard.press('Escape');
  await errors.waitFor({ state: 'hidden' });

  // Nothing changed: same total, the good row was not imported, the demo list is still there.
  await dt(page, 'price-search').fill(goodName);
  await dt(page, 'price-search-submit').click();
  await page.locator('.el-table__empty-block').filter({ visible: true }).waitFor();
  assert.equal(await dt(page, 'price-row').count(), 0, 'the good row of the failed file is not saved');
  await dt(page, 'price-search').fill('');
  await dt(page, 'price-search-submit').click();
  await dt(page, 'price-row').filter({ hasText: '普通门诊诊查费' }).waitFor();
  assert.equal(await paginationTotal(), totalBefore);
});

test('the audit log shows the change just made and the chain verifies', async () => {
  await openMenu(page, 'menu-audit', '/system/audit');
  const row = dt(page, 'audit-row').filter({ hasText: 'org.department.create' }).filter({ hasText: '陈志远' }).first();
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /陈志远/);
  assert.match(text, /department/);
  // Expand it: the after JSON has the new department.
  await row.locator('.el-table__expand-icon').click();
  const afterJson = dt(page, 'audit-after').filter({ visible: true }).first();
  await afterJson.waitFor();
  const after = JSON.parse(await afterJson.innerText());
  assert.equal(after.code, deptCode);
  assert.equal(after.name, deptName);
  assert.equal((await dt(page, 'audit-before').filter({ visible: true }).first().innerText()).trim().replace(/\s/g, ''), '{}');
  // Neither the rejected duplicate nor the failed import left an entry (the demo loader's
  // own price imports are older and not by 陈志远).
  const byAdmin = dt(page, 'audit-row').filter({ hasText: '陈志远' });
  assert.equal(await byAdmin.filter({ hasText: 'org.department.create' }).count(), 1);
  assert.equal(await byAdmin.filter({ hasText: 'disclosure.price.import' }).count(), 0);

  // The failed and the successful sign-in of the first test are logged too.
  assert.equal(await dt(page, 'audit-row').filter({ hasText: 'auth.login_failed' }).count(), 1);

  await dt(page, 'audit-verify').click();
  const result = dt(page, 'audit-verify-result');
  await result.waitFor();
  assert.match(await result.innerText(), /审计链完整：已校验 \d+ 条/);
  assert.match(await result.getAttribute('class'), /el-alert--success/);
  await shot(page, PREFIX, 'audit');
});

test('switching to English changes the menu labels', async () => {
  const labels = async () => ({
    items: (await dt(page, 'menu-items').innerText()).trim(),
    departments: (await dt(page, 'menu-departments').innerText()).trim(),
    audit: (await dt(page, 'menu-audit').innerText()).trim(),
  });
  assert.deepEqual(await labels(), { items: '公开事项', departments: '科室', audit: '审计日志' });
  await dt(page, 'locale-en-US').click();
  await page.waitForFunction(() => document.querySelector('[data-test="menu-items"]')?.textContent?.includes('Disclosure items'));
  assert.deepEqual(await labels(), { items: 'Disclosure items', departments: 'Departments', audit: 'Audit log' });
  assert.match(await dt(page, 'logout').innerText(), /Sign out|Log out|Logout/i);
  await shot(page, PREFIX, 'english');
  await dt(page, 'locale-zh-CN').click();
  await page.waitForFunction(() => document.querySelector('[data-test="menu-items"]')?.textContent?.includes('公开事项'));
});

test('a phone saved in 医院信息 shows in the portal footer', async () => {
  const phone = `0871-6${String(Date.now()).slice(-6)}`;
  // An anonymous visitor's footer before the change (this also fills the portal's page cache).
  const visitorCtx = await newContext(chrome.browser);
  try {
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${srv.base}/`);
    assert.match(await visitor.locator('footer.foot').innerText(), /电话：13800000001/);

    await openMenu(page, 'menu-hospital', '/system/hospital');
    const name = dt(page, 'hospital-name');
    await page.waitForFunction(() => document.querySelector('[data-test="hospital-name"]')?.value);
    const hospitalName = await name.inputValue();
    assert.match(hospitalName, /云岭市第一人民医院/);
    assert.equal(await dt(page, 'hospital-phone').inputValue(), '13800000001');
    assert.equal(await dt(page, 'hospital-level').inputValue(), '三级甲等');

    // The server's reason for an empty name shows under 医院名称, and nothing is saved.
    await name.fill('');
    await dt(page, 'hospital-save').click();
    const err = fieldError(page, 'hospital-name');
    await err.waitFor();
    assert.equal((await err.innerText()).trim(), '医院名称不能为空');
    assert.equal(await dt(page, 'hospital-saved').count(), 0);

    await name.fill(hospitalName);
    await dt(page, 'hospital-phone').fill(phone);
    await dt(page, 'hospital-save').click();
    await dt(page, 'hospital-saved').waitFor();
    await err.waitFor({ state: 'detached' }); // the name error is gone
    await page.locator('.el-message--success').filter({ hasText: '已保存' }).first().waitFor();
    await shot(page, PREFIX, 'hospital-saved');

    // 查看门户 opens the portal in a new tab; its footer has the new phone.
    const link = dt(page, 'hospital-portal-link');
    assert.equal((await link.innerText()).trim(), '查看门户');
    assert.equal(await link.getAttribute('href'), '/');
    const [portal] = await Promise.all([ctx.waitForEvent('page'), link.click()]);
    await portal.waitForLoadState();
    assert.equal(new URL(portal.url()).pathname, '/');
    assert.match(await portal.locator('footer.foot').innerText(), new RegExp(`电话：${phone}`));
    await shot(portal, PREFIX, 'hospital-portal');
    await portal.close();

    // The anonymous visitor gets the new footer too (the cached page was dropped).
    await visitor.reload();
    const footer = await visitor.locator('footer.foot').innerText();
    assert.match(footer, new RegExp(`电话：${phone}`));
    assert.doesNotMatch(footer, /电话：13800000001/);

    // A reload of the console screen reads the saved value back.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-test="hospital-name"]')?.value);
    assert.equal(await dt(page, 'hospital-phone').inputValue(), phone);
  } finally {
    await visitorCtx.close();
  }
});
