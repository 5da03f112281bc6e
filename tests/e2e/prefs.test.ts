import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  axeViolations as axe,
  type Browser,
  EXT_DIR,
  launch,
  OWN_FIXTURES,
  ROOT,
  registeredMatches,
  startServer,
  type TestServer,
  toggleCareMode,
  waitFor,
  waitForView,
} from './harness';

/**
 * Preferences and activation, end to end: the options page (opened as a tab) changes an open
 * care view live, lists a site so its articles open by themselves, exports / resets / imports
 * everything, and passes axe-core.
 */

const ARTICLE = '/shared/cn-163-article/source.html';
const NOT_ARTICLE = '/own/list-cn-163-home/source.html';

/** Everything stored in chrome.storage.sync (what the options page saved). */
async function stored(b: Browser): Promise<Record<string, unknown>> {
  return b.worker.evaluate(() => chrome.storage.sync.get(null));
}

/** Asks the page's content script whether care mode is on, once the script is there. */
async function queryCareMode(b: Browser, page: Page): Promise<boolean> {
  return b.worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    if (tab?.id === undefined) throw new Error(`no tab for ${url}`);
    for (let i = 0; i < 100; i++) {
      try {
        return (await chrome.tabs.sendMessage(tab.id, { type: 'care:query' })) as boolean;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('the content script never answered');
  }, page.url());
}

/** Whether our content script ran in the page (its isolated world has the marker). */
async function contentScriptRan(b: Browser, page: Page): Promise<boolean> {
  // A string, so the test's TypeScript loader does not wrap the injected function in helpers
  // that do not exist inside the page.
  return b.worker.evaluate(`(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    if (tab?.id === undefined) throw new Error('no tab for ' + url);
    const [result] = await chrome.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => globalThis.__careModeLoaded === true,
    });
    return result?.result === true;
  })(${JSON.stringify(page.url())})`);
}

