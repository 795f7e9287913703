// The public portal (server-rendered) in a browser with JavaScript turned off: home, catalogue
// tree → entry → item, price search, department page, a 375×800 phone viewport without
// horizontal scrolling, staff sign-in on /login and sign-out. axe-core runs on the main pages
// in a separate JS-enabled context (the portal's CSP forbids scripts, so that context bypasses
// the CSP to inject axe).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import {
  clearArtifacts,
  DEMO_PASSWORD,
  horizontalOverflow,
  launchBrowser,
  newContext,
  seriousAxeViolations,
  shot,
} from './support.mjs';

const PREFIX = 'portal';
const STAFF_WORD = '第23期院周会'; // title word of a published staff-only item (data/demo/README.md)

// Known product bug (see the test names): tests pinned to it are marked todo so the suite stays
// green; drop the `todo` once src/platform/web/renderer.cc no longer lets a template's name
// shadow a page-data key of the same name (prices, pager, error).

let srv;
let chrome;
let noJs; // browser context with JavaScript disabled

before(async () => {
  clearArtifacts(PREFIX);
  srv = await startServer();
  chrome = await launchBrowser();
  noJs = await newContext(chrome.browser, { javaScriptEnabled: false });
});

after(async () => {
  await noJs?.close();
  await chrome?.close();
  await srv?.stop();
});

async function open(page, path, status = 200) {
  const res = await page.goto(srv.base + path);
  assert.equal(res.status(), status, `GET ${path}`);
  return res;
}

test('home page without JavaScript', async () => {
  const page = await noJs.newPage();
  await open(page, '/');
  assert.equal(await page.locator('script').count(), 0, 'the portal has no scripts');
  assert.match(await page.locator('main h1').innerText(), /云岭市第一人民医院（演示数据）院务公开/);
  const latest = page.locator('section[aria-labelledby="latest-h"] ul.list a[href^="/items/"]');
  assert.ok((await latest.count()) >= 5, 'latest items listed');
  const catalogue = page.locator('aside[aria-labelledby="cat-h"] a[href^="/catalogue/"]');
  assert.ok((await catalogue.count()) >= 10, 'top-level catalogue entries listed');
  assert.ok(!(await page.locator('main').innerText()).includes(STAFF_WORD), 'no staff-only item on the public home page');
  await shot(page, PREFIX, 'home');
  await page.close();
});

test('catalogue tree → entry → item without JavaScript', async () => {
  const page = await noJs.newPage();
  await open(page, '/catalogue');
  const tree = page.locator('main ul.tree');
  assert.ok((await tree.locator(':scope > li').count()) >= 11, 'top-level entries A01–A10, B01');
  assert.ok((await tree.locator(':scope > li > ul > li').count()) >= 30, 'child entries');
  assert.ok(!(await tree.innerText()).includes('职工院务公开'), 'the staff catalogue is not shown to the public');

  await tree.locator('a', { hasText: '医院简介' }).click();
  await page.waitForURL(/\/catalogue\/\d+$/);
  assert.equal((await page.locator('main h1').innerText()).trim(), '医院简介');
  const facts = await page.locator('main dl.facts').innerText();
  assert.match(facts, /公开时限/);
  assert.match(facts, /工作日内/);
  assert.match(facts, /公开渠道/);
  await shot(page, PREFIX, 'catalogue-entry');

  await page.locator('main ul.list a[href^="/items/"]').first().click();
  await page.waitForURL(/\/items\/\d+$/);
  assert.match(await page.locator('article.item h1').innerText(), /医院简介/);
  assert.match(await page.locator('article.item .crumbs').innerText(), /公开目录 › 医院简介/);
  assert.match(await page.locator('article.item .meta').innerText(), /发布时间：\d{4}-\d{2}-\d{2}/);
  assert.ok((await page.locator('article.item .body p').count()) >= 2, 'body paragraphs');
  await shot(page, PREFIX, 'item');
  await page.close();
});

test('department page without JavaScript', async () => {
  const page = await noJs.newPage();
  await open(page, '/departments');
  assert.ok((await page.locator('main section h2').allInnerTexts()).some((t) => t.includes('东院区')), 'both campuses');
  await page.locator('main a', { hasText: '心血管内科' }).click();
  await page.waitForURL(/\/departments\/XNK$/);
  assert.equal((await page.locator('main h1').innerText()).trim(), '心血管内科');
  const facts = await page.locator('main dl.facts').innerText();
  assert.match(facts, /所在院区\s*本部院区/);
  assert.match(facts, /电话\s*1380000\d{4}/);
  assert.ok((await page.locator('main ul.list a[href^="/items/"]').count()) >= 1, 'items published by the department');
  await shot(page, PREFIX, 'department');
  await page.close();
});

