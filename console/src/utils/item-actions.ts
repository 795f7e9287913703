import type { ItemApi } from '#/api/item';

import { hasPermission, type Permission } from './permission';

/** What a user may do with a disclosure item from the list. */
export type ItemAction =
  | 'edit'
  | 'attachments'
  | 'submit'
  | 'review'
  | 'approve'
  | 'withdraw'
  | 'revise'
  | 'archive'
  | 'history';

interface Rule {
  states: readonly ItemApi.State[] | 'any';
  permission: Permission;
}

/** The workflow of docs/api.md, "Disclosure items": which state allows which step, for whom. */
const RULES: Record<ItemAction, Rule> = {
  edit: { states: ['draft'], permission: 'disclosure.item.draft' },
  attachments: { states: ['draft'], permission: 'disclosure.item.draft' },
  submit: { states: ['draft'], permission: 'disclosure.item.draft' },
  review: { states: ['pending_review'], permission: 'disclosure.item.review' },
  approve: { states: ['pending_approval'], permission: 'disclosure.item.approve' },
  withdraw: { states: ['published', 'scheduled'], permission: 'disclosure.item.publish' },
  revise: { states: ['published', 'offline', 'expired'], permission: 'disclosure.item.draft' },
  archive: { states: ['offline', 'expired'], permission: 'disclosure.item.publish' },
  history: { states: 'any', permission: 'disclosure.item.read' },
};

const ORDER = Object.keys(RULES) as ItemAction[];

/** Actions allowed for an item in `state` to a user holding `permissions`, in button order. */
export function allowedActions(state: ItemApi.State, permissions: readonly string[]): ItemAction[] {
  return ORDER.filter((action) => {
    const rule = RULES[action];
    const stateOk = rule.states === 'any' || rule.states.includes(state);
    return stateOk && hasPermission(permissions, rule.permission);
  });
}
