export const ATTACHMENT_EXTENSIONS = ['pdf', 'docx', 'xlsx', 'jpg', 'jpeg', 'png'] as const;
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_EXTENSIONS = ['csv', 'xlsx'] as const;

/** The `accept` attribute for a list of extensions. */
export function acceptAttr(extensions: readonly string[]): string {
  return extensions.map((e) => `.${e}`).join(',');
}

export type FileProblem = 'type' | 'size' | null;

/** Client-side pre-check of a file (the server checks again). */
export function checkFile(
  file: { name: string; size: number },
  extensions: readonly string[],
  maxBytes: number,
): FileProblem {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!extensions.includes(ext)) return 'type';
  if (file.size > maxBytes) return 'size';
  return null;
}
