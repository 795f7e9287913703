// Staff-only and not-yet-public content never reaches an anonymous visitor: not on any portal
// page, not in search, not in the sitemap, not through attachment or item URLs, not through
// the API. A signed-in staff member does see the staff item (so this test can fail).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, show, startServer, uniq } from '../lib/server.mjs';
import { parseRoutes } from '../lib/roles.mjs';
import { act, advance, attach, catalogue, createItem, demoLeakWords } from '../lib/items.mjs';

let srv;
let api;
const s = {};
const secret = {
  tokens: new Set(),    // strings that must never appear publicly
  itemIds: new Set(),   // items that must 404 and never be linked
  attachmentIds: new Set(),
};
let staffItem;
let staffAttachment;
let revisedItem;
let entries;

const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function addToken(t) {
  if (t && t.trim().length >= 2) secret.tokens.add(t.trim());
}

// Leaked tokens and item links in a public response body. `q` (a search query the page
// echoes back) is removed first.
function leaks(text, q) {
  let t = text;
  if (q) {
    for (const v of [q, esc(q), encodeURIComponent(q)]) t = t.split(v).join('');
  }
  const found = [];
  for (const tok of secret.tokens) {
    if (t.includes(tok) || t.includes(esc(tok))) found.push(tok);
  }
  for (const id of secret.itemIds) {
    if (new RegExp(`/items/${id}(?![0-9])`).test(t)) found.push(`/items/${id}`);
  }
  for (const id of secret.attachmentIds) {
    if (new RegExp(`/attachments/${id}(?![0-9])`).test(t)) found.push(`/attachments/${id}`);
  }
  return found;
}

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'office', 'reviewer', 'approver', 'nurse01']) s[u] = await api.login(u);
  entries = await catalogue(api, s.admin);

  // 1. Every staff-audience item and every item that is not published, from the API.
  const all = await api.get('/api/v1/disclosure/items?page_size=200', s.admin);
  assert.equal(all.status, 200, show(all));
  const staffList = await api.get('/api/v1/disclosure/items?audience=staff&page_size=200', s.admin);
  assert.equal(staffList.status, 200);
  assert.ok(staffList.json.items.length >= 9, 'the demo has 9 staff items');
  for (const it of staffList.json.items) {
    addToken(it.title);
    secret.itemIds.add(it.id);
  }
  for (const it of all.json.items) {
    if (it.state !== 'published' && it.state !== 'archived') {
      // Revised items keep their old version public; a fresh demo has none.
      assert.equal(it.live, false, `${it.title} is ${it.state} but live`);
      addToken(it.title);
      secret.itemIds.add(it.id);
    }
  }
  // 2. The distinctive words of data/demo/README.md.
  const words = demoLeakWords();
  for (const w of [...words.staff, ...words.hidden]) {
    addToken(w.word);
    addToken(w.title);
  }

  // 3. A new staff item with an attachment, taken through the whole workflow.
  const tag = uniq();
  const staffEntry = entries.find((c) => c.audience === 'staff' && c.parent_id !== null);
  assert.ok(staffEntry, 'a staff catalogue entry');
  const staffTitle = `职工内部测试事项${tag}`;
  const staffWord = `内部专用词${tag}`;
  const fileName = `内部附件${tag}.pdf`;
  staffItem = await createItem(api, s.office, staffEntry, {
    title: staffTitle,
    summary: `摘要${staffWord}`,
    body: `正文含有${staffWord}，仅限职工。`,
    audience: 'staff',
    channels: ['oa'],
  });
  staffAttachment = await attach(api, s.office, staffItem.id, fileName);
  const pub = await advance(api, s, staffItem.id);
  assert.equal(pub.state, 'published');
  assert.equal(pub.attachments.length, 1);
  for (const t of [staffTitle, staffWord, fileName]) addToken(t);
  secret.itemIds.add(staffItem.id);
  secret.attachmentIds.add(staffAttachment.id);

  // 4. Public-audience items stuck in each non-public state; one draft has an attachment.
  const pubEntry = entries.find((c) => c.audience === 'society' && c.parent_id !== null);
  const mk = async (state, extra = {}) => {
    const title = `未公开${state}事项${tag}`;
    const it = await createItem(api, s.office, pubEntry, { title, body: `正文${state}专用词${tag}`, ...extra });
    addToken(title);
    addToken(`${state}专用词${tag}`);
    secret.itemIds.add(it.id);
    return it;
  };
  const draft = await mk('draft');
  const draftFile = `草稿附件${tag}.pdf`;
  const da = await attach(api, s.office, draft.id, draftFile);
  addToken(draftFile);
  secret.attachmentIds.add(da.id);
  await advance(api, s, (await mk('pending_review')).id, 'pending_review');
  await advance(api, s, (await mk('pending_approval')).id, 'pending_approval');
  const later = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sched = await advance(api, s, (await mk('scheduled', { publish_at: later })).id);
  assert.equal(sched.state, 'scheduled');
  // A withheld review sends an item back to draft with a rejection.
  const rejected = await mk('rejected');
  await act(api, s.office, rejected.id, 'submit');
  await act(api, s.reviewer, rejected.id, 'review', { result: 'withheld', basis: '第十条', opinion: '含有个人信息' });

  // 5. A published public item under revision: v1 stays public; the v2 draft title and its
  //    new attachment must not.
  const v1Title = `公开第一版${tag}`;
  revisedItem = await createItem(api, s.office, pubEntry, { title: v1Title, body: `第一版正文${tag}` });
  const v1 = await advance(api, s, revisedItem.id);
  assert.equal(v1.state, 'published');
  const v2 = await act(api, s.office, revisedItem.id, 'revise');
  assert.equal(v2.version, 2);
  const v2Title = `修订草稿标题${tag}`;
  const put = await api.put(`/api/v1/disclosure/items/${revisedItem.id}`, s.office, {
    catalogue_id: pubEntry.id, title: v2Title, body: `第二版正文专用词${tag}`, audience: 'society',
    channels: [pubEntry.channels[0]], formed_on: v2.formed_on,
  });
  assert.equal(put.status, 200, show(put));
  const v2File = `第二版附件${tag}.pdf`;
  const v2a = await attach(api, s.office, revisedItem.id, v2File);
  for (const t of [v2Title, `第二版正文专用词${tag}`, v2File]) addToken(t);
  secret.attachmentIds.add(v2a.id);
  revisedItem.v1Title = v1Title;
});

