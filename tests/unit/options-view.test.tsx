import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import {
  type OptionsActions,
  OptionsView,
  type OptionsViewProps,
} from '../../components/options/OptionsView.tsx';
import { defaultSettings, FONT_SIZE_STEPS, type Settings } from '../../lib/prefs/schema.ts';
import { click, loadMessages, makeT, mountNode } from './support.tsx';

// ------------------------------------------------------------------------------ i18n

const EN = loadMessages('en');
const ZH = loadMessages('zh_CN');
/** Every key the options page asked for, to check both locales have it. */
const requested = new Set<string>();
const t = makeT(EN, requested);
const en = (key: string, subs: string[] = []) => t(key, subs);

// ------------------------------------------------------------------------------ mounting

function makeActions(): { [K in keyof OptionsActions]: ReturnType<typeof vi.fn> } & OptionsActions {
  return {
    save: vi.fn(),
    trySpeech: vi.fn(),
    addSite: vi.fn(() => Promise.resolve(true)),
    removeSite: vi.fn(),
    allowSites: vi.fn(() => Promise.resolve(true)),
    exportSettings: vi.fn(),
    importSettings: vi.fn(),
    reset: vi.fn(),
  } as never;
}

function mount(overrides: Partial<OptionsViewProps> = {}) {
  const actions = makeActions();
  let props: OptionsViewProps = {
    settings: defaultSettings(),
    t,
    actions,
    voices: [],
    speechAvailable: true,
    granted: {},
    fromHost: null,
    status: '',
    trustedOnly: false,
    ...overrides,
  };
  const m = mountNode(<OptionsView {...props} />);
  const rerender = (next: Partial<OptionsViewProps>) => {
    props = { ...props, ...next };
    m.rerender(<OptionsView {...props} />);
  };
  return { ...m, actions, rerender };
}

function setValue(el: HTMLInputElement | HTMLSelectElement, value: string, event = 'input') {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event(event, { bubbles: true }));
  });
}

const flush = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));

// ------------------------------------------------------------------------------ tests

