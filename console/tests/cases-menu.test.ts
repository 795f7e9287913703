import { describe, expect, it } from 'vitest';

import complaints from '#/router/routes/modules/complaints';
import disclosure from '#/router/routes/modules/disclosure';
import quality from '#/router/routes/modules/quality';
import system from '#/router/routes/modules/system';
import { visibleMenu } from '#/utils/menu';

const groups = [disclosure, complaints, quality, system];

function paths(granted: string[]): string[] {
  return visibleMenu(groups, granted).flatMap((g) => g.entries.map((e) => e.path));
}

describe('case menus follow permissions', () => {
  it('show nothing of the cases to a user without their permissions', () => {
    expect(paths(['disclosure.item.read'])).toEqual(['/disclosure/items', '/disclosure/catalogue', '/disclosure/overdue']);
    expect(paths([])).toEqual([]);
  });

  it('give any member of staff only 登记投诉 and 上报不良事件', () => {
    expect(paths(['complaints.register', 'adverse_events.report'])).toEqual([
      '/complaints/register',
      '/quality/adverse-events/report',
    ]);
  });

  it('give the complaint office the desk, registration and statistics, never detail pages', () => {
    const p = paths(['complaints.read', 'complaints.handle', 'complaints.manage', 'complaints.register']);
    expect(p).toEqual(['/complaints/list', '/complaints/register', '/complaints/stats']);
    expect(p.some((x) => x.includes(':id'))).toBe(false);
  });

  it('give the quality office events, inspections and rectification', () => {
    expect(paths(['adverse_events.read', 'inspections.read', 'rectification.read'])).toEqual([
      '/quality/adverse-events',
      '/quality/adverse-events/stats',
      '/quality/inspections',
      '/quality/checklists',
      '/quality/scores',
      '/quality/rectifications',
    ]);
  });

  it('give the disclosure office applications, consultations and the annual table', () => {
    expect(paths(['disclosure.application.read'])).toEqual([
      '/disclosure/applications',
      '/disclosure/consultations',
      '/disclosure/annual-table',
    ]);
  });

  it('show 办理期限设置 only with cases.rules.manage', () => {
    expect(paths(['cases.rules.manage'])).toEqual(['/system/case-rules']);
    expect(paths(['settings.manage'])).not.toContain('/system/case-rules');
  });

  it('drop a group that has nothing left and keep menu order', () => {
    const menu = visibleMenu(groups, ['rectification.read', 'complaints.read']);
    expect(menu.map((g) => g.path)).toEqual(['/complaints', '/quality']);
    expect(menu[1]!.entries.map((e) => e.test)).toEqual(['menu-rectifications']);
  });

  it('guard every hidden detail page with the permission of its list', () => {
    for (const group of groups) {
      for (const child of group.children ?? []) {
        if (!child.meta?.hidden) continue;
        expect(child.meta.permission, child.path).toBeTruthy();
        expect(child.meta.activeMenu, child.path).toMatch(new RegExp(`^/${group.path}/`));
      }
    }
  });
});
