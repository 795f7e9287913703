// 医院填报数据 (hospital-level figures) and the 首页质控 code tables, against the demo hospital:
//   - the catalogue; the demo's figures agree with its records (住院收入 = Σ ZFY of the month);
//   - saving: exact values, update, clear, audit; every kind of bad input is a 400 naming the
//     field (unknown code, wrong level, negative, too many decimals, bad month, unknown
//     department) and saves nothing, not even the good cells of the same request;
//   - import: a wide sheet by code or name; a partly bad file writes nothing and lists each cell;
//   - data scope: a department head sees their department's rows only; anonymous gets 401;
//     the coder (indicators.import) may not write;
//   - code tables: import replaces, a bad file changes nothing, 首页质控 of later imports uses it;
//   - the CLI: `yuanwu import --dataset figures|icd10|procedures FILE [--version V]`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client, show, startServer } from '../lib/server.mjs';
import { CHINESE, Y1, assertFieldError, auditEntries, results, row, upload } from './indicators_common.mjs';

let srv;
let api;
const s = {};

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'stats', 'coder', 'xnk_head', 'leader']) s[u] = await api.login(u);
});

after(async () => {
  if (srv) await srv.stop();
});

const M = `${Y1}-03`;

const csv = (text) => ({ filename: 'figures.csv', data: Buffer.from(text, 'utf8'), type: 'text/csv' });
const put = (items, session = s.stats) => api.put('/api/v1/indicators/figures', session, { items });

async function figures(query, session = s.stats) {
  const r = await api.get(`/api/v1/indicators/figures?${query}`, session);
  assert.equal(r.status, 200, show(r));
  return r.json.items;
}

describe('catalogue and demo figures', () => {
  test('the figure definitions come from data/indicators/figures.json', async () => {
    const r = await api.get('/api/v1/indicators/figure-definitions', s.leader);
    assert.equal(r.status, 200, show(r));
    const byCode = Object.fromEntries(r.json.items.map((f) => [f.code, f]));
    assert.equal(byCode.sjkfzcrs.level, 'department');
    assert.equal(byCode.sjkfzcrs.decimals, 0);
    assert.equal(byCode.ylsr.level, 'hospital');
    assert.equal(byCode.ylsr.decimals, 2);
    assert.equal(byCode.zzc.aggregate, 'last');
    assert.match(byCode.ylsr.name, CHINESE);
  });

  test('the demo hospital has two years of figures consistent with its records', async () => {
    const items = await figures(`from=${Y1}-01&to=${Y1}-12&org_unit=hospital`, s.leader);
    const months = new Set(items.filter((f) => f.code === 'zysr').map((f) => f.period));
    assert.equal(months.size, 12, 'inpatient revenue for every month');
    for (const f of items) assert.equal(f.note, '演示数据');
    const res = await results(api, s.leader, { from: M, to: M, indicator: 'inpatient_cost_per_case' });
    const cost = row(res.items, 'inpatient_cost_per_case', M);
    const zysr = items.find((f) => f.code === 'zysr' && f.period === M);
    const mzsr = items.find((f) => f.code === 'mzsr' && f.period === M);
    const ylsr = items.find((f) => f.code === 'ylsr' && f.period === M);
    assert.equal(Math.round(zysr.value * 100), cost.numerator, '住院收入 = Σ ZFY (分)');
    assert.equal(Math.round(ylsr.value * 100), Math.round(zysr.value * 100) + Math.round(mzsr.value * 100));
    const depts = await figures(`from=${M}&to=${M}`, s.leader);
    const occupied = depts.filter((f) => f.code === 'sjzyzcrs');
    assert.ok(occupied.length >= 5, 'occupied bed-days for the departments');
    for (const o of occupied) {
      const open = depts.find((f) => f.code === 'sjkfzcrs' && f.org_unit === o.org_unit);
      assert.ok(open && open.value >= o.value, `${o.org_unit}: open ≥ occupied bed-days`);
      // 床位使用率 80–95 % wherever the numbers are large enough for rounding not to matter.
      if (o.value >= 100) {
        const occupancy = o.value / open.value;
        assert.ok(occupancy >= 0.79 && occupancy <= 0.96, `${o.org_unit}: occupancy ${occupancy}`);
      }
    }
  });
});

