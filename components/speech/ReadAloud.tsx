import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../../lib/article/types.ts';
import type { Settings } from '../../lib/prefs/schema.ts';
import {
  clampRate,
  HEADLINE_ID,
  type QueueChange,
  type QueueState,
  ReadingQueue,
} from '../../lib/speech/queue.ts';
import { matchingVoices, speechLang, type VoiceInfo } from '../../lib/speech/voices.ts';
import { acceptEvent, Button } from '../controls/Button.tsx';
import { safeTranslate, type Translate } from '../reader/view-model.ts';
import { BLOCK_ATTR, collectSpeechDom, type SpeechDom } from './blocks.ts';
import { type HighlightMode, SentenceHighlighter, scrollRangeIntoView } from './highlight.ts';
import type { SpeechBackend } from './types.ts';

/** The speeds offered, as multiples of the voice's normal rate. */
export const RATE_STEPS: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

const HERE_HINT_ID = 'cm-speech-here-hint';
const KEY_HINT_ID = 'cm-speech-key-hint';

/** Targets where Space and clicks keep their own meaning. */
const INTERACTIVE =
  'a[href], button, input, select, textarea, summary, label, [contenteditable], [role="button"], [role="link"], [role="dialog"], .cm-toolbar';

export interface ReadAloudProps {
  backend: SpeechBackend;
  article: Pick<Article, 'title' | 'lang' | 'text'>;
  settings: Pick<Settings, 'speechRate' | 'speechVoice'>;
  t: Translate;
  /** Language of the UI, for naming the article's language in messages. */
  uiLang?: string;
  /** Ignore untrusted (script-dispatched) clicks and keys. Default true; happy-dom tests pass false. */
  trustedOnly?: boolean;
  /** Tests force the <mark> fallback; by default the CSS Highlight API when present. */
  highlightMode?: HighlightMode;
}

interface Session {
  queue: ReadingQueue;
  dom: SpeechDom;
  highlighter: SentenceHighlighter;
  toolbar: Element | null;
  /** Index of the utterance highlighted now, -1 for none. */
  shown: number;
  /** Elements we made focusable for 指读, to put back exactly. */
  focusable: Element[];
}

type Notice = { kind: 'no-voice'; any: boolean } | { kind: 'error'; detail: string };

function isElement(target: EventTarget | null): target is Element {
  return !!target && typeof (target as Element).closest === 'function';
}

/** 'zh-CN' → '中文（中国）' in the UI language; the tag itself when Intl cannot name it. */
function languageName(lang: string, uiLang: string | undefined): string {
  try {
    const names = new Intl.DisplayNames(uiLang ? [uiLang] : undefined, { type: 'language' });
    return names.of(lang) ?? lang;
  } catch {
    return lang;
  }
}

function formatRate(rate: number): string {
  return String(Math.round(rate * 100) / 100);
}

/**
 * The read-aloud control in the care view's toolbar: play / pause / resume, stop, previous
 * and next sentence, speed and voice. It reads the headline and body as ReaderView rendered
 * them (found from its own place in the view), highlights the sentence being read, and
 * while reading lets a click or Enter on a paragraph start reading there (指读). Space plays
 * and pauses anywhere in the view except on controls.
 */
