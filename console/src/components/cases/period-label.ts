import { t } from '#/locales';
import type { Period } from '#/utils/cases';

/** 5个工作日 / 15个自然日 / 12小时 (5 working days …). */
export function periodLabel(period: Period): string {
  return t(`cases.period.${period.unit}`, { n: period.amount });
}
