import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { contrastRatio, type Rgb } from '../../lib/theme/contrast';
import {
  axeViewViolations,
  OWN_FIXTURES,
  SHARED_FIXTURES,
  toggleCareMode,
  useBrowser,
} from './harness';

/**
 * Care mode on pages that are not articles, in real Chromium with the built extension:
 * a headline page becomes a large-type list (and a headline followed from it opens in care
 * mode too); a page that is neither gets the page mode, and toggling again gives the page
 * back exactly.
 */

interface ListTruth {
  list: { title: string; url: string }[];
  list_exclude: string[];
}

const truthOf = (name: string) =>
  JSON.parse(readFileSync(join(OWN_FIXTURES, name, 'truth.json'), 'utf8')) as ListTruth;

const listView = (page: Page) => page.locator('care-mode-root .cm-list');

/** 'rgb(1, 2, 3)' → {r, g, b} (opaque colours only: our theme tokens are). */
function rgb(css: string): Rgb {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*1)?\)$/.exec(css);
  assert.ok(m, `an opaque colour: ${css}`);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]) };
}

describe('care mode on pages that are not articles', () => {
  const e2e = useBrowser();

  test('a portal home page becomes its headline list: complete, clean, axe-clean, keyboard', async () => {
    const truth = truthOf('list-cn-163-home');
    const page = await e2e.browser.context.newPage();
    await page.goto(`${e2e.server.url}/own/list-cn-163-home/source.html`);
    await toggleCareMode(e2e.browser, page);
    await listView(page).waitFor({ timeout: 10_000 });

    const view = await page.evaluate(() => {
      const root = document.querySelector('care-mode-root')?.shadowRoot;
      const links = Array.from(root?.querySelectorAll<HTMLAnchorElement>('a.cm-headline') ?? []);
      return {
        state: root?.querySelector('.cm-root')?.getAttribute('data-state'),
        h1: root?.querySelector('h1')?.textContent?.trim(),
        sections: Array.from(root?.querySelectorAll('.cm-list-section-title') ?? []).map((h) =>
          h.textContent?.trim(),
        ),
        items: links.map((a) => ({ title: a.textContent?.trim() ?? '', url: a.href })),
        heights: links.map((a) => a.getBoundingClientRect().height),
        text: root?.querySelector('main')?.textContent ?? '',
        toolbar: Array.from(root?.querySelectorAll('.cm-toolbar [data-cm-button]') ?? []).map((b) =>
          b.getAttribute('data-cm-button'),
        ),
        inert: document.body.hasAttribute('inert'),
        colours: links
          .slice(0, 3)
          .map((a) => [
            getComputedStyle(a).color,
            getComputedStyle(root?.querySelector('.cm-root') as Element).backgroundColor,
          ]),
        metaColour: [
          getComputedStyle(root?.querySelector('.cm-meta') as Element).color,
          getComputedStyle(root?.querySelector('.cm-root') as Element).backgroundColor,
        ],
      };
    });
    assert.equal(view.state, 'list');
    // AAA contrast, measured on what is drawn (axe cannot see through the shadow root's
    // backgrounds here and reports these as "incomplete").
    for (const [fg, bg] of [...view.colours, view.metaColour]) {
      const ratio = contrastRatio(rgb(fg ?? ''), rgb(bg ?? ''));
      assert.ok(ratio >= 7, `contrast ${fg} on ${bg}: ${ratio.toFixed(2)}`);
    }
    assert.equal(view.h1, '网易');
    assert.ok(view.inert, 'the page beneath is inert while the list is shown');
    // The page's own section names.
    for (const name of ['要闻', '国内', '国际', '财经', '科技', '体育'])
      assert.ok(view.sections.includes(name), `section ${name}`);
    const urls = new Set(view.items.map((i) => i.url));
    const found = truth.list.filter((t) => urls.has(t.url));
    assert.ok(
      found.length >= truth.list.length * 0.9,
      `recall ${found.length}/${truth.list.length}`,
    );
    for (const x of truth.list_exclude) assert.ok(!view.text.includes(x), `leaks: ${x}`);
    for (const h of view.heights) assert.ok(h >= 60, `headline target ${h}px tall`);
    // The reader's toolbar, without the image switch (a list has no images).
    assert.deepEqual(
      view.toolbar.filter((b) => b !== 'speech'),
      ['smaller', 'larger', 'theme', 'settings', 'exit'],
    );

    assert.deepEqual(await axeViewViolations(page), []);

    // Keyboard: focus starts at the title; Tab reaches the toolbar and then every headline.
    await page
      .waitForFunction(
        () => document.querySelector('care-mode-root')?.shadowRoot?.activeElement?.tagName === 'H1',
        null,
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    const focusedTitle = await page.evaluate(
      () => document.querySelector('care-mode-root')?.shadowRoot?.activeElement?.tagName,
    );
    assert.equal(focusedTitle, 'H1');
    const reached = new Set<string>();
    for (let i = 0; i < 60 && reached.size < view.items.length; i++) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => {
        const el = document.querySelector('care-mode-root')?.shadowRoot?.activeElement;
        return el instanceof HTMLAnchorElement && el.classList.contains('cm-headline')
          ? el.href
          : '';
      });
      if (href) reached.add(href);
    }
    assert.equal(reached.size, view.items.length, 'every headline is reachable by Tab');

    // The same button (here Esc) gives the page back.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('care-mode-root'));
    assert.equal(await page.evaluate(() => document.body.hasAttribute('inert')), false);
    await page.close();
  });

  test('following a headline opens the article in care mode too, on the same site', async () => {
    // A government column list served here, with its first story served as a real article.
    const truth = truthOf('list-cn-gov-news');
    const first = truth.list[0];
    assert.ok(first);
    const listPath = '/own/list-cn-gov-news/source.html';
    const articlePath = `/own/list-cn-gov-news/${first.url.split('/xwzx/zwyw/')[1]}`;
    e2e.server.pages.set(articlePath, {
      body: readFileSync(join(SHARED_FIXTURES, 'cn-163-article/source.html'), 'utf8'),
    });
    const articleTitle = JSON.parse(
      readFileSync(join(SHARED_FIXTURES, 'cn-163-article/truth.json'), 'utf8'),
    ).title as string;

    const page = await e2e.browser.context.newPage();
    await page.goto(`${e2e.server.url}${listPath}`);
    await toggleCareMode(e2e.browser, page);
    await listView(page).waitFor({ timeout: 10_000 });
    const more = await page.locator('care-mode-root a.cm-more').getAttribute('href');
    assert.equal(more, `${e2e.server.url}/own/list-cn-gov-news/index_1.html`, 'the one more link');

    const link = page.locator('care-mode-root a.cm-headline').first();
    assert.equal(await link.textContent(), first.title);
    await link.focus();
    await Promise.all([
      page.waitForURL(`${e2e.server.url}${articlePath}`),
      page.keyboard.press('Enter'),
    ]);
    await page.locator('care-mode-root article h1').waitFor({ timeout: 10_000 });
    assert.equal(
      (await page.locator('care-mode-root article h1').textContent())?.trim(),
      articleTitle,
    );

    // Turning care mode off ends it: the next page on the site opens as itself.
    await toggleCareMode(e2e.browser, page);
    await page.waitForFunction(() => !document.querySelector('care-mode-root'));
    await page.goto(`${e2e.server.url}${listPath}`);
    // Give a (wrong) reopening every chance to happen before checking it did not.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
    assert.equal(await page.locator('care-mode-root').count(), 0);
    await page.close();
  });

  test('a page that is neither gets the page mode, and toggling again restores it exactly', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(`${e2e.server.url}/own/cn-video-page/source.html`);
    const before = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      sheets: document.adoptedStyleSheets.length,
      fontSize: getComputedStyle(document.querySelector('h1') as Element).fontSize,
      bodyZoom: getComputedStyle(document.body).zoom,
    }));

    await toggleCareMode(e2e.browser, page);
    await page.locator('care-mode-root .cm-pagebar').waitFor({ timeout: 10_000 });
    const during = await page.evaluate(() => {
      const h1 = document.querySelector('h1') as Element;
      const style = getComputedStyle(h1);
      return {
        zoom: getComputedStyle(document.body).zoom,
        h1Height: h1.getBoundingClientRect().height,
        color: style.color,
        background: style.backgroundColor,
        inert: document.body.hasAttribute('inert'),
        buttons: Array.from(
          document
            .querySelector('care-mode-root')
            ?.shadowRoot?.querySelectorAll('[data-cm-button]') ?? [],
        ).map((b) => b.getAttribute('data-cm-button')),
      };
    });
    assert.ok(Number(during.zoom) >= 1.25, `the page is enlarged (zoom ${during.zoom})`);
    assert.equal(during.inert, false, 'the page stays usable');
    // The default theme (light): black text on white.
    assert.equal(during.color, 'rgb(0, 0, 0)');
    assert.equal(during.background, 'rgb(255, 255, 255)');
    assert.deepEqual(during.buttons, ['smaller', 'larger', 'exit']);
    assert.deepEqual(await axeViewViolations(page), []);

    // Bigger, through the bar.
    await page.locator('care-mode-root [data-cm-button="larger"]').click();
    await page.waitForFunction(
      (z) => Number(getComputedStyle(document.body).zoom) > z,
      Number(during.zoom),
    );

    // Toggling again gives the page back exactly.
    await toggleCareMode(e2e.browser, page);
    await page.waitForFunction(() => !document.querySelector('care-mode-root'));
    const afterExit = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      sheets: document.adoptedStyleSheets.length,
      fontSize: getComputedStyle(document.querySelector('h1') as Element).fontSize,
      bodyZoom: getComputedStyle(document.body).zoom,
    }));
    assert.deepEqual(afterExit, before);
    await page.close();
  });

  test('page mode works under a strict Content-Security-Policy', async () => {
    e2e.server.pages.set('/csp/video.html', {
      body: readFileSync(join(OWN_FIXTURES, 'cn-video-page/source.html'), 'utf8'),
      headers: {
        'content-security-policy': "default-src 'none'; style-src 'none'; img-src 'none'",
      },
    });
    const page = await e2e.browser.context.newPage();
    await page.goto(`${e2e.server.url}/csp/video.html`);
    await toggleCareMode(e2e.browser, page);
    await page.locator('care-mode-root .cm-pagebar').waitFor({ timeout: 10_000 });
    const zoom = await page.evaluate(() => Number(getComputedStyle(document.body).zoom));
    assert.ok(zoom >= 1.25, `enlarged despite the CSP (zoom ${zoom})`);
    await toggleCareMode(e2e.browser, page);
    await page.waitForFunction(() => !document.querySelector('care-mode-root'));
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).zoom), '1');
    await page.close();
  });
});
