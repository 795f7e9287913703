import { computed, ref } from 'vue';

import { getDepartments, type OrgApi } from '#/api/org';
import { buildTree } from '#/utils/tree';

const list = ref<OrgApi.Department[]>([]);
let pending: Promise<void> | null = null;

/** Reloads the shared department list (after a create or update). */
function reload(): Promise<void> {
  pending = getDepartments().then((res) => {
    list.value = res.items;
  });
  pending.catch(() => {
    pending = null;
  });
  return pending;
}

/** The flat department list and its tree, loaded once and shared by every page. */
export function useDepartments() {
  if (!pending) void reload().catch(() => undefined);
  return {
    departments: list,
    tree: computed(() => buildTree(list.value)),
    nameOf: (id: number | null | undefined) => list.value.find((d) => d.id === id)?.name ?? '',
    reload,
  };
}
