import { describe, expect, it } from 'vitest';

import { fenToYuan, formatSize, fromApiTime, prettyJson, toApiTime, today } from '#/utils/format';
import { hasPermission } from '#/utils/permission';
import { checkFile } from '#/utils/upload';

describe('format', () => {
  it('formats fen as yuan', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(-250)).toBe('-2.50');
  });

  it('writes API times in UTC without milliseconds and reads them back', () => {
    const date = new Date(Date.UTC(2026, 10, 22, 14, 15, 9, 500));
    expect(toApiTime(date)).toBe('2026-11-22T14:15:09Z');
    expect(toApiTime(null)).toBeNull();
    expect(fromApiTime('2026-11-22T14:15:09Z')?.getTime()).toBe(Date.UTC(2026, 10, 22, 14, 15, 9));
    expect(fromApiTime('')).toBeNull();
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('formats sizes', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(20 * 1024 * 1024)).toBe('20.0 MB');
  });

  it('pretty-prints audit values', () => {
    expect(prettyJson(null)).toBe('—');
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('plain')).toBe('plain');
  });
});

describe('hasPermission', () => {
  it('accepts one code or any of a list', () => {
    expect(hasPermission(['org.read'], 'org.read')).toBe(true);
    expect(hasPermission(['org.read'], 'org.manage')).toBe(false);
    expect(hasPermission(['audit.read'], ['org.manage', 'audit.read'])).toBe(true);
    expect(hasPermission([], undefined)).toBe(true);
    expect(hasPermission([], [])).toBe(true);
  });
});

describe('checkFile', () => {
  const exts = ['pdf', 'png'];
  it('checks extension and size', () => {
    expect(checkFile({ name: '院务公开.PDF', size: 10 }, exts, 100)).toBeNull();
    expect(checkFile({ name: 'a.exe', size: 10 }, exts, 100)).toBe('type');
    expect(checkFile({ name: 'noext', size: 10 }, exts, 100)).toBe('type');
    expect(checkFile({ name: 'a.png', size: 101 }, exts, 100)).toBe('size');
  });
});
