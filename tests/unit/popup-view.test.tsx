import { describe, expect, it, vi } from 'vitest';
import {
  type PopupActions,
  PopupView,
  type PopupViewProps,
} from '../../components/popup/PopupView.tsx';
import { defaultSettings, FONT_SIZE_STEPS } from '../../lib/prefs/schema.ts';
import { click, loadMessages, makeT, mountNode } from './support.tsx';

const EN = loadMessages('en');
const ZH = loadMessages('zh_CN');
const requested = new Set<string>();
const t = makeT(EN, requested);

function mount(overrides: Partial<PopupViewProps> = {}) {
  const actions = {
    toggle: vi.fn(),
    save: vi.fn(),
    setAlwaysOn: vi.fn(),
    openOptions: vi.fn(),
  } satisfies PopupActions;
  let props: PopupViewProps = {
    tab: { kind: 'ready', on: false, host: 'www.163.com' },
    settings: defaultSettings(),
    site: { pattern: 'www.163.com', listedBy: null, granted: false },
    t,
    actions,
    status: '',
    trustedOnly: false,
    ...overrides,
  };
  const m = mountNode(<PopupView {...props} />);
  const rerender = (next: Partial<PopupViewProps>) => {
    props = { ...props, ...next };
    m.rerender(<PopupView {...props} />);
  };
  return { ...m, actions, rerender };
}

const mainButton = (q: (s: string) => HTMLElement | null) => q('[data-cm-button="toggle"]');

describe('the popup', () => {
  it('opens focused on its main button, which enters care mode', () => {
    const { q, actions } = mount();
    const main = mainButton(q);
    expect(main?.textContent).toBe(EN.enterCareMode?.message);
    expect(document.activeElement).toBe(main);
    click(main);
    expect(actions.toggle).toHaveBeenCalledTimes(1);
  });

  it('offers to leave when care mode is on, and names the shortcut', () => {
    const { q } = mount({ tab: { kind: 'ready', on: true, host: null }, shortcut: 'Alt+Shift+C' });
    expect(mainButton(q)?.textContent).toBe(EN.leaveCareMode?.message);
    const hint = q('#pp-shortcut');
    expect(hint?.textContent).toBe('Shortcut: Alt+Shift+C');
    expect(mainButton(q)?.getAttribute('aria-describedby')).toBe('pp-shortcut');
  });

  it('the main button comes first: nothing focusable before it', () => {
    const { container, q } = mount();
    const focusable = container.querySelectorAll('button, input, a[href], select');
    expect(focusable[0]).toBe(mainButton(q));
  });

  it('says plainly where it cannot run, and still offers the settings', () => {
    const { q, qa } = mount({ tab: { kind: 'blocked' }, site: null });
    expect(mainButton(q)).toBeNull();
    expect(q('[data-popup="blocked"]')?.textContent).toBe(EN.cannotRunHere?.message);
    expect(q('[data-popup="site"]')).toBeNull();
    expect(qa('input[name="theme"]').length).toBeGreaterThan(5);
    expect(q('[data-cm-button="options"]')).not.toBeNull();
  });

  it('shows no main button while it is still asking the tab', () => {
    const { q } = mount({ tab: { kind: 'checking' } });
    expect(mainButton(q)).toBeNull();
    expect(q('.pp-hint')?.textContent).toBe(EN.popupChecking?.message);
  });

  it('steps the text size through the same steps as the view, within the limits', () => {
    const { q, actions, rerender } = mount();
    expect(q('output')?.textContent).toBe('24 pixels');
    click(q('[data-cm-button="size-up"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ fontSize: 28 });
    click(q('[data-cm-button="size-down"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ fontSize: 22 });
    const max = FONT_SIZE_STEPS.at(-1) ?? 72;
    rerender({ settings: { ...defaultSettings(), fontSize: max } });
    click(q('[data-cm-button="size-up"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ fontSize: max });
  });

  it('offers "my own colours" only once it has been chosen on the settings page', () => {
    const { qa, rerender } = mount();
    const values = () => qa<HTMLInputElement>('input[name="theme"]').map((i) => i.value);
    expect(values()).toEqual(['auto', 'light', 'dark', 'yellow', 'cream', 'dim']);
    rerender({ settings: { ...defaultSettings(), theme: 'custom' } });
    expect(values()).toContain('custom');
  });

  it('changes the colours with a radio group showing the current one', () => {
    const { q, actions } = mount({ settings: { ...defaultSettings(), theme: 'yellow' } });
    expect(q<HTMLInputElement>('input[name="theme"][value="yellow"]')?.checked).toBe(true);
    click(q('input[name="theme"][value="dark"]'));
    expect(actions.save).toHaveBeenLastCalledWith({ theme: 'dark' });
  });

  it('"always on this site": unchecked until listed and allowed; each way calls the action', () => {
    const { q, actions, rerender } = mount();
    const box = () => q<HTMLInputElement>('input[name="always-on"]');
    expect(box()?.checked).toBe(false);
    expect(box()?.closest('label')?.textContent).toBe('Always use Care Mode on www.163.com');
    click(box());
    expect(actions.setAlwaysOn).toHaveBeenLastCalledWith(true);

    // Listed but the browser refused: not on, and a click asks again.
    rerender({ site: { pattern: 'www.163.com', listedBy: 'www.163.com', granted: false } });
    expect(box()?.checked).toBe(false);

    rerender({ site: { pattern: 'www.163.com', listedBy: 'www.163.com', granted: true } });
    expect(box()?.checked).toBe(true);
    click(box());
    expect(actions.setAlwaysOn).toHaveBeenLastCalledWith(false);
  });

  it('a site covered by a wider pattern says so instead of offering a box', () => {
    const { q } = mount({
      tab: { kind: 'ready', on: false, host: 'www.beijing.gov.cn' },
      site: { pattern: 'www.beijing.gov.cn', listedBy: '*.gov.cn', granted: true },
    });
    expect(q('input[name="always-on"]')).toBeNull();
    expect(q('[data-popup="site"]')?.textContent).toContain('*.gov.cn');
  });

  it('no site control on pages without a web host', () => {
    const { q } = mount({ tab: { kind: 'ready', on: false, host: null }, site: null });
    expect(q('[data-popup="site"]')).toBeNull();
  });

  it('opens all settings, and announces results politely', () => {
    const { q, actions } = mount({ status: 'Removed www.163.com.' });
    click(q('[data-cm-button="options"]'));
    expect(actions.openOptions).toHaveBeenCalledTimes(1);
    expect(q('[role="status"]')?.textContent).toBe('Removed www.163.com.');
  });

  it('every string it uses exists in both locales', () => {
    mount({ shortcut: 'Alt+Shift+C' });
    mount({ tab: { kind: 'blocked' } });
    mount({ tab: { kind: 'checking' } });
    mount({ site: { pattern: 'a.gov.cn', listedBy: '*.gov.cn', granted: true } });
    for (const key of requested) {
      expect(EN[key], key).toBeDefined();
      expect(ZH[key], key).toBeDefined();
    }
  });

  it('in Chinese', () => {
    const { q } = mount({ t: makeT(ZH) });
    expect(mainButton(q)?.textContent).toBe('进入关怀模式');
    expect(q('input[name="always-on"]')?.closest('label')?.textContent).toBe(
      '在 www.163.com 总是使用关怀模式',
    );
  });
});
