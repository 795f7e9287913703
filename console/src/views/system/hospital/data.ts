import type { SettingsApi } from '#/api/settings';

export type HospitalTextField = Exclude<keyof SettingsApi.Hospital, 'demo'>;

/** The text fields in form order, with the server's length limits (characters; src/app/platform_routes.cc). */
export const HOSPITAL_FIELDS: readonly { key: HospitalTextField; max: number; required?: boolean }[] = [
  { key: 'name', max: 100, required: true },
  { key: 'name_en', max: 200 },
  { key: 'level', max: 20 },
  { key: 'address', max: 200 },
  { key: 'phone', max: 40 },
  { key: 'website', max: 200 },
  { key: 'intro', max: 10000 },
  { key: 'complaint_phone', max: 40 },
  { key: 'complaint_email', max: 100 },
  { key: 'disclosure_officer', max: 50 },
  { key: 'opening_hours', max: 200 },
];

export function emptyHospital(): SettingsApi.Hospital {
  return {
    name: '',
    name_en: '',
    level: '',
    address: '',
    phone: '',
    website: '',
    intro: '',
    complaint_phone: '',
    complaint_email: '',
    disclosure_officer: '',
    opening_hours: '',
    demo: false,
  };
}

/**
 * The form's values from GET /settings/hospital, which is `{}` before the first save and may lack
 * fields or hold other types (it is stored JSON): missing or non-text values become '', demo is
 * true only when it is exactly true. Unknown keys are dropped (PUT accepts only these).
 */
export function hospitalFromApi(raw: unknown): SettingsApi.Hospital {
  const out = emptyHospital();
  const src: Record<string, unknown> = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  for (const { key } of HOSPITAL_FIELDS) {
    const value = src[key];
    out[key] = typeof value === 'string' ? value : '';
  }
  out.demo = src.demo === true;
  return out;
}
