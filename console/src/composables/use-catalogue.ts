import { computed, ref } from 'vue';

import { getCatalogue, type CatalogueApi } from '#/api/catalogue';
import { buildTree } from '#/utils/tree';

const list = ref<CatalogueApi.Entry[]>([]);
let pending: Promise<void> | null = null;

function reload(): Promise<void> {
  pending = getCatalogue().then((res) => {
    list.value = res.items;
  });
  pending.catch(() => {
    pending = null;
  });
  return pending;
}

/** The flat disclosure catalogue and its tree, loaded once and shared. */
export function useCatalogue() {
  if (!pending) void reload().catch(() => undefined);
  return {
    entries: list,
    tree: computed(() => buildTree(list.value)),
    find: (id: number | null | undefined) => list.value.find((e) => e.id === id),
    reload,
  };
}
