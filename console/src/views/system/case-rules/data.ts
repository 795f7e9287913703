import type { CaseApi } from '#/api/cases';

export const RULE_FIELDS = ['remind_before', 'escalate_after', 'extension_max'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * What PUT /cases/rules stores: only the values that differ from the shipped defaults, so a later
 * release's new defaults still apply to everything the hospital did not change. A value set back
 * to its default drops out of the overrides.
 */
export function rulesOverrides(defaults: CaseApi.Rules, edited: CaseApi.Rules): CaseApi.RulesOverride {
  const out: CaseApi.RulesOverride = {};
  for (const [type, rules] of Object.entries(edited)) {
    const base = defaults[type];
    const diff: Partial<CaseApi.TypeRules> = {};
    const periods: Record<string, string> = {};
    for (const [name, value] of Object.entries(rules.periods)) {
      if (base?.periods[name] !== value) periods[name] = value;
    }
    if (Object.keys(periods).length > 0) diff.periods = periods;
    for (const field of RULE_FIELDS) {
      if ((base?.[field] ?? '') !== rules[field]) diff[field] = rules[field];
    }
    if (Object.keys(diff).length > 0) out[type] = diff;
  }
  return out;
}

/** A deep copy to edit. */
export function cloneRules(rules: CaseApi.Rules): CaseApi.Rules {
  return JSON.parse(JSON.stringify(rules)) as CaseApi.Rules;
}
