import browser, { type Runtime, type Tabs } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { isMessage, isOwnSender } from '../lib/messages';

/** Wires the toolbar button, the shortcut and content-script reports. No page logic here. */

const CONTENT_SCRIPT = '/content-scripts/content.js';

async function toggle(tab: Tabs.Tab | undefined): Promise<void> {
  const tabId = tab?.id;
  if (tabId === undefined) return;
  try {
    await browser.tabs.sendMessage(tabId, { type: 'care:toggle' });
  } catch {
    // Not injected yet (or the page navigated): inject, then ask again.
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
      await browser.tabs.sendMessage(tabId, { type: 'care:toggle' });
    } catch {
      // Browser pages and the web store refuse scripts; the badge says so.
      await browser.action.setBadgeText({ tabId, text: '×' });
      await browser.action.setTitle({
        tabId,
        title: browser.i18n.getMessage('cannotRunHere') || 'Care Mode cannot run on this page',
      });
    }
  }
}

export default defineBackground(() => {
  browser.action.onClicked.addListener((tab) => void toggle(tab));
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-care-mode') void toggle(tab);
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isOwnSender(sender, browser.runtime.id) || !isMessage(message)) return undefined;
    if (message.type === 'care:state' && sender.tab?.id !== undefined) {
      void browser.action.setBadgeText({
        tabId: sender.tab.id,
        text: message.on ? browser.i18n.getMessage('badgeOn') || 'ON' : '',
      });
    }
    if (message.type === 'care:open-options') void browser.runtime.openOptionsPage();
    return undefined;
  });
});
