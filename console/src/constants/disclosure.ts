import type { CatalogueApi } from '#/api/catalogue';
import type { ItemApi } from '#/api/item';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const ITEM_STATES: readonly ItemApi.State[] = [
  'draft',
  'pending_review',
  'pending_approval',
  'scheduled',
  'published',
  'offline',
  'expired',
  'archived',
];

export const STATE_TAG: Record<ItemApi.State, TagType> = {
  draft: 'info',
  pending_review: 'warning',
  pending_approval: 'warning',
  scheduled: 'primary',
  published: 'success',
  offline: 'danger',
  expired: 'info',
  archived: 'info',
};

export const AUDIENCES: readonly CatalogueApi.Audience[] = ['society', 'patient', 'staff'];

export const AUDIENCE_TAG: Record<CatalogueApi.Audience, TagType> = {
  society: 'primary',
  patient: 'success',
  staff: 'warning',
};

export const CHANNELS: readonly CatalogueApi.Channel[] = [
  'website',
  'onsite_board',
  'screen',
  'service_desk',
  'wechat',
  'handbook',
  'hotline',
  'oa',
];

export const REVIEW_RESULTS: readonly ItemApi.ReviewResult[] = ['public', 'partial', 'withheld'];

/**
 * Clauses a reviewer cites. The value sent to the server is the Chinese citation;
 * the label shown comes from the locale (disclosure.basis.<key>).
 */
export const REVIEW_BASES: readonly { key: string; value: string }[] = [
  { key: 'm7_1', value: '《医疗卫生机构信息公开管理办法》第七条（一）' },
  { key: 'm7_2', value: '《医疗卫生机构信息公开管理办法》第七条（二）' },
  { key: 'm7_3', value: '《医疗卫生机构信息公开管理办法》第七条（三）' },
  { key: 'm7_4', value: '《医疗卫生机构信息公开管理办法》第七条（四）' },
  { key: 'm7_5', value: '《医疗卫生机构信息公开管理办法》第七条（五）' },
  { key: 'r14', value: '《中华人民共和国政府信息公开条例》第十四条' },
  { key: 'r15', value: '《中华人民共和国政府信息公开条例》第十五条' },
  { key: 'r16', value: '《中华人民共和国政府信息公开条例》第十六条' },
];
