// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/** `npm run extract`: JSON Lines on stdout, one object per file; bad files on stderr, exit 1. */
const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = join(ROOT, '../shared/fixtures/cn-163-article/source.html');

function extract(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/extract.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

describe('extract command', () => {
  test('a long output through a pipe arrives whole (no cut-off at exit)', () => {
    // ~900 KB of article per file: far more than a pipe's buffer. process.exit() used to
    // cut the output at 128 KB when stdout was a pipe.
    const dir = mkdtempSync(join(tmpdir(), 'care-extract-'));
    try {
      const paragraph = `<p>${'这是一段很长的测试文字，用来检查管道输出是否完整。'.repeat(40)}</p>\n`;
      const file = join(dir, 'big.html');
      writeFileSync(
        file,
        `<html lang="zh"><head><title>大文章</title></head><body><article><h1>大文章</h1>${paragraph.repeat(300)}</article></body></html>`,
      );
      const run = extract(file, file);
      expect(run.status).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        const out = JSON.parse(line);
        expect(out.kind).toBe('article');
        expect(out.text.length).toBeGreaterThan(300 * 40 * 20);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('prints one JSON object per file with the agreed fields', () => {
    const run = extract(SHARED, '--url', 'https://www.163.com/dy/article/IL7Q3B2D0514R9P4.html');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0] as string);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        'file',
        'kind',
        'title',
        'byline',
        'siteName',
        'lang',
        'text',
        'images',
      ]),
    );
    expect(out.kind).toBe('article');
    expect(out.title).toBe(
      '相互学习,互相促进,共同发展!2023上海国际友好城市合作论坛在沪举办,13座友城代表共话未来',
    );
    expect(out.images.some((src: string) => src.endsWith('/forum.png'))).toBe(true);
    expect(out.text.startsWith('东方网记者董浩帆12月2日报道')).toBe(true);
  });

  test('a missing file is reported on stderr, exits non-zero, and the other files still print', () => {
    const run = extract(join(ROOT, 'no-such-page.html'), SHARED);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no-such-page\.html/);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string).kind).toBe('article');
  });
});
