// Indicator results and the records behind them, on the demo's two years of generated records:
//   - GET /indicators/results equals `yuanwu indicators … --format json --reference` (the
//     reference SQL, computed independently of the engine) for every grouping and grain;
//   - 同比: previous_year_value is the value of the same period a year earlier, and
//     yoy_change_pct is its arithmetic; bad parameters → 400 naming the field;
//   - data scope: the head of 心血管内科 (xnk_head, scope dept) sees XNK only, by department only;
//   - drill-down: the records listed for a number are exactly the ones it counts; names and ID
//     numbers are masked for the leadership and shown to the 病案编码员.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, show, startServer } from '../lib/server.mjs';
import { Y0, Y1, assertFieldError, near, records, referenceRows, results, row } from './indicators_common.mjs';

let srv;
let api;
const s = {};
let defs; // code → Definition
let hospitalOnly; // indicators whose every side is a figure entered for the whole hospital only

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'leader', 'coder', 'xnk_head', 'nurse01']) s[u] = await api.login(u);
  const r = await api.get('/api/v1/indicators/definitions', s.leader);
  assert.equal(r.status, 200, show(r));
  defs = Object.fromEntries(r.json.items.map((d) => [d.code, d]));
  const f = await api.get('/api/v1/indicators/figure-definitions', s.leader);
  assert.equal(f.status, 200, show(f));
  const level = Object.fromEntries(f.json.items.map((x) => [x.code, x.level]));
  const usesHospitalFigure = (m) => m?.dataset === 'figures' && m.figures.some((x) => level[x.code] === 'hospital');
  // Such an indicator has no campus or department rows; one with a record side (门急诊次均收入:
  // 门诊收入 / 门急诊人次) has them, with no value.
  hospitalOnly = new Set(Object.values(defs)
    .filter((d) => usesHospitalFigure(d.numerator) && (!d.denominator || usesHospitalFigure(d.denominator)))
    .map((d) => d.code));
  assert.ok(hospitalOnly.size > 0, 'the shipped set has indicators over hospital-level figures (财务)');
});

after(async () => {
  if (srv) await srv.stop();
});

const key = (r) => `${r.indicator} ${r.period} ${r.org_unit}`;

describe('results equal the reference SQL', () => {
  for (const group of ['hospital', 'campus', 'department']) {
    for (const by of ['month', 'quarter', 'year']) {
      test(`group=${group} by=${by}`, async () => {
        const from = `${Y1}-01`;
        const to = `${Y1}-12`;
        const got = await results(api, s.leader, { from, to, by, group });
        const ref = referenceRows(srv, { from, to, by, group });
        assert.ok(ref.length > 0, 'the reference has rows');
        assert.equal(got.first_month, `${Y0}-01`);
        assert.equal(got.last_month, `${Y1}-12`);
        const refByKey = new Map(ref.map((r) => [key(r), r]));
        assert.deepEqual(got.items.map(key).sort(), [...refByKey.keys()].sort(), 'the same rows');
        for (const r of got.items) {
          const e = refByKey.get(key(r));
          const what = key(r);
          assert.equal(r.numerator, e.numerator, `${what} numerator`);
          assert.equal(r.denominator, e.denominator, `${what} denominator`);
          near(r.value, e.value, `${what} value`);
          near(r.previous_year_value, e.previous_year_value, `${what} previous_year_value`);
          assert.ok(r.org_name, `${what} org_name`);
          assert.ok(defs[r.indicator], `${what}: a defined indicator`);
          assert.equal(r.denominator === null, defs[r.indicator].denominator === null, `${what}: denominator null iff none defined`);
        }
        // Every indicator is there (those over hospital-level figures only for the hospital), and
        // the periods are those of the grain.
        const expected = Object.keys(defs).filter((c) => group === 'hospital' || !hospitalOnly.has(c));
        assert.deepEqual([...new Set(got.items.map((r) => r.indicator))].sort(), expected.sort());
        const shape = { month: /^\d{4}-\d{2}$/, quarter: /^\d{4}-Q[1-4]$/, year: /^\d{4}$/ }[by];
        for (const r of got.items) assert.match(r.period, shape);
        if (group === 'hospital') assert.ok(got.items.every((r) => r.org_unit === 'hospital' && r.org_name === '全院'));
      });
    }
  }

  test('a range across both years, one indicator list', async () => {
    const q = { from: `${Y0}-03`, to: `${Y1}-10`, by: 'quarter', group: 'department' };
    const codes = ['discharges', 'inpatient_mortality', 'antibiotic_use_density', 'surgery_ratio'];
    const got = await results(api, s.leader, { ...q, indicator: codes.join(',') });
    const ref = referenceRows(srv, { ...q, indicators: codes });
    assert.deepEqual(new Set(got.items.map((r) => r.indicator)), new Set(codes));
    assert.equal(got.items.length, ref.length);
    const refByKey = new Map(ref.map((r) => [key(r), r]));
    for (const r of got.items) {
      const e = refByKey.get(key(r));
      assert.ok(e, key(r));
      assert.equal(r.numerator, e.numerator, key(r));
      assert.equal(r.denominator, e.denominator, key(r));
      near(r.value, e.value, key(r));
    }
  });
});

