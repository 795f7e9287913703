import { ref } from 'vue';

import { flattenMessages, interpolate, type MessageTree } from '#/utils/messages';

export type Locale = 'zh-CN' | 'en-US';

export const LOCALES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en-US', label: 'English' },
];

const STORAGE_KEY = 'yw_locale';

const files = import.meta.glob<MessageTree>('./langs/*/*.json', { eager: true, import: 'default' });

function collect(lang: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, tree] of Object.entries(files)) {
    const match = /\.\/langs\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (match && match[1] === lang) Object.assign(out, flattenMessages(tree, match[2]));
  }
  return out;
}

const messages: Record<Locale, Record<string, string>> = {
  'zh-CN': collect('zh-CN'),
  'en-US': collect('en-US'),
};

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en-US' ? 'en-US' : 'zh-CN';
}

/** The console's current locale; zh-CN unless the user switched. */
export const locale = ref<Locale>(initialLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** Translates 'domain.key.sub' with {param} substitution; falls back to zh-CN, then to the key. */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = messages[locale.value][key] ?? messages['zh-CN'][key] ?? key;
  return interpolate(text, params);
}

/** Picks the English variant of a server-provided text when the console is in English. */
export function pickLocalized(zh: string, en?: string | null): string {
  return locale.value === 'en-US' && en ? en : zh;
}

/** Value for the Accept-Language header. */
export function acceptLanguage(): string {
  return locale.value === 'en-US' ? 'en' : 'zh-CN';
}
