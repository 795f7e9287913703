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
    head_user_id: null,
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
    head_user_id: d.head_user_id ?? null,
  };
}

/** The header row of the department code table (科室代码表) import; HIS names work too. */
export const IMPORT_COLUMNS = ['科室代码', '科室名称', '院区代码', '上级科室代码', '科室类别', '是否对外公开', '排序'] as const;

/**
 * The import template: the header row only (an example row would be imported if left in), as
 * UTF-8 CSV with a BOM so that Excel and WPS open it as UTF-8.
 */
export function importTemplateCsv(): string {
  return `\uFEFF${IMPORT_COLUMNS.join(',')}\r\n`;
}

/** Offers `text` as a file download without a server round trip. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