test('price search for 阿莫 without JavaScript lists matching prices', async () => {
  const page = await noJs.newPage();
  await open(page, '/prices');
  await page.locator('#pq').fill('阿莫');
  await page.locator('form.filters button[type="submit"]').click();
  await page.waitForURL(/[?&]q=/);
  assert.equal(new URL(page.url()).searchParams.get('q'), '阿莫');
  await shot(page, PREFIX, 'prices-search');
  const names = await page.locator('main table tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(names.length >= 2, `price rows: ${JSON.stringify(names)}`);
  for (const n of names) assert.match(n, /阿莫西林/, `row name ${n}`);
  const prices = await page.locator('main table tbody td.num').allInnerTexts();
  for (const p of prices) assert.match(p, /^\d+\.\d{2}$/, `price ${p}`);

  // The site search shows the same prices under 收费价格.
  await open(page, `/search?q=${encodeURIComponent('阿莫')}`);
  const searchNames = await page.locator('section[aria-labelledby="r-prices"] tbody td:nth-child(2)').allInnerTexts();
  assert.deepEqual(searchNames, names, 'search lists the same prices');
  await page.close();
});

test('price list pages through results without JavaScript', async () => {
  const page = await noJs.newPage();
  await open(page, '/prices?kind=service');
  const pager = page.locator('main nav.pager');
  assert.match(await pager.innerText(), /第1页 \/ 共\d+页（\d+条）/);
  await pager.locator('a[rel="next"]').click();
  await page.waitForURL(/page=2/);
  assert.match(await page.locator('main nav.pager').innerText(), /第2页/);
  await page.close();
});

test('phone viewport 375×800: no horizontal scrolling', async () => {
  const ctx = await newContext(chrome.browser, {
    javaScriptEnabled: false,
    viewport: { width: 375, height: 800 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await ctx.newPage();
  await open(page, '/');
  const item = await page.locator('main a[href^="/items/"]').first().getAttribute('href');
  const paths = [
    '/',
    '/catalogue',
    '/catalogue/2',
    item,
    '/prices?kind=service',
    `/prices?q=${encodeURIComponent('阿莫')}`,
    `/search?q=${encodeURIComponent('阿莫')}`,
    '/departments',
    '/departments/XNK',
    '/hospital',
    '/login',
  ];
  const wide = [];
  for (const p of paths) {
    await open(page, p);
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    if (scrollWidth > clientWidth) wide.push(`${p}: ${scrollWidth}px > ${clientWidth}px`);
  }
  await open(page, '/');
  await shot(page, PREFIX, 'mobile-home');
  await open(page, '/prices?kind=drug');
  await shot(page, PREFIX, 'mobile-prices');
  assert.deepEqual(wide, [], 'pages wider than the viewport');
  await ctx.close();
});

test('axe-core: no serious or critical violations', async () => {
  const ctx = await newContext(chrome.browser, { bypassCSP: true });
  const page = await ctx.newPage();
  await open(page, '/');
  const item = await page.locator('main a[href^="/items/"]').first().getAttribute('href');
  const pages = ['/', item, '/prices', `/prices?q=${encodeURIComponent('阿莫')}`, `/search?q=${encodeURIComponent('阿莫')}`, '/login'];
  const found = [];
  for (const p of pages) {
    await open(page, p);
    for (const v of await seriousAxeViolations(page)) {
      found.push(`${p}: [${v.impact}] ${v.id} — ${v.help}\n    ${v.nodes.join('\n    ')}`);
    }
  }
  assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
  await ctx.close();
});

test('staff sign-in on the portal shows staff-only items; sign-out hides them', async () => {
  const ctx = await newContext(chrome.browser, { javaScriptEnabled: false });
  const page = await ctx.newPage();

  // Anonymous: /staff sends to the sign-in form; the staff item is not searchable.
  await page.goto(`${srv.base}/staff`);
  assert.match(new URL(page.url()).pathname, /^\/login$/);
  await open(page, `/search?q=${encodeURIComponent(STAFF_WORD)}`);
  assert.equal(await page.locator('section[aria-labelledby="r-items"] a', { hasText: STAFF_WORD }).count(), 0);

  await open(page, '/login?next=%2Fstaff');
  await page.locator('#username').fill('nurse01');
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form.login button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/staff');
  assert.match(await page.locator('header nav .who').innerText(), /刘晓燕/);
  const staffLink = page.locator('main ul.list a', { hasText: STAFF_WORD });
  assert.equal(await staffLink.count(), 1, 'the staff-only item is listed on /staff');
  await shot(page, PREFIX, 'staff');
  const href = await staffLink.getAttribute('href');
  await staffLink.click();
  await page.waitForURL((u) => u.pathname === href);
  assert.match(await page.locator('article.item h1').innerText(), new RegExp(STAFF_WORD));

  // Sign out with the nav's 退出 button (a plain form POST).
  await page.locator('header nav form[action="/logout"] button').click();
  await page.waitForURL((u) => u.pathname === '/');
  assert.equal(await page.locator('header nav a[href="/login"]').count(), 1, '职工登录 link is back');
  await page.goto(`${srv.base}/staff`);
  assert.match(new URL(page.url()).pathname, /^\/login$/, '/staff asks for sign-in again');
  const res = await page.goto(srv.base + href);
  assert.equal(res.status(), 404, 'the staff item is hidden again');
  assert.ok(!(await page.locator('main').innerText()).includes(STAFF_WORD));
  await ctx.close();
});

test('portal sign-in with a wrong password shows the reason', async () => {
  const ctx = await newContext(chrome.browser, { javaScriptEnabled: false });
  const page = await ctx.newPage();
  await open(page, '/login');
  assert.equal(await page.locator('main [role="alert"]').count(), 0, 'no error box before a failed sign-in');
  await page.locator('#username').fill('nurse01');
  await page.locator('#password').fill('not-the-password-1');
  await page.locator('form.login button[type="submit"]').click();
  await page.waitForLoadState();
  assert.equal((await page.locator('main [role="alert"]').innerText()).trim(), '用户名或密码错误');
  assert.equal(await page.locator('#username').inputValue(), 'nurse01', 'the 工号 is kept');
  await ctx.close();
});