export function ReadAloud({
  backend,
  article,
  settings,
  t: rawT,
  uiLang,
  trustedOnly = true,
  highlightMode,
}: ReadAloudProps) {
  const t = useMemo(() => safeTranslate(rawT), [rawT]);
  const groupRef = useRef<HTMLFieldSetElement>(null);
  const mainRef = useRef<HTMLButtonElement>(null);
  const session = useRef<Session | null>(null);
  const [state, setState] = useState<QueueState>('idle');
  const [rate, setRate] = useState(() => clampRate(settings.speechRate));
  const [voiceChoice, setVoiceChoice] = useState(settings.speechVoice);
  const [voices, setVoices] = useState<VoiceInfo[]>(() => backend.voices());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [status, setStatus] = useState('');

  const lang = useMemo(
    () => speechLang(article.lang, `${article.title}\n${article.text.slice(0, 3000)}`),
    [article.lang, article.title, article.text],
  );
  const langVoices = useMemo(() => matchingVoices(voices, lang), [voices, lang]);
  const voiceURI = langVoices.some((v) => v.voiceURI === voiceChoice) ? voiceChoice : undefined;

  // Handlers registered once read the latest values from here.
  const latest = useRef({ rate, voiceURI, lang, t, trustedOnly, highlightMode });
  latest.current = { rate, voiceURI, lang, t, trustedOnly, highlightMode };
  /** After Stop, the next Play starts at the headline; after an error it goes on. */
  const fromTop = useRef(false);
  const startToken = useRef(0);
  const mounted = useRef(true);
  /** Whether focus was inside this control when it last changed state (see the layout effect). */
  const focusWasInside = useRef(false);
  const lastState = useRef<QueueState>('idle');

  const viewOf = (): ParentNode | null => {
    const group = groupRef.current;
    if (!group) return null;
    return group.closest('.cm-root') ?? (group.getRootNode() as ParentNode);
  };

  const setFocusable = (s: Session, on: boolean) => {
    if (on && s.focusable.length === 0) {
      for (const block of s.dom.blocks) {
        const el = block.element;
        // One stop per element (its first block); tables already scroll in a focusable wrapper.
        if (el.getAttribute(BLOCK_ATTR) !== block.id || block.kind === 'table') continue;
        if (el.hasAttribute('tabindex') || el.hasAttribute('aria-describedby')) continue;
        el.setAttribute('tabindex', '0');
        el.setAttribute('aria-describedby', HERE_HINT_ID);
        s.focusable.push(el);
      }
    } else if (!on) {
      for (const el of s.focusable) {
        el.removeAttribute('tabindex');
        el.removeAttribute('aria-describedby');
      }
      s.focusable = [];
    }
  };

  const onChange = (change: QueueChange) => {
    const s = session.current;
    if (!s) return;
    const { t: tr } = latest.current;
    const reading = change.state === 'playing' || change.state === 'paused';
    // The highlight moves before the voice starts (the queue reports first).
    if (reading && change.utterance) {
      if (s.shown !== change.index) {
        s.shown = change.index;
        const u = change.utterance;
        const range = s.highlighter.show(() => s.dom.rangeFor(u.blockId, u.start, u.end));
        if (range) scrollRangeIntoView(range, s.toolbar);
      }
    } else {
      s.shown = -1;
      s.highlighter.clear();
    }
    setFocusable(s, change.state !== 'idle');
    const root = groupRef.current?.getRootNode() as Document | ShadowRoot | undefined;
    focusWasInside.current = !!groupRef.current?.contains(root?.activeElement ?? null);
    const before = lastState.current;
    lastState.current = change.state;
    if (before !== change.state) {
      // Announced once per state, never per sentence (that would talk over the voice).
      if (change.state === 'playing')
        setStatus(tr(before === 'paused' ? 'speechStatusResumed' : 'speechStatusReading'));
      else if (change.state === 'paused') setStatus(tr('speechStatusPaused'));
      else if (change.state === 'ended') setStatus(tr('speechStatusEnded'));
      else if (!change.error) setStatus(tr('speechStatusStopped'));
    }
    setState(change.state);
    if (change.error && change.state === 'idle') setNotice({ kind: 'error', detail: change.error });
  };

  const ensureSession = (): Session | null => {
    if (session.current) return session.current;
    const view = viewOf();
    if (!view) return null;
    const body = view.querySelector('.cm-body');
    const title = view.querySelector('.cm-title');
    const dom = collectSpeechDom(body, title);
    const { rate: r, voiceURI: v, lang: l, highlightMode: mode } = latest.current;
    const queue = new ReadingQueue({
      engine: backend.engine,
      blocks: dom.blocks,
      title: dom.title,
      lang: l,
      rate: r,
      ...(v ? { voiceURI: v } : {}),
    });
    const doc = (body ?? title ?? groupRef.current)!.ownerDocument;
    session.current = {
      queue,
      dom,
      highlighter: new SentenceHighlighter(doc, mode),
      toolbar: view.querySelector('.cm-toolbar'),
      shown: -1,
      focusable: [],
    };
    queue.onChange(onChange);
    return session.current;
  };

  /** Checks that a voice can read the article, then starts (at a block, or where it was). */
  const start = async (blockId?: string) => {
    const token = ++startToken.current;
    // Browsers load voices lazily; wait for them only when none are known yet.
    if (backend.voices().length === 0) await backend.voicesReady();
    if (!mounted.current || token !== startToken.current) return;
    const all = backend.voices();
    setVoices(all);
    if (matchingVoices(all, latest.current.lang).length === 0) {
      setNotice({ kind: 'no-voice', any: all.length > 0 });
      return;
    }
    setNotice(null);
    const s = ensureSession();
    if (!s) return;
    if (blockId !== undefined) {
      startAt(s, blockId);
      return;
    }
    const top = fromTop.current;
    fromTop.current = false;
    s.queue.play(top ? 0 : undefined);
  };

  /** 指读: reads from a block, or from the next one that has something to read (code is skipped). */
  const startAt = (s: Session, blockId: string) => {
    if (blockId === HEADLINE_ID) {
      s.queue.play(0);
      return;
    }
    const blocks = s.dom.blocks;
    for (let i = blocks.findIndex((b) => b.id === blockId); i >= 0 && i < blocks.length; i++) {
      if (s.queue.startAtBlock(blocks[i]!.id)) return;
    }
  };

  const toggle = () => {
    const queue = session.current?.queue;
    if (queue?.state === 'playing') queue.pause();
    else if (queue?.state === 'paused') queue.resume();
    else void start();
  };

  const stop = () => {
    fromTop.current = true;
    session.current?.queue.stop();
  };

  // Keyboard and 指读 clicks for the whole view, and leaving: stop speech and clean up.
  // Once per mount: everything that changes is read from refs.
  useEffect(() => {
    mounted.current = true;
    const view = viewOf();
    const controller = new AbortController();
    const { signal } = controller;
    const active = () => {
      const st = session.current?.queue.state;
      return st !== undefined && st !== 'idle';
    };
    view?.addEventListener(
      'keydown',
      (event: Event) => {
        const e = event as KeyboardEvent;
        if (!acceptEvent(e, latest.current.trustedOnly)) return;
        if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
        const target = isElement(e.target) ? e.target : null;
        if (e.key === ' ' || e.key === 'Spacebar') {
          if (target?.closest(INTERACTIVE)) return;
          e.preventDefault();
          // The page underneath must not scroll or act on it too.
          e.stopPropagation();
          toggle();
        } else if (e.key === 'Enter' && active() && target) {
          const s = session.current!;
          const onBlock = target.hasAttribute(BLOCK_ATTR) || target.classList.contains('cm-title');
          const id = onBlock ? s.dom.blockAt(target) : null;
          if (!id) return;
          e.preventDefault();
          e.stopPropagation();
          void start(id);
        }
      },
      { signal },
    );
    view?.addEventListener(
      'click',
      (event: Event) => {
        if (!active() || !acceptEvent(event, latest.current.trustedOnly)) return;
        const target = isElement(event.target) ? event.target : null;
        if (!target || target.closest(INTERACTIVE)) return;
        // Selecting text is not pointing at it.
        const selection = target.ownerDocument.getSelection?.();
        if (selection && !selection.isCollapsed && selection.toString().trim()) return;
        const id = session.current?.dom.blockAt(target);
        if (id) void start(id);
      },
      { signal },
    );
    const unsubscribe = backend.onVoicesChanged(() => setVoices(backend.voices()));
    return () => {
      mounted.current = false;
      controller.abort();
      unsubscribe();
      const s = session.current;
      session.current = null;
      if (s) {
        s.queue.dispose();
        s.highlighter.clear();
        setFocusable(s, false);
      }
    };
  }, [backend]);

  // When Stop (or an error) removes the button that had focus, focus goes to Play, not <body>.
  useLayoutEffect(() => {
    const group = groupRef.current;
    if (!group || !focusWasInside.current) return;
    focusWasInside.current = false;
    const root = group.getRootNode() as Document | ShadowRoot;
    if (!group.contains(root.activeElement)) mainRef.current?.focus();
  }, [state]);

  // The options page can change the default speed and voice while the view is open.
  const seenSettings = useRef(settings);
  useEffect(() => {
    const before = seenSettings.current;
    seenSettings.current = settings;
    if (before.speechRate !== settings.speechRate) {
      const next = clampRate(settings.speechRate);
      setRate(next);
      session.current?.queue.setRate(next);
    }
    if (before.speechVoice !== settings.speechVoice) setVoiceChoice(settings.speechVoice);
  }, [settings]);

  // A voice that appeared (or a choice made) reaches the queue; it restarts the sentence.
  useEffect(() => {
    session.current?.queue.setVoice(voiceURI);
  }, [voiceURI]);

  // Voices that arrive later clear the "no voice" message.
  useEffect(() => {
    if (notice?.kind === 'no-voice' && langVoices.length > 0) setNotice(null);
  }, [notice, langVoices]);

  const reading = state === 'playing' || state === 'paused' || state === 'ended';
  const main =
    state === 'playing'
      ? { label: t('speechPause'), icon: '\u275A\u275A' }
      : state === 'paused'
        ? { label: t('speechResume'), icon: '\u25B6\uFE0E' }
        : state === 'ended'
          ? { label: t('speechReplay'), icon: '\u21BB' }
          : { label: t('readAloud'), icon: '\u25B6\uFE0E' };

  const rates = RATE_STEPS.includes(rate)
    ? RATE_STEPS
    : [...RATE_STEPS, rate].sort((a, b) => a - b);

  return (
    <fieldset class="cm-speech" aria-label={t('speechGroup')} ref={groupRef}>
      <Button
        label={main.label}
        icon={main.icon}
        onPress={toggle}
        trustedOnly={trustedOnly}
        describedBy={KEY_HINT_ID}
        buttonRef={mainRef}
        name="speech-play"
      />
      {reading ? (
        <>
          <Button
            label={t('speechStop')}
            icon={'\u25A0'}
            onPress={stop}
            trustedOnly={trustedOnly}
            name="speech-stop"
          />
          <Button
            label={t('speechPrevious')}
            icon={'\u00AB'}
            onPress={() => session.current?.queue.previous()}
            trustedOnly={trustedOnly}
            name="speech-previous"
          />
          <Button
            label={t('speechNext')}
            icon={'\u00BB'}
            onPress={() => session.current?.queue.next()}
            trustedOnly={trustedOnly}
            name="speech-next"
          />
          <label class="cm-speech-field">
            <span>{t('speechRate')}</span>
            <select
              value={String(rate)}
              data-cm-field="speech-rate"
              onChange={(event) => {
                const next = clampRate(Number((event.currentTarget as HTMLSelectElement).value));
                setRate(next);
                session.current?.queue.setRate(next);
              }}
            >
              {rates.map((r) => (
                <option key={r} value={String(r)}>
                  {r === 1 ? t('speechRateNormal') : t('speechRateValue', [formatRate(r)])}
                </option>
              ))}
            </select>
          </label>
          {langVoices.length > 1 ? (
            <label class="cm-speech-field">
              <span>{t('speechVoice')}</span>
              <select
                value={voiceURI ?? ''}
                data-cm-field="speech-voice"
                onChange={(event) =>
                  setVoiceChoice((event.currentTarget as HTMLSelectElement).value)
                }
              >
                <option value="">{t('speechVoiceAuto')}</option>
                {langVoices.map((v) => (
                  <option key={v.voiceURI} value={v.voiceURI}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </>
      ) : null}
      {notice ? (
        <div class="cm-speech-notice" role="alert" data-cm-notice={notice.kind}>
          {notice.kind === 'no-voice' ? (
            <>
              <p>
                <strong>
                  {notice.any && lang
                    ? t('speechNoVoice', [languageName(lang, uiLang)])
                    : t('speechNoVoiceAtAll')}
                </strong>
              </p>
              <p>{t('speechNoVoiceHelp')}</p>
            </>
          ) : (
            <>
              <p>
                <strong>{t('speechFailed')}</strong>
              </p>
              <p>{t('technicalDetail', [notice.detail])}</p>
            </>
          )}
          <Button
            label={t('speechDismiss')}
            onPress={() => {
              setNotice(null);
              mainRef.current?.focus();
            }}
            trustedOnly={trustedOnly}
            name="speech-dismiss"
          />
        </div>
      ) : null}
      <span id={KEY_HINT_ID} class="cm-sr-only">
        {t('speechKeyHint')}
      </span>
      <span id={HERE_HINT_ID} class="cm-sr-only">
        {t('speechHereHint')}
      </span>
      <span class="cm-sr-only" role="status" aria-live="polite">
        {status}
      </span>
    </fieldset>
  );
}
