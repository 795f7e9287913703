import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { CASE_QUEUES, PERIOD_UNITS } from '#/utils/cases';
import { flattenMessages, type MessageTree } from '#/utils/messages';
import { RULE_FIELDS } from '#/views/system/case-rules/data';

function load(lang: string): Record<string, string> {
  const dir = join(import.meta.dirname, '..', 'src', 'locales', 'langs', lang);
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    Object.assign(out, flattenMessages(JSON.parse(readFileSync(join(dir, file), 'utf8')) as MessageTree, file.replace(/\.json$/, '')));
  }
  return out;
}

const zh = load('zh-CN');
const en = load('en-US');

/** Keys the case screens build from values (queue names, timeline kinds, clock states …). */
const built = [
  ...CASE_QUEUES.map((q) => `cases.queue.${q}`),
  ...PERIOD_UNITS.flatMap((u) => [`cases.period.${u}`, `cases.periodUnit.${u}`, `cases.remaining.left.${u}`, `cases.remaining.over.${u}`]),
  ...['none', 'running', 'paused', 'stopped'].map((c) => `cases.clock.${c}`),
  ...[0, 1, 2, 3].map((e) => `cases.escalation.${e}`),
  ...['open', 'action', 'assign', 'note', 'attachment', 'pause', 'resume', 'extend', 'remind', 'escalate', 'correct', 'rate'].map((k) => `cases.kind.${k}`),
  ...RULE_FIELDS.flatMap((f) => [`caseRules.field.${f}`, `caseRules.hint.${f}`]),
  ...['inspection', 'adverse_event', 'complaint', 'other'].map((s) => `rectification.source.${s}`),
  ...['balance', 'total', 'row', 'negative'].map((c) => `application.annual.check.${c}`),
  ...['submitted_on', 'signed_on', 'confirmed_on'].map((f) => `application.field.${f}`),
  ...['public', 'staff'].flatMap((s) => [`complaints.source.${s}`, `application.source.${s}`]),
  ...['required', 'pending', 'overdue', 'reported'].map((e) => `adverse.externalFilter.${e}`),
  ...['open', 'completed'].map((s) => `inspection.round.statusName.${s}`),
  ...['complainant', 'applicant', 'reporter'].map((r) => `cases.timeline.publicTo.${r}`),
];

describe('case screen locales', () => {
  it('define every key the case screens build from a vocabulary, in both languages', () => {
    expect(built.filter((k) => !(k in zh) || !(k in en))).toEqual([]);
  });

  it('say 工作日 and 自然日 apart', () => {
    expect(zh['cases.period.wd']).toContain('工作日');
    expect(zh['cases.period.d']).toContain('自然日');
  });
});
