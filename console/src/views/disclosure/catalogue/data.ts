import type { CatalogueApi } from '#/api/catalogue';

export function emptyEntry(parentId: number | null = null): CatalogueApi.EntryInput {
  return {
    parent_id: parentId,
    code: '',
    name: '',
    content: '',
    audience: 'society',
    channels: ['website'],
    department_id: null,
    time_limit_days: 20,
    legal_basis: '',
    sort: 0,
  };
}

export function entryToInput(entry: CatalogueApi.Entry): CatalogueApi.EntryInput {
  return {
    parent_id: entry.parent_id,
    code: entry.code,
    name: entry.name,
    content: entry.content,
    audience: entry.audience,
    channels: [...entry.channels],
    department_id: entry.department_id,
    time_limit_days: entry.time_limit_days,
    legal_basis: entry.legal_basis,
    sort: entry.sort,
  };
}