describe('同比', () => {
  test(`previous_year_value of ${Y1} rows is the value of the same period of ${Y0}`, async () => {
    for (const by of ['month', 'year']) {
      const { items } = await results(api, s.leader, { from: `${Y0}-01`, to: `${Y1}-12`, by, group: 'department' });
      let compared = 0;
      for (const r of items.filter((x) => x.period.startsWith(String(Y1)))) {
        const prev = row(items, r.indicator, String(Y0) + r.period.slice(4), r.org_unit);
        if (!prev || prev.value === null) continue;
        near(r.previous_year_value, prev.value, `${key(r)} previous_year_value`);
        compared++;
      }
      assert.ok(compared > 100, `${by}: ${compared} rows compared`);
      const hospital = (await results(api, s.leader, { from: `${Y1}-01`, to: `${Y1}-12`, by })).items;
      for (const r of hospital) assert.notEqual(r.previous_year_value, null, `${key(r)} has 同比`);
    }
  });

  test('yoy_change_pct = (value − previous_year_value) / previous_year_value × 100', async () => {
    const { items } = await results(api, s.leader, { from: `${Y1}-01`, to: `${Y1}-12`, by: 'quarter', group: 'campus' });
    let withYoy = 0;
    for (const r of items) {
      if (r.value !== null && r.previous_year_value !== null && r.previous_year_value !== 0) {
        near(r.yoy_change_pct, ((r.value - r.previous_year_value) / r.previous_year_value) * 100, key(r));
        withYoy++;
      } else {
        assert.equal(r.yoy_change_pct, null, key(r));
      }
    }
    assert.ok(withYoy > 50, `${withYoy} rows with 同比`);
    const d = row((await results(api, s.leader, { from: `${Y1}-01`, to: `${Y1}-12`, by: 'year' })).items, 'discharges', String(Y1));
    near(d.yoy_change_pct, ((d.numerator - d.previous_year_value) / d.previous_year_value) * 100, 'discharges');
    assert.equal(d.value, d.numerator, 'a count indicator is its numerator');
  });
});

describe('bad parameters → 400 naming the field', () => {
  const cases = [
    ['from', `to=${Y1}-12`],
    ['from', `from=${Y1}-13&to=${Y1}-12`],
    ['from', `from=${Y1}&to=${Y1}-12`],
    ['to', `from=${Y1}-01`],
    ['to', `from=${Y1}-01&to=${Y1}-1`],
    ['to', `from=${Y1}-06&to=${Y1}-05`],
    ['to', `from=2001-01&to=${Y1}-12`],
    ['by', `from=${Y1}-01&to=${Y1}-12&by=week`],
    ['group', `from=${Y1}-01&to=${Y1}-12&group=ward`],
  ];
  for (const [field, q] of cases) {
    test(`${q} → ${field}`, async () => {
      assertFieldError(await api.get(`/api/v1/indicators/results?${q}`, s.leader), field, q);
    });
  }

  test('drill-down: side, period, org_unit, an unknown indicator', async () => {
    const d = { indicator: 'inpatient_mortality', period: String(Y1), by: 'year' };
    assertFieldError(await records(api, s.leader, { ...d, side: 'both' }), 'side');
    assertFieldError(await records(api, s.leader, { ...d, indicator: 'discharges', side: 'denominator' }), 'side');
    assertFieldError(await records(api, s.leader, { ...d, period: `${Y1}-13`, by: 'month' }), 'period');
    assertFieldError(await records(api, s.leader, { ...d, period: `${Y1}-Q5`, by: 'quarter' }), 'period');
    assertFieldError(await records(api, s.leader, { ...d, period: `${Y1}-03` }), 'period', 'a month label with by=year');
    assertFieldError(await records(api, s.leader, { ...d, group: 'department' }), 'org_unit');
    assertFieldError(await records(api, s.leader, { ...d, pageSize: 201 }), 'page_size');
    const unknown = await records(api, s.leader, { ...d, indicator: 'no_such_indicator' });
    assert.equal(unknown.status, 404, show(unknown));
  });

  test('without indicators.read → 403', async () => {
    const r = await api.get(`/api/v1/indicators/results?from=${Y1}-01&to=${Y1}-12`, s.nurse01);
    assert.equal(r.status, 403, show(r));
    const d = await records(api, s.nurse01, { indicator: 'discharges', period: String(Y1), by: 'year' });
    assert.equal(d.status, 403, show(d));
  });
});

