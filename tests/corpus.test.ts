// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { FIXTURE_DIRS, loadFixtures, score } from '../scripts/fixtures';
import { readFile } from '../scripts/node-dom';

/**
 * Every fixture folder (shared and our own) through the same pipeline the extension runs,
 * against its truth: kind, exact title, every must_include, no must_exclude.
 */
const fixtures = loadFixtures(FIXTURE_DIRS);

describe('fixture corpus', () => {
  test('has the shared fixture and our own', () => {
    expect(fixtures.some((f) => f.name === 'cn-163-article')).toBe(true);
    expect(fixtures.length).toBeGreaterThanOrEqual(16);
  });

  for (const f of fixtures) {
    test(f.name, () => {
      const { result } = readFile(f.source, f.truth.url ?? `http://127.0.0.1/${f.name}/`);
      const reading =
        result.kind === 'article'
          ? { kind: 'article', title: result.article.title, text: result.article.text }
          : { kind: result.kind, title: '', text: '' };
      const s = score(reading, f.truth);
      expect({
        kind: reading.kind === 'article' ? 'article' : 'not-article',
        title: s.titleOk ? 'ok' : reading.title,
        missing: s.missing,
        leaked: s.leaked,
      }).toEqual({
        kind: f.truth.kind,
        title: 'ok',
        missing: [],
        leaked: [],
      });
    });
  }
});
