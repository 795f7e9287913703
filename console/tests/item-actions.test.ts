import { describe, expect, it } from 'vitest';

import { allowedActions } from '#/utils/item-actions';

const office = ['disclosure.item.read', 'disclosure.item.draft', 'disclosure.item.publish'];
const reviewer = ['disclosure.item.read', 'disclosure.item.review'];
const approver = ['disclosure.item.read', 'disclosure.item.approve'];

describe('allowedActions', () => {
  it('lets the office edit, attach and submit a draft', () => {
    expect(allowedActions('draft', office)).toEqual(['edit', 'attachments', 'submit', 'history']);
  });

  it('gives a pending review only to reviewers', () => {
    expect(allowedActions('pending_review', reviewer)).toEqual(['review', 'history']);
    expect(allowedActions('pending_review', office)).toEqual(['history']);
    expect(allowedActions('pending_review', approver)).toEqual(['history']);
  });

  it('gives a pending approval only to approvers', () => {
    expect(allowedActions('pending_approval', approver)).toEqual(['approve', 'history']);
    expect(allowedActions('pending_approval', reviewer)).toEqual(['history']);
  });

  it('allows withdraw and revise on published items', () => {
    expect(allowedActions('published', office)).toEqual(['withdraw', 'revise', 'history']);
    expect(allowedActions('scheduled', office)).toEqual(['withdraw', 'history']);
  });

  it('allows revise and archive once offline or expired', () => {
    expect(allowedActions('offline', office)).toEqual(['revise', 'archive', 'history']);
    expect(allowedActions('expired', office)).toEqual(['revise', 'archive', 'history']);
  });

  it('allows nothing but history on archived items', () => {
    expect(allowedActions('archived', office)).toEqual(['history']);
  });

  it('allows nothing without permissions', () => {
    expect(allowedActions('draft', [])).toEqual([]);
  });
});