after(async () => {
  if (srv) await srv.stop();
});

async function anon(p) {
  return api.request('GET', p);
}

describe('anonymous visitor', () => {
  test('the tokens and ids under test are there', () => {
    assert.ok(secret.tokens.size >= 40, `${secret.tokens.size} tokens`);
    assert.ok(secret.itemIds.size >= 20, `${secret.itemIds.size} items`);
  });

  test('item and attachment URLs of hidden content give 404 and no content', async () => {
    for (const id of secret.itemIds) {
      const r = await anon(`/items/${id}`);
      assert.equal(r.status, 404, `/items/${id}: ${show(r)}`);
      assert.deepEqual(leaks(r.text), [], `/items/${id}`);
    }
    for (const id of secret.attachmentIds) {
      const r = await anon(`/attachments/${id}`);
      assert.equal(r.status, 404, `/attachments/${id}: ${r.status}`);
      assert.ok(!r.buffer.subarray(0, 8).toString('latin1').startsWith('%PDF'), `/attachments/${id} served the file`);
      assert.deepEqual(leaks(r.text), [], `/attachments/${id}`);
    }
  });

  test('the revised item still shows version 1 only (and search works: control)', async () => {
    const r = await anon(`/items/${revisedItem.id}`);
    assert.equal(r.status, 200, show(r));
    assert.ok(r.text.includes(revisedItem.v1Title));
    assert.deepEqual(leaks(r.text), []);
    const search = await anon(`/search?q=${encodeURIComponent(revisedItem.v1Title)}`);
    assert.match(search.text, new RegExp(`/items/${revisedItem.id}(?![0-9])`), 'a public title is found');
    assert.deepEqual(leaks(search.text, revisedItem.v1Title), []);
  });

  test('portal pages, catalogue pages, department pages, prices, sitemap', async () => {
    const paths = ['/', '/catalogue', '/prices', '/prices?kind=drug', '/prices?kind=service', '/hospital',
      '/departments', '/sitemap.xml', '/robots.txt', '/login', '/search', '/search?q='];
    for (const c of entries) paths.push(`/catalogue/${c.id}`);
    const depts = (await api.get('/api/v1/departments', s.admin)).json.items;
    for (const d of depts) paths.push(`/departments/${encodeURIComponent(d.code)}`);
    const failures = [];
    for (const p of paths) {
      const r = await anon(p);
      if (r.status >= 500) failures.push(`${p}: ${r.status}`);
      const found = leaks(r.text);
      if (found.length) failures.push(`${p} (${r.status}) shows ${found.join(', ')}`);
    }
    assert.deepEqual(failures, []);
    // Staff catalogue entries themselves are not public pages.
    for (const c of entries.filter((e) => e.audience === 'staff')) {
      const r = await anon(`/catalogue/${c.id}`);
      assert.equal(r.status, 404, `/catalogue/${c.id} (${c.name})`);
    }
  });

  test('search for every hidden word and title finds nothing', async () => {
    const failures = [];
    for (const q of secret.tokens) {
      const r = await anon(`/search?q=${encodeURIComponent(q)}`);
      if (r.status !== 200) failures.push(`search ${q}: ${r.status}`);
      const found = leaks(r.text, q);
      if (found.length) failures.push(`search ${q} shows ${found.join(', ')}`);
    }
    assert.deepEqual(failures, []);
  });

  test('/staff redirects to /login', async () => {
    const r = await anon('/staff');
    assert.ok(r.status === 302 || r.status === 303, show(r));
    assert.match(r.headers.get('location'), /^\/login/);
    assert.deepEqual(leaks(r.text), []);
  });

  test('every API GET route refuses an anonymous caller without content', async () => {
    const routes = parseRoutes(srv.cli(['routes']).stdout).filter((r) => r.method === 'GET');
    assert.ok(routes.length > 15);
    for (const r of routes) {
      const p = r.pattern
        .replace('{id}', String(staffItem.id))
        .replace('{aid}', String(staffAttachment.id))
        .replace(/\{\w+\}/g, '1');
      const res = await anon(p);
      if (r.permission === 'public') assert.ok(res.status < 500, `${p}: ${show(res)}`);
      else assert.equal(res.status, 401, `${p}: ${show(res)}`);
      assert.deepEqual(leaks(res.text), [], p);
    }
  });

  test('a cookie that is not a valid session is treated as anonymous', async () => {
    const fake = { cookie: 'yw_session=' + '0'.repeat(64) };
    for (const p of [`/items/${staffItem.id}`, `/attachments/${staffAttachment.id}`, '/']) {
      const r = await api.get(p, fake);
      assert.ok(r.status === 404 || p === '/', `${p}: ${r.status}`);
      assert.deepEqual(leaks(r.text), [], p);
    }
  });
});

