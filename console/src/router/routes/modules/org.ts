import { Avatar, OfficeBuilding, School, User } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

/** 组织机构 */
const org: RouteRecordRaw = {
  path: 'org',
  meta: { title: 'menu.org', icon: OfficeBuilding },
  redirect: '/org/departments',
  children: [
    {
      path: 'campuses',
      name: 'OrgCampuses',
      component: () => import('#/views/org/campus/list.vue'),
      meta: { title: 'menu.campuses', icon: School, permission: 'org.read', test: 'menu-campuses' },
    },
    {
      path: 'departments',
      name: 'OrgDepartments',
      component: () => import('#/views/org/department/list.vue'),
      meta: { title: 'menu.departments', icon: OfficeBuilding, permission: 'org.read', test: 'menu-departments' },
    },
    {
      path: 'users',
      name: 'OrgUsers',
      component: () => import('#/views/org/user/list.vue'),
      meta: { title: 'menu.users', icon: User, permission: 'user.manage', test: 'menu-users' },
    },
    {
      path: 'roles',
      name: 'OrgRoles',
      component: () => import('#/views/org/role/list.vue'),
      meta: { title: 'menu.roles', icon: Avatar, permission: 'role.manage', test: 'menu-roles' },
    },
  ],
};

export default org;
