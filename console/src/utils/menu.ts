import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { hasPermission } from './permission';

export interface MenuEntry {
  path: string;
  title: string;
  icon?: Component;
  test?: string;
}

export interface MenuGroup {
  path: string;
  title: string;
  icon?: Component;
  entries: MenuEntry[];
}

/**
 * The side menu for a user holding `granted`: each group's entries the user may open (a route's
 * meta.permission, any one of a list), without hidden routes (detail pages, redirects); groups
 * left empty are dropped. Pure, so the menu of every role can be unit-tested.
 */
export function visibleMenu(groups: readonly RouteRecordRaw[], granted: readonly string[]): MenuGroup[] {
  return groups
    .map((group) => ({
      path: `/${group.path}`,
      title: group.meta?.title ?? '',
      icon: group.meta?.icon,
      entries: (group.children ?? [])
        .filter((child) => !child.meta?.hidden && hasPermission(granted, child.meta?.permission))
        .map((child) => ({
          path: `/${group.path}/${child.path}`,
          title: child.meta?.title ?? '',
          icon: child.meta?.icon,
          test: child.meta?.test,
        })),
    }))
    .filter((group) => group.entries.length > 0);
}
