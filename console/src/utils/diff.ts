export type DiffKind = 'same' | 'add' | 'del';

export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** 1-based line number in the old text, null for added lines. */
  oldNo: number | null;
  /** 1-based line number in the new text, null for deleted lines. */
  newNo: number | null;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * Line diff of two texts via longest common subsequence; deletions come
 * before additions inside a changed block. Common prefix and suffix are
 * trimmed first so typical edits stay cheap.
 */
export function lineDiff(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    tail++;
  }
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  // lcs[i][j] = LCS length of midA[i..] and midB[j..], stored row-major.
  const n = midA.length;
  const m = midB.length;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        midA[i] === midB[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }

  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ kind: 'same', text: a[k]!, oldNo: k + 1, newNo: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      out.push({ kind: 'same', text: midA[i]!, oldNo: head + i + 1, newNo: head + j + 1 });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      out.push({ kind: 'del', text: midA[i]!, oldNo: head + i + 1, newNo: null });
      i++;
    } else {
      out.push({ kind: 'add', text: midB[j]!, oldNo: null, newNo: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    const oldIdx = a.length - tail + k;
    const newIdx = b.length - tail + k;
    out.push({ kind: 'same', text: a[oldIdx]!, oldNo: oldIdx + 1, newNo: newIdx + 1 });
  }
  return out;
}

/** Counts of added and deleted lines, for a one-line summary. */
export function diffStats(lines: readonly DiffLine[]): { added: number; deleted: number } {
  let added = 0;
  let deleted = 0;
  for (const line of lines) {
    if (line.kind === 'add') added++;
    else if (line.kind === 'del') deleted++;
  }
  return { added, deleted };
}
