// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { FIXTURE_DIRS, loadFixtures } from '../scripts/fixtures';
import { listFixtures, pageUrlOf, scoreList } from '../scripts/list-score';
import { readFile } from '../scripts/node-dom';

/**
 * Every headline-page fixture through the whole pipeline (readDocument, as the extension runs
 * it): the page reads as a list, at least 90% of the truth's main stories are items, and no
 * ad, navigation, ranking or footer link is. Pages that are neither article nor list stay
 * 'not-article' (the view shows the page mode there).
 */
const { lists, neither } = listFixtures(loadFixtures(FIXTURE_DIRS));

describe('headline-list corpus', () => {
  test('has the six headline pages and the two pages that are neither', () => {
    expect(lists.length).toBeGreaterThanOrEqual(6);
    expect(neither.map((f) => f.name)).toEqual(
      expect.arrayContaining(['cn-video-page', 'cn-web-app-form']),
    );
  });

  for (const f of lists) {
    test(f.name, () => {
      const { result } = readFile(f.source, pageUrlOf(f));
      const items = result.kind === 'list' ? result.items : [];
      const s = scoreList(items, f.truth as never);
      console.log(
        `${f.name}: recall ${s.found}/${s.total} (${(100 * s.recall).toFixed(1)}%), leaks ${s.leaked.length}`,
      );
      expect(result.kind).toBe('list');
      expect(
        s.recall,
        `missing: ${JSON.stringify(s.missing.map((m) => m.title))}`,
      ).toBeGreaterThanOrEqual(0.9);
      expect(s.leaked).toEqual([]);
      // Every item is a real story link: absolute http(s), with a title.
      for (const item of items) {
        expect(item.url).toMatch(/^https?:\/\//);
        expect(item.title.trim()).not.toBe('');
      }
      // One item per story.
      expect(new Set(items.map((i) => i.url)).size).toBe(items.length);
    });
  }

  for (const f of neither) {
    test(`${f.name} is neither article nor list`, () => {
      expect(readFile(f.source, pageUrlOf(f)).result.kind).toBe('not-article');
    });
  }
});
