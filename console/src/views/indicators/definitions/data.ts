import type { IndicatorsApi } from '#/api/indicators';

/** Keys the server owns: not part of what an administrator edits. */
const SERVER_KEYS = ['builtin'] as const;

/** The definition as the JSON editor shows it (pretty, without server-owned keys). */
export function definitionToText(def: IndicatorsApi.Definition | Record<string, unknown>): string {
  const copy: Record<string, unknown> = { ...def };
  for (const k of SERVER_KEYS) delete copy[k];
  return JSON.stringify(copy, null, 2);
}

/** A starting point for a new indicator. */
export function newDefinitionText(): string {
  return JSON.stringify(
    {
      code: '',
      name: '',
      name_en: '',
      unit: '%',
      unit_en: '%',
      category: '',
      direction: 'up',
      national: false,
      multiplier: 100,
      decimals: 2,
      source: '',
      notes: '',
      numerator: { dataset: 'discharges', agg: 'count', where: [] },
      denominator: { dataset: 'discharges', agg: 'count' },
      enabled: true,
    },
    null,
    2,
  );
}

export type ParsedDefinition = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Parses the editor's text: it must be one JSON object. */
export function parseDefinitionText(text: string): ParsedDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'object' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** The PUT body that switches an indicator on or off (the definition itself is unchanged). */
export function toggleBody(def: IndicatorsApi.Definition, enabled: boolean): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...def, enabled };
  for (const k of SERVER_KEYS) delete copy[k];
  return copy;
}

export interface TargetForm {
  scope: IndicatorsApi.TargetScope;
  scope_code: string;
  comparator: IndicatorsApi.Comparator;
  value: number | null;
  valid_from: string;
  valid_to: string | null;
  basis: string;
}

export function emptyTargetForm(def?: Pick<IndicatorsApi.Definition, 'direction'>): TargetForm {
  return {
    scope: 'hospital',
    scope_code: '',
    comparator: def?.direction === 'down' ? '<=' : '>=',
    value: null,
    valid_from: `${new Date().getFullYear()}-01`,
    valid_to: null,
    basis: '',
  };
}

export function targetToForm(target: IndicatorsApi.Target): TargetForm {
  return {
    scope: target.scope,
    scope_code: target.scope_code ?? '',
    comparator: target.comparator,
    value: target.value,
    valid_from: target.valid_from,
    valid_to: target.valid_to,
    basis: target.basis ?? '',
  };
}

/** The request body; a hospital-wide target has no scope code. */
export function formToTarget(code: string, form: TargetForm): IndicatorsApi.TargetInput {
  return {
    indicator_code: code,
    scope: form.scope,
    scope_code: form.scope === 'hospital' ? '' : form.scope_code.trim(),
    comparator: form.comparator,
    value: form.value ?? Number.NaN,
    valid_from: form.valid_from,
    valid_to: form.valid_to || null,
    basis: form.basis.trim(),
  };
}
