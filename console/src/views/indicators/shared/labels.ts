import { t } from '#/locales';

/** The translation of `key`, or `fallback` when the locales have none (codes the server adds later). */
export function tOr(key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}

export function qcCategoryLabel(category: string): string {
  return tOr(`indicators.qcCategory.${category}`, category);
}

export function recordColumnLabel(column: string): string {
  return tOr(`indicators.record.${column}`, column.toUpperCase());
}
