// The disclosure workflow and its state machine, seen from the API and the public portal:
// draft → pending_review → (withheld → draft) → pending_review → pending_approval → published
// → revise (v2; v1 stays public) → published v2 → offline → archived; scheduled publishing and
// expiry; separation of duties; history, overdue and statistics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, isoSeconds, localToday, show, sleepMs, startServer, uniq } from '../lib/server.mjs';
import { act, advance, catalogue, createItem } from '../lib/items.mjs';
import { addWorkingDays, loadCalendar, subtractWorkingDays } from '../lib/calendar.mjs';

const CHINESE = /[\u4e00-\u9fff]/;
const year = Number(localToday().slice(0, 4));

let srv;
let api;
const s = {};
let entry;      // a society catalogue entry with a 20-working-day limit
let entries;

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'office', 'reviewer', 'approver']) s[u] = await api.login(u);
  entries = await catalogue(api, s.admin);
  entry = entries.find((c) => c.audience === 'society' && c.parent_id !== null && c.time_limit_days === 20);
  assert.ok(entry, 'a society catalogue entry with the default time limit');
});

after(async () => {
  if (srv) await srv.stop();
});

async function item(id, session = s.admin) {
  const r = await api.get(`/api/v1/disclosure/items/${id}`, session);
  assert.equal(r.status, 200, show(r));
  return r.json;
}

async function stats() {
  const r = await api.get(`/api/v1/disclosure/stats?year=${year}`, s.approver);
  assert.equal(r.status, 200, show(r));
  return r.json;
}

// A refused transition: 409 failed_precondition with a Chinese message; the state is unchanged.
async function refused(session, id, action, body = {}) {
  const beforeState = (await item(id)).state;
  const r = await api.post(`/api/v1/disclosure/items/${id}/${action}`, session, body);
  assert.equal(r.status, 409, `${action} in ${beforeState}: ${show(r)}`);
  assert.equal(r.json.code, 'failed_precondition');
  assert.match(r.json.message, CHINESE);
  assert.ok(r.json.message_en);
  assert.equal((await item(id)).state, beforeState);
}

const anon = (p) => api.request('GET', p);

