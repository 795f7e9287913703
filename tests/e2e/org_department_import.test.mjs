// 导入科室代码表 in the console: the template downloads with the header row; a file with a bad
// row previews with the problem on its line and cannot be confirmed (nothing saved); the
// corrected file previews its new and changed rows, is confirmed, and the tree shows the new
// departments under their parent (listed after its child in the file).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';

import { Client, startServer, uniq } from '../lib/server.mjs';
import { clearArtifacts, consoleLogin, dt, launchBrowser, newContext, openMenu, shot } from './support.mjs';

const PREFIX = 'dept-import';
const HEADER = '科室代码,科室名称,院区代码,上级科室代码,科室类别,是否对外公开,排序';

let srv;
let chrome;
let ctx;
let page;
const u = uniq(4).toUpperCase();

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  chrome = await launchBrowser();
  ctx = await newContext(chrome.browser, { acceptDownloads: true });
  page = await ctx.newPage();
  await consoleLogin(page, srv.base, 'admin');
  await openMenu(page, 'menu-departments', '/org/departments');
  await dt(page, 'dept-row').first().waitFor();
});

after(async () => {
  await ctx?.close();
  await chrome?.close();
  await srv?.stop();
});

const csv = (lines) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

async function choose(name, buffer) {
  await dt(page, 'dept-import-file').locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('the template downloads as CSV with the header row', async () => {
  await dt(page, 'dept-import').click();
  const [download] = await Promise.all([page.waitForEvent('download'), dt(page, 'dept-import-template').click()]);
  assert.match(download.suggestedFilename(), /科室代码表模板\.csv/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(text.replace(/^\uFEFF/, '').trim(), HEADER);
});

test('a bad row previews with its line and reason, and cannot be imported', async () => {
  await choose('bad.csv', csv([`E${u}1,导入子科${u},HQ,E${u},临床,1,1`, `E${u}2,坏院区科${u},NOWHERE,,,,`]));
  await dt(page, 'dept-import-preview').click();
  const errors = dt(page, 'dept-import-errors');
  await errors.waitFor();
  const rows = await errors.locator('tbody tr').allInnerTexts();
  // E${u} is not defined anywhere either: two problems, each on its own line.
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.match(rows[0], /^2\s+上级科室代码\s+E/);
  assert.match(rows[1], /^3\s+院区代码\s+NOWHERE\s+院区不存在/);
  assert.ok(await dt(page, 'dept-import-confirm').isDisabled(), 'confirm is disabled');
  await shot(page, PREFIX, 'errors');
});

test('the corrected file previews new and changed rows, and imports', async () => {
  const api = new Client(srv.base);
  const admin = await api.login('admin');
  const before = (await api.get('/api/v1/departments', admin)).json.items;
  assert.ok(before.some((d) => d.code === 'YWB'));

  await choose('good.csv', csv([
    `E${u}1,导入子科${u},HQ,E${u},临床,1,1`,
    `E${u},导入父科${u},东院区,,医技,1,2`,
    'YWB,医务部（导入）,HQ,,行政,0,30',
  ]));
  await dt(page, 'dept-import-preview').click();
  const summary = dt(page, 'dept-import-summary');
  await summary.waitFor();
  assert.equal((await summary.innerText()).trim(), '新增 2 个，修改 1 个，不变 0 个');
  assert.equal(await dt(page, 'dept-import-errors').count(), 0);
  const rows = await dt(page, 'dept-import-rows').locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 3, JSON.stringify(rows));
  assert.match(rows[0], /新增\s+E\w+1\s+导入子科/);
  assert.match(rows[2], /修改\s+YWB\s+医务部 → 医务部（导入）/);
  await shot(page, PREFIX, 'preview');
  // The preview wrote nothing.
  assert.equal((await api.get('/api/v1/departments', admin)).json.items.length, before.length);

  await dt(page, 'dept-import-confirm').click();
  await page.locator('.el-message--success').filter({ hasText: '已导入：新增 2 个，修改 1 个' }).waitFor();
  await dt(page, 'dept-import-confirm').waitFor({ state: 'hidden' });
  const child = dt(page, 'dept-row').filter({ hasText: `导入子科${u}` });
  await child.waitFor();
  await dt(page, 'dept-row').filter({ hasText: '医务部（导入）' }).waitFor();
  await shot(page, PREFIX, 'imported');

  const after = (await api.get('/api/v1/departments', admin)).json.items;
  const parent = after.find((d) => d.code === `E${u}`);
  assert.equal(after.find((d) => d.code === `E${u}1`).parent_id, parent.id);
  assert.equal(after.length, before.length + 2);
});