describe('preferences and activation', () => {
  let server: TestServer;
  let b: Browser;
  let options: Page;
  let optionsUrl: string;
  const tmp = mkdtempSync(join(tmpdir(), 'care-prefs-'));

  before(async () => {
    server = await startServer();
    b = await launch();
    optionsUrl = `chrome-extension://${b.extensionId}/options.html`;
  });
  after(async () => {
    await b?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the built manifests ask for no broad access and declare no content script', () => {
    // The e2e build is always there; the store builds are checked too when they have been built.
    const builds = [EXT_DIR, join(ROOT, '.output/chrome-mv3'), join(ROOT, '.output/firefox-mv2')];
    const checked: string[] = [];
    for (const dir of builds) {
      const file = join(dir, 'manifest.json');
      if (!existsSync(file)) continue;
      checked.push(dir);
      const m = JSON.parse(readFileSync(file, 'utf8'));
      const all = [
        ...(m.permissions ?? []),
        ...(m.host_permissions ?? []),
        ...(m.optional_permissions ?? []),
        ...(m.optional_host_permissions ?? []),
      ];
      assert.ok(!all.includes('<all_urls>'), `${dir}: <all_urls>`);
      assert.ok(!all.includes('tabs'), `${dir}: tabs`);
      assert.equal(m.content_scripts, undefined, `${dir}: declared content scripts`);
      const hosts = [...(m.host_permissions ?? []), ...(m.permissions ?? [])].filter((p: string) =>
        p.includes('/'),
      );
      const local = /^https?:\/\/(127\.0\.0\.1|localhost)\/\*$/;
      assert.ok(
        hosts.every((h: string) => dir === EXT_DIR && local.test(h)),
        `${dir}: host permissions ${hosts.join(', ')}`,
      );
      // Per-site access is optional, asked for site by site.
      const optional =
        m.manifest_version === 2 ? m.optional_permissions : m.optional_host_permissions;
      assert.deepEqual(
        [...optional].sort(),
        ['http://*/*', 'https://*/*'],
        `${dir}: optional hosts`,
      );
      assert.ok(m.icons?.['128'] && existsSync(join(dir, m.icons['128'])), `${dir}: icon`);
      const action = m.action ?? m.browser_action;
      assert.equal(action.default_popup, 'popup.html', `${dir}: the button opens the popup`);
    }
    assert.ok(checked.includes(EXT_DIR), `checked: ${checked.join(', ')}`);
  });

  test('install opens the options page; it is axe-clean (AAA) and keyboard-operable', async () => {
    const firstRun = await waitFor(
      'the first-run options tab',
      async () => b.context.pages().find((p) => p.url() === optionsUrl),
      Boolean,
    );
    await firstRun!.close();

    options = await b.context.newPage();
    await options.goto(optionsUrl);
    await options.locator('h1').waitFor();
    assert.ok((await options.title()).length > 0, 'the page has a title');
    assert.match(
      (await options.evaluate(() => document.documentElement.lang)) ?? '',
      /^[a-z]{2}/,
      'the page says its language',
    );
    assert.deepEqual(await axe(options), [], 'options page, defaults: axe violations');

    // Keyboard only: a radio group moves with the arrow keys and saves at once.
    await options.focus('input[name="lineHeight"]:checked');
    await options.keyboard.press('ArrowRight');
    await waitFor(
      'line height saved',
      async () => ((await stored(b)).prefs as { lineHeight?: number } | undefined)?.lineHeight,
      (v) => v === 2,
    );

    // The same page with an error message, a listed site and the reset confirmation open.
    await options.fill('#site-input', 'not a site');
    await options.press('#site-input', 'Enter');
    await options.locator('#site-error').waitFor();
    assert.equal(await options.getAttribute('#site-input', 'aria-invalid'), 'true');
    await options.click('[data-cm-button="reset"]');
    await options.locator('[data-cm-button="reset-confirm"]').waitFor();
    // Focus lands on the dialog's first choice after it renders: wait for it, then check.
    await options
      .waitForFunction(
        () => document.activeElement?.getAttribute('data-cm-button') === 'reset-cancel',
        null,
        {
          timeout: 5_000,
        },
      )
      .catch(() => undefined);
    assert.equal(
      await options.evaluate(() => document.activeElement?.getAttribute('data-cm-button')),
      'reset-cancel',
      'the confirmation opens on its harmless choice',
    );
    assert.deepEqual(await axe(options), [], 'options page with messages: axe violations');
    // The page follows a dark system setting, with the dark theme's AAA colours.
    await options.emulateMedia({ colorScheme: 'dark' });
    assert.equal(
      await options.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      'rgb(0, 0, 0)',
    );
    assert.deepEqual(await axe(options), [], 'options page, dark: axe violations');
    await options.emulateMedia({ colorScheme: 'light' });
    await options.keyboard.press('Escape');
    await options.locator('[data-cm-button="reset-confirm"]').waitFor({ state: 'detached' });
    // Focus is handed back after the dialog unmounts: wait for it, then check.
    await options
      .waitForFunction(
        () => document.activeElement?.getAttribute('data-cm-button') === 'reset',
        null,
        {
          timeout: 5_000,
        },
      )
      .catch(() => undefined);
    assert.equal(
      await options.evaluate(() => document.activeElement?.getAttribute('data-cm-button')),
      'reset',
      'Esc closes the confirmation and focus goes back',
    );
  });

  test('a text size chosen in the options page reaches an open care view live, and back', async () => {
    const page = await b.context.newPage();
    await page.goto(`${server.url}${ARTICLE}`);
    await toggleCareMode(b, page);
    await waitForView(page);
    const viewSize = () =>
      page.evaluate(() => {
        const root = document
          .querySelector('care-mode-root')
          ?.shadowRoot?.querySelector('.cm-root');
        return root ? getComputedStyle(root).fontSize : '';
      });
    assert.equal(await viewSize(), '24px');

    await options.bringToFront();
    await options.selectOption('#font-size', '40');
    await waitFor('the view at 40px', viewSize, (v) => v === '40px');

    // The view's own A+ saves too, and the options page follows.
    await page.bringToFront();
    await page.locator('care-mode-root [data-cm-button="larger"]').click();
    await waitFor(
      'the options page at 48',
      () => options.inputValue('#font-size'),
      (v) => v === '48',
    );
    assert.equal(await viewSize(), '48px');

    // The view's Settings button brings up the options page offering this page's site.
    await page.locator('care-mode-root [data-cm-button="settings"]').click();
    await options
      .locator('[data-cm-button="add-current-site"]', { hasText: '127.0.0.1' })
      .waitFor();
    assert.equal(
      b.context.pages().filter((p) => p.url() === optionsUrl).length,
      1,
      'the open options page is reused',
    );
    await page.close();
  });

  test('a listed site opens its articles by itself, leaves other pages alone, and stops when removed', async () => {
    await options.bringToFront();
    await options.fill('#site-input', 'http://127.0.0.1:8080/some/page');
    await options.click('[data-cm-button="add-site"]');
    // Typed as a URL, listed as the reader would write it.
    await options.locator('li[data-site="127.0.0.1"]').waitFor();
    await options.locator('#site-note', { hasText: '127.0.0.1' }).waitFor();
    assert.equal(await options.inputValue('#site-input'), '', 'the box is emptied');
    await options.locator('li[data-site="127.0.0.1"] .op-site-state').waitFor();
    const matches = await waitFor(
      'registration',
      () => registeredMatches(b),
      (m) => m.length > 0,
    );
    assert.deepEqual(matches.sort(), ['http://127.0.0.1/*', 'https://127.0.0.1/*']);

    // An article: care mode with no click, and the badge says so.
    const page = await b.context.newPage();
    await page.goto(`${server.url}${ARTICLE}`);
    await waitForView(page);
    assert.ok(await page.locator('care-mode-root article h1').isVisible());
    const badge = await b.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return chrome.action.getBadgeText({ tabId: tab!.id! });
    }, page.url());
    assert.notEqual(badge, '', 'the badge shows care mode is on');

    // A non-article page of the same site: the script is there, decides, and leaves it.
    await page.goto(`${server.url}${NOT_ARTICLE}`);
    assert.equal(await queryCareMode(b, page), false, 'care mode stays off');
    assert.equal(await page.locator('care-mode-root').count(), 0);
    const badgeAfter = await b.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return chrome.action.getBadgeText({ tabId: tab!.id! });
    }, page.url());
    assert.equal(badgeAfter, '', 'the badge went with the page');

    // A single-page site: the address changes by pushState and an article appears.
    const list = readFileSync(join(OWN_FIXTURES, 'list-cn-163-home/source.html'), 'utf8');
    server.pages.set('/spa/', { body: list });
    await page.goto(`${server.url}/spa/`);
    assert.equal(await queryCareMode(b, page), false, 'the list page stays as it is');
    await page.evaluate(async (src) => {
      const html = await (await fetch(src)).text();
      const next = new DOMParser().parseFromString(html, 'text/html');
      document.title = next.title;
      document.body.replaceWith(document.adoptNode(next.body));
      history.pushState({}, '', '/spa/article-1');
    }, ARTICLE);
    await waitForView(page);
    assert.ok(await page.locator('care-mode-root article h1').isVisible());

    // Removed: the registration goes, and the next load is left alone.
    await options.bringToFront();
    await options.click('li[data-site="127.0.0.1"] [data-cm-button="remove-site"]');
    await options.locator('li[data-site="127.0.0.1"]').waitFor({ state: 'detached' });
    await waitFor(
      'unregistration',
      () => registeredMatches(b),
      (m) => m.length === 0,
    );
    await page.goto(`${server.url}${ARTICLE}`, { waitUntil: 'load' });
    assert.equal(await contentScriptRan(b, page), false, 'no content script after removal');
    assert.equal(await page.locator('care-mode-root').count(), 0);
    await page.close();
  });

  test('export → reset → import restores everything; a bad file changes nothing', async () => {
    await options.bringToFront();
    // A few choices away from the defaults, and a listed site.
    await options.check('input[name="theme"][value="yellow"]');
    await options.check('input[name="fontFamily"][value="kai"]');
    await options.uncheck('input[name="showImages"]');
    await options.fill('#colour-text', '#ffcc00');
    await options.fill('#colour-bg', '#000033');
    await options.fill('#site-input', 'ftp://example.com');
    await options.click('[data-cm-button="add-site"]');
    await options.locator('#site-error').waitFor();
    await options.fill('#site-input', 'localhost');
    await options.click('[data-cm-button="add-site"]');
    await options.locator('li[data-site="localhost"]').waitFor();
    await waitFor(
      'the site saved',
      () => stored(b),
      (s) => JSON.stringify(s).includes('localhost'),
    );
    const before = await stored(b);

    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.click('[data-cm-button="export"]'),
    ]);
    assert.match(download.suggestedFilename(), /^care-mode-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const file = join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.app, 'care-mode');
    assert.equal(exported.settings.theme, 'yellow');
    assert.deepEqual(exported.settings.sites, ['localhost']);

    await options.click('[data-cm-button="reset"]');
    await options.click('[data-cm-button="reset-confirm"]');
    await waitFor(
      'defaults stored',
      () => stored(b),
      (s) =>
        (s.prefs as { theme?: string } | undefined)?.theme === 'auto' && s['sites.count'] === 0,
    );
    assert.equal(await options.inputValue('#font-size'), '24');
    assert.equal(await options.locator('li[data-site]').count(), 0);

    // A file that is not ours, and a damaged one: refused with a reason, nothing changed.
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"hello": "world"}');
    await options.setInputFiles('#import-file', bad);
    await options.locator('#caregiver-error').waitFor();
    const damaged = join(tmp, 'damaged.json');
    writeFileSync(
      damaged,
      JSON.stringify({ ...exported, settings: { ...exported.settings, fontSize: 'huge' } }),
    );
    await options.setInputFiles('#import-file', damaged);
    await options.locator('#caregiver-error', { hasText: /\S/ }).waitFor();
    const afterBad = await stored(b);
    assert.equal(
      (afterBad.prefs as { theme?: string }).theme,
      'auto',
      'a refused file changes nothing',
    );

    await options.setInputFiles('#import-file', file);
    await options.locator('#caregiver-note', { hasText: /\S/ }).waitFor();
    const restored = await waitFor(
      'the import stored',
      () => stored(b),
      (s) => s['sites.count'] === 1,
    );
    assert.deepEqual(restored, before, 'everything is back');
    assert.equal(await options.inputValue('#font-size'), '48');
    assert.ok(await options.isChecked('input[name="theme"][value="yellow"]'));
    assert.equal(await options.inputValue('#colour-bg'), '#000033');
    await options.locator('li[data-site="localhost"]').waitFor();
  });
});
