// What a statistician (统计员: indicators.manage, import) configures, and 首页质控:
//   - targets: validation, the most specific target per result row (department > campus >
//     hospital), attained per comparator, update, delete, audit;
//   - definitions: the shipped set, validation naming the key, disabling one, adding one
//     (急诊人次占比) whose numbers are checked by arithmetic and against the reference SQL;
//   - 首页质控 summary by department and by coder, findings by rule, masking of names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, show, startServer } from '../lib/server.mjs';
import {
  CHINESE, Y0, Y1, assertFieldError, auditEntries, near, records, referenceRows, results, row,
} from './indicators_common.mjs';

let srv;
let api;
const s = {};

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'stats', 'coder', 'leader', 'xnk_head']) s[u] = await api.login(u);
});

after(async () => {
  if (srv) await srv.stop();
});

const YEAR = { from: `${Y1}-01`, to: `${Y1}-12`, by: 'year' };
const P = String(Y1);

function attained(cmp, v, t) {
  return { '<': v < t, '<=': v <= t, '>': v > t, '>=': v >= t }[cmp];
}

describe('targets', () => {
  const IND = 'inpatient_mortality';
  const created = {};
  let campusOf; // department code → campus code
  let xnkCampus;
  let otherCampus;

  async function targets() {
    const r = await api.get(`/api/v1/indicators/targets?indicator=${IND}`, s.stats);
    assert.equal(r.status, 200, show(r));
    return r.json.items;
  }
  const post = (body) => api.post('/api/v1/indicators/targets', s.stats, body);

  before(async () => {
    const campuses = (await api.get('/api/v1/campuses', s.admin)).json.items;
    const depts = (await api.get('/api/v1/departments', s.admin)).json.items;
    const code = Object.fromEntries(campuses.map((c) => [c.id, c.code]));
    campusOf = Object.fromEntries(depts.map((d) => [d.code, code[d.campus_id]]));
    xnkCampus = campusOf.XNK;
    otherCampus = campuses.map((c) => c.code).find((c) => c !== xnkCampus);
    assert.ok(xnkCampus && otherCampus);
  });

  test('validation errors name the field; nothing is saved', async () => {
    const good = { indicator_code: IND, scope: 'hospital', comparator: '<=', value: 1, valid_from: `${Y1}-01` };
    const n = (await targets()).length;
    const cases = [
      ['comparator', { comparator: '=>' }],
      ['comparator', { comparator: '≥' }],
      ['comparator', { comparator: '' }],
      ['valid_from', { valid_from: `${Y1}/01` }],
      ['valid_from', { valid_from: `${Y1}-13` }],
      ['valid_from', { valid_from: null }],
      ['valid_to', { valid_to: `${Y1 - 1}-12` }],
      ['indicator_code', { indicator_code: 'no_such_indicator' }],
      ['value', { value: 'x' }],
      ['scope', { scope: 'ward', scope_code: 'XNK' }],
      ['scope_code', { scope: 'department' }],
    ];
    for (const [field, change] of cases) {
      assertFieldError(await post({ ...good, ...change }), field, JSON.stringify(change));
    }
    assert.equal((await targets()).length, n);
  });

  // Server bug: the scope_code of a department or campus target is not checked against the
  // organisation, so a typo makes a target that silently never applies.
  test('a department target for an unknown department → 400 scope_code', async () => {
    const r = await post({ indicator_code: IND, scope: 'department', scope_code: 'NO_SUCH_DEPT', comparator: '<', value: 1,
      valid_from: `${Y1}-01` });
    if (r.status === 201) await api.del(`/api/v1/indicators/targets/${r.json.id}`, s.stats);
    assertFieldError(r, 'scope_code');
  });

  test('create hospital, campus and department targets → 201', async () => {
    const dept = row((await results(api, s.stats, { ...YEAR, group: 'department', indicator: IND })).items, IND, P, 'XNK');
    assert.ok(dept && dept.value !== null);
    const bodies = {
      hospital: { indicator_code: IND, scope: 'hospital', comparator: '<=', value: 100, valid_from: `${Y1}-01`,
        valid_to: null, basis: '院内质量目标' },
      campus: { indicator_code: IND, scope: 'campus', scope_code: otherCampus, comparator: '<', value: -1,
        valid_from: `${Y1}-01`, valid_to: `${Y1}-12`, basis: '院区目标' },
      // Unreachable for XNK on purpose: attained must be false there.
      department: { indicator_code: IND, scope: 'department', scope_code: 'XNK', comparator: '>=', value: dept.value + 1,
        valid_from: `${Y1}-01`, basis: '科室目标' },
    };
    for (const [k, body] of Object.entries(bodies)) {
      const r = await post(body);
      assert.equal(r.status, 201, show(r));
      created[k] = r.json;
      assert.ok(r.json.id);
      for (const f of ['indicator_code', 'scope', 'comparator', 'value', 'valid_from', 'basis']) {
        assert.deepEqual(r.json[f], body[f], `${k}.${f}`);
      }
      assert.equal(r.json.scope_code, body.scope_code ?? '');
      assert.equal(r.json.valid_to, body.valid_to ?? null);
    }
    const ids = (await targets()).map((t) => t.id);
    for (const t of Object.values(created)) assert.ok(ids.includes(t.id));
  });

  test('results carry the most specific target, attained per its comparator', async () => {
    const h = row((await results(api, s.stats, { ...YEAR, indicator: IND })).items, IND, P);
    assert.equal(h.target.id, created.hospital.id);
    assert.equal(h.attained, attained('<=', h.value, 100));
    assert.equal(h.attained, true);

    const campus = (await results(api, s.stats, { ...YEAR, group: 'campus', indicator: IND })).items;
    assert.equal(row(campus, IND, P, otherCampus).target.id, created.campus.id);
    assert.equal(row(campus, IND, P, otherCampus).attained, false);
    assert.equal(row(campus, IND, P, xnkCampus).target.id, created.hospital.id);

    const dept = (await results(api, s.stats, { ...YEAR, group: 'department', indicator: IND })).items;
    const xnk = row(dept, IND, P, 'XNK');
    assert.equal(xnk.target.id, created.department.id, 'the department target overrides the hospital one');
    assert.equal(xnk.target.scope, 'department');
    assert.equal(xnk.attained, false);
    let seen = 0;
    for (const r of dept.filter((x) => x.org_unit !== 'XNK' && x.org_unit in campusOf)) {
      const want = campusOf[r.org_unit] === otherCampus ? created.campus : created.hospital;
      assert.equal(r.target?.id, want.id, `${r.org_unit} (${campusOf[r.org_unit]})`);
      if (r.value !== null) assert.equal(r.attained, attained(want.comparator, r.value, want.value), r.org_unit);
      seen++;
    }
    assert.ok(seen > 10);

    // Monthly rows too; and no target before valid_from.
    const months = (await results(api, s.stats, { from: `${Y1}-01`, to: `${Y1}-03`, indicator: IND })).items;
    for (const r of months) assert.equal(r.target?.id, created.hospital.id, r.period);
    const before = (await results(api, s.stats, { from: `${Y0}-01`, to: `${Y0}-12`, by: 'year', indicator: IND })).items;
    assert.equal(row(before, IND, String(Y0)).target, null);
    assert.equal(row(before, IND, String(Y0)).attained, null);
  });

  test('the department head sees his department target', async () => {
    const mine = (await results(api, s.xnk_head, { ...YEAR, group: 'department', indicator: IND })).items;
    assert.equal(row(mine, IND, P, 'XNK').target.id, created.department.id);
  });

  test('PUT changes a target; results follow', async () => {
    const body = { ...created.department, comparator: '<', value: 1000 };
    const r = await api.put(`/api/v1/indicators/targets/${created.department.id}`, s.stats, body);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.comparator, '<');
    const xnk = row((await results(api, s.stats, { ...YEAR, group: 'department', indicator: IND })).items, IND, P, 'XNK');
    assert.equal(xnk.target.comparator, '<');
    assert.equal(xnk.attained, true);
    assertFieldError(await api.put(`/api/v1/indicators/targets/${created.department.id}`, s.stats, { ...body, comparator: '==' }),
      'comparator');
    const missing = await api.put('/api/v1/indicators/targets/999999', s.stats, body);
    assert.equal(missing.status, 404, show(missing));
  });

  test('only indicators.manage may change targets', async () => {
    const r = await api.post('/api/v1/indicators/targets', s.leader, { ...created.hospital, id: undefined });
    assert.equal(r.status, 403, show(r));
    const list = await api.get('/api/v1/indicators/targets', s.leader);
    assert.equal(list.status, 200, 'indicators.read may list them');
  });

  test('DELETE → 204; the hospital target applies again', async () => {
    const r = await api.del(`/api/v1/indicators/targets/${created.department.id}`, s.stats);
    assert.equal(r.status, 204, show(r));
    assert.ok(!(await targets()).some((t) => t.id === created.department.id));
    const xnk = row((await results(api, s.stats, { ...YEAR, group: 'department', indicator: IND })).items, IND, P, 'XNK');
    assert.equal(xnk.target.id, created.hospital.id);
    const again = await api.del(`/api/v1/indicators/targets/${created.department.id}`, s.stats);
    assert.equal(again.status, 404, show(again));
  });

  test('audit: indicators.target.save for each, indicators.target.delete', async () => {
    const entries = await auditEntries(api, s.admin, 'indicators.target');
    for (const t of Object.values(created)) {
      assert.ok(entries.some((e) => e.action === 'indicators.target.save' && e.entity_id === String(t.id)),
        `save of ${t.id}: ${JSON.stringify(entries.map((e) => [e.action, e.entity_id]))}`);
    }
    const del = entries.find((e) => e.action === 'indicators.target.delete' && e.entity_id === String(created.department.id));
    assert.ok(del, 'delete entry');
    assert.equal(del.actor_name, s.stats.user.name);
  });
});