describe('data scope: xnk_head (科室主任 of 心血管内科, scope dept)', () => {
  const q = { from: `${Y1}-01`, to: `${Y1}-12`, by: 'quarter' };

  test('group=department lists XNK only, with the same numbers the hospital-wide user sees', async () => {
    const mine = (await results(api, s.xnk_head, { ...q, group: 'department' })).items;
    const all = (await results(api, s.leader, { ...q, group: 'department' })).items;
    assert.ok(mine.length > 0);
    assert.ok(new Set(all.map((r) => r.org_unit)).size > 10, 'the leader sees many departments');
    assert.deepEqual([...new Set(mine.map((r) => r.org_unit))], ['XNK']);
    const xnk = all.filter((r) => r.org_unit === 'XNK');
    assert.equal(mine.length, xnk.length);
    for (const r of mine) assert.deepEqual(r, row(xnk, r.indicator, r.period, 'XNK'));
  });

  test('group=hospital and group=campus → 400 group', async () => {
    for (const group of ['hospital', 'campus']) {
      assertFieldError(
        await api.get(`/api/v1/indicators/results?from=${q.from}&to=${q.to}&group=${group}`, s.xnk_head), 'group', group);
    }
    assertFieldError(await records(api, s.xnk_head, { indicator: 'discharges', period: String(Y1), by: 'year' }), 'group');
  });

  test('drill-down outside XNK is empty; inside it lists the XNK records', async () => {
    const d = { indicator: 'discharges', period: String(Y1), by: 'year', group: 'department' };
    const other = await records(api, s.leader, { ...d, org: 'HXK' });
    assert.equal(other.status, 200, show(other));
    assert.ok(other.json.total > 0, 'HXK has discharges');
    const hidden = await records(api, s.xnk_head, { ...d, org: 'HXK' });
    assert.equal(hidden.status, 200, show(hidden));
    assert.equal(hidden.json.total, 0);
    assert.deepEqual(hidden.json.items, []);
    const own = await records(api, s.xnk_head, { ...d, org: 'XNK', pageSize: 200 });
    assert.equal(own.status, 200, show(own));
    const n = row((await results(api, s.xnk_head, { from: `${Y1}-01`, to: `${Y1}-12`, by: 'year', group: 'department',
      indicator: 'discharges' })).items, 'discharges', String(Y1), 'XNK').numerator;
    assert.equal(own.json.total, n);
    assert.ok(own.json.items.every((x) => x.cykb === 'XNK'));
    assert.ok(own.json.items.every((x) => x.xm === '' || x.xm.includes('*')), 'no records.identify: masked');
  });
});

