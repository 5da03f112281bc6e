import { describe, expect, it } from 'vitest';
import {
  isExtensionPageSender,
  isMessage,
  isOwnSender,
  isPageHost,
  MAX_HOST_LENGTH,
  type Message,
} from '../../lib/messages.ts';

const VALID: Message[] = [
  { type: 'care:toggle' },
  { type: 'care:exit' },
  { type: 'care:query' },
  { type: 'care:state', on: true },
  { type: 'care:state', on: false },
  { type: 'care:open-options' },
  { type: 'care:open-options', host: 'www.163.com' },
  { type: 'care:open-options', host: '127.0.0.1' },
  { type: 'care:open-options', host: 'localhost' },
  { type: 'care:open-options', host: '[::1]' },
  { type: 'care:open-options', host: 'xn--fiqs8s.cn' },
  { type: 'care:open-options', host: '中国政府网.cn' },
  { type: 'care:toggle-tab', tabId: 0 },
  { type: 'care:toggle-tab', tabId: 1234567 },
];

describe('isMessage', () => {
  it.each(VALID.map((m) => [JSON.stringify(m), m]))('accepts %s', (_, message) => {
    expect(isMessage(message)).toBe(true);
    // What actually crosses the wire is a structured clone.
    expect(isMessage(structuredClone(message))).toBe(true);
    expect(isMessage(JSON.parse(JSON.stringify(message)))).toBe(true);
  });

  it('rejects an extra key on every message', () => {
    for (const message of VALID) {
      expect(isMessage({ ...message, extra: 1 })).toBe(false);
      expect(isMessage({ ...message, __proto__: null, extra: undefined })).toBe(false);
    }
  });

  it('rejects wrong types', () => {
    for (const on of [1, 0, 'true', null, undefined, {}, []]) {
      expect(isMessage({ type: 'care:state', on })).toBe(false);
    }
    expect(isMessage({ type: 'care:state' })).toBe(false);
    expect(isMessage({ type: 'care:state', other: true })).toBe(false);
    for (const host of [
      1,
      null,
      undefined,
      true,
      {},
      ['www.163.com'],
      '',
      ' ',
      'not a host',
      '*.gov.cn',
      'javascript:alert(1)',
      'chrome://settings',
      'a'.repeat(MAX_HOST_LENGTH + 1),
      `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`,
      '<img src=x onerror=alert(1)>',
    ]) {
      expect(isMessage({ type: 'care:open-options', host }), String(host).slice(0, 40)).toBe(false);
    }
  });

  it('rejects unknown types and garbage', () => {
    for (const value of [
      null,
      undefined,
      0,
      1,
      '',
      'care:toggle',
      true,
      [],
      ['care:toggle'],
      [{ type: 'care:toggle' }],
      {},
      { type: 'care:unknown' },
      { type: 'CARE:TOGGLE' },
      { type: 'care:toggle ' },
      { type: 42 },
      { type: null },
      { type: ['care:toggle'] },
      { type: { toString: () => 'care:toggle' } },
      () => undefined,
      Symbol('care:toggle'),
      new Map([['type', 'care:toggle']]),
    ]) {
      expect(isMessage(value), String(typeof value)).toBe(false);
    }
  });

  it('rejects objects that are not plain: class instances, inherited fields', () => {
    class Forged {
      type = 'care:toggle';
    }
    expect(isMessage(new Forged())).toBe(false);
    expect(isMessage(Object.create({ type: 'care:toggle' }))).toBe(false);
    const inherited = Object.create({ on: true });
    inherited.type = 'care:state';
    expect(isMessage(inherited)).toBe(false);
    // A null-prototype object with the right fields is still a message.
    expect(isMessage(Object.assign(Object.create(null), { type: 'care:toggle' }))).toBe(true);
  });

  it('never runs getters and never throws on hostile objects', () => {
    let touched = false;
    const getter = {};
    Object.defineProperty(getter, 'type', {
      enumerable: true,
      get() {
        touched = true;
        return 'care:toggle';
      },
    });
    expect(isMessage(getter)).toBe(false);
    expect(touched).toBe(false);
    const hidden = { type: 'care:toggle' };
    Object.defineProperty(hidden, 'secret', { enumerable: false, value: 1 });
    expect(isMessage(hidden)).toBe(false);
    expect(isMessage({ type: 'care:toggle', [Symbol('x')]: 1 })).toBe(false);
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(isMessage(trap)).toBe(false);
    const revocable = Proxy.revocable({ type: 'care:toggle' }, {});
    revocable.revoke();
    expect(isMessage(revocable.proxy)).toBe(false);
  });
});

describe('isPageHost', () => {
  it('accepts plain host names and rejects patterns and junk', () => {
    expect(isPageHost('www.163.com')).toBe(true);
    expect(isPageHost('mp.weixin.qq.com')).toBe(true);
    expect(isPageHost('*.gov.cn')).toBe(false);
    expect(isPageHost('baidu')).toBe(false);
    expect(isPageHost('')).toBe(false);
    expect(isPageHost(undefined)).toBe(false);
  });
});

describe('isOwnSender', () => {
  it('trusts only this extension', () => {
    expect(isOwnSender({ id: 'abc' }, 'abc')).toBe(true);
    expect(isOwnSender({ id: 'other' }, 'abc')).toBe(false);
    expect(isOwnSender({}, 'abc')).toBe(false);
    expect(isOwnSender(undefined, 'abc')).toBe(false);
  });
});

describe('care:toggle-tab', () => {
  it('needs a plain non-negative integer tab id', () => {
    for (const tabId of [
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53,
      '3',
      null,
      undefined,
    ])
      expect(isMessage({ type: 'care:toggle-tab', tabId }), String(tabId)).toBe(false);
    expect(isMessage({ type: 'care:toggle-tab' })).toBe(false);
  });
});

describe('isExtensionPageSender', () => {
  const ORIGIN = 'chrome-extension://abc/';
  it('accepts our own pages only, never a content script in a web page', () => {
    expect(isExtensionPageSender({ id: 'abc', url: `${ORIGIN}popup.html` }, 'abc', ORIGIN)).toBe(
      true,
    );
    expect(
      isExtensionPageSender({ id: 'abc', url: 'https://www.163.com/a.html' }, 'abc', ORIGIN),
    ).toBe(false);
    expect(isExtensionPageSender({ id: 'other', url: `${ORIGIN}popup.html` }, 'abc', ORIGIN)).toBe(
      false,
    );
    expect(isExtensionPageSender({ id: 'abc' }, 'abc', ORIGIN)).toBe(false);
    expect(isExtensionPageSender(undefined, 'abc', ORIGIN)).toBe(false);
  });
});
