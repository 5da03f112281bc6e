import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

/**
 * What the component tests share: the real _locales files with chrome.i18n.getMessage
 * semantics, and mounting a component into the document (unmounted after each test).
 */

export interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Messages = Record<string, Message>;

export const loadMessages = (locale: string): Messages =>
  JSON.parse(
    readFileSync(resolve(process.cwd(), 'public/_locales', locale, 'messages.json'), 'utf8'),
  ) as Messages;

/**
 * chrome.i18n.getMessage: named placeholders → $n substitutions, '$$' → '$', '' when the key is
 * missing. Every key asked for is added to `requested`, to check both locales have it.
 */
export function makeT(messages: Messages, requested?: Set<string>) {
  return (key: string, subs: string[] = []): string => {
    requested?.add(key);
    const entry = Object.hasOwn(messages, key) ? messages[key] : undefined;
    if (!entry) return '';
    const sub = (s: string) => s.replace(/\$([1-9])/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const ph = entry.placeholders?.[name.toLowerCase()];
        return ph ? sub(ph.content) : whole;
      })
      .replace(/\$\$/g, '$');
  };
}

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const container of mounted.splice(0)) {
    act(() => render(null, container));
    container.remove();
  }
});

/** Renders into a fresh container in the document; `rerender` replaces the tree. */
export function mountNode(node: ComponentChild) {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  act(() => render(node, container));
  return {
    container,
    rerender: (next: ComponentChild) => act(() => render(next, container)),
    q: <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector),
    qa: <E extends Element = HTMLElement>(selector: string) =>
      Array.from(container.querySelectorAll<E>(selector)),
  };
}

export function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  act(() => {
    (el as HTMLElement).click();
  });
}

/** A click event dispatched on any element, as a page script would (never isTrusted). */
export function dispatchClick(target: Element) {
  act(() => {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}

/** A keydown dispatched on the target, bubbling and cancelable like a real key press. */
export function keydown(target: Element, key: string, init: KeyboardEventInit = {}) {
  act(() => {
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
}
