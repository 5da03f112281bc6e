import browser, { type Runtime, type Scripting } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import {
  isExtensionPageSender,
  isMessage,
  isOwnSender,
  OPTIONS_FROM_HOST_KEY,
} from '../lib/messages';
import { PREFS_KEY } from '../lib/prefs/schema';
import { originsFor } from '../lib/prefs/sites';
import { loadSettings, WHERE_KEY } from '../lib/prefs/store';
import { sameSite } from '../lib/site';

/**
 * Wires the toolbar button, the shortcut, content-script reports and the listed sites'
 * automatic content script. No page logic here.
 */

const CONTENT_SCRIPT = '/content-scripts/content.js';
/** The one runtime-registered content script: the reader's listed sites. */
const AUTO_SCRIPT_ID = 'care-auto';

// Firefox builds are MV2, where the toolbar button is browserAction.
const action = browser.action ?? browser.browserAction;

/**
 * Enters or leaves care mode in a tab (injecting the content script if needed). Resolves to
 * the new state, or null where the extension may not run (browser pages, the web store).
 */
async function toggle(tabId: number | undefined): Promise<boolean | null> {
  if (tabId === undefined) return null;
  const ask = async () => (await browser.tabs.sendMessage(tabId, { type: 'care:toggle' })) === true;
  try {
    return await ask();
  } catch {
    // Not injected yet (or the page navigated): inject, then ask again.
    try {
      // Tell the script it came for a toggle, so it does not also open by itself on a
      // listed site (the toggle would then close it again).
      await browser.scripting.executeScript({
        target: { tabId },
        func: () => {
          (globalThis as unknown as Record<string, boolean>).__careModeOnDemand = true;
        },
      });
      await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
      return await ask();
    } catch {
      // Browser pages and the web store refuse scripts; the badge says so.
      await action.setBadgeText({ tabId, text: '×' });
      await action.setTitle({
        tabId,
        title: browser.i18n.getMessage('cannotRunHere') || 'Care Mode cannot run on this page',
      });
      return null;
    }
  }
}

/** The listed sites' origins the reader has granted: exactly where the script may run. */
async function grantedMatches(sites: readonly string[]): Promise<string[]> {
  const origins = [...new Set(sites.flatMap(originsFor))];
  const granted = await Promise.all(
    origins.map((origin) => browser.permissions.contains({ origins: [origin] }).catch(() => false)),
  );
  return origins.filter((_, i) => granted[i]);
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Registers the content script for exactly the listed, permitted sites; updates it when they
 * change; unregisters it when none are left. Serialized, so overlapping events cannot race.
 */
function syncAutoScript(): Promise<void> {
  const step = async () => {
    const { settings } = await loadSettings(browser.storage.sync, browser.storage.local);
    const matches = await grantedMatches(settings.sites);
    const existing = await browser.scripting.getRegisteredContentScripts({
      ids: [AUTO_SCRIPT_ID],
    });
    if (matches.length === 0) {
      if (existing.length > 0)
        await browser.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
    } else {
      const script: Scripting.RegisteredContentScript = {
        id: AUTO_SCRIPT_ID,
        matches,
        js: [CONTENT_SCRIPT],
        runAt: 'document_idle',
      };
      if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
      else await browser.scripting.registerContentScripts([script]);
    }
  };
  syncing = syncing.then(step).catch((error: unknown) => {
    console.error('Care Mode: could not update the listed sites', error);
  });
  return syncing;
}

/**
 * Care mode follows the reader's links: storage.session (background only, survives the service
 * worker sleeping) maps a tab whose reader followed a link from the care view to the host
 * they left. When that tab's next page has loaded on the same site, care mode opens there too.
 * It can only where the extension may run: Chromium keeps activeTab across same-origin
 * navigations, and listed sites have host permission; elsewhere the tab is forgotten.
 */
const followKey = (tabId: number) => `care.follow.${tabId}`;

async function rememberFollow(tabId: number, url: string): Promise<void> {
  try {
    const host = new URL(url).hostname;
    if (host) await browser.storage.session.set({ [followKey(tabId)]: host });
  } catch {
    // No session storage: links from care mode open as plain pages.
  }
}

async function forgetFollow(tabId: number): Promise<void> {
  try {
    await browser.storage.session.remove(followKey(tabId));
  } catch {
    // Nothing stored.
  }
}

async function resumeFollowed(tabId: number): Promise<void> {
  const key = followKey(tabId);
  let from: unknown;
  try {
    from = (await browser.storage.session.get(key))[key];
  } catch {
    return;
  }
  if (typeof from !== 'string') return;
  try {
    // Throws where we may not run (another origin without activeTab or permission).
    const [probe] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => location.hostname,
    });
    const host: unknown = probe?.result;
    if (typeof host !== 'string' || !sameSite(host, from)) throw new Error('left the site');
    await browser.scripting.executeScript({
      target: { tabId },
      func: () => {
        (globalThis as unknown as Record<string, boolean>).__careModeOnDemand = true;
      },
    });
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
    await browser.tabs.sendMessage(tabId, { type: 'care:resume' });
  } catch {
    await forgetFollow(tabId);
  }
}

