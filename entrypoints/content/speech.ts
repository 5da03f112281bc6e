import type { SpeechBackend } from '../../components/speech/types';
import type { SpeechEngine, SpeechHandlers, SpeechRequest } from '../../lib/speech/queue';
import { pickVoice, type VoiceInfo } from '../../lib/speech/voices';

/**
 * The read-aloud engine over window.speechSynthesis, with Chrome's quirks handled here so the
 * reading queue stays pure:
 * - long utterances stall (the queue already chunks them); network voices also stop after
 *   about 15 s, so a keep-alive pause()/resume() runs while one of those speaks;
 * - an utterance object that is garbage-collected never fires `end`: we hold it;
 * - `end` sometimes never comes at all: a watchdog ends an utterance the engine forgot;
 * - speak() right after cancel() can be swallowed: it waits for the next task;
 * - voices load asynchronously (voiceschanged).
 * Everything stops and is released when `signal` aborts (leaving care mode).
 */

const KEEP_ALIVE_MS = 10_000;
// Linux (speech-dispatcher) takes 2–3 s to list its voices; Windows and macOS a few ms.
const VOICES_WAIT_MS = 5_000;

function toInfo(v: SpeechSynthesisVoice): VoiceInfo {
  return {
    voiceURI: v.voiceURI,
    name: v.name,
    lang: v.lang,
    default: v.default,
    localService: v.localService,
  };
}

/** Generous upper bound for speaking `text` at `rate`, before the watchdog steps in. */
function expectedMs(text: string, rate: number): number {
  // About 4 Han characters or 14 Latin characters a second at rate 1.
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const seconds = (han / 4 + (text.length - han) / 14) / Math.max(0.5, rate);
  return Math.max(10_000, seconds * 3000 + 5_000);
}

export function createBrowserSpeech(signal: AbortSignal): SpeechBackend {
  const synth: SpeechSynthesis | undefined = globalThis.speechSynthesis;
  let current: SpeechSynthesisUtterance | null = null;
  let paused = false;
  let justCancelled = false;
  let pendingSpeak: ReturnType<typeof setTimeout> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  const rawVoices = (): SpeechSynthesisVoice[] => {
    try {
      return synth?.getVoices() ?? [];
    } catch {
      return [];
    }
  };

  const clearTimers = () => {
    clearTimeout(pendingSpeak);
    clearInterval(keepAlive);
    clearTimeout(watchdog);
    pendingSpeak = undefined;
    keepAlive = undefined;
    watchdog = undefined;
  };

  const engine: SpeechEngine = {
    speak(request: SpeechRequest, handlers: SpeechHandlers) {
      if (!synth || signal.aborted) {
        handlers.onError('synthesis-unavailable');
        return;
      }
      const all = rawVoices();
      const info = pickVoice(all.map(toInfo), request.lang, request.voiceURI);
      const voice = info ? all.find((v) => v.voiceURI === info.voiceURI) : undefined;
      const utterance = new SpeechSynthesisUtterance(request.text);
      if (voice) utterance.voice = voice;
      utterance.lang = request.lang || voice?.lang || '';
      utterance.rate = request.rate;

      let settled = false;
      const settle = (report: () => void) => {
        if (settled) return;
        settled = true;
        if (current === utterance) {
          current = null;
          clearTimers();
        }
        report();
      };
      const armWatchdog = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(
          () => {
            if (current !== utterance) return;
            // Still paused or still audibly speaking: not lost, look again later.
            if (paused || synth.speaking) armWatchdog();
            else settle(() => handlers.onEnd());
          },
          expectedMs(request.text, request.rate),
        );
      };
      // Listeners rather than on* properties: Firefox's content-script wrappers are stricter.
      utterance.addEventListener('end', () => settle(() => handlers.onEnd()));
      utterance.addEventListener('error', (event) =>
        settle(() => handlers.onError(event.error || 'synthesis-failed')),
      );
      utterance.addEventListener('start', armWatchdog);
      utterance.addEventListener('boundary', armWatchdog);

      clearTimers();
      current = utterance;
      const go = () => {
        pendingSpeak = undefined;
        if (current !== utterance || signal.aborted) return;
        synth.speak(utterance);
        armWatchdog();
        if (voice && !voice.localService) {
          keepAlive = setInterval(() => {
            if (current !== utterance || paused || !synth.speaking) return;
            synth.pause();
            synth.resume();
          }, KEEP_ALIVE_MS);
        }
      };
      if (justCancelled) pendingSpeak = setTimeout(go, 0);
      else go();
    },
    cancel() {
      current = null;
      clearTimers();
      if (!synth) return;
      justCancelled = true;
      setTimeout(() => {
        justCancelled = false;
      }, 0);
      synth.cancel();
    },
    pause() {
      paused = true;
      synth?.pause();
    },
    resume() {
      paused = false;
      synth?.resume();
    },
  };

  let ready: Promise<void> | null = null;
  const backend: SpeechBackend = {
    engine,
    voices: () => rawVoices().map(toInfo),
    voicesReady() {
      ready ??= new Promise<void>((resolve) => {
        if (!synth || rawVoices().length > 0 || signal.aborted) {
          resolve();
          return;
        }
        const timer = setTimeout(done, VOICES_WAIT_MS);
        function done() {
          clearTimeout(timer);
          synth?.removeEventListener('voiceschanged', done);
          signal.removeEventListener('abort', done);
          resolve();
        }
        synth.addEventListener('voiceschanged', done);
        signal.addEventListener('abort', done);
      });
      return ready;
    },
    onVoicesChanged(listener) {
      if (!synth) return () => undefined;
      const controller = new AbortController();
      synth.addEventListener('voiceschanged', listener, { signal: controller.signal });
      signal.addEventListener('abort', () => controller.abort(), { once: true });
      return () => controller.abort();
    },
  };

  signal.addEventListener(
    'abort',
    () => {
      current = null;
      clearTimers();
      // Chrome keeps a paused synthesizer paused across cancel(): leave it clean for the page.
      if (paused) synth?.resume();
      paused = false;
      synth?.cancel();
    },
    { once: true },
  );
  // Asking once makes Chrome start loading its voices now rather than at the first Play.
  rawVoices();
  return backend;
}