describe('drill-down', () => {
  // Count measures: the drill-down total is the number itself.
  async function checkCounts(session, { period, by, group, org }) {
    const { items } = await results(api, session, { from: `${period.slice(0, 4)}-01`, to: `${period.slice(0, 4)}-12`, by, group });
    const rows = items.filter((r) => r.period === period && r.org_unit === org);
    assert.ok(rows.length > 20, `${period} ${org}: ${rows.length} rows`);
    let checked = 0;
    for (const r of rows) {
      for (const side of ['numerator', 'denominator']) {
        const m = defs[r.indicator][side];
        if (!m || m.agg !== 'count') continue;
        const d = await records(api, session, { indicator: r.indicator, period, by, group, org, side, pageSize: 1 });
        assert.equal(d.status, 200, show(d));
        assert.equal(d.json.total, r[side], `${key(r)} ${side}`);
        assert.equal(d.json.dataset, m.dataset);
        checked++;
      }
    }
    return checked;
  }

  test(`hospital ${Y1}: every count measure lists exactly its records`, async () => {
    const n = await checkCounts(s.leader, { period: String(Y1), by: 'year', group: 'hospital', org: 'hospital' });
    assert.ok(n > 30, `${n} measures checked`);
  });

  test(`XNK ${Y1}-03 and campus ${Y0}-Q2: the same by month and by quarter`, async () => {
    assert.ok((await checkCounts(s.leader, { period: `${Y1}-03`, by: 'month', group: 'department', org: 'XNK' })) > 20);
    const campus = (await results(api, s.leader, { from: `${Y0}-04`, to: `${Y0}-06`, by: 'quarter', group: 'campus' })).items;
    const org = campus.find((r) => r.org_unit !== 'hospital' && r.indicator === 'discharges').org_unit;
    assert.ok((await checkCounts(s.leader, { period: `${Y0}-Q2`, by: 'quarter', group: 'campus', org })) > 20);
  });

  test('the listed records add up to a sum numerator (住院次均费用, in 分)', async () => {
    const period = `${Y1}-03`;
    const r = row((await results(api, s.leader, { from: period, to: period, group: 'department', indicator: 'inpatient_cost_per_case' })).items,
      'inpatient_cost_per_case', period, 'XNK');
    const d = await records(api, s.leader, { indicator: 'inpatient_cost_per_case', period, group: 'department', org: 'XNK', pageSize: 200 });
    assert.equal(d.status, 200, show(d));
    assert.equal(d.json.total, r.denominator);
    assert.equal(d.json.items.length, r.denominator);
    assert.equal(d.json.items.reduce((a, x) => a + Number(x.zfy), 0), r.numerator);
    near(r.value, (r.numerator / r.denominator) * 0.01, 'value in 元');
  });

  test('a visits indicator lists visit records', async () => {
    const period = `${Y1}-05`;
    const r = row((await results(api, s.leader, { from: period, to: period, indicator: 'emergency_visits' })).items,
      'emergency_visits', period);
    const d = await records(api, s.leader, { indicator: 'emergency_visits', period, pageSize: 200 });
    assert.equal(d.status, 200, show(d));
    assert.equal(d.json.dataset, 'visits');
    assert.equal(d.json.total, r.numerator);
    assert.equal(d.json.items.length, Math.min(200, r.numerator));
    for (const v of d.json.items) {
      assert.equal(String(v.jzlx), '2');
      assert.ok(String(v.jzsj).startsWith(period), v.jzsj);
      assert.ok(v.jzlsh && v.ksdm);
    }
    const page2 = await records(api, s.leader, { indicator: 'emergency_visits', period, page: 2, pageSize: 10 });
    const page1 = await records(api, s.leader, { indicator: 'emergency_visits', period, page: 1, pageSize: 10 });
    assert.equal(page2.json.total, r.numerator);
    const ids1 = new Set(page1.json.items.map((x) => x.id));
    assert.ok(page2.json.items.every((x) => !ids1.has(x.id)), 'pages do not overlap');
  });

  test('leader sees xm and sfzh masked; coder (records.identify) sees them', async () => {
    const d = { indicator: 'inpatient_mortality', period: String(Y1), by: 'year', side: 'denominator', pageSize: 50 };
    const masked = await records(api, s.leader, d);
    const plain = await records(api, s.coder, d);
    assert.equal(masked.status, 200, show(masked));
    assert.equal(plain.status, 200, show(plain));
    assert.equal(masked.json.total, plain.json.total);
    assert.equal(masked.json.items.length, 50);
    const byId = new Map(plain.json.items.map((x) => [x.id, x]));
    let names = 0;
    let ids = 0;
    for (const m of masked.json.items) {
      const p = byId.get(m.id);
      assert.ok(p, `record ${m.id} in both lists`);
      assert.equal(m.bah, p.bah);
      // 张*明 / 5301**********1234 (the generator leaves a few cells empty on purpose: skip those)
      if ([...p.xm].length >= 2) {
        assert.ok(!p.xm.includes('*'), p.xm);
        assert.notEqual(m.xm, p.xm);
        assert.match(m.xm, /\*/);
        assert.equal([...m.xm][0], [...p.xm][0], `${m.xm} keeps the surname of ${p.xm}`);
        assert.equal([...m.xm].length, [...p.xm].length);
        names++;
      }
      if (/^\d{17}[\dX]$/.test(p.sfzh)) {
        assert.match(m.sfzh, /^\d{4}\*+[\dX]{4}$/);
        assert.equal(m.sfzh.length, p.sfzh.length);
        assert.equal(m.sfzh.slice(0, 4), p.sfzh.slice(0, 4));
        assert.equal(m.sfzh.slice(-4), p.sfzh.slice(-4));
        assert.ok(!JSON.stringify(m).includes(p.sfzh), 'the full ID number is nowhere in the masked record');
        ids++;
      }
    }
    assert.ok(names >= 40 && ids >= 40, `${names} names and ${ids} ID numbers compared`);
  });
});
