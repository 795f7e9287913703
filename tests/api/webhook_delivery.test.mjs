// The webhook end to end on a running server: an administrator points it at a gateway (here a
// local HTTP listener standing in for an SMS / 企业微信 gateway), the test message arrives signed,
// and a complaint's deadline reminder reaches the gateway with its recipients — sent by the
// server's own delivery job, on its own thread next to the deadline job that raised it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';

import { registerAndDispatch } from '../lib/complaints.mjs';
import { Client, show, startServer } from '../lib/server.mjs';

const SECRET = 'gw-Secret-2026-abcdefghijklmnop';

let srv;
let api;
let gateway;
let gatewayUrl;
const received = [];

// Sessions idle out after 30 minutes of clock time, so every jump signs in again.
const as = (user) => api.login(user, undefined, { fresh: true });

async function waitFor(what, fn, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; received ${JSON.stringify(received.map((r) => r.body.title))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The gateway's check: sha256= HMAC-SHA256(secret, timestamp + "." + body). */
function signed(r) {
  const mac = createHmac('sha256', SECRET).update(`${r.headers['x-yuanwu-timestamp']}.${r.raw}`).digest('hex');
  return r.headers['x-yuanwu-signature'] === `sha256=${mac}`;
}

before(async () => {
  gateway = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${gateway.address().port}/hooks/yuanwu`;
  srv = await startServer({ clock: '2026-09-28T09:00:00+08:00' });
  api = new Client(srv.base);
});

after(async () => {
  if (srv) await srv.stop();
  await new Promise((r) => gateway.close(r));
});

describe('webhook delivery', () => {
  test('nothing is sent before the webhook is enabled', async () => {
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(received.length, 0);
  });

  test('the administrator enables it; the test message arrives signed', async () => {
    const admin = await as('admin');
    const put = await api.put('/api/v1/settings/webhook', admin, { url: gatewayUrl, secret: SECRET, enabled: true });
    assert.equal(put.status, 200, show(put));
    assert.equal(put.json.has_secret, true);
    assert.equal(put.json.secret, undefined);
    const t = await api.post('/api/v1/webhook/test', admin);
    assert.ok(t.status >= 200 && t.status < 300, show(t));
    const got = await waitFor('the test message', () => received.find((r) => r.body.kind === 'webhook.test'));
    assert.equal(got.headers['x-yuanwu-event'], 'webhook.test');
    assert.ok(signed(got), 'signature');
    assert.equal(got.headers['x-yuanwu-delivery'], String(got.body.id));
  });

  test('a complaint\'s reminder reaches the gateway with its recipients', async () => {
    const { complaint } = await registerAndDispatch(api, await as('yihuan'), {
      name: '孙丽华', phone: '13700003333', receivedAt: '2026-09-28 09:00',
      description: '电话反映：心内科门诊候诊时叫号顺序混乱。',
    });
    srv.setNow('2026-10-09T08:30:00+08:00'); // one working day before the 调休 Saturday it is due
    const got = await waitFor('the reminder', () =>
      received.find((x) => x.body.link?.endsWith(`/complaint/${complaint.id}`) && x.body.title.includes('将于 2026-10-10 到期')));
    assert.ok(signed(got), 'signature');
    const names = got.body.recipients.map((p) => p.username);
    assert.ok(names.includes('xnk_head'), JSON.stringify(got.body.recipients));
    // Each step once: a later run sends nothing more for this level.
    await new Promise((res) => setTimeout(res, 2500));
    assert.equal(received.filter((x) => x.body.id === got.body.id).length, 1);
    const log = await api.get('/api/v1/webhook/deliveries?limit=50', await as('admin'));
    assert.equal(log.status, 200, show(log));
    const row = log.json.items.find((x) => x.id === got.body.id);
    assert.ok(row, show(log));
    assert.equal(row.status, 'delivered');
  });
});
