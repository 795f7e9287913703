/** Permission codes from docs/api.md, "Permissions". */
export type Permission =
  | 'org.read'
  | 'org.manage'
  | 'user.manage'
  | 'role.manage'
  | 'disclosure.catalogue.manage'
  | 'disclosure.item.read'
  | 'disclosure.item.draft'
  | 'disclosure.item.review'
  | 'disclosure.item.approve'
  | 'disclosure.item.publish'
  | 'disclosure.price.manage'
  | 'disclosure.stats.read'
  | 'audit.read'
  | 'calendar.manage'
  | 'settings.manage'
  | 'portal.staff.read'
  | 'cases.rules.manage'
  | 'complaints.register'
  | 'complaints.read'
  | 'complaints.handle'
  | 'complaints.manage'
  | 'adverse_events.report'
  | 'adverse_events.read'
  | 'adverse_events.handle'
  | 'adverse_events.manage'
  | 'inspections.read'
  | 'inspections.manage'
  | 'rectification.read'
  | 'rectification.handle'
  | 'rectification.manage'
  | 'disclosure.application.read'
  | 'disclosure.application.handle'
  | 'disclosure.application.manage';

/**
 * True when `required` is empty, or when `granted` holds it (a string),
 * or holds any one of its entries (an array).
 */
export function hasPermission(
  granted: readonly string[],
  required: Permission | readonly Permission[] | undefined,
): boolean {
  if (required === undefined) return true;
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return list.length === 0 || list.some((p) => granted.includes(p));
}
