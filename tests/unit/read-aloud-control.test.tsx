import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ReaderView } from '../../components/reader/ReaderView.tsx';
import { BLOCK_ATTR } from '../../components/speech/blocks.ts';
import { MARK_CLASS } from '../../components/speech/highlight.ts';
import { ReadAloud, type ReadAloudProps } from '../../components/speech/ReadAloud.tsx';
import type { SpeechBackend } from '../../components/speech/types.ts';
import type { Article } from '../../lib/article/types.ts';
import { defaultSettings, type Settings } from '../../lib/prefs/schema.ts';
import type { SpeechEngine, SpeechHandlers, SpeechRequest } from '../../lib/speech/queue.ts';
import type { VoiceInfo } from '../../lib/speech/voices.ts';
import { loadMessages, makeT, mountNode } from './support.tsx';

// ------------------------------------------------------------------------------ i18n

const EN = loadMessages('en');
const ZH = loadMessages('zh_CN');
const requested = new Set<string>();
const t = makeT(EN, requested);
const msg = (key: string) => EN[key]!.message;

// ------------------------------------------------------------------------------ fake engine

/** Records every call; the test decides when an utterance ends or fails. */
class FakeBackend implements SpeechBackend {
  calls: string[] = [];
  spoken: { request: SpeechRequest; handlers: SpeechHandlers }[] = [];
  list: VoiceInfo[] = [
    { voiceURI: 'zh-a', name: '婷婷', lang: 'zh-CN' },
    { voiceURI: 'zh-b', name: '晓晓', lang: 'zh-CN', localService: true },
    { voiceURI: 'en-a', name: 'Samantha', lang: 'en-US' },
  ];
  private listeners = new Set<() => void>();
  engine: SpeechEngine = {
    speak: (request, handlers) => {
      this.calls.push(`speak:${request.text}`);
      this.spoken.push({ request, handlers });
    },
    cancel: () => this.calls.push('cancel'),
    pause: () => this.calls.push('pause'),
    resume: () => this.calls.push('resume'),
  };
  voices = () => this.list;
  voicesReady = () => Promise.resolve();
  onVoicesChanged = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  setVoices(list: VoiceInfo[]) {
    this.list = list;
    for (const l of this.listeners) l();
  }
  get texts() {
    return this.spoken.map((s) => s.request.text);
  }
  get last() {
    return this.spoken.at(-1)!;
  }
  /** The engine finished the utterance it was given last. */
  end() {
    act(() => this.last.handlers.onEnd());
  }
}

// ------------------------------------------------------------------------------ the view

const article: Article = {
  title: '养老服务新政策',
  byline: '',
  siteName: '新华网',
  lang: 'zh-CN',
  dir: 'ltr',
  publishedTime: '',
  content: '',
  text: '第一段第一句。第一段第二句！',
  images: [],
  url: 'https://www.news.cn/a.htm',
};

function sampleBody(): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const p1 = document.createElement('p');
  p1.append(
    '第一段第一句。',
    Object.assign(document.createElement('a'), { href: '#x' }),
    '第一段第二句！',
  );
  p1.querySelector('a')!.textContent = '链接';
  const pre = document.createElement('pre');
  pre.textContent = 'const x = 1;';
  const p2 = document.createElement('p');
  p2.textContent = '第二段。';
  const p3 = document.createElement('p');
  p3.textContent = '第三段。';
  fragment.append(p1, pre, p2, p3);
  return fragment;
}

function mount(
  options: {
    settings?: Partial<Settings>;
    backend?: FakeBackend;
    props?: Partial<ReadAloudProps>;
  } = {},
) {
  const backend = options.backend ?? new FakeBackend();
  const settings = { ...defaultSettings(), ...options.settings };
  const body = sampleBody();
  const view = (s: Settings) => (
    <ReaderView
      article={article}
      body={body}
      error={null}
      settings={s}
      t={t}
      actions={{
        exit: () => act(() => render(null, container)),
        setFontSize: () => undefined,
        setTheme: () => undefined,
        setShowImages: () => undefined,
        openSettings: () => undefined,
      }}
      trustedOnly={false}
      toolbarExtra={
        <ReadAloud
          backend={backend}
          article={article}
          settings={s}
          t={t}
          uiLang="en"
          trustedOnly={false}
          highlightMode="mark"
          {...options.props}
        />
      }
    />
  );
  const { container, q, rerender: replace } = mountNode(view(settings));
  const button = (name: string) => q<HTMLButtonElement>(`[data-cm-button="${name}"]`);
  const press = async (name: string) => {
    const b = button(name);
    if (!b) throw new Error(`no button ${name}`);
    await act(async () => {
      b.click();
    });
  };
  const key = async (target: Element, k: string) => {
    await act(async () => {
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }),
      );
    });
  };
  const marked = () =>
    Array.from(container.querySelectorAll(`mark.${MARK_CLASS}`))
      .map((m) => m.textContent)
      .join('');
  const status = () => q('.cm-speech [role="status"]')?.textContent ?? '';
  const paragraphs = () => Array.from(container.querySelectorAll<HTMLElement>('.cm-body p'));
  const rerender = (s: Partial<Settings>) => replace(view({ ...settings, ...s }));
  return { backend, container, q, button, press, key, marked, status, paragraphs, rerender };
}

