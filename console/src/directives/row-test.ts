import type { Directive } from 'vue';

/**
 * el-table cannot put attributes on its rows. `rowIdClass(key)` gives each row the class
 * `row-id-<key>`; `v-row-test="'item-row'"` on the table then sets data-test="item-row"
 * and data-id="<key>" on every body row, and keeps them set as rows re-render.
 */
export function rowIdClass<T>(key: (row: T) => string | number) {
  return ({ row }: { row: T }): string => `row-id-${String(key(row)).replace(/[^\w-]/g, '_')}`;
}

interface Binding {
  value: string;
  observer: MutationObserver;
}

const bound = new WeakMap<HTMLElement, Binding>();

function apply(el: HTMLElement, value: string): void {
  for (const tr of el.querySelectorAll<HTMLTableRowElement>('tr.el-table__row')) {
    if (tr.getAttribute('data-test') !== value) tr.setAttribute('data-test', value);
    const id = /(?:^|\s)row-id-(\S+)/.exec(tr.className)?.[1] ?? '';
    if (tr.dataset.id !== id) tr.dataset.id = id;
  }
}

export const vRowTest: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    const observer = new MutationObserver(() => apply(el, bound.get(el)?.value ?? binding.value));
    observer.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    bound.set(el, { value: binding.value, observer });
    apply(el, binding.value);
  },
  updated(el, binding) {
    const entry = bound.get(el);
    if (entry) entry.value = binding.value;
    apply(el, binding.value);
  },
  unmounted(el) {
    bound.get(el)?.observer.disconnect();
    bound.delete(el);
  },
};