describe('full workflow', () => {
  const tag = uniq();
  const title1 = `出院患者电话回访服务公告${tag}`;  // 随访 only in the body
  const title2 = `出院患者电话回访服务公告（修订）${tag}`;
  let id;
  let statsBefore;

  test('create → 201 draft, version 1', async () => {
    statsBefore = await stats();
    const r = await api.post('/api/v1/disclosure/items', s.office, {
      catalogue_id: entry.id,
      title: title1,
      summary: '出院后电话回访安排',
      body: `本院对出院患者开展电话随访。\n\n随访时间为出院后7天内。标记${tag}`,
      audience: 'society',
      channels: [entry.channels[0]],
      formed_on: localToday(),
      publish_at: isoSeconds(Date.now() - 3600_000),
    });
    assert.equal(r.status, 201, show(r));
    id = r.json.id;
    assert.equal(r.json.state, 'draft');
    assert.equal(r.json.version, 1);
    assert.equal(r.json.title, title1);
    assert.equal(r.json.catalogue_id, entry.id);
    assert.equal(r.json.created_by_name, s.office.user.name);
    assert.equal(r.json.rejection, null);
    assert.equal(r.json.published_at, null);
    assert.ok(r.json.due_on);
  });

  test('transitions that a draft does not allow give 409', async () => {
    await refused(s.reviewer, id, 'review', { result: 'public' });
    await refused(s.approver, id, 'approve', { approved: true });
    await refused(s.office, id, 'withdraw', { reason: '测试' });
    await refused(s.office, id, 'revise');
    await refused(s.office, id, 'archive');
  });

  test('submit → pending_review; editing and resubmitting are refused', async () => {
    const it = await act(api, s.office, id, 'submit');
    assert.equal(it.state, 'pending_review');
    await refused(s.office, id, 'submit');
    await refused(s.approver, id, 'approve', { approved: true });
    const put = await api.put(`/api/v1/disclosure/items/${id}`, s.office, {
      catalogue_id: entry.id, title: '改', body: '改', audience: 'society', channels: [entry.channels[0]],
      formed_on: localToday(),
    });
    assert.equal(put.status, 409, show(put));
    assert.match(put.json.message, CHINESE);
    assert.equal((await item(id)).title, title1);
  });

  test('withheld needs a basis and an opinion, then returns the item to draft with a rejection', async () => {
    let r = await api.post(`/api/v1/disclosure/items/${id}/review`, s.reviewer, { result: 'withheld', opinion: '含个人信息' });
    assert.equal(r.status, 400, show(r));
    assert.deepEqual(r.json.fields.map((f) => f.field), ['basis']);
    r = await api.post(`/api/v1/disclosure/items/${id}/review`, s.reviewer, { result: 'withheld', basis: '第十条' });
    assert.equal(r.status, 400, show(r));
    assert.deepEqual(r.json.fields.map((f) => f.field), ['opinion']);
    r = await api.post(`/api/v1/disclosure/items/${id}/review`, s.reviewer, { result: 'maybe' });
    assert.equal(r.status, 400, show(r));
    assert.ok(r.json.fields.some((f) => f.field === 'result'));
    assert.equal((await item(id)).state, 'pending_review');

    const it = await act(api, s.reviewer, id, 'review', { result: 'withheld', basis: '第十条', opinion: '请删除患者姓名' });
    assert.equal(it.state, 'draft');
    assert.equal(it.rejection.stage, 'security');
    assert.equal(it.rejection.reasons, '请删除患者姓名');
    assert.equal(it.rejection.by, s.reviewer.user.name);
  });

  test('resubmit → review public → pending_approval; returning needs an opinion', async () => {
    let it = await act(api, s.office, id, 'submit');
    assert.equal(it.state, 'pending_review');
    assert.equal(it.rejection, null);
    it = await act(api, s.reviewer, id, 'review', { result: 'public', opinion: '可以公开' });
    assert.equal(it.state, 'pending_approval');
    await refused(s.reviewer, id, 'review', { result: 'public' });
    const r = await api.post(`/api/v1/disclosure/items/${id}/approve`, s.approver, { approved: false });
    assert.equal(r.status, 400, show(r));
    assert.deepEqual(r.json.fields.map((f) => f.field), ['opinion']);
    const r2 = await api.post(`/api/v1/disclosure/items/${id}/approve`, s.approver, { opinion: '同意' });
    assert.equal(r2.status, 400, show(r2));
    assert.deepEqual(r2.json.fields.map((f) => f.field), ['approved']);
    assert.equal((await item(id)).state, 'pending_approval');
  });

  test('approve with publish_at in the past → published, on the portal and in search', async () => {
    const it = await act(api, s.approver, id, 'approve', { approved: true, opinion: '同意发布' });
    assert.equal(it.state, 'published');
    assert.ok(it.published_at);
    assert.equal(it.live, true);
    const page = await anon(`/items/${id}`);
    assert.equal(page.status, 200, show(page));
    assert.ok(page.text.includes(title1));
    assert.ok(page.text.includes('随访时间为出院后7天内'));
    const search = await anon(`/search?q=${encodeURIComponent('随访')}`);
    assert.equal(search.status, 200);
    assert.match(search.text, new RegExp(`/items/${id}(?![0-9])`), '2-character word 随访 finds the item');
    const cat = await anon(`/catalogue/${entry.id}`);
    assert.match(cat.text, new RegExp(`/items/${id}(?![0-9])`));
    const sitemap = await anon('/sitemap.xml');
    assert.match(sitemap.text, new RegExp(`/items/${id}<`));
  });

  test('stats count the new publication', async () => {
    const st = await stats();
    assert.equal(st.year, year);
    assert.equal(st.published_total, statsBefore.published_total + 1);
    const count = (x) => x.by_catalogue.find((c) => c.catalogue_id === entry.id)?.count ?? 0;
    assert.equal(count(st), count(statsBefore) + 1);
    const ch = (x) => x.by_channel.find((c) => c.channel === entry.channels[0])?.count ?? 0;
    assert.equal(ch(st), ch(statsBefore) + 1);
  });

  test('revise → version 2 in draft while version 1 stays public', async () => {
    await refused(s.office, id, 'archive');
    const it = await act(api, s.office, id, 'revise');
    assert.equal(it.state, 'draft');
    assert.equal(it.version, 2);
    assert.equal(it.formed_on, localToday());
    const put = await api.put(`/api/v1/disclosure/items/${id}`, s.office, {
      catalogue_id: entry.id, title: title2, summary: '', body: `修订后的随访安排。标记${tag}`,
      audience: 'society', channels: [entry.channels[0]], formed_on: localToday(),
    });
    assert.equal(put.status, 200, show(put));
    assert.equal(put.json.title, title2);
    const page = await anon(`/items/${id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(title1), 'version 1 still public');
    assert.ok(!page.text.includes(title2), 'version 2 not yet public');
  });

  test('version 2 goes through review and approval and replaces version 1', async () => {
    const it = await advance(api, s, id);
    assert.equal(it.state, 'published');
    assert.equal(it.version, 2);
    const page = await anon(`/items/${id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(title2));
    assert.ok(!page.text.includes(title1), 'version 1 replaced');
  });

  test('withdraw needs a reason; then the item is offline and gone from the portal', async () => {
    const r = await api.post(`/api/v1/disclosure/items/${id}/withdraw`, s.office, {});
    assert.equal(r.status, 400, show(r));
    assert.deepEqual(r.json.fields.map((f) => f.field), ['reason']);
    assert.match(r.json.fields[0].reason, CHINESE);
    const blank = await api.post(`/api/v1/disclosure/items/${id}/withdraw`, s.office, { reason: '   ' });
    assert.equal(blank.status, 400, show(blank));
    assert.equal((await item(id)).state, 'published');
    const it = await act(api, s.office, id, 'withdraw', { reason: '内容已过时' });
    assert.equal(it.state, 'offline');
    assert.equal(it.live, false);
    assert.equal((await anon(`/items/${id}`)).status, 404);
    const search = await anon(`/search?q=${encodeURIComponent(title2)}`);
    assert.doesNotMatch(search.text, new RegExp(`/items/${id}(?![0-9])`));
    const cat = await anon(`/catalogue/${entry.id}`);
    assert.doesNotMatch(cat.text, new RegExp(`/items/${id}(?![0-9])`));
    await refused(s.office, id, 'withdraw', { reason: '再次下线' });
  });

  test('archive an offline item; an archived item allows nothing', async () => {
    const it = await act(api, s.office, id, 'archive');
    assert.equal(it.state, 'archived');
    await refused(s.office, id, 'revise');
    await refused(s.office, id, 'submit');
    await refused(s.office, id, 'archive');
    await refused(s.office, id, 'withdraw', { reason: 'x' });
    assert.equal((await anon(`/items/${id}`)).status, 404);
  });

  test('history shows the versions, the reviews and the events', async () => {
    const r = await api.get(`/api/v1/disclosure/items/${id}/history`, s.approver);
    assert.equal(r.status, 200, show(r));
    const h = r.json;
    const versions = new Set(h.versions.map((v) => v.version));
    assert.ok(versions.has(1) && versions.has(2), JSON.stringify(h.versions.map((v) => v.version)));
    const v1 = h.versions.find((v) => v.version === 1);
    const v2 = h.versions.find((v) => v.version === 2);
    assert.equal(v1.title, title1);
    assert.equal(v2.title, title2);
    assert.ok(v1.saved_at && v1.saved_by);
    const reviews = h.reviews.map((x) => `${x.stage}:${x.result}`);
    for (const want of ['security:withheld', 'security:public', 'approval:approved']) {
      assert.ok(reviews.includes(want), `${want} in ${reviews}`);
    }
    const withheld = h.reviews.find((x) => x.result === 'withheld');
    assert.equal(withheld.basis, '第十条');
    assert.equal(withheld.opinion, '请删除患者姓名');
    assert.equal(withheld.reviewer_name, s.reviewer.user.name);
    const actions = h.events.map((e) => e.action);
    for (const want of ['create', 'submit', 'review', 'approve', 'revise', 'update', 'withdraw', 'archive']) {
      assert.ok(actions.includes(want), `${want} in ${actions}`);
    }
    for (const e of h.events) assert.ok(e.at && e.actor_name, JSON.stringify(e));
  });
});

describe('scheduled publishing and expiry', () => {
  test('publish_at in the future → scheduled; the scheduler publishes it and then expires it', async () => {
    const tag = uniq();
    const now = Date.now();
    const it = await createItem(api, s.office, entry, {
      title: `定时发布测试${tag}`,
      body: `定时发布正文${tag}`,
      publish_at: isoSeconds(now + 3000),
      expire_at: isoSeconds(now + 7000),
    });
    const approved = await advance(api, s, it.id);
    assert.equal(approved.state, 'scheduled', 'approved before publish_at → scheduled');
    assert.equal((await anon(`/items/${it.id}`)).status, 404, 'not public before publish_at');

    const deadline = Date.now() + 20_000;
    let appeared = false;
    while (Date.now() < deadline) {
      if ((await anon(`/items/${it.id}`)).status === 200) { appeared = true; break; }
      await sleepMs(250);
    }
    assert.ok(appeared, 'the item appeared on the portal');
    const published = await item(it.id);
    assert.equal(published.state, 'published');
    let gone = false;
    while (Date.now() < deadline) {
      if ((await anon(`/items/${it.id}`)).status === 404) { gone = true; break; }
      await sleepMs(250);
    }
    assert.ok(gone, 'the item disappeared after expire_at');
    const expired = await item(it.id);
    assert.equal(expired.state, 'expired');
    assert.equal(expired.live, false);
    const events = (await api.get(`/api/v1/disclosure/items/${it.id}/history`, s.admin)).json.events.map((e) => e.action);
    assert.ok(events.includes('publish') && events.includes('expire'), `${events}`);
    // An expired item can be revised or archived, not withdrawn.
    await refused(s.office, it.id, 'withdraw', { reason: 'x' });
    assert.equal((await act(api, s.office, it.id, 'archive')).state, 'archived');
  });

  test('a scheduled item can be withdrawn before it goes live', async () => {
    const it = await createItem(api, s.office, entry, {
      title: `定时撤回测试${uniq()}`, publish_at: isoSeconds(Date.now() + 86_400_000),
    });
    assert.equal((await advance(api, s, it.id)).state, 'scheduled');
    assert.equal((await act(api, s.office, it.id, 'withdraw', { reason: '取消发布' })).state, 'offline');
  });
});

describe('separation of duties', () => {
  test('the drafter cannot review or approve their own item (409)', async () => {
    // admin holds every permission, so only the separation-of-duties rule can stop it.
    const it = await createItem(api, s.admin, entry, { title: `自审测试${uniq()}` });
    await act(api, s.admin, it.id, 'submit');
    const r = await api.post(`/api/v1/disclosure/items/${it.id}/review`, s.admin, { result: 'public' });
    assert.equal(r.status, 409, show(r));
    assert.equal(r.json.code, 'failed_precondition');
    assert.match(r.json.message, CHINESE);
    assert.equal((await item(it.id)).state, 'pending_review');
    await act(api, s.reviewer, it.id, 'review', { result: 'public' });
    const a = await api.post(`/api/v1/disclosure/items/${it.id}/approve`, s.admin, { approved: true });
    assert.equal(a.status, 409, show(a));
    assert.match(a.json.message, CHINESE);
    assert.equal((await item(it.id)).state, 'pending_approval');
    // Someone else may approve it.
    assert.equal((await act(api, s.approver, it.id, 'approve', { approved: true })).state, 'published');
  });

  test('returning at approval sends the item back to draft with a rejection', async () => {
    const it = await createItem(api, s.office, entry, { title: `退回测试${uniq()}` });
    await advance(api, s, it.id, 'pending_approval');
    const back = await act(api, s.approver, it.id, 'approve', { approved: false, opinion: '请补充依据' });
    assert.equal(back.state, 'draft');
    assert.equal(back.rejection.stage, 'approval');
    assert.equal(back.rejection.reasons, '请补充依据');
  });
});

describe('overdue and stats', () => {
  test('an item formed 30 working days ago and not published is overdue', async () => {
    const cal = loadCalendar();
    const formed = subtractWorkingDays(cal, localToday(), 30);
    const it = await createItem(api, s.office, entry, { title: `逾期测试${uniq()}`, formed_on: formed });
    assert.equal(it.overdue, true);
    assert.equal(it.due_on, addWorkingDays(cal, formed, entry.time_limit_days));
    const r = await api.get('/api/v1/disclosure/overdue', s.office);
    assert.equal(r.status, 200, show(r));
    const found = r.json.items.find((x) => x.id === it.id);
    assert.ok(found, 'listed as overdue');
    assert.equal(found.overdue, true);
    // A fresh item is not.
    const fresh = await createItem(api, s.office, entry, { title: `未逾期${uniq()}` });
    assert.equal(fresh.overdue, false);
    const r2 = await api.get('/api/v1/disclosure/overdue', s.office);
    assert.ok(!r2.json.items.some((x) => x.id === fresh.id));
    const st = await stats();
    assert.ok(st.overdue >= 1);
  });

  test('stats reject an impossible year', async () => {
    const r = await api.get('/api/v1/disclosure/stats?year=1900', s.approver);
    assert.equal(r.status, 400, show(r));
    assert.equal(r.json.fields[0].field, 'year');
  });
});

describe('catalogue rules and withdrawing during a revision', () => {
  test('an item under a staff-only catalogue entry cannot be made public (400 on audience)', async () => {
    const staffEntry = entries.find((c) => c.audience === 'staff' && c.parent_id !== null);
    assert.ok(staffEntry, 'a staff catalogue entry');
    const r = await api.post('/api/v1/disclosure/items', s.office, {
      catalogue_id: staffEntry.id, title: `误公开测试${uniq()}`, body: '内部内容。', audience: 'society',
      channels: ['website'], formed_on: localToday(),
    });
    assert.equal(r.status, 400, show(r));
    assert.ok(r.json.fields.some((f) => f.field === 'audience'), show(r));
    assert.match(r.json.fields[0].reason, CHINESE);
  });

  test('withdraw during a revision takes the live version down and keeps the revision', async () => {
    const tag = uniq();
    const it = await createItem(api, s.office, entry, { title: `撤回测试${tag}`, body: `正文${tag}` });
    await advance(api, s, it.id, 'approved');
    assert.equal((await anon(`/items/${it.id}`)).status, 200);
    const revised = await act(api, s.office, it.id, 'revise');
    assert.equal(revised.state, 'draft');
    assert.equal(revised.live, true);
    const w = await act(api, s.office, it.id, 'withdraw', { reason: '发现内容有误，先行下线' });
    assert.equal(w.state, 'draft', 'the revision carries on');
    assert.equal(w.live, false);
    assert.equal((await anon(`/items/${it.id}`)).status, 404);
    // With nothing live, a draft cannot be withdrawn again.
    await refused(s.office, it.id, 'withdraw', { reason: '再次下线' });
  });
});

describe('portal caching', () => {
  test('anonymous pages revalidate: 304 until a disclosure changes, then 200 with a new ETag', async () => {
    const first = await anon('/');
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag');
    assert.match(first.headers.get('cache-control'), /no-cache/);
    const again = await api.request('GET', '/', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const it = await createItem(api, s.office, entry, { title: `缓存测试${uniq()}` });
    await advance(api, s, it.id, 'approved');
    const after = await api.request('GET', '/', { headers: { 'If-None-Match': etag } });
    assert.equal(after.status, 200, 'a publication invalidates the cached page');
    assert.notEqual(after.headers.get('etag'), etag);
    assert.ok(after.text.includes(it.title), 'the new item is on the home page');
  });
});

describe('portal language', () => {
  test('Chinese by default; English by ?lang=en or the cookie set by /lang, cached separately', async () => {
    const zh = await anon('/prices');
    assert.equal(zh.status, 200);
    assert.match(zh.text, /<html lang="zh-CN">/);
    assert.match(zh.text, /价格公示/);
    const en = await anon('/prices?lang=en');
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /<th scope="col">Price \(yuan\)<\/th>/);
    const sw = await api.request('GET', '/lang?to=en&next=%2Fprices', { redirect: 'manual' });
    assert.equal(sw.status, 303);
    assert.equal(sw.headers.get('location'), '/prices');
    const cookie = sw.headers.get('set-cookie');
    assert.match(cookie, /^yw_lang=en;/);
    const viaCookie = await api.request('GET', '/prices', { headers: { Cookie: 'yw_lang=en' } });
    assert.match(viaCookie.text, /<html lang="en">/);
    assert.notEqual(viaCookie.headers.get('etag'), zh.headers.get('etag'));
    assert.match((await anon('/prices')).text, /<html lang="zh-CN">/, 'the Chinese page was not replaced');
    const offsite = await api.request('GET', '/lang?to=en&next=%2F%2Fevil.example', { redirect: 'manual' });
    assert.equal(offsite.headers.get('location'), '/', 'no open redirect');
  });
});
