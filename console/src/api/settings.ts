import { http } from './request';

export namespace SettingsApi {
  /** 医院信息 (setting `hospital`), shown on the portal's home page, 医院概况 and footer. */
  export interface Hospital {
    name: string;
    name_en: string;
    level: string;
    address: string;
    phone: string;
    website: string;
    intro: string;
    complaint_phone: string;
    complaint_email: string;
    disclosure_officer: string;
    opening_hours: string;
    /** The portal footer says the data is made up. */
    demo: boolean;
  }
}

/** 医院信息; `{}` (or missing fields) before anyone saved it. */
export function getHospital() {
  return http.get<Partial<Record<keyof SettingsApi.Hospital, unknown>>>('/settings/hospital');
}
/** Replaces the whole profile; answers with the stored (trimmed) values. */
export function updateHospital(input: SettingsApi.Hospital) {
  return http.put<SettingsApi.Hospital>('/settings/hospital', input);
}