describe('saving', () => {
  test('values are stored exactly, updated, cleared, and audited', async () => {
    const P = `${Y1}-02`;
    let r = await put([
      { period: P, org_unit: 'hospital', code: 'zzc', value: '123456789.01' },
      { period: P, org_unit: 'XNK', code: 'zyysrs', value: 17, note: '人事科报表' },
    ]);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.changed, 2);
    let items = await figures(`from=${P}&to=${P}`);
    const zzc = items.find((f) => f.code === 'zzc' && f.org_unit === 'hospital');
    assert.equal(zzc.value_text, '123456789.01');
    assert.equal(zzc.updated_by_name, s.stats.user.name);
    const doctors = items.find((f) => f.code === 'zyysrs' && f.org_unit === 'XNK');
    assert.equal(doctors.value, 17);
    assert.equal(doctors.note, '人事科报表');
    assert.equal(doctors.org_name, '心血管内科');

    r = await put([
      { period: P, org_unit: 'XNK', code: 'zyysrs', value: 18, note: '人事科报表' },
      { period: P, org_unit: 'hospital', code: 'zzc', value: null },
    ]);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.changed, 2);
    items = await figures(`from=${P}&to=${P}`);
    assert.equal(items.find((f) => f.code === 'zyysrs' && f.org_unit === 'XNK').value, 18);
    assert.ok(!items.some((f) => f.code === 'zzc' && f.org_unit === 'hospital'), 'cleared');

    const audit = await auditEntries(api, s.admin, 'indicators.figure.save');
    assert.ok(audit.length >= 2, `audit entries: ${audit.length}`);

    r = await api.del(`/api/v1/indicators/figures?period=${P}&org_unit=XNK&code=zyysrs`, s.stats);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.deleted, 1);
    assert.ok((await auditEntries(api, s.admin, 'indicators.figure.delete')).length >= 1);
    r = await api.del(`/api/v1/indicators/figures?period=${P}&org_unit=XNK&code=zyysrs`, s.stats);
    assert.equal(r.status, 404, show(r));
  });

  test('every bad input is a 400 naming the field, and nothing of the request is saved', async () => {
    const P = `${Y1}-04`;
    const good = { period: P, org_unit: 'XNK', code: 'zchsrs', value: 30 };
    const before = await figures(`from=${P}&to=${P}&org_unit=XNK`);
    const cases = [
      ['items[1].code', { code: 'no_such_figure' }],
      ['items[1].org_unit', { org_unit: 'XNK', code: 'ylsr', value: 1 }], // hospital-level figure
      ['items[1].value', { value: -1 }],
      ['items[1].value', { value: '-1' }],
      ['items[1].value', { value: 1.5 }], // bed-days have no decimals
      ['items[1].value', { org_unit: 'hospital', code: 'ylsr', value: '1.234' }],
      ['items[1].value', { value: 'abc' }],
      ['items[1].value', { value: true }],
      ['items[1].period', { period: `${Y1}-13` }],
      ['items[1].period', { period: `${Y1}03` }],
      ['items[1].period', { period: '2999-01' }], // not begun yet
      ['items[1].org_unit', { org_unit: 'NO_SUCH_DEPT' }],
      ['items[1].org_unit', { org_unit: '' }],
    ];
    for (const [field, change] of cases) {
      const bad = { period: P, org_unit: 'XNK', code: 'sjkfzcrs', value: 900, ...change };
      assertFieldError(await put([good, bad]), field, JSON.stringify(change));
    }
    assertFieldError(await put([]), 'items');
    const r = await api.put('/api/v1/indicators/figures', s.stats, { items: 'x' });
    assertFieldError(r, 'items');
    assert.deepEqual(await figures(`from=${P}&to=${P}&org_unit=XNK`), before, 'nothing saved');
  });

  test('the coder (indicators.import) cannot write figures; anonymous gets nothing', async () => {
    let r = await put([{ period: M, org_unit: 'XNK', code: 'zchsrs', value: 1 }], s.coder);
    assert.equal(r.status, 403, show(r));
    r = await api.request('POST', '/api/v1/indicators/figures/import', {
      session: s.coder,
      multipart: { file: csv('期间,科室代码,zchsrs\n2025-01,XNK,1\n') },
    });
    assert.equal(r.status, 403, show(r));
    for (const p of [`/api/v1/indicators/figures?from=${M}&to=${M}`, '/api/v1/indicators/figure-definitions',
      '/api/v1/indicators/code-tables']) {
      r = await api.get(p);
      assert.equal(r.status, 401, show(r));
      assert.ok(!r.text.includes('sjkfzcrs') && !r.text.includes('演示数据'), 'no data to anonymous');
    }
  });
});

