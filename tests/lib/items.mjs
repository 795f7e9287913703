// Helpers for disclosure items: find catalogue entries, draft items and drive them through the
// workflow (office drafts → submits → reviewer reviews → approver approves).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, localToday, show, tinyPdf } from './server.mjs';

export async function catalogue(api, session) {
  const r = await api.get('/api/v1/disclosure/catalogue', session);
  assert.equal(r.status, 200, show(r));
  return r.json.items;
}

export function entryByCode(entries, code) {
  const e = entries.find((c) => c.code === code);
  assert.ok(e, `catalogue entry ${code} not found`);
  return e;
}

// A draft body for the given catalogue entry; `fields` override.
export function draftBody(entry, fields = {}) {
  return {
    catalogue_id: entry.id,
    title: '测试事项',
    summary: '',
    body: '测试正文。',
    audience: entry.audience,
    channels: [entry.channels[0]],
    formed_on: localToday(),
    ...fields,
  };
}

export async function createItem(api, session, entry, fields = {}) {
  const r = await api.post('/api/v1/disclosure/items', session, draftBody(entry, fields));
  assert.equal(r.status, 201, show(r));
  assert.equal(r.json.state, 'draft');
  return r.json;
}

export async function act(api, session, id, action, body = {}, expect = 200) {
  const r = await api.post(`/api/v1/disclosure/items/${id}/${action}`, session, body);
  assert.equal(r.status, expect, `${action} ${id}: ${show(r)}`);
  return r.json;
}

export async function attach(api, session, id, filename, data = tinyPdf(filename)) {
  const r = await api.request('POST', `/api/v1/disclosure/items/${id}/attachments`, {
    session,
    multipart: { file: { filename, data, type: 'application/pdf' } },
  });
  assert.equal(r.status, 201, `attach ${filename}: ${show(r)}`);
  return r.json;
}

// Moves an item from draft as far as `until`: 'pending_review' | 'pending_approval' | 'approved'.
export async function advance(api, s, id, until = 'approved') {
  let it = await act(api, s.office, id, 'submit');
  assert.equal(it.state, 'pending_review');
  if (until === 'pending_review') return it;
  it = await act(api, s.reviewer, id, 'review', { result: 'public', basis: '', opinion: '可以公开' });
  assert.equal(it.state, 'pending_approval');
  if (until === 'pending_approval') return it;
  return act(api, s.approver, id, 'approve', { approved: true, opinion: '同意' });
}

// The words of data/demo/README.md's leak-test tables: [{word, title, state}].
export function demoLeakWords() {
  const md = fs.readFileSync(path.join(ROOT, 'data', 'demo', 'README.md'), 'utf8');
  const section = (heading) => {
    const start = md.indexOf(heading);
    assert.ok(start >= 0, `${heading} not in data/demo/README.md`);
    const rest = md.slice(start + heading.length);
    const end = rest.search(/\n#{2,3} /);
    return end < 0 ? rest : rest.slice(0, end);
  };
  const rows = (text) =>
    [...text.matchAll(/^\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|/gm)].map((m) => ({
      word: m[1], title: m[2], state: m[3],
    }));
  const staff = rows(section('### Staff-only words'));
  const hidden = rows(section('### Words of items that are not'));
  assert.ok(staff.length >= 8 && hidden.length >= 10, 'leak-word tables parsed');
  return { staff, hidden };
}
