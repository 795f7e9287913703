import type { OrgApi } from '#/api/org';
import type { SessionApi } from '#/api/session';

export const SCOPES: readonly SessionApi.Scope[] = ['self', 'dept', 'dept_tree', 'campus', 'all'];

export const DEPARTMENT_KINDS: readonly OrgApi.DepartmentKind[] = ['clinical', 'medtech', 'admin', 'support'];
