import { describe, expect, it } from 'vitest';

import type { CaseApi } from '#/api/cases';
import { changeText, rateText } from '#/views/complaints/stats/charts';
import { registrationBody, emptyRegistration } from '#/views/complaints/register/data';
import { cloneRules, rulesOverrides } from '#/views/system/case-rules/data';

const defaults: CaseApi.Rules = {
  complaint: { periods: { investigate: '5wd', multi_department: '10wd' }, remind_before: '1wd', escalate_after: '2wd', extension_max: '' },
  rectification: { periods: { default: '20wd' }, remind_before: '3wd', escalate_after: '5wd', extension_max: '20wd' },
};

describe('case rules overrides', () => {
  it('are empty when nothing changed', () => {
    expect(rulesOverrides(defaults, cloneRules(defaults))).toEqual({});
  });

  it('hold only the values that differ from the defaults', () => {
    const edited = cloneRules(defaults);
    edited.complaint!.periods.investigate = '7wd';
    edited.rectification!.extension_max = '';
    expect(rulesOverrides(defaults, edited)).toEqual({
      complaint: { periods: { investigate: '7wd' } },
      rectification: { extension_max: '' },
    });
  });

  it('drop a value set back to its default', () => {
    const edited = cloneRules(defaults);
    edited.complaint!.remind_before = '2wd';
    edited.complaint!.remind_before = '1wd';
    expect(rulesOverrides(defaults, edited)).toEqual({});
  });

  it('copy deeply, so editing never touches the defaults', () => {
    const edited = cloneRules(defaults);
    edited.complaint!.periods.investigate = '1h';
    expect(defaults.complaint!.periods.investigate).toBe('5wd');
  });
});

describe('complaint registration body', () => {
  it('sends on-the-spot fields only when resolved on the spot', () => {
    const form = { ...emptyRegistration(3), on_spot_reply: 'x' };
    expect(registrationBody(form)).toMatchObject({ resolved_on_spot: false, complexity: 'investigate', on_spot_reply: '', on_spot_method: '' });
    expect(registrationBody({ ...form, resolved_on_spot: true })).toMatchObject({ complexity: 'on_the_spot', on_spot_reply: 'x' });
  });
});

describe('complaint statistics text', () => {
  it('shows rates with one decimal and 同比 with a sign', () => {
    expect(rateText(87.5)).toBe('87.5%');
    expect(rateText(null)).toBe('—');
    expect(changeText(12.25)).toBe('+12.3%');
    expect(changeText(-3)).toBe('-3.0%');
    expect(changeText(0)).toBe('0.0%');
    expect(changeText(null)).toBe('—');
  });
});
