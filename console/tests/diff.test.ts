import { describe, expect, it } from 'vitest';

import { diffStats, lineDiff } from '#/utils/diff';

function render(oldText: string, newText: string): string[] {
  return lineDiff(oldText, newText).map((l) => `${{ same: ' ', add: '+', del: '-' }[l.kind]}${l.text}`);
}

describe('lineDiff', () => {
  it('reports identical texts as unchanged', () => {
    expect(render('a\nb', 'a\nb')).toEqual([' a', ' b']);
  });

  it('finds a changed middle line', () => {
    expect(render('标题\n门诊时间 8:00\n地址', '标题\n门诊时间 7:30\n地址')).toEqual([
      ' 标题',
      '-门诊时间 8:00',
      '+门诊时间 7:30',
      ' 地址',
    ]);
  });

  it('handles insertions and deletions', () => {
    expect(render('a\nb\nc', 'a\nc\nd')).toEqual([' a', '-b', ' c', '+d']);
  });

  it('handles empty sides', () => {
    expect(render('', 'x\ny')).toEqual(['+x', '+y']);
    expect(render('x', '')).toEqual(['-x']);
    expect(lineDiff('', '')).toEqual([]);
  });

  it('numbers lines on both sides', () => {
    const lines = lineDiff('a\nb\nc', 'a\nX\nc');
    expect(lines.map((l) => [l.oldNo, l.newNo])).toEqual([
      [1, 1],
      [2, null],
      [null, 2],
      [3, 3],
    ]);
  });

  it('treats CRLF like LF', () => {
    expect(render('a\r\nb', 'a\nb')).toEqual([' a', ' b']);
  });

  it('keeps the longest common subsequence', () => {
    const lines = lineDiff('1\n2\n3\n4\n5', '0\n1\n3\n5\n6');
    expect(lines.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual(['1', '3', '5']);
    expect(diffStats(lines)).toEqual({ added: 2, deleted: 2 });
  });
});
