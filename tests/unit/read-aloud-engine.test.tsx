import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserSpeech } from '../../entrypoints/content/speech.ts';

/** Just enough of speechSynthesis to see what the adapter asks of it. */
class FakeUtterance extends EventTarget {
  lang = '';
  rate = 1;
  voice: FakeVoice | null = null;
  constructor(public text: string) {
    super();
  }
  fire(type: string, extra: Record<string, unknown> = {}) {
    this.dispatchEvent(Object.assign(new Event(type), extra));
  }
}

interface FakeVoice {
  voiceURI: string;
  name: string;
  lang: string;
  default: boolean;
  localService: boolean;
}

class FakeSynth extends EventTarget {
  voices: FakeVoice[] = [];
  calls: string[] = [];
  queue: FakeUtterance[] = [];
  speaking = false;
  getVoices() {
    return this.voices;
  }
  speak(u: FakeUtterance) {
    this.calls.push(`speak:${u.text}`);
    this.queue.push(u);
    this.speaking = true;
  }
  cancel() {
    this.calls.push('cancel');
    this.speaking = false;
  }
  pause() {
    this.calls.push('pause');
  }
  resume() {
    this.calls.push('resume');
  }
  setVoices(voices: FakeVoice[]) {
    this.voices = voices;
    this.dispatchEvent(new Event('voiceschanged'));
  }
}

const voice = (voiceURI: string, lang: string, localService = true): FakeVoice => ({
  voiceURI,
  name: voiceURI,
  lang,
  default: false,
  localService,
});

let synth: FakeSynth;
const g = globalThis as unknown as Record<string, unknown>;
const saved = { synth: g.speechSynthesis, Utterance: g.SpeechSynthesisUtterance };

beforeEach(() => {
  vi.useFakeTimers();
  synth = new FakeSynth();
  g.speechSynthesis = synth;
  g.SpeechSynthesisUtterance = FakeUtterance;
});
afterEach(() => {
  vi.useRealTimers();
  g.speechSynthesis = saved.synth;
  g.SpeechSynthesisUtterance = saved.Utterance;
});

function handlers() {
  const events: string[] = [];
  return {
    events,
    onEnd: () => events.push('end'),
    onError: (e: string) => events.push(`error:${e}`),
  };
}

describe('the speechSynthesis adapter', () => {
  it('speaks with the chosen voice, or the best one for the language, and reports the end once', () => {
    synth.voices = [voice('en', 'en-US'), voice('zh-net', 'zh-CN', false), voice('zh', 'zh-CN')];
    const { engine } = createBrowserSpeech(new AbortController().signal);
    const h = handlers();
    engine.speak({ text: '你好。', lang: 'zh-CN', rate: 1.5 }, h);
    const u = synth.queue[0]!;
    expect(u).toMatchObject({ text: '你好。', lang: 'zh-CN', rate: 1.5 });
    expect(u.voice?.voiceURI).toBe('zh');
    engine.speak({ text: '再见。', lang: 'zh-CN', rate: 1, voiceURI: 'zh-net' }, handlers());
    expect(synth.queue[1]!.voice?.voiceURI).toBe('zh-net');
    u.fire('end');
    u.fire('end');
    u.fire('error', { error: 'interrupted' });
    expect(h.events).toEqual(['end']);
  });

  it('after cancel() waits a task before speaking (Chrome can swallow it otherwise)', () => {
    synth.voices = [voice('zh', 'zh-CN')];
    const { engine } = createBrowserSpeech(new AbortController().signal);
    engine.speak({ text: '一', lang: 'zh', rate: 1 }, handlers());
    engine.cancel();
    engine.speak({ text: '二', lang: 'zh', rate: 1 }, handlers());
    expect(synth.calls).toEqual(['speak:一', 'cancel']);
    vi.advanceTimersByTime(1);
    expect(synth.calls).toEqual(['speak:一', 'cancel', 'speak:二']);
    // A cancel before that task drops the waiting utterance.
    engine.cancel();
    engine.speak({ text: '三', lang: 'zh', rate: 1 }, handlers());
    engine.cancel();
    vi.advanceTimersByTime(10);
    expect(synth.calls.filter((c) => c.startsWith('speak'))).toEqual(['speak:一', 'speak:二']);
  });

  it('keeps network voices alive with pause/resume every 10 s, never local ones or while paused', () => {
    synth.voices = [voice('net', 'zh-CN', false), voice('local', 'zh-TW')];
    const { engine } = createBrowserSpeech(new AbortController().signal);
    engine.speak({ text: '长句子', lang: 'zh-CN', rate: 1 }, handlers());
    synth.queue[0]!.fire('start');
    vi.advanceTimersByTime(10_000);
    expect(synth.calls.slice(1)).toEqual(['pause', 'resume']);
    engine.pause();
    vi.advanceTimersByTime(10_000);
    expect(synth.calls.slice(1)).toEqual(['pause', 'resume', 'pause']);
    synth.calls = [];
    engine.cancel();
    engine.resume(); // what the queue does after cancelling a paused utterance
    vi.advanceTimersByTime(1);
    engine.speak({ text: '本地', lang: 'zh-TW', rate: 1, voiceURI: 'local' }, handlers());
    vi.advanceTimersByTime(30_000);
    expect(synth.calls).toEqual(['cancel', 'resume', 'speak:本地']);
  });

  it('ends an utterance whose end event never came, unless it is still speaking or paused', () => {
    synth.voices = [voice('zh', 'zh-CN')];
    const { engine } = createBrowserSpeech(new AbortController().signal);
    const h = handlers();
    engine.speak({ text: '短句。', lang: 'zh-CN', rate: 1 }, h);
    vi.advanceTimersByTime(60_000);
    expect(h.events).toEqual([]); // still "speaking"
    synth.speaking = false;
    vi.advanceTimersByTime(60_000);
    expect(h.events).toEqual(['end']);
  });

  it('waits for voices that load late, and stops everything when the view closes', async () => {
    const controller = new AbortController();
    const backend = createBrowserSpeech(controller.signal);
    const changed = vi.fn();
    backend.onVoicesChanged(changed);
    let ready = false;
    void backend.voicesReady().then(() => {
      ready = true;
    });
    await Promise.resolve();
    expect(ready).toBe(false);
    synth.setVoices([voice('zh', 'zh-CN')]);
    await Promise.resolve();
    expect(ready).toBe(true);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(backend.voices()).toEqual([
      { voiceURI: 'zh', name: 'zh', lang: 'zh-CN', default: false, localService: true },
    ]);

    const h = handlers();
    backend.engine.speak({ text: '一', lang: 'zh', rate: 1 }, h);
    backend.engine.pause();
    controller.abort();
    expect(synth.calls.slice(-3)).toEqual(['pause', 'resume', 'cancel']);
    synth.setVoices([]);
    expect(changed).toHaveBeenCalledTimes(1);
    backend.engine.speak({ text: '二', lang: 'zh', rate: 1 }, h);
    expect(h.events).toEqual(['error:synthesis-unavailable']);
  });

  it('gives up waiting for voices after a while (no synthesizer voices at all)', async () => {
    const backend = createBrowserSpeech(new AbortController().signal);
    const done = vi.fn();
    void backend.voicesReady().then(done);
    // Linux lists its voices after 2-3 s: still waiting then.
    await vi.advanceTimersByTimeAsync(3_500);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(done).toHaveBeenCalled();
    expect(backend.voices()).toEqual([]);
  });
});
