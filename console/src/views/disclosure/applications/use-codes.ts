import { ref } from 'vue';

import { type ApplicationApi, getApplicationCodes } from '#/api/applications';
import { pickLocalized } from '#/locales';

const EMPTY: ApplicationApi.Codes = {
  applicant_kinds: [],
  channels: [],
  outcomes: [],
  id_types: [],
  media: [],
  deliveries: [],
  consultation_channels: [],
  party_kinds: [],
  opinions: [],
};

const codes = ref<ApplicationApi.Codes>(EMPTY);
let pending: Promise<void> | null = null;

/** The code lists of the application forms (…/applications/codes), loaded once. */
export function useApplicationCodes() {
  if (!pending) {
    pending = getApplicationCodes().then((c) => {
      codes.value = c;
    });
    pending.catch(() => {
      pending = null;
    });
  }
  return { codes, label: (c: { name: string; name_en: string }) => pickLocalized(c.name, c.name_en) };
}