describe('signed-in staff member', () => {
  test('nurse01 sees the staff item on /staff, its page and its attachment', async () => {
    const list = await api.get('/staff', s.nurse01);
    assert.equal(list.status, 200, show(list));
    assert.ok(list.text.includes(staffItem.title), 'title on /staff');
    assert.match(list.text, new RegExp(`/items/${staffItem.id}(?![0-9])`));
    assert.match(list.headers.get('cache-control') || '', /private|no-store/);
    const page = await api.get(`/items/${staffItem.id}`, s.nurse01);
    assert.equal(page.status, 200, show(page));
    assert.ok(page.text.includes(staffItem.title));
    assert.ok(page.text.includes(staffAttachment.filename) || page.text.includes(esc(staffAttachment.filename)));
    assert.match(page.headers.get('cache-control') || '', /private|no-store/);
    const file = await api.get(`/attachments/${staffAttachment.id}`, s.nurse01);
    assert.equal(file.status, 200);
    assert.equal(file.buffer.subarray(0, 8).toString('latin1'), '%PDF-1.4');
    const search = await api.get(`/search?q=${encodeURIComponent(staffItem.title)}`, s.nurse01);
    assert.match(search.text, new RegExp(`/items/${staffItem.id}(?![0-9])`), 'staff search finds it');
  });

  test('after staff views, the anonymous responses are still clean (no shared cache)', async () => {
    for (const p of [`/items/${staffItem.id}`, `/attachments/${staffAttachment.id}`]) {
      const r = await anon(p);
      assert.equal(r.status, 404, `${p}: ${r.status}`);
    }
    for (const p of ['/', '/catalogue', `/search?q=${encodeURIComponent(staffItem.title)}`, '/sitemap.xml']) {
      const r = await anon(p);
      const q = p.startsWith('/search') ? staffItem.title : undefined;
      assert.deepEqual(leaks(r.text, q), [], p);
    }
  });

  test('drafts, pending and scheduled items stay hidden from staff too', async () => {
    const r = await api.get('/staff', s.nurse01);
    for (const id of secret.itemIds) {
      if (id === staffItem.id) continue;
      const page = await api.get(`/items/${id}`, s.nurse01);
      // Published staff items are visible to staff; everything else is 404.
      if (page.status === 200) {
        const it = (await api.get(`/api/v1/disclosure/items/${id}`, s.admin)).json;
        assert.ok(it.audience === 'staff' && it.live, `${id} (${it.state}) visible to staff`);
      } else {
        assert.equal(page.status, 404);
      }
    }
    assert.equal(r.status, 200);
  });
});