/**
 * E2E builds only: a synthesizer the test drives through the page's DOM, since page scripts
 * cannot reach a content script's speechSynthesis. Every call is logged as JSON on the host
 * (data-care-speech-log); an utterance ends when the test dispatches 'care-speech-test-end'
 * on the host (ignored while paused, as a real engine would be silent). The page may list
 * the voices on <html data-care-speech-voices='[…]'> before opening the view.
 */
function createTestSpeech(host: HTMLElement, signal: AbortSignal): SpeechBackend {
  type Entry = { op: string; text?: string; lang?: string; rate?: number; voiceURI?: string };
  const log: Entry[] = [];
  const write = (entry: Entry) => {
    log.push(entry);
    host.setAttribute('data-care-speech-log', JSON.stringify(log));
  };
  let current: SpeechHandlers | null = null;
  let paused = false;
  const engine: SpeechEngine = {
    speak(request, handlers) {
      write({ op: 'speak', ...request });
      current = handlers;
    },
    cancel() {
      write({ op: 'cancel' });
      const cancelled = current;
      current = null;
      // Like Chrome: the cancelled utterance reports 'interrupted', a little later.
      if (cancelled) queueMicrotask(() => cancelled.onError('interrupted'));
    },
    pause() {
      write({ op: 'pause' });
      paused = true;
    },
    resume() {
      write({ op: 'resume' });
      paused = false;
    },
  };
  host.addEventListener(
    'care-speech-test-end',
    () => {
      if (paused || !current) return;
      const handlers = current;
      current = null;
      handlers.onEnd();
    },
    { signal },
  );
  signal.addEventListener('abort', () => engine.cancel(), { once: true });
  const voices = (): VoiceInfo[] => {
    const raw = document.documentElement.getAttribute('data-care-speech-voices');
    if (raw === null)
      return [
        { voiceURI: 'test-zh', name: 'Test 中文', lang: 'zh-CN', localService: true },
        { voiceURI: 'test-zh-2', name: 'Test 中文 2', lang: 'zh-CN', localService: true },
        { voiceURI: 'test-en', name: 'Test English', lang: 'en-US', localService: true },
      ];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as VoiceInfo[]) : [];
    } catch {
      return [];
    }
  };
  return {
    engine,
    voices,
    voicesReady: () => Promise.resolve(),
    onVoicesChanged: () => () => undefined,
  };
}

/** The speech backend for the care view on `host`, alive until `signal` aborts. */
export function createSpeech(host: HTMLElement, signal: AbortSignal): SpeechBackend {
  // Vite replaces MODE at build time, so production bundles drop the test engine entirely.
  if (import.meta.env.MODE === 'e2e') return createTestSpeech(host, signal);
  return createBrowserSpeech(signal);
}