describe('data scope', () => {
  test('a department head sees their department rows only', async () => {
    const all = await figures(`from=${M}&to=${M}`, s.leader);
    assert.ok(all.some((f) => f.org_unit !== 'XNK'), 'others exist');
    assert.ok(all.some((f) => f.org_unit === 'hospital'));
    const mine = await figures(`from=${M}&to=${M}`, s.xnk_head);
    assert.ok(mine.length > 0, 'XNK has demo figures');
    for (const f of mine) assert.equal(f.org_unit, 'XNK');
    assert.deepEqual(await figures(`from=${M}&to=${M}&org_unit=hospital`, s.xnk_head), []);
    assert.equal(mine.length, all.filter((f) => f.org_unit === 'XNK').length);
    assertFieldError(await api.get(`/api/v1/indicators/figures?from=${M}`, s.xnk_head), 'to');
    assertFieldError(await api.get(`/api/v1/indicators/figures?from=${M}&to=${Y1}-1`, s.xnk_head), 'to');
  });
});

describe('import', () => {
  const post = (text, session = s.stats) =>
    api.request('POST', '/api/v1/indicators/figures/import', { session, multipart: { file: csv(text) } });

  test('a wide sheet by code or Chinese name; 全院 for the hospital; blanks keep values', async () => {
    const P = `${Y1}-05`;
    const r = await post(
      `期间,科室代码,科室名称,实际开放总床日数,sjzyzcrs,医疗收入（元）\n${P},XNK,心血管内科,1550,1400,\n${P},全院,,,,2000000.5\n`,
    );
    assert.equal(r.status, 201, show(r));
    assert.equal(r.json.rows, 2);
    assert.equal(r.json.values, 3);
    assert.equal(r.json.period_from, P);
    const items = await figures(`from=${P}&to=${P}`);
    assert.equal(items.find((f) => f.code === 'sjkfzcrs' && f.org_unit === 'XNK').value, 1550);
    assert.equal(items.find((f) => f.code === 'ylsr' && f.org_unit === 'hospital').value_text, '2000000.50');
    assert.ok((await auditEntries(api, s.admin, 'indicators.figure.import')).length >= 1);
  });

  test('a partly bad file writes nothing and names each bad cell with its row and column', async () => {
    const P = `${Y1}-06`;
    const before = await figures(`from=${P}&to=${P}`);
    const r = await post(
      [
        '期间,科室代码,sjkfzcrs,ylsr',
        `${P},XNK,1234,`, // good
        `${Y1}-13,XNK,1,`, // bad month
        `${P},NO_SUCH_DEPT,1,`, // unknown department
        `${P},GK,-3,`, // negative
        `${P},PWK,1.5,`, // decimals
        `${P},FCK,,100`, // hospital-level figure for a department
      ].join('\n'),
    );
    assert.equal(r.status, 400, show(r));
    assert.equal(r.json.code, 'invalid_argument');
    const lines = r.json.errors.map((e) => `${e.line}:${e.column}`);
    assert.deepEqual(lines, ['3:期间', '4:科室代码', '5:sjkfzcrs', '6:sjkfzcrs', '7:ylsr']);
    for (const e of r.json.errors) {
      assert.match(e.reason, CHINESE);
      assert.ok(e.reason_en);
    }
    assert.equal(r.json.errors[2].value, '-3');
    assert.equal(r.json.fields.length, 5);
    assert.deepEqual(await figures(`from=${P}&to=${P}`), before, 'nothing written');
    const unknown = await post(`期间,科室代码,no_such_figure\n${P},XNK,1\n`);
    assert.equal(unknown.status, 400, show(unknown));
    assert.equal(unknown.json.errors[0].column, 'no_such_figure');
  });
});