describe('options page: every setting of the view', () => {
  it('has a labelled control for each setting, showing the value in effect', () => {
    const settings: Settings = {
      ...defaultSettings(),
      fontSize: 28,
      lineHeight: 1.65,
      fontFamily: 'serif',
      theme: 'yellow',
      columnWidth: 'wide',
      showImages: false,
      speechRate: 1.5,
    };
    const { q, qa } = mount({ settings });
    const size = q<HTMLSelectElement>('select#font-size')!;
    expect(size.value).toBe('28');
    expect(Array.from(size.options).map((o) => Number(o.value))).toEqual([...FONT_SIZE_STEPS]);
    expect(q('label[for="font-size"]')?.textContent).toBe(en('optFontSize'));
    const checked = (name: string) =>
      q<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? null;
    expect(checked('fontFamily')).toBe('serif');
    // An off-step value is offered so the control shows what is in effect.
    expect(checked('lineHeight')).toBe('1.65');
    expect(checked('letterSpacing')).toBe('0');
    expect(checked('columnWidth')).toBe('wide');
    expect(checked('theme')).toBe('yellow');
    expect(q<HTMLInputElement>('input[name="showImages"]')!.checked).toBe(false);
    expect(q<HTMLSelectElement>('select#rate')!.value).toBe('1.5');
    expect(q<HTMLInputElement>('#colour-text')!.value).toBe('#000000');
    expect(q<HTMLInputElement>('#colour-bg')!.value).toBe('#ffffff');
    // Every radio group has a visible legend; every field a name.
    for (const fieldset of qa('fieldset'))
      expect(fieldset.querySelector('legend')?.textContent).toBeTruthy();
    for (const input of qa('input, select')) {
      const id = input.id;
      const named =
        input.getAttribute('aria-label') ||
        input.getAttribute('aria-labelledby') ||
        input.closest('label') ||
        (id && q(`label[for="${id}"]`));
      expect(named, input.outerHTML.slice(0, 80)).toBeTruthy();
    }
  });

  it('saves each change at once', () => {
    const { q, actions } = mount();
    setValue(q<HTMLSelectElement>('#font-size')!, '40', 'change');
    expect(actions.save).toHaveBeenLastCalledWith({ fontSize: 40 });
    click(q('[data-cm-button="larger"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ fontSize: 28 });
    click(q('[data-cm-button="smaller"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ fontSize: 22 });
    click(q('input[name="fontFamily"][value="kai"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ fontFamily: 'kai' });
    click(q('input[name="lineHeight"][value="2.5"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ lineHeight: 2.5 });
    click(q('input[name="letterSpacing"][value="0.1"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ letterSpacing: 0.1 });
    click(q('input[name="columnWidth"][value="narrow"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ columnWidth: 'narrow' });
    click(q('input[name="theme"][value="dim"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ theme: 'dim' });
    click(q('input[name="showImages"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ showImages: false });
    setValue(q<HTMLSelectElement>('#rate')!, '0.8', 'change');
    expect(actions.save).toHaveBeenLastCalledWith({ speechRate: 0.8 });
  });

  it('previews the settings with the reader’s own values', () => {
    const { q, rerender } = mount();
    const preview = () => q<HTMLElement>('.op-preview')!;
    expect(preview().style.getPropertyValue('--cm-font-size')).toBe('24px');
    rerender({ settings: { ...defaultSettings(), fontSize: 48, theme: 'yellow' } });
    expect(preview().style.getPropertyValue('--cm-font-size')).toBe('48px');
    expect(preview().style.getPropertyValue('--cm-bg')).toBe('#000000');
    expect(preview().style.getPropertyValue('--cm-text')).toBe('#ffff00');
  });
});

describe('own colours', () => {
  it('reads the contrast out; warns below 7:1, refuses below 4.5:1 and keeps what is saved', () => {
    const { q, actions } = mount();
    const verdict = () => q('#colour-verdict')!;
    expect(verdict().getAttribute('data-verdict')).toBe('ok');
    expect(verdict().textContent).toContain('21.0');

    // #777 on white: 4.48:1 → refused, nothing saved.
    setValue(q<HTMLInputElement>('#colour-text')!, '#777777');
    expect(verdict().getAttribute('data-verdict')).toBe('refuse');
    expect(verdict().textContent).toContain(en('contrastRefuse', ['4.4']));
    expect(actions.save).not.toHaveBeenCalled();

    // #666 on white: 5.74:1 → saved with a warning.
    setValue(q<HTMLInputElement>('#colour-text')!, '#666');
    expect(verdict().getAttribute('data-verdict')).toBe('warn');
    expect(actions.save).toHaveBeenLastCalledWith({ customText: '#666666', customBg: '#ffffff' });

    // Half-typed codes are explained, not saved.
    setValue(q<HTMLInputElement>('#colour-bg')!, '#ff');
    expect(verdict().textContent).toContain(en('colourInvalid'));
    expect(q('#colour-bg')!.getAttribute('aria-invalid')).toBe('true');
    expect(actions.save).toHaveBeenCalledTimes(1);
  });
});

describe('read-aloud voice', () => {
  it('lists Chinese and English voices in groups, the default first', () => {
    const { q } = mount({
      voices: [
        { uri: 'a', name: 'Tingting', lang: 'zh-CN' },
        { uri: 'b', name: 'Daniel', lang: 'en-GB' },
        { uri: 'c', name: 'Thomas', lang: 'fr-FR' },
      ],
    });
    const select = q<HTMLSelectElement>('#voice')!;
    expect(select.options[0]!.value).toBe('');
    const groups = Array.from(select.querySelectorAll('optgroup')).map((g) => [
      g.label,
      Array.from(g.querySelectorAll('option')).map((o) => o.value),
    ]);
    expect(groups).toEqual([
      [en('voiceGroupZh'), ['a']],
      [en('voiceGroupEn'), ['b']],
    ]);
  });

  it('keeps a saved voice that this computer lacks, and says so', () => {
    const { q } = mount({ settings: { ...defaultSettings(), speechVoice: 'gone' } });
    const select = q<HTMLSelectElement>('#voice')!;
    expect(select.value).toBe('gone');
    expect(select.selectedOptions[0]!.textContent).toBe(en('voiceMissing'));
  });

  it('plays a sample with the saved voice and speed', () => {
    const { q, actions } = mount({ settings: { ...defaultSettings(), speechRate: 1.2 } });
    click(q('[data-cm-button="try-voice"]'));
    expect(actions.trySpeech).toHaveBeenCalledWith('', 1.2);
  });
});

describe('site list', () => {
  const submit = (q: ReturnType<typeof mount>['q'], text: string) => {
    setValue(q<HTMLInputElement>('#site-input')!, text);
    act(() => {
      q('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
  };

  it('explains invalid input, keeps it for correcting, and saves nothing', () => {
    const { q, actions } = mount({ settings: { ...defaultSettings(), sites: ['www.163.com'] } });
    submit(q, 'baidu');
    expect(q('#site-error')!.getAttribute('role')).toBe('alert');
    expect(q('#site-error')!.textContent).toContain(en('siteInvalid'));
    expect(q<HTMLInputElement>('#site-input')!.value).toBe('baidu');
    expect(q('#site-input')!.getAttribute('aria-invalid')).toBe('true');
    submit(q, 'WWW.163.com');
    expect(q('#site-error')!.textContent).toContain(en('siteDuplicate'));
    expect(actions.addSite).not.toHaveBeenCalled();
    expect(actions.save).not.toHaveBeenCalled();
  });

  it('asks for permission inside the click, with the pattern as the reader would write it', async () => {
    const { q, actions } = mount();
    submit(q, 'https://www.163.com/news/article.html');
    // Synchronously: the browser only asks during the click.
    expect(actions.addSite).toHaveBeenCalledWith('www.163.com');
    await flush();
    expect(q('#site-note')!.textContent).toContain(en('siteAdded', ['www.163.com']));
    expect(q<HTMLInputElement>('#site-input')!.value).toBe('');
  });

  it('says so when the permission is refused', async () => {
    const actions = makeActions();
    actions.addSite = vi.fn(() => Promise.resolve(false));
    const { q } = mount({ actions });
    submit(q, '*.gov.cn');
    await flush();
    expect(q('#site-error')!.textContent).toContain(en('sitePermissionDenied', ['*.gov.cn']));
    expect(q<HTMLInputElement>('#site-input')!.value).toBe('*.gov.cn');
  });

  it('shows each site with its permission; allows and removes', () => {
    const { q, qa, actions } = mount({
      settings: { ...defaultSettings(), sites: ['www.163.com', '*.gov.cn', 'news.qq.com'] },
      granted: { 'www.163.com': true, '*.gov.cn': false },
    });
    const rows = qa('li[data-site]');
    expect(rows.map((r) => r.dataset.site)).toEqual(['www.163.com', '*.gov.cn', 'news.qq.com']);
    expect(rows[0]!.textContent).toContain(en('siteAllowed'));
    expect(rows[1]!.textContent).toContain(en('siteNotAllowed'));
    expect(rows[2]!.textContent).toContain(en('siteChecking'));
    expect(rows[0]!.querySelector('[data-cm-button="allow-site"]')).toBeNull();
    click(rows[1]!.querySelector('[data-cm-button="allow-site"]'));
    expect(actions.allowSites).toHaveBeenLastCalledWith(['*.gov.cn']);
    click(q('[data-cm-button="allow-all-sites"]'));
    expect(actions.allowSites).toHaveBeenLastCalledWith(['*.gov.cn']);
    click(rows[2]!.querySelector('[data-cm-button="remove-site"]'));
    expect(actions.removeSite).toHaveBeenCalledWith('news.qq.com');
  });

  it('offers the site the reader came from, unless it is listed', () => {
    const { q, rerender, actions } = mount({ fromHost: 'www.163.com' });
    const button = () => q('[data-cm-button="add-current-site"]');
    expect(button()!.textContent).toContain('www.163.com');
    click(button());
    expect(actions.addSite).toHaveBeenCalledWith('www.163.com');
    rerender({ settings: { ...defaultSettings(), sites: ['www.163.com'] } });
    expect(button()).toBeNull();
  });
});

describe('caregiver setup', () => {
  const choose = async (q: ReturnType<typeof mount>['q'], text: string) => {
    const input = q<HTMLInputElement>('#import-file')!;
    const file = new File([text], 'settings.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    await flush();
  };

  it('exports through the action', () => {
    const { q, actions } = mount();
    click(q('[data-cm-button="export"]'));
    expect(actions.exportSettings).toHaveBeenCalledTimes(1);
  });

  it('imports a good file; a bad one is refused with a reason and changes nothing', async () => {
    const { q, actions } = mount();
    await choose(q, '{"not": "ours"}');
    expect(q('#caregiver-error')!.textContent).toContain(en('importNotOurs'));
    expect(actions.importSettings).not.toHaveBeenCalled();
    const good = {
      app: 'care-mode',
      kind: 'settings',
      settings: { ...defaultSettings(), fontSize: 56 },
    };
    await choose(q, JSON.stringify(good));
    expect(actions.importSettings).toHaveBeenCalledWith({ ...defaultSettings(), fontSize: 56 });
    expect(q('#caregiver-note')!.textContent).toContain(en('importDone'));
    expect(q('#caregiver-error')).toBeNull();
  });

  it('resets only after a confirmation that opens on "keep my settings"', () => {
    const { q, actions } = mount();
    click(q('[data-cm-button="reset"]'));
    expect(actions.reset).not.toHaveBeenCalled();
    expect(q('.op-confirm legend')!.textContent).toBe(en('resetQuestion'));
    expect(document.activeElement?.getAttribute('data-cm-button')).toBe('reset-cancel');
    click(q('[data-cm-button="reset-cancel"]'));
    expect(q('.op-confirm')).toBeNull();
    expect(document.activeElement?.getAttribute('data-cm-button')).toBe('reset');
    expect(actions.reset).not.toHaveBeenCalled();
    click(q('[data-cm-button="reset"]'));
    click(q('[data-cm-button="reset-confirm"]'));
    expect(actions.reset).toHaveBeenCalledTimes(1);
    expect(q('#caregiver-note')!.textContent).toContain(en('resetDone'));
  });
});

describe('language', () => {
  it('takes every string from _locales, in both languages', () => {
    // Mount once in Chinese too, with everything visible.
    const zh = makeT(ZH);
    const { container } = mount({
      t: zh,
      settings: { ...defaultSettings(), sites: ['www.163.com'] },
      granted: { 'www.163.com': false },
      fromHost: 'news.qq.com',
      status: zh('saved'),
    });
    expect(container.textContent).toContain(ZH.optionsTitle!.message);
    for (const key of requested) {
      expect(EN[key]?.message, `en: ${key}`).toBeTruthy();
      expect(ZH[key]?.message, `zh_CN: ${key}`).toBeTruthy();
    }
    expect(requested.size).toBeGreaterThan(60);
  });
});
