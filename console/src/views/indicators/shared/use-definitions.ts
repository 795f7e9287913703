import { computed, ref } from 'vue';

import { getDefinitions, type IndicatorsApi } from '#/api/indicators';
import { locale, pickLocalized } from '#/locales';

import { formatPlain, formatValue, measureKind, unitOf, type MeasureKind } from './format';

const list = ref<IndicatorsApi.Definition[]>([]);
const failed = ref(false);
let pending: Promise<void> | null = null;

/** Reloads the shared definition list (after an edit). */
function reload(): Promise<void> {
  failed.value = false;
  pending = getDefinitions().then((res) => {
    list.value = res.items;
  });
  pending.catch(() => {
    pending = null;
    failed.value = true;
  });
  return pending;
}

/** The indicator definitions, loaded once and shared by the indicator pages, with formatters. */
export function useDefinitions() {
  if (!pending) void reload().catch(() => undefined);
  const byCode = computed(() => new Map(list.value.map((d) => [d.code, d])));
  const def = (code: string) => byCode.value.get(code);
  return {
    definitions: list,
    failed,
    byCode,
    def,
    ready: () => pending ?? reload(),
    reload,
    /** 名称 in the console's language; the code when the indicator is unknown. */
    nameOf: (code: string) => {
      const d = def(code);
      return d ? pickLocalized(d.name, d.name_en) : code;
    },
    /** 名称（单位） */
    labelOf: (code: string) => {
      const d = def(code);
      if (!d) return code;
      const unit = unitOf(d, locale.value);
      const name = pickLocalized(d.name, d.name_en);
      return unit ? `${name}（${unit}）` : name;
    },
    unitOf: (code: string) => unitOf(def(code), locale.value),
    format: (code: string, value: number | null | undefined) => formatValue(value, def(code), locale.value),
    plain: (code: string, value: number | null | undefined, grouping = true) => formatPlain(value, def(code), grouping),
    sideKind: (code: string, side: IndicatorsApi.Side): MeasureKind => {
      const d = def(code);
      return measureKind(side === 'numerator' ? d?.numerator : d?.denominator);
    },
  };
}
