import { ref } from 'vue';

import { getCampuses, type OrgApi } from '#/api/org';

const list = ref<OrgApi.Campus[]>([]);
let pending: Promise<void> | null = null;

function reload(): Promise<void> {
  pending = getCampuses().then((res) => {
    list.value = [...res.items].sort((a, b) => a.sort - b.sort || a.id - b.id);
  });
  pending.catch(() => {
    pending = null;
  });
  return pending;
}

/** The campus list, loaded once and shared. */
export function useCampuses() {
  if (!pending) void reload().catch(() => undefined);
  return {
    campuses: list,
    nameOf: (id: number | null | undefined) => list.value.find((c) => c.id === id)?.name ?? '',
    reload,
  };
}
