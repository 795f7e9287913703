import type { Component } from 'vue';

import type { Permission } from '#/utils/permission';

declare module 'vue-router' {
  interface RouteMeta {
    /** Locale key of the menu entry and page title. */
    title?: string;
    /** Shown and reachable only with this permission (or any of the list). */
    permission?: Permission | readonly Permission[];
    icon?: Component;
    /** Reachable without a session (login). */
    public?: boolean;
    /** data-test of the menu entry. */
    test?: string;
    /** Not in the side menu (detail pages); still guarded by `permission`. */
    hidden?: boolean;
    /** The menu entry a hidden page belongs to (its list), highlighted while it is open. */
    activeMenu?: string;
  }
}

export {};