describe('code tables', () => {
  const importTable = (kind, text, version = '国临版2.0', session = s.stats) =>
    api.request('POST', `/api/v1/indicators/code-tables/${kind}/import?version=${encodeURIComponent(version)}`, {
      session,
      multipart: { file: csv(text) },
    });
  const tables = async () => {
    const r = await api.get('/api/v1/indicators/code-tables', s.coder);
    assert.equal(r.status, 200, show(r));
    return Object.fromEntries(r.json.items.map((t) => [t.kind, t]));
  };

  test('import replaces a table, a bad file changes nothing, and later imports are checked against it', async () => {
    assert.equal((await tables()).icd10.count, 0);
    let r = await importTable('icd10', '编码,名称\nI10.x00x002,原发性高血压\nE11.900,2型糖尿病\n');
    assert.equal(r.status, 201, show(r));
    assert.equal(r.json.count, 2);
    let t = await tables();
    assert.equal(t.icd10.count, 2);
    assert.equal(t.icd10.version, '国临版2.0');
    assert.equal(t.procedure.count, 0);

    r = await importTable('icd10', '编码,名称\nK35.800,阑尾炎\nK35.800,重复\n', 'v2');
    assert.equal(r.status, 400, show(r));
    assert.equal(r.json.errors[0].line, 3);
    assertFieldError(await importTable('icd10', '编码,名称\nK35.800,阑尾炎\n', ' '), 'version');
    assertFieldError(await importTable('icd9', '编码,名称\nK35.800,阑尾炎\n'), 'kind');
    r = await importTable('icd10', '编码,名称\nK35.800,阑尾炎\n', 'v2', s.coder);
    assert.equal(r.status, 403, show(r));
    t = await tables();
    assert.equal(t.icd10.count, 2);
    assert.equal(t.icd10.version, '国临版2.0');

    // A discharge whose principal diagnosis is not in the table: 首页质控 says so.
    const head =
      'BAH,ZYCS,XM,XB,CSRQ,NL,RYSJ,CYSJ,SJZYTS,CYKB,JBDM,ZYZD,LYFS,ZFY\n';
    const rec = `CT0001,1,测试,1,1970-01-01,55,${Y1}-11-01 08:00:00,${Y1}-11-05 10:00:00,4,XNK,K35.800,急性阑尾炎,1,1000.00\n`;
    r = await upload(api, s.stats, csv(head + rec));
    assert.ok(r.status === 201 || r.status === 200, show(r));
    const f = await api.get(`/api/v1/indicators/imports/${r.json.id}/findings?page_size=200`, s.stats);
    assert.equal(f.status, 200, show(f));
    assert.ok(f.json.items.some((x) => x.rule === 'code.main_diagnosis_unknown' && x.field === 'JBDM'), show(f));

    r = await api.del('/api/v1/indicators/code-tables/icd10', s.stats);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.deleted, 2);
    assert.equal((await tables()).icd10.count, 0);
    assert.ok((await auditEntries(api, s.admin, 'indicators.code_table.')).length >= 2);
    r = await api.del('/api/v1/indicators/code-tables/icd10', s.stats);
    assert.equal(r.status, 404, show(r));
  });
});

describe('command line', () => {
  const file = (name, text) => {
    const p = path.join(srv.tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };

  test('yuanwu import --dataset figures / icd10 / procedures', async () => {
    const P = `${Y1}-07`;
    let r = srv.cli(['import', '--dataset', 'figures', file('f.csv', `期间,科室代码,zchsrs\n${P},XNK,33\n`)]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 个数值 values/);
    assert.equal((await figures(`from=${P}&to=${P}&org_unit=XNK`)).find((f) => f.code === 'zchsrs').value, 33);

    r = srv.cli(['import', '--dataset', 'figures', file('bad.csv', `期间,科室代码,zchsrs\n${P},XNK,34\n${P},GK,-1\n`)]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /第3行/);
    assert.equal((await figures(`from=${P}&to=${P}&org_unit=XNK`)).find((f) => f.code === 'zchsrs').value, 33, 'nothing written');

    const table = file('p.csv', '编码,名称\n47.0100,腹腔镜下阑尾切除术\n');
    r = srv.cli(['import', '--dataset', 'procedures', table]);
    assert.equal(r.status, 1, 'a version is required');
    assert.match(r.stderr, /version/);
    r = srv.cli(['import', '--dataset', 'procedures', table, '--version', '国临版3.0']);
    assert.equal(r.status, 0, r.stderr);
    const t = await api.get('/api/v1/indicators/code-tables', s.stats);
    const proc = t.json.items.find((x) => x.kind === 'procedure');
    assert.equal(proc.count, 1);
    assert.equal(proc.version, '国临版3.0');
  });
});
