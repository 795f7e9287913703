import type { PriceApi } from '#/api/price';

/** The header row each import file must start with (docs/api.md, "Prices"). */
export const IMPORT_HEADER: Record<PriceApi.Kind, string> = {
  service: '项目编码,项目名称,计价单位,价格(元),项目内涵,除外内容,说明,生效日期',
  drug: '药品编码,药品名称,规格,单位,价格(元),生产企业,生效日期',
};

export const PRICE_KINDS: readonly PriceApi.Kind[] = ['service', 'drug'];