describe('definitions', () => {
  let list;
  let appt;

  async function definitions() {
    const r = await api.get('/api/v1/indicators/definitions', s.leader);
    assert.equal(r.status, 200, show(r));
    return r.json.items;
  }
  const putDef = (code, body, session = s.stats) => api.put(`/api/v1/indicators/definitions/${code}`, session, body);

  test('GET lists the shipped 30+ indicators with names', async () => {
    list = await definitions();
    assert.ok(list.length >= 30, `${list.length} definitions`);
    assert.equal(new Set(list.map((d) => d.code)).size, list.length);
    for (const d of list) {
      assert.match(d.code, /^[a-z0-9_]+$/);
      assert.match(d.name, CHINESE, d.code);
      assert.ok(d.name_en, d.code);
      assert.ok(['up', 'down', 'monitor'].includes(d.direction), d.code);
      assert.ok(['discharges', 'visits', 'figures'].includes(d.numerator.dataset), d.code);
      assert.equal(d.builtin, true, d.code);
      assert.equal(d.enabled, true, d.code);
    }
    appt = list.find((d) => d.code === 'appointment_rate');
    assert.ok(appt);
  });

  test('PUT with an invalid definition → 400 naming the key; nothing changes', async () => {
    const before = JSON.stringify(await definitions());
    let r = await putDef('appointment_rate', { ...appt, numerator: { ...appt.numerator, where: [{ field: 'nope', in: ['1'] }] } });
    assertFieldError(r, 'where', 'unknown field');
    assert.match(r.json.message, /nope/);
    r = await putDef('appointment_rate', { ...appt, direction: 'sideways' });
    assertFieldError(r, 'direction');
    r = await putDef('appointment_rate', { ...appt, numerator: { ...appt.numerator, agg: 'avg' } });
    assertFieldError(r, 'numerator', 'agg');
    r = await putDef('appointment_rate', { ...appt, denominator: { ...appt.denominator, dataset: 'pathways' } });
    assertFieldError(r, 'denominator', 'dataset');
    r = await putDef('appointment_rate', { ...appt, name: '' });
    assertFieldError(r, 'name');
    r = await putDef('appointment_rate', { ...appt, multiplier: 'x' });
    assertFieldError(r, 'multiplier');
    r = await putDef('appointment_rate', { ...appt, code: 'surgery_ratio' });
    assertFieldError(r, 'code', 'code must match the path');
    r = await api.request('PUT', '/api/v1/indicators/definitions/appointment_rate', {
      session: s.stats, body: '{"code": ', headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(r.status, 400, show(r));
    const missing = await putDef('no_such_indicator', { ...appt, code: 'no_such_indicator' });
    assert.equal(missing.status, 404, show(missing));
    assert.equal(JSON.stringify(await definitions()), before);
  });

  test('PUT enabled:false → it disappears from results and drill-down; enabling brings it back', async () => {
    const q = { ...YEAR, indicator: undefined };
    const beforeRows = (await results(api, s.leader, q)).items;
    const was = row(beforeRows, 'appointment_rate', P);
    assert.ok(was);
    let r = await putDef('appointment_rate', { ...appt, enabled: false });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.enabled, false);
    assert.equal((await definitions()).find((d) => d.code === 'appointment_rate').enabled, false);
    const off = (await results(api, s.leader, q)).items;
    assert.ok(!off.some((x) => x.indicator === 'appointment_rate'));
    assert.equal(off.length, beforeRows.length - 1, 'the others are still there');
    const d = await records(api, s.leader, { indicator: 'appointment_rate', period: P, by: 'year' });
    assert.equal(d.status, 404, show(d));

    r = await putDef('appointment_rate', { ...appt, enabled: true });
    assert.equal(r.status, 200, show(r));
    const on = row((await results(api, s.leader, q)).items, 'appointment_rate', P);
    assert.deepEqual(on, was);
  });

  test('only indicators.manage may change definitions', async () => {
    const r = await putDef('appointment_rate', { ...appt, enabled: false }, s.leader);
    assert.equal(r.status, 403, show(r));
    const c = await api.post('/api/v1/indicators/definitions', s.coder, { ...appt, code: 'x_by_coder' });
    assert.equal(c.status, 403, show(c));
  });

  const SHARE = {
    code: 'emergency_share',
    name: '急诊人次占比',
    name_en: 'Emergency visits share',
    unit: '%',
    category: '服务量',
    direction: 'monitor',
    numerator: { dataset: 'visits', agg: 'count', where: [{ field: 'jzlx', in: ['2'] }] },
    denominator: { dataset: 'visits', agg: 'count' },
    multiplier: 100,
    decimals: 2,
    notes: '急诊人次 / 门急诊及体检总人次 × 100',
  };

  test('POST a new indicator (急诊人次占比) → 201; results include it with the right arithmetic', async () => {
    const r = await api.post('/api/v1/indicators/definitions', s.stats, SHARE);
    assert.equal(r.status, 201, show(r));
    assert.equal(r.json.code, SHARE.code);
    assert.equal(r.json.builtin, false);
    assert.equal(r.json.enabled, true);
    assert.ok((await definitions()).some((d) => d.code === SHARE.code));

    for (const [by, group] of [['month', 'hospital'], ['year', 'department']]) {
      const { items } = await results(api, s.leader, { from: `${Y0}-01`, to: `${Y1}-12`, by, group,
        indicator: 'emergency_share,emergency_visits,outpatient_emergency_visits' });
      const shares = items.filter((x) => x.indicator === SHARE.code);
      assert.ok(shares.length > 0, `${by} ${group}`);
      let counted = 0;
      for (const x of shares) {
        const em = row(items, 'emergency_visits', x.period, x.org_unit);
        const oe = row(items, 'outpatient_emergency_visits', x.period, x.org_unit);
        assert.equal(x.numerator, em?.numerator ?? 0, key(x));
        assert.ok(x.denominator >= (oe?.numerator ?? 0), `${key(x)}: all visits ≥ outpatient + emergency`);
        if (x.denominator > 0) {
          near(x.value, (x.numerator / x.denominator) * 100, key(x));
          counted++;
        } else {
          assert.equal(x.value, null);
        }
      }
      assert.ok(counted > 0);
    }
    const got = (await results(api, s.leader, { ...YEAR, group: 'department', indicator: SHARE.code })).items;
    const ref = referenceRows(srv, { ...YEAR, group: 'department', indicators: [SHARE.code] });
    assert.equal(got.length, ref.length);
    for (const e of ref) {
      const x = row(got, SHARE.code, e.period, e.org_unit);
      assert.ok(x, key(e));
      assert.equal(x.numerator, e.numerator, key(e));
      assert.equal(x.denominator, e.denominator, key(e));
      near(x.value, e.value, key(e));
    }
    const d = await records(api, s.leader, { indicator: SHARE.code, period: P, by: 'year', side: 'denominator', pageSize: 1 });
    assert.equal(d.status, 200, show(d));
    assert.equal(d.json.total, row((await results(api, s.leader, { ...YEAR, indicator: SHARE.code })).items, SHARE.code, P).denominator);
  });

  test('POST: an existing code → 409, invalid → 400 naming the key', async () => {
    const dup = await api.post('/api/v1/indicators/definitions', s.stats, SHARE);
    assert.equal(dup.status, 409, show(dup));
    assertFieldError(await api.post('/api/v1/indicators/definitions', s.stats, { ...SHARE, code: 'Bad-Code' }), 'code');
    const { numerator, ...noNumerator } = SHARE;
    assert.ok(numerator);
    assertFieldError(await api.post('/api/v1/indicators/definitions', s.stats, { ...noNumerator, code: 'no_numerator' }), 'numerator');
    assert.ok(!(await definitions()).some((d) => ['no_numerator', 'bad-code'].includes(d.code)));
  });

  test('audit: definition create and update entries', async () => {
    const entries = await auditEntries(api, s.admin, 'indicators.definition');
    assert.ok(entries.some((e) => e.action === 'indicators.definition.create' && e.entity_id === SHARE.code));
    const upd = entries.filter((e) => e.action === 'indicators.definition.update' && e.entity_id === 'appointment_rate');
    assert.equal(upd.length, 2, 'disable and enable');
    assert.ok(upd.some((e) => e.after.enabled === false));
  });
});

describe('首页质控', () => {
  const range = `from=${Y0}-01&to=${Y1}-12`;
  let total; // discharges of both years
  let summary;

  before(async () => {
    const { items } = await results(api, s.stats, { from: `${Y0}-01`, to: `${Y1}-12`, by: 'year', indicator: 'discharges' });
    total = items.reduce((a, r) => a + r.numerator, 0);
    assert.ok(total > 0);
  });

  for (const by of ['department', 'coder']) {
    test(`summary by ${by}: every row has records and required items; records add up`, async () => {
      const r = await api.get(`/api/v1/indicators/qc/summary?${range}&by=${by}`, s.stats);
      assert.equal(r.status, 200, show(r));
      if (by === 'department') summary = r.json;
      assert.ok(r.json.items.length > 1);
      for (const x of r.json.items) {
        assert.ok(x.records > 0, JSON.stringify(x));
        assert.ok(x.required_total > 0, JSON.stringify(x));
        assert.ok(x.required_filled <= x.required_total, JSON.stringify(x));
        assert.ok(x.complete_records <= x.records && x.records_with_errors <= x.records, JSON.stringify(x));
        assert.ok(x.name, JSON.stringify(x));
        assert.equal(typeof x.by_category, 'object');
      }
      assert.equal(r.json.items.reduce((a, x) => a + x.records, 0), total, 'every discharge counted once');
      if (by === 'department') {
        assert.equal(r.json.items.find((x) => x.key === 'XNK')?.name, '心血管内科');
      } else {
        assert.ok(r.json.items.filter((x) => x.key !== '').every((x) => x.name === x.key), 'coders by name');
      }
    });
  }

  test('findings filtered by rule match the rule counts of the summary', async () => {
    assert.ok(summary.rules.length > 0, 'the demo has 首页质控 findings');
    for (const rule of summary.rules.slice(0, 3)) {
      const r = await api.get(`/api/v1/indicators/qc/findings?${range}&rule=${encodeURIComponent(rule.rule)}&page_size=200`, s.stats);
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.total, rule.count, rule.rule);
      assert.ok(r.json.items.length > 0);
      for (const f of r.json.items) {
        assert.equal(f.rule, rule.rule);
        assert.equal(f.category, rule.category);
        assert.equal(f.severity, rule.severity);
        assert.ok(f.bah && f.zycs && f.cykb && f.period, JSON.stringify(f));
        assert.match(f.message, CHINESE);
      }
      const dept = r.json.items[0].dept_code;
      const byDept = await api.get(`/api/v1/indicators/qc/findings?${range}&rule=${encodeURIComponent(rule.rule)}&dept=${dept}&page_size=200`, s.stats);
      assert.equal(byDept.status, 200, show(byDept));
      assert.ok(byDept.json.total >= 1 && byDept.json.total <= rule.count);
      assert.ok(byDept.json.items.every((f) => f.dept_code === dept && f.rule === rule.rule));
    }
    const none = await api.get(`/api/v1/indicators/qc/findings?${range}&rule=no.such.rule`, s.stats);
    assert.equal(none.status, 200, show(none));
    assert.equal(none.json.total, 0);
  });

  test('coder sees xm unmasked, stats masked', async () => {
    const q = `/api/v1/indicators/qc/findings?${range}&page_size=50`;
    const masked = await api.get(q, s.stats);
    const plain = await api.get(q, s.coder);
    assert.equal(masked.status, 200, show(masked));
    assert.equal(plain.status, 200, show(plain));
    assert.equal(masked.json.items.length, plain.json.items.length);
    let compared = 0;
    masked.json.items.forEach((m, i) => {
      const p = plain.json.items[i];
      assert.equal(m.record_key, p.record_key);
      if ([...p.xm].length < 2) return; // a record whose 姓名 was left empty
      assert.ok(!p.xm.includes('*'), p.xm);
      assert.match(m.xm, /\*/);
      assert.equal([...m.xm][0], [...p.xm][0]);
      compared++;
    });
    assert.ok(compared > 0, 'some names compared');
  });

  test('bad parameters → 400; without indicators.import → 403', async () => {
    assertFieldError(await api.get(`/api/v1/indicators/qc/summary?to=${Y1}-12`, s.stats), 'from');
    assertFieldError(await api.get(`/api/v1/indicators/qc/summary?${range}&by=ward`, s.stats), 'by');
    assertFieldError(await api.get(`/api/v1/indicators/qc/findings?from=${Y0}-01&to=x`, s.stats), 'to');
    for (const u of ['leader', 'xnk_head']) {
      const r = await api.get(`/api/v1/indicators/qc/summary?${range}`, s[u]);
      assert.equal(r.status, 403, `${u}: ${show(r)}`);
    }
  });
});

function key(r) {
  return `${r.indicator} ${r.period} ${r.org_unit}`;
}
