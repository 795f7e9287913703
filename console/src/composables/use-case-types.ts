import { computed, ref } from 'vue';

import { getCaseTypes, type CaseApi } from '#/api/cases';
import { pickLocalized } from '#/locales';

const types = ref<CaseApi.TypeDef[]>([]);
let pending: Promise<void> | null = null;

function load(): Promise<void> {
  pending = getCaseTypes().then((res) => {
    types.value = res.items;
  });
  pending.catch(() => {
    pending = null;
  });
  return pending;
}

/** The case types (states and actions, zh + en), loaded once and shared. */
export function useCaseType(type: string) {
  if (!pending) void load().catch(() => undefined);
  const def = computed(() => types.value.find((t) => t.type === type) ?? null);
  return {
    def,
    states: computed(() => def.value?.states ?? []),
    stateName: (code: string) => {
      const s = def.value?.states.find((x) => x.code === code);
      return s ? pickLocalized(s.name, s.name_en) : code;
    },
  };
}
