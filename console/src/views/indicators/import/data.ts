import type { IndicatorsApi } from '#/api/indicators';

export interface ImportCounts {
  records: number;
  inserted: number;
  replaced: number;
  rejects: number;
  errors: number;
  warnings: number;
}

/**
 * The result panel's counts. The batch gives rows and replaced rows; the rows that were new are
 * the rest (none when the batch failed: nothing of it was imported).
 */
export function importCounts(batch: IndicatorsApi.ImportBatch): ImportCounts {
  const committed = batch.status === 'committed' || batch.status === 'replaced';
  return {
    records: batch.row_count,
    inserted: committed ? Math.max(0, batch.row_count - batch.replaced_count) : 0,
    replaced: committed ? batch.replaced_count : 0,
    rejects: batch.reject_count,
    errors: batch.error_count,
    warnings: batch.warning_count,
  };
}

/** The saved mapping (source header → canonical column) as the editor's model (canonical → source). */
export function mappingToForm(mapping: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [source, canonical] of Object.entries(mapping)) {
    if (!(canonical in out)) out[canonical] = source;
  }
  return out;
}

export interface MappingBuild {
  mapping: Record<string, string>;
  /** Source headers given for more than one canonical column. */
  duplicates: string[];
}

/** The editor's model back to the API form, dropping empty entries; a header used twice is reported. */
export function formToMapping(form: Record<string, string>): MappingBuild {
  const mapping: Record<string, string> = {};
  const duplicates = new Set<string>();
  for (const [canonical, raw] of Object.entries(form)) {
    const source = raw.trim();
    if (!source) continue;
    if (source in mapping) duplicates.add(source);
    else mapping[source] = canonical;
  }
  return { mapping, duplicates: [...duplicates] };
}

/** Upload phases: choosing a file, sending it (progress), the server checking it, done. */
export type UploadPhase = 'idle' | 'uploading' | 'validating' | 'done';

/** Percent for the progress bar, 0…100, whole numbers. */
export function percent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}
