import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SHARED_FIXTURES, toggleCareMode, useBrowser, waitForView } from './harness';

/** The foundation, end to end: the real command toggles the real view on a real page. */
describe('care mode on the NetEase fixture', () => {
  const e2e = useBrowser();
  const truth = JSON.parse(
    readFileSync(join(SHARED_FIXTURES, 'cn-163-article/truth.json'), 'utf8'),
  );

  test('toggle shows the article alone; Esc restores the page exactly; toggling again works', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(`${e2e.server.url}/shared/cn-163-article/source.html`);
    await page.evaluate(() => window.scrollTo(0, 400));
    const before = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      y: window.scrollY,
    }));
    assert.ok(before.y > 0, 'the page scrolls');

    await toggleCareMode(e2e.browser, page);
    await waitForView(page);
    const view = await page.evaluate(() => {
      const root = document.querySelector('care-mode-root');
      const shadow = root?.shadowRoot;
      const article = shadow?.querySelector('article');
      return {
        open: root?.shadowRoot !== null,
        h1: article?.querySelector('h1')?.textContent?.trim(),
        text: article?.textContent ?? '',
        images: Array.from(article?.querySelectorAll('img') ?? []).map((i) =>
          i.getAttribute('src'),
        ),
      };
    });
    assert.equal(view.open, true, 'the shadow root is open');
    assert.equal(view.h1, truth.title);
    for (const s of truth.must_include as string[])
      assert.ok(view.text.includes(s), `view has: ${s}`);
    for (const s of truth.must_exclude as string[])
      assert.ok(!view.text.includes(s), `view leaks: ${s}`);
    assert.ok(
      view.images.some((src) => src?.endsWith('forum.png')),
      'the article image is shown',
    );

    await page.keyboard.press('Escape');
    await waitForView(page, false);
    const afterExit = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      y: window.scrollY,
    }));
    assert.equal(afterExit.html, before.html, 'the page DOM is unchanged');
    assert.equal(afterExit.y, before.y, 'the scroll position is restored');

    await toggleCareMode(e2e.browser, page);
    await waitForView(page);
    await toggleCareMode(e2e.browser, page);
    await waitForView(page, false);
    await page.close();
  });

  test('the view\'s own "back" button leaves care mode', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(`${e2e.server.url}/shared/cn-163-article/source.html`);
    await toggleCareMode(e2e.browser, page);
    await waitForView(page);
    await page
      .locator('care-mode-root')
      .getByRole('button', { name: /返回原网页|原网页|back/i })
      .first()
      .click();
    await waitForView(page, false);
    await page.close();
  });
});
