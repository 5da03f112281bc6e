import { normalizeSitePattern } from './prefs/sites.ts';

/**
 * The one message protocol between background, content script and extension pages.
 * Every message received is checked with isMessage before it is acted on; anything else
 * is ignored.
 */
export type Message =
  /** background → content: enter or leave care mode in this tab. */
  | { type: 'care:toggle' }
  /** background → content: leave care mode if it is on. */
  | { type: 'care:exit' }
  /** background → content: is care mode on? */
  | { type: 'care:query' }
  /** content → background: care mode is now on or off in the sender's tab. */
  | { type: 'care:state'; on: boolean }
  /**
   * content → background: the reader is following a link from the care view (a headline, the
   * "more" link, a link in an article): keep care mode on for the tab's next page on this site.
   */
  | { type: 'care:follow' }
  /** background → content: open care mode if it is off (the reader followed a link in it). */
  | { type: 'care:resume' }
  /**
   * content → background: open the options page. `host` is the page's own host name, so the
   * options page can offer "always use Care Mode on this site" without the `tabs` permission.
   */
  | { type: 'care:open-options'; host?: string }
  /**
   * popup → background: enter or leave care mode in this tab, exactly as the toolbar shortcut
   * does (inject if needed). Answered with the new state: true on, false off, null when the
   * extension may not run there. Accepted only from the extension's own pages.
   */
  | { type: 'care:toggle-tab'; tabId: number };

export type MessageType = Message['type'];

/** Longest host name a message may carry (DNS allows 253; the rest is slack for IDN forms). */
export const MAX_HOST_LENGTH = 255;

/**
 * storage.session key (extension pages only; content scripts cannot read session storage)
 * holding the host of the page whose Settings button opened the options page.
 */
export const OPTIONS_FROM_HOST_KEY = 'care.optionsFromHost';

/** A plain host name a page may report: valid as a site pattern, and not a wildcard. */
export function isPageHost(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_HOST_LENGTH)
    return false;
  const r = normalizeSitePattern(value);
  return r.ok && !r.pattern.startsWith('*.');
}

/**
 * Only plain objects with own data properties: a structured clone (what crosses between
 * contexts) never yields anything else, so anything else is forged. Never runs a getter and
 * never throws.
 */
export function isMessage(value: unknown): value is Message {
  try {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    const fields: Record<string, unknown> = {};
    const keys = Reflect.ownKeys(value);
    for (const key of keys) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (typeof key !== 'string' || !d || !('value' in d) || !d.enumerable) return false;
      fields[key] = d.value;
    }
    switch (fields.type) {
      case 'care:toggle':
      case 'care:exit':
      case 'care:query':
      case 'care:follow':
      case 'care:resume':
        return keys.length === 1;
      case 'care:open-options':
        if (keys.length === 1) return true;
        return keys.length === 2 && 'host' in fields && isPageHost(fields.host);
      case 'care:state':
        return keys.length === 2 && typeof fields.on === 'boolean';
      case 'care:toggle-tab':
        return (
          keys.length === 2 &&
          typeof fields.tabId === 'number' &&
          Number.isSafeInteger(fields.tabId) &&
          fields.tabId >= 0
        );
      default:
        return false;
    }
  } catch {
    // Only exotic objects (proxies with throwing traps) get here.
    return false;
  }
}

/**
 * A sender that is one of the extension's own pages (the popup, the options page), not a
 * content script: only those may ask to toggle another tab.
 */
export function isExtensionPageSender(
  sender: { id?: string; url?: string } | undefined,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  return Boolean(
    isOwnSender(sender, extensionId) &&
      typeof sender?.url === 'string' &&
      sender.url.startsWith(extensionOrigin),
  );
}

/** A sender is trusted only when it is this extension itself. */
export function isOwnSender(sender: { id?: string } | undefined, extensionId: string): boolean {
  return Boolean(sender && sender.id === extensionId);
}
