import { ref } from 'vue';

import { type ComplaintApi, getComplaintCodes } from '#/api/complaints';
import { pickLocalized } from '#/locales';

const EMPTY: ComplaintApi.Codes = {
  channels: [],
  categories: [],
  complexities: [],
  relations: [],
  reply_methods: [],
  follow_up_routes: [],
  not_processed_reasons: [],
};

const codes = ref<ComplaintApi.Codes>(EMPTY);
let pending: Promise<void> | null = null;

/** The complaint code lists (GET /complaints/categories), loaded once and shared. */
export function useComplaintCodes() {
  if (!pending) {
    pending = getComplaintCodes().then((c) => {
      codes.value = c;
    });
    pending.catch(() => {
      pending = null;
    });
  }
  return {
    codes,
    label: (c: ComplaintApi.Code) => pickLocalized(c.name, c.name_en),
  };
}
