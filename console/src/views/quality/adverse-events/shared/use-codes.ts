import { ref } from 'vue';

import { type AdverseEventApi, getAdverseEventCodes } from '#/api/adverse-events';
import { pickLocalized } from '#/locales';

const EMPTY: AdverseEventApi.Codes = {
  categories: [],
  grades: [],
  severities: [],
  cause_categories: [],
  effectiveness: [],
  rectification_sources: [],
  non_punitive_notice: '',
  non_punitive_notice_en: '',
  handle_period: '',
};

const codes = ref<AdverseEventApi.Codes>(EMPTY);
let pending: Promise<void> | null = null;

/** The adverse event code lists, grade definitions and the non-punitive notice, loaded once. */
export function useAdverseEventCodes() {
  if (!pending) {
    pending = getAdverseEventCodes().then((c) => {
      codes.value = c;
    });
    pending.catch(() => {
      pending = null;
    });
  }
  return {
    codes,
    label: (c: { name: string; name_en: string }) => pickLocalized(c.name, c.name_en),
    help: (c: { help?: string; help_en?: string }) => pickLocalized(c.help ?? '', c.help_en),
  };
}
