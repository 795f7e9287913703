import type { IndicatorsApi } from '#/api/indicators';

export type TagType = 'success' | 'danger' | 'info' | 'warning' | 'primary';

/** Status tag colours of an import batch. */
export const STATUS_TAG: Record<IndicatorsApi.BatchStatus, TagType> = {
  committed: 'success',
  failed: 'danger',
  replaced: 'info',
  running: 'warning',
};

export const SEVERITY_TAG: Record<IndicatorsApi.Severity, TagType> = {
  reject: 'danger',
  error: 'warning',
  warning: 'info',
};
