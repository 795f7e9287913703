/** Nested locale messages, as read from locales/langs/<lang>/<domain>.json. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** Flattens {a: {b: 'x'}} under prefix p into {'p.a.b': 'x'}. */
export function flattenMessages(tree: MessageTree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flattenMessages(value, path));
  }
  return out;
}

/** Replaces {name} placeholders with params[name]; unknown placeholders stay as they are. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
