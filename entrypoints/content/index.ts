import browser, { type Runtime } from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isMessage, isOwnSender } from '../../lib/messages';
import { createOverlay } from './overlay';

/**
 * Injected on demand (toolbar button, shortcut) by the background; never declared for every
 * site. A second injection into the same page finds the first one and does nothing.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main() {
    const marker = '__careModeLoaded';
    const scope = globalThis as unknown as Record<string, boolean>;
    if (scope[marker]) return;
    scope[marker] = true;

    const overlay = createOverlay((on) => {
      void browser.runtime.sendMessage({ type: 'care:state', on }).catch(() => undefined);
    });

    browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
      if (!isOwnSender(sender, browser.runtime.id) || !isMessage(message)) return undefined;
      if (message.type === 'care:toggle') {
        if (overlay.isOpen()) overlay.close();
        else return overlay.open().then(() => true);
        return Promise.resolve(false);
      }
      if (message.type === 'care:exit') overlay.close();
      if (message.type === 'care:query') return Promise.resolve(overlay.isOpen());
      return undefined;
    });
  },
});
