import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  type Browser,
  launch,
  registeredMatches,
  startServer,
  type TestServer,
  tabIdOf,
  waitFor,
  waitForView,
} from './harness';

/**
 * The toolbar button's popup, end to end. A real click on the button cannot be made from
 * automation (and activeTab needs one), so the popup is opened as a tab with `?tab=<id>`:
 * the same page and code, acting on that tab (../shared/docs/browser-testing.md).
 */

const ARTICLE = '/shared/cn-163-article/source.html';

/** The care view's font size and theme, '' when there is no view. */
async function viewLooks(page: Page): Promise<{ size: string; theme: string }> {
  return page.evaluate(() => {
    const root = document.querySelector('care-mode-root')?.shadowRoot?.querySelector('.cm-root');
    return root
      ? { size: getComputedStyle(root).fontSize, theme: root.getAttribute('data-theme') ?? '' }
      : { size: '', theme: '' };
  });
}

describe('the popup', () => {
  let server: TestServer;
  let b: Browser;
  let page: Page;
  let popup: Page;

  before(async () => {
    server = await startServer();
    b = await launch();
    page = await b.context.newPage();
    await page.goto(`${server.url}${ARTICLE}`);
    popup = await b.context.newPage();
    await popup.goto(
      `chrome-extension://${b.extensionId}/popup.html?tab=${await tabIdOf(b, page)}`,
    );
  });
  after(async () => {
    await b?.close();
    await server?.close();
  });

  const focused = () =>
    popup.evaluate(() => document.activeElement?.getAttribute('data-cm-button') ?? '');
  const mainLabel = () => popup.locator('[data-cm-button="toggle"]').textContent();
  /** The string the extension shows for a _locales key in the browser's UI language. */
  const msg = (key: string, sub?: string) =>
    popup.evaluate(([k, s]) => chrome.i18n.getMessage(k, s === undefined ? [] : [s]), [
      key,
      sub,
    ] as const);

  test('opens focused on its main button; Enter enters care mode, Enter again leaves', async () => {
    await waitFor('focus on the main button', focused, (f) => f === 'toggle');
    assert.equal(
      await popup.evaluate(() => document.activeElement?.matches(':focus-visible')),
      true,
      'the focus ring shows as the popup opens',
    );
    const enter = await msg('enterCareMode');
    const leave = await msg('leaveCareMode');
    assert.ok(enter && leave && enter !== leave);
    assert.equal(await mainLabel(), enter);
    assert.equal(await popup.title(), await msg('extName'));
    // The shortcut hint names the key the browser has really assigned (none in some profiles).
    const shortcut = await popup.evaluate(
      async () =>
        (await chrome.commands.getAll()).find((c) => c.name === 'toggle-care-mode')?.shortcut ?? '',
    );
    if (shortcut)
      assert.equal(
        await popup.locator('#pp-shortcut').textContent(),
        await msg('popupShortcut', shortcut),
      );
    else assert.equal(await popup.locator('#pp-shortcut').count(), 0);

    await popup.keyboard.press('Enter');
    await waitForView(page);
    assert.match(
      (await page.locator('care-mode-root article h1').textContent()) ?? '',
      /上海国际友好城市合作论坛/,
    );
    await waitFor('the leave label', mainLabel, (l) => l === leave);

    await popup.locator('[data-cm-button="toggle"]').click();
    await waitForView(page, false);
    await waitFor('the enter label', mainLabel, (l) => l === enter);
  });

  test('text size and colours change an open care view at once', async () => {
    await popup.locator('[data-cm-button="toggle"]').click();
    await waitForView(page);
    assert.deepEqual(await viewLooks(page), { size: '24px', theme: 'light' });

    await popup.locator('[data-cm-button="size-up"]').click();
    await popup.locator('[data-cm-button="size-up"]').click();
    await waitFor(
      'the view at 32px',
      () => viewLooks(page),
      (v) => v.size === '32px',
    );
    assert.equal(await popup.locator('output').textContent(), await msg('pixels', '32'));

    // Arrow keys move through the colour radio group, as in any radio group.
    await popup.locator('input[name="theme"][value="auto"]').focus();
    await popup.keyboard.press('ArrowDown');
    await popup.locator('input[name="theme"][value="dark"]').check();
    await waitFor(
      'the dark view',
      () => viewLooks(page),
      (v) => v.theme === 'dark',
    );

    await popup.locator('[data-cm-button="size-down"]').click();
    await popup.locator('[data-cm-button="size-down"]').click();
    await popup.locator('input[name="theme"][value="auto"]').check();
    await waitFor(
      'the view back at 24px, light',
      () => viewLooks(page),
      (v) => v.size === '24px' && v.theme === 'light',
    );
    await popup.locator('[data-cm-button="toggle"]').click();
    await waitForView(page, false);
  });

  test('"always use care mode on this site" lists the site; the next load opens by itself', async () => {
    const box = popup.locator('input[name="always-on"]');
    assert.match((await popup.locator('[data-popup="site"]').textContent()) ?? '', /127\.0\.0\.1/);
    assert.equal(await box.isChecked(), false);
    await box.check();
    await waitFor(
      'registration',
      () => registeredMatches(b),
      (m) => m.length > 0,
    );
    await waitFor(
      'the box checked',
      () => box.isChecked(),
      (c) => c,
    );

    await page.reload();
    await waitForView(page);

    await box.uncheck();
    await waitFor(
      'no registration',
      () => registeredMatches(b),
      (m) => m.length === 0,
    );
    await page.reload();
    await page.waitForLoadState('load');
    // The registered script is gone, so nothing can open: give a late one a moment to show.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('care-mode-root').count(), 0);
  });

  test('passes axe-core (AAA), light and dark, on a page it can and cannot run on', async () => {
    assert.deepEqual(await axeViolations(popup), [], 'popup, light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(popup), [], 'popup, dark');
    await popup.emulateMedia({ colorScheme: 'light' });

    // Where extensions may not run, it says so and offers no main button.
    const browserPage = await b.context.newPage();
    await browserPage.goto('chrome://version');
    // Without the tabs permission a browser page's address is hidden: it is the active tab.
    await browserPage.bringToFront();
    const tabId = await b.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? -1;
    });
    assert.ok(tabId >= 0, 'found the chrome://version tab');
    const blocked = await b.context.newPage();
    await blocked.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
    await blocked.locator('[data-popup="blocked"]').waitFor();
    assert.equal(
      await blocked.locator('[data-popup="blocked"]').textContent(),
      await msg('cannotRunHere'),
    );
    assert.equal(await blocked.locator('[data-cm-button="toggle"]').count(), 0);
    assert.deepEqual(await axeViolations(blocked), [], 'popup where it cannot run');
    await blocked.close();
    await browserPage.close();
  });

  test('every control is reachable by keyboard, with a visible focus ring', async () => {
    await popup.bringToFront();
    await popup.locator('[data-cm-button="toggle"]').focus();
    // Tab forward through everything, then back to the start: each stop shows a focus ring.
    const seen: string[] = [];
    const visit = async (key: string) => {
      await popup.keyboard.press(key);
      const info = await popup.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        // Radios show their ring on the choice around them (.op-choice:has(:focus-visible)).
        const ringed = el?.closest('.op-choice') ?? el;
        return {
          name: el?.getAttribute('data-cm-button') ?? el?.getAttribute('name') ?? el?.tagName ?? '',
          ring:
            el?.matches(':focus-visible') && ringed
              ? getComputedStyle(ringed).outlineStyle
              : 'none',
        };
      });
      seen.push(info.name);
      assert.notEqual(info.ring, 'none', `focus ring on ${info.name}`);
    };
    for (let i = 0; i < 5; i++) await visit('Tab');
    for (let i = 0; i < 5; i++) await visit('Shift+Tab');
    for (const name of ['toggle', 'size-down', 'size-up', 'theme', 'always-on', 'options'])
      assert.ok(seen.includes(name), `${name} reached by Tab (saw ${seen.join(', ')})`);
  });

  test('a caregiver can make the button switch care mode in one click, and back', async () => {
    const getPopup = () => b.worker.evaluate(() => chrome.action.getPopup({}));
    await waitFor('the popup set', getPopup, (p) => p.endsWith('/popup.html'));
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    await options.locator('input[name="toolbarButton"][value="toggle"]').check();
    await waitFor('no popup', getPopup, (p) => p === '');

    // With no popup, the button's click reaches action.onClicked: one click toggles.
    await page.bringToFront();
    const click = () =>
      b.worker.evaluate(async (url) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        // dispatch() runs the real listeners; it exists on Chrome's events but not in their types.
        (chrome.action.onClicked as unknown as { dispatch(t: unknown): void }).dispatch(tab);
      }, page.url());
    await click();
    await waitForView(page);
    await click();
    await waitForView(page, false);

    await options.locator('input[name="toolbarButton"][value="panel"]').check();
    await waitFor('the popup back', getPopup, (p) => p.endsWith('/popup.html'));
    await options.close();
  });

  test('"All settings" opens the options page offering this site', async () => {
    await popup.locator('[data-cm-button="options"]').click();
    const options = await waitFor(
      'the options page',
      async () => b.context.pages().find((p) => p.url().endsWith('/options.html')),
      (p) => p !== undefined,
    );
    await options
      ?.locator('[data-cm-button="add-current-site"]', { hasText: '127.0.0.1' })
      .waitFor();
  });
});
