import type { ItemApi } from '#/api/item';
import { fromApiTime, toApiTime, today } from '#/utils/format';

/** The editor's model: like ItemInput, with pickers bound to Date objects. */
export interface ItemForm extends Omit<ItemApi.ItemInput, 'publish_at' | 'expire_at'> {
  publish_at: Date | null;
  expire_at: Date | null;
}

export function emptyItemForm(): ItemForm {
  return {
    catalogue_id: null,
    title: '',
    summary: '',
    body: '',
    audience: 'society',
    channels: ['website'],
    department_id: null,
    formed_on: today(),
    publish_at: null,
    expire_at: null,
  };
}

export function itemToForm(item: ItemApi.Item): ItemForm {
  return {
    catalogue_id: item.catalogue_id,
    title: item.title,
    summary: item.summary,
    body: item.body,
    audience: item.audience,
    channels: [...item.channels],
    department_id: item.department_id,
    formed_on: item.formed_on,
    publish_at: fromApiTime(item.publish_at),
    expire_at: fromApiTime(item.expire_at),
  };
}

export function formToInput(form: ItemForm): ItemApi.ItemInput {
  return { ...form, publish_at: toApiTime(form.publish_at), expire_at: toApiTime(form.expire_at) };
}

/**
 * The saved versions, oldest first, plus the item as it is now when its current
 * version is not among them (a draft being revised), so the diff can show the edit.
 */
export function versionsWithCurrent(
  versions: readonly ItemApi.Version[],
  item: ItemApi.Item,
  currentLabel: string,
): ItemApi.Version[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  if (sorted.some((v) => v.version === item.version)) return sorted;
  return [
    ...sorted,
    {
      version: item.version,
      title: item.title,
      summary: item.summary,
      body: item.body,
      saved_at: item.updated_at,
      saved_by: currentLabel,
    },
  ];
}

/** One version as text for the line diff: title, summary and body. */
export function versionText(version: ItemApi.Version): string {
  return [version.title, '', version.summary, '', version.body].join('\n');
}

export const PAGE_SIZE = 20;