/** Opens the options page, telling it (through session storage) which site it came from. */
async function openOptions(host: string | undefined): Promise<void> {
  try {
    await browser.storage.session.set({ [OPTIONS_FROM_HOST_KEY]: host ?? '' });
  } catch {
    // No session storage: the page simply offers no "this site" button.
  }
  await browser.runtime.openOptionsPage();
}

/** The popup as the manifest names it (WXT builds entrypoints/popup to popup.html). */
const POPUP_PAGE = 'popup.html';

/**
 * The toolbar button opens the popup, or — when a caregiver chose one-click for the reader —
 * no popup, so the button's click reaches action.onClicked and toggles at once.
 */
async function applyToolbarButton(): Promise<void> {
  const { settings } = await loadSettings(browser.storage.sync, browser.storage.local);
  await action.setPopup({ popup: settings.toolbarButton === 'toggle' ? '' : POPUP_PAGE });
}

/** Storage keys that hold the site list (see lib/prefs/schema.ts and store.ts). */
const touchesSites = (keys: string[]) =>
  keys.some((k) => k.startsWith('sites.') || k === WHERE_KEY);

export default defineBackground(() => {
  // Fires only when no popup is set (see the toolbarButton setting).
  action.onClicked.addListener((tab) => void toggle(tab.id));
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-care-mode') void toggle(tab?.id);
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isOwnSender(sender, browser.runtime.id) || !isMessage(message)) return undefined;
    const fromExtensionPage = isExtensionPageSender(
      sender,
      browser.runtime.id,
      browser.runtime.getURL('/'),
    );
    // The popup's main button. Never from a content script: a page must not switch other tabs.
    if (message.type === 'care:toggle-tab')
      return fromExtensionPage ? toggle(message.tabId) : undefined;
    if (message.type === 'care:state' && sender.tab?.id !== undefined) {
      void action.setBadgeText({
        tabId: sender.tab.id,
        text: message.on ? browser.i18n.getMessage('badgeOn') || 'ON' : '',
      });
    }
    // The reader left a care view by a link: keep care mode on for the tab's next page.
    if (message.type === 'care:follow' && sender.tab?.id !== undefined && sender.url)
      void rememberFollow(sender.tab.id, sender.url);
    // The reader turned care mode off: links no longer carry it.
    if (message.type === 'care:state' && !message.on && sender.tab?.id !== undefined)
      void forgetFollow(sender.tab.id);
    // Only a content script (a tab) or our popup reports the page it came from.
    if (message.type === 'care:open-options') {
      void openOptions(sender.tab !== undefined || fromExtensionPage ? message.host : '');
    }
    return undefined;
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void resumeFollowed(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetFollow(tabId));

  browser.runtime.onInstalled.addListener((details) => {
    void syncAutoScript();
    // First install: the options page is where a family member sets things up. A new tab
    // (openOptionsPage would take over a blank tab the reader may be about to use).
    if (details.reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/options.html') });
  });
  browser.runtime.onStartup.addListener(() => void syncAutoScript());
  // Every time the worker starts: cheap, and right even if the browser forgot it.
  void applyToolbarButton().catch(() => undefined);
  browser.permissions.onAdded.addListener(() => void syncAutoScript());
  browser.permissions.onRemoved.addListener(() => void syncAutoScript());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' && area !== 'local') return;
    const keys = Object.keys(changes);
    if (touchesSites(keys)) void syncAutoScript();
    if (keys.includes(PREFS_KEY) || keys.includes(WHERE_KEY))
      void applyToolbarButton().catch(() => undefined);
  });
});
