import type { OrgApi } from '#/api/org';

export function emptyDepartment(campusId: number | null, parentId: number | null): OrgApi.DepartmentInput {
  return {
    code: '',
    name: '',
    campus_id: campusId,
    parent_id: parentId,
    kind: 'clinical',
    phone: '',
    location: '',
    intro: '',
    public: true,
    sort: 0,
  };
}

export function departmentToInput(d: OrgApi.Department): OrgApi.DepartmentInput {
  return {
    code: d.code,
    name: d.name,
    campus_id: d.campus_id,
    parent_id: d.parent_id,
    kind: d.kind,
    phone: d.phone,
    location: d.location,
    intro: d.intro,
    public: d.public,
    sort: d.sort,
  };
}
