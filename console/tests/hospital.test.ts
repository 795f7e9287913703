import { describe, expect, it } from 'vitest';

import { emptyHospital, HOSPITAL_FIELDS, hospitalFromApi } from '#/views/system/hospital/data';

describe('hospital profile form', () => {
  it('lists every text field of the profile once, name required', () => {
    const keys = HOSPITAL_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(
      Object.keys(emptyHospital())
        .filter((k) => k !== 'demo')
        .sort(),
    );
    expect(HOSPITAL_FIELDS.filter((f) => f.required).map((f) => f.key)).toEqual(['name']);
    expect(HOSPITAL_FIELDS.find((f) => f.key === 'intro')?.max).toBe(10000);
  });

  it('starts empty before the first save', () => {
    expect(hospitalFromApi({})).toEqual(emptyHospital());
    expect(hospitalFromApi(null)).toEqual(emptyHospital());
    expect(emptyHospital().demo).toBe(false);
  });

  it('keeps text values and drops other types and unknown keys', () => {
    const form = hospitalFromApi({
      name: '云岭市第一人民医院',
      phone: '0871-1234567',
      level: 3,
      intro: null,
      demo: true,
      extra: 'x',
    });
    expect(form.name).toBe('云岭市第一人民医院');
    expect(form.phone).toBe('0871-1234567');
    expect(form.level).toBe('');
    expect(form.intro).toBe('');
    expect(form.demo).toBe(true);
    expect('extra' in form).toBe(false);
  });

  it('treats only a real true as demo', () => {
    expect(hospitalFromApi({ demo: 'true' }).demo).toBe(false);
    expect(hospitalFromApi({ demo: 1 }).demo).toBe(false);
    expect(hospitalFromApi({ demo: false }).demo).toBe(false);
  });
});