describe('ReadAloud control', () => {
  it('shows one labelled Play button in the toolbar until reading starts', () => {
    const { q, button } = mount();
    const group = q('.cm-toolbar fieldset.cm-speech');
    expect(group?.getAttribute('aria-label')).toBe(msg('speechGroup'));
    expect(button('speech-play')?.textContent).toContain(msg('readAloud'));
    expect(button('speech-play')?.getAttribute('aria-describedby')).toBeTruthy();
    expect(button('speech-stop')).toBeNull();
  });

  it('reads the headline first, highlights it, then moves the highlight with the queue', async () => {
    const { backend, press, marked, status, button } = mount();
    await press('speech-play');
    expect(backend.texts).toEqual(['养老服务新政策']);
    expect(backend.last.request).toMatchObject({ lang: 'zh-CN', rate: 1 });
    expect(marked()).toBe('养老服务新政策');
    expect(status()).toBe(msg('speechStatusReading'));
    expect(button('speech-play')?.textContent).toContain(msg('speechPause'));
    backend.end();
    expect(backend.texts.at(-1)).toBe('第一段第一句。');
    expect(marked()).toBe('第一段第一句。');
    backend.end();
    // The link inside the sentence is part of it; code is skipped.
    expect(backend.texts.at(-1)).toBe('链接第一段第二句！');
    expect(marked()).toBe('链接第一段第二句！');
    backend.end();
    expect(backend.texts.at(-1)).toBe('第二段。');
  });

  it('pause holds, resume says the sentence again; previous and next move by sentence', async () => {
    const { backend, press, status, button, marked } = mount();
    await press('speech-play');
    await press('speech-play'); // now "Pause"
    expect(backend.calls.at(-1)).toBe('cancel');
    expect(status()).toBe(msg('speechStatusPaused'));
    expect(button('speech-play')?.textContent).toContain(msg('speechResume'));
    const spoken = backend.texts.length;
    await press('speech-play'); // "Resume"
    expect(backend.texts).toHaveLength(spoken + 1);
    expect(backend.texts.at(-1)).toBe(backend.texts.at(-2));
    expect(status()).toBe(msg('speechStatusResumed'));
    await press('speech-next');
    expect(backend.texts.at(-1)).toBe('第一段第一句。');
    expect(marked()).toBe('第一段第一句。');
    await press('speech-previous');
    expect(backend.texts.at(-1)).toBe('养老服务新政策');
  });

  it('Space plays and pauses from anywhere in the view except controls', async () => {
    const { backend, q, key, button } = mount();
    const title = q('.cm-title')!;
    await key(title, ' ');
    expect(backend.texts).toEqual(['养老服务新政策']);
    await key(title, ' ');
    expect(backend.calls.at(-1)).toBe('cancel');
    const calls = backend.calls.length;
    // On a button or a link Space is the control's own: nothing more happens to speech.
    await key(button('textLarger') ?? button('larger')!, ' ');
    await key(q('.cm-body a')!, ' ');
    expect(backend.calls).toHaveLength(calls);
  });

  it('指读: while reading, paragraphs take focus, and click or Enter reads from there', async () => {
    const { backend, press, key, paragraphs, marked } = mount();
    const [p1, p2, p3] = paragraphs();
    expect(p1!.hasAttribute('tabindex')).toBe(false);
    // Not reading: a click on a paragraph does nothing.
    await act(async () => p2!.click());
    expect(backend.spoken).toHaveLength(0);

    await press('speech-play');
    expect(p1!.getAttribute('tabindex')).toBe('0');
    expect(p3!.getAttribute('aria-describedby')).toBeTruthy();
    await act(async () => p3!.click());
    expect(backend.texts.at(-1)).toBe('第三段。');
    expect(marked()).toBe('第三段。');
    await key(p2!, 'Enter');
    expect(backend.texts.at(-1)).toBe('第二段。');
    // Clicking the code block starts at the next block that has words.
    await act(async () => paragraphs()[0]!.parentElement!.querySelector('pre')!.click());
    expect(backend.texts.at(-1)).toBe('第二段。');
    // A link inside a paragraph keeps its own meaning.
    const count = backend.spoken.length;
    await act(async () => p1!.querySelector('a')!.click());
    expect(backend.spoken).toHaveLength(count);
  });

  it('stop cancels, removes the highlight and the extra tab stops, and keeps focus on Play', async () => {
    const { backend, press, button, marked, paragraphs, status } = mount();
    await press('speech-play');
    button('speech-stop')!.focus();
    await press('speech-stop');
    expect(backend.calls.at(-1)).toBe('cancel');
    expect(marked()).toBe('');
    expect(paragraphs()[0]!.hasAttribute('tabindex')).toBe(false);
    expect(paragraphs()[0]!.getAttribute(BLOCK_ATTR)).toBeTruthy();
    expect(status()).toBe(msg('speechStatusStopped'));
    expect(button('speech-stop')).toBeNull();
    expect(document.activeElement).toBe(button('speech-play'));
    // Play after Stop starts again at the headline.
    await press('speech-play');
    expect(backend.texts.at(-1)).toBe('养老服务新政策');
  });

  it('announces the end and offers to read again', async () => {
    const { backend, press, status, button, marked } = mount();
    await press('speech-play');
    for (let i = 0; i < 5; i++) backend.end();
    expect(status()).toBe(msg('speechStatusEnded'));
    expect(marked()).toBe('');
    expect(button('speech-play')?.textContent).toContain(msg('speechReplay'));
    await press('speech-previous');
    expect(backend.texts.at(-1)).toBe('第二段。');
  });

  it('speed and voice start from the settings and change the reading at once', async () => {
    const { backend, press, q } = mount({ settings: { speechRate: 1.5, speechVoice: 'zh-a' } });
    await press('speech-play');
    expect(backend.last.request).toMatchObject({ rate: 1.5, voiceURI: 'zh-a' });
    const rate = q<HTMLSelectElement>('[data-cm-field="speech-rate"]')!;
    expect(rate.value).toBe('1.5');
    const voice = q<HTMLSelectElement>('[data-cm-field="speech-voice"]')!;
    // Only voices that can read the article's language are offered.
    expect(Array.from(voice.options).map((o) => o.value)).toEqual(['', 'zh-b', 'zh-a']);
    expect(voice.value).toBe('zh-a');
    await act(async () => {
      rate.value = '0.75';
      rate.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(backend.last.request).toMatchObject({ text: '养老服务新政策', rate: 0.75 });
    await act(async () => {
      voice.value = 'zh-b';
      voice.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(backend.last.request).toMatchObject({ text: '养老服务新政策', voiceURI: 'zh-b' });
  });

  it('with no voice for the language says so in plain words, and nothing breaks', async () => {
    const backend = new FakeBackend();
    backend.list = [{ voiceURI: 'en-a', name: 'Samantha', lang: 'en-US' }];
    const { press, q, button } = mount({ backend });
    await press('speech-play');
    expect(backend.spoken).toHaveLength(0);
    const notice = q('[data-cm-notice="no-voice"]');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('Chinese');
    expect(notice?.textContent).toContain(msg('speechNoVoiceHelp'));
    expect(button('speech-play')?.textContent).toContain(msg('readAloud'));
    // A voice installed meanwhile clears the message, and Play works.
    act(() =>
      backend.setVoices([...backend.list, { voiceURI: 'zh', name: '婷婷', lang: 'zh-CN' }]),
    );
    expect(q('[data-cm-notice]')).toBeNull();
    await press('speech-play');
    expect(backend.texts).toEqual(['养老服务新政策']);
  });

  it('no voices at all: a message without a language name', async () => {
    const backend = new FakeBackend();
    backend.list = [];
    const { press, q } = mount({ backend });
    await press('speech-play');
    expect(q('[data-cm-notice="no-voice"]')?.textContent).toContain(msg('speechNoVoiceAtAll'));
    await press('speech-dismiss');
    expect(q('[data-cm-notice]')).toBeNull();
  });

  it('an engine failure stops with a message', async () => {
    const { backend, press, q, button } = mount();
    await press('speech-play');
    act(() => backend.last.handlers.onError('not-allowed'));
    expect(q('[data-cm-notice="error"]')?.textContent).toContain('not-allowed');
    expect(button('speech-play')?.textContent).toContain(msg('readAloud'));
    // Play goes on where it failed.
    await press('speech-play');
    expect(backend.texts.at(-1)).toBe('养老服务新政策');
  });

  it('leaving the view stops speech and removes the highlight', async () => {
    const { backend, press, container, q } = mount();
    await press('speech-play');
    backend.end();
    const p = q('.cm-body p')!;
    act(() => render(null, container));
    expect(backend.calls.at(-1)).toBe('cancel');
    expect(p.querySelector('mark')).toBeNull();
    expect(p.hasAttribute('tabindex')).toBe(false);
  });

  it('Esc (leaving care mode) stops speech too', async () => {
    const { backend, press, q, key } = mount();
    await press('speech-play');
    await key(q('.cm-title')!, 'Escape');
    expect(backend.calls.at(-1)).toBe('cancel');
  });

  it('follows a speed change made on the options page while open', async () => {
    const { backend, press, rerender } = mount();
    await press('speech-play');
    rerender({ speechRate: 2 });
    expect(backend.last.request).toMatchObject({ text: '养老服务新政策', rate: 2 });
  });

  it('every string it uses exists in both locales', () => {
    for (const key of requested) {
      expect(EN[key]?.message, `en ${key}`).toBeTruthy();
      expect(ZH[key]?.message, `zh_CN ${key}`).toBeTruthy();
    }
    expect([...requested].filter((k) => k.startsWith('speech')).length).toBeGreaterThan(15);
  });
});
