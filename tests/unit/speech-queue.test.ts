// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  buildUtterances,
  clampRate,
  HEADLINE_ID,
  type QueueChange,
  ReadingQueue,
  type SpeechBlock,
  type SpeechEngine,
  type SpeechHandlers,
  type SpeechRequest,
} from '../../lib/speech/queue';

/** Records every call; the test decides when an utterance ends or fails. */
class FakeEngine implements SpeechEngine {
  calls: string[] = [];
  spoken: { request: SpeechRequest; handlers: SpeechHandlers }[] = [];

  speak(request: SpeechRequest, handlers: SpeechHandlers): void {
    this.calls.push(`speak:${request.text}`);
    this.spoken.push({ request, handlers });
  }
  cancel(): void {
    this.calls.push('cancel');
  }
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }

  get last() {
    const entry = this.spoken.at(-1);
    if (!entry) throw new Error('nothing spoken');
    return entry;
  }
  get texts(): string[] {
    return this.spoken.map((s) => s.request.text);
  }
  /** Finishes the most recent utterance. */
  end(): void {
    this.last.handlers.onEnd();
  }
  fail(error: string): void {
    this.last.handlers.onError(error);
  }
}

const blocks: SpeechBlock[] = [
  { id: 'p1', kind: 'paragraph', text: '第一段第一句。第一段第二句！' },
  { id: 'c1', kind: 'code', text: 'const x = 1;' },
  { id: 'fig', kind: 'caption', text: '图一：一只猫。' },
  { id: 't1', kind: 'table', text: 'a\tb\nc\td\ne\tf', rows: 3 },
  { id: 'h2', kind: 'heading', text: '小标题' },
  { id: 'li', kind: 'list-item', text: '列表项。' },
];

function setup(options: { rate?: number } = {}) {
  const engine = new FakeEngine();
  const queue = new ReadingQueue({ engine, blocks, lang: 'zh-CN', title: '大标题', ...options });
  const changes: QueueChange[] = [];
  queue.onChange((c) => changes.push(c));
  return { engine, queue, changes };
}

const ORDER = [
  '大标题',
  '第一段第一句。',
  '第一段第二句！',
  '图一：一只猫。',
  '表格，共 3 行',
  '小标题',
  '列表项。',
];

describe('buildUtterances', () => {
  it('reads the headline first, includes captions, skips code and summarises tables', () => {
    const list = buildUtterances({ blocks, lang: 'zh-CN', title: '大标题' });
    expect(list.map((u) => u.text)).toEqual(ORDER);
    expect(list[0]).toMatchObject({ blockId: HEADLINE_ID, kind: 'headline' });
    expect(list.some((u) => u.blockId === 'c1')).toBe(false);
  });

  it('records block, sentence index and offsets for highlighting', () => {
    const list = buildUtterances({ blocks, lang: 'zh-CN' });
    const text = blocks[0]!.text;
    const [a, b] = list;
    expect(a).toMatchObject({ blockId: 'p1', sentenceIndex: 0, chunkIndex: 0, start: 0, end: 7 });
    expect(b).toMatchObject({ blockId: 'p1', sentenceIndex: 1, start: 7, end: text.length });
    expect(text.slice(b!.start, b!.end)).toBe(b!.text);
    expect(list.find((u) => u.blockId === 't1')).toMatchObject({
      start: 0,
      end: blocks[3]!.text.length,
    });
  });

  it('uses English and injected labels, and counts table rows when not given', () => {
    const tables: SpeechBlock[] = [{ id: 't', kind: 'table', text: 'a\nb\n\nc' }];
    expect(buildUtterances({ blocks: tables, lang: 'en' })[0]!.text).toBe('Table, 3 rows');
    const custom = buildUtterances({
      blocks: tables,
      lang: 'en',
      labels: { table: (n) => `Tabla de ${n} filas` },
    });
    expect(custom[0]!.text).toBe('Tabla de 3 filas');
  });

  it('chunks long sentences, each chunk keeping its sentence index and offsets', () => {
    const text = '长'.repeat(300) + '。短句。';
    const list = buildUtterances({ blocks: [{ id: 'p', kind: 'paragraph', text }], lang: 'zh' });
    expect(list.map((u) => [u.sentenceIndex, u.chunkIndex, u.text.length])).toEqual([
      [0, 0, 120],
      [0, 1, 120],
      [0, 2, 61],
      [1, 0, 3],
    ]);
    for (const u of list) expect(text.slice(u.start, u.end)).toBe(u.text);
  });

  it('guesses a CJK lang per utterance when the page has none', () => {
    const list = buildUtterances({
      blocks: [{ id: 'p', kind: 'paragraph', text: '中文句子。ひらがなの文。Plain English.' }],
      lang: '',
    });
    expect(list.map((u) => u.lang)).toEqual(['zh', 'ja', '']);
  });
});

describe('ReadingQueue', () => {
  it('plays everything in order and ends', () => {
    const { engine, queue, changes } = setup();
    expect(queue.state).toBe('idle');
    queue.play();
    expect(queue.state).toBe('playing');
    for (let i = 0; i < ORDER.length; i++) {
      expect(queue.index).toBe(i);
      engine.end();
    }
    expect(engine.texts).toEqual(ORDER);
    expect(queue.state).toBe('ended');
    expect(changes.at(-1)).toMatchObject({ state: 'ended', index: ORDER.length - 1 });
    expect(changes.at(-1)!.utterance?.text).toBe('列表项。');
  });

  it('pausing cancels the sentence; a late end from the engine starts nothing', () => {
    const { engine, queue } = setup();
    queue.play();
    queue.pause();
    expect(queue.state).toBe('paused');
    expect(engine.calls.at(-1)).toBe('cancel');
    engine.end(); // the cancelled utterance reports its end anyway
    expect(engine.spoken).toHaveLength(1);
    expect(queue.index).toBe(0);
    expect(queue.state).toBe('paused');
  });

  it("resume says the paused sentence again from its start, never the engine's own resume()", () => {
    const { engine, queue } = setup();
    queue.play();
    queue.pause();
    queue.resume();
    expect(queue.state).toBe('playing');
    expect(engine.texts).toEqual([ORDER[0], ORDER[0]]);
    engine.end();
    expect(engine.texts).toEqual([ORDER[0], ORDER[0], ORDER[1]]);
    // Engines' pause()/resume() are never used: on Linux a paused synthesizer stays silent.
    expect(engine.calls.filter((c) => c === 'pause' || c === 'resume')).toEqual([]);
  });

  it('play() while paused resumes; play() when ended restarts', () => {
    const { engine, queue } = setup();
    queue.play();
    queue.pause();
    queue.play();
    expect(queue.state).toBe('playing');
    expect(engine.texts).toEqual([ORDER[0], ORDER[0]]);
    for (let i = 0; i < ORDER.length; i++) engine.end();
    expect(queue.state).toBe('ended');
    queue.play();
    expect(queue.index).toBe(0);
    expect(engine.last.request.text).toBe(ORDER[0]);
  });

  it('next and previous move and speak while playing', () => {
    const { engine, queue } = setup();
    queue.play();
    queue.next();
    queue.next();
    expect(queue.index).toBe(2);
    expect(engine.last.request.text).toBe(ORDER[2]);
    queue.previous();
    expect(queue.index).toBe(1);
    expect(engine.last.request.text).toBe(ORDER[1]);
    expect(engine.calls.filter((c) => c === 'cancel').length).toBeGreaterThanOrEqual(3);
    queue.play(0);
    queue.previous(); // at the first utterance: restart it
    expect(queue.index).toBe(0);
    expect(engine.last.request.text).toBe(ORDER[0]);
  });

  it('next at the last utterance is a no-op; next while paused stays paused', () => {
    const { engine, queue } = setup();
    queue.play(ORDER.length - 1);
    const before = engine.spoken.length;
    queue.next();
    expect(queue.index).toBe(ORDER.length - 1);
    expect(engine.spoken).toHaveLength(before);

    queue.play(0);
    queue.pause();
    queue.next();
    expect(queue.state).toBe('paused');
    expect(queue.index).toBe(1);
    const spoken = engine.spoken.length;
    expect(engine.texts.at(-1)).toBe(ORDER[0]);
    queue.resume();
    expect(engine.spoken).toHaveLength(spoken + 1);
    expect(engine.last.request.text).toBe(ORDER[1]);
  });

  it('navigation while idle only moves the cursor', () => {
    const { engine, queue } = setup();
    queue.next();
    expect(queue.index).toBe(1);
    expect(queue.state).toBe('idle');
    expect(engine.spoken).toHaveLength(0);
    queue.play();
    expect(engine.last.request.text).toBe(ORDER[1]);
  });

  it('startAtBlock plays from the first sentence of a block', () => {
    const { engine, queue } = setup();
    expect(queue.startAtBlock('fig')).toBe(true);
    expect(queue.state).toBe('playing');
    expect(engine.last.request.text).toBe('图一：一只猫。');
    expect(queue.startAtBlock('t1')).toBe(true);
    expect(engine.last.request.text).toBe('表格，共 3 行');
    expect(queue.startAtBlock('c1')).toBe(false);
    expect(queue.startAtBlock('missing')).toBe(false);
    expect(queue.startAtBlock(HEADLINE_ID)).toBe(true);
    expect(queue.index).toBe(0);
  });

  it('stop cancels and goes idle', () => {
    const { engine, queue, changes } = setup();
    queue.play();
    queue.stop();
    expect(queue.state).toBe('idle');
    expect(engine.calls.at(-1)).toBe('cancel');
    expect(changes.at(-1)?.state).toBe('idle');
  });

  it('ignores a stale onEnd after stop', () => {
    const { engine, queue } = setup();
    queue.play();
    const first = engine.last.handlers;
    queue.stop();
    first.onEnd();
    first.onError('interrupted');
    expect(queue.state).toBe('idle');
    expect(queue.index).toBe(0);
    expect(engine.spoken).toHaveLength(1);
  });

  it('ignores a stale onEnd after next (the classic double-advance bug)', () => {
    const { engine, queue } = setup();
    queue.play();
    const first = engine.last.handlers;
    queue.next();
    first.onError('interrupted'); // Chrome reports the cancelled utterance this way…
    first.onEnd(); // …and some engines also fire end
    expect(queue.index).toBe(1);
    expect(queue.state).toBe('playing');
    expect(engine.texts).toEqual(ORDER.slice(0, 2));
  });

  it('ignores callbacks an engine fires synchronously inside cancel()', () => {
    const engine = new FakeEngine();
    engine.cancel = () => {
      engine.calls.push('cancel');
      engine.spoken.at(-1)?.handlers.onEnd();
    };
    const queue = new ReadingQueue({ engine, blocks, lang: 'zh', title: '大标题' });
    queue.play();
    queue.next();
    expect(queue.index).toBe(1);
    expect(engine.texts).toEqual(ORDER.slice(0, 2));
  });

  it('ignores a second onEnd for the same utterance', () => {
    const { engine, queue } = setup();
    queue.play();
    const first = engine.last.handlers;
    first.onEnd();
    first.onEnd();
    expect(queue.index).toBe(1);
    expect(engine.texts).toEqual(ORDER.slice(0, 2));
  });

  it('clamps the rate and restarts the current utterance with it', () => {
    expect(clampRate(0.1)).toBe(0.5);
    expect(clampRate(5)).toBe(2);
    expect(clampRate(Number.NaN)).toBe(1);
    const { engine, queue } = setup({ rate: 9 });
    expect(queue.rate).toBe(2);
    queue.play();
    expect(engine.last.request.rate).toBe(2);
    expect(queue.setRate(0.2)).toBe(0.5);
    expect(engine.spoken).toHaveLength(2);
    expect(engine.last.request).toMatchObject({ text: ORDER[0], rate: 0.5 });
    expect(queue.setRate(1.25)).toBe(1.25);
    engine.end();
    expect(engine.last.request).toMatchObject({ text: ORDER[1], rate: 1.25 });
  });

  it('a rate change while paused applies on resume', () => {
    const { engine, queue } = setup();
    queue.play();
    queue.pause();
    queue.setRate(1.5);
    expect(queue.state).toBe('paused');
    expect(engine.spoken).toHaveLength(1);
    queue.resume();
    expect(engine.last.request).toMatchObject({ text: ORDER[0], rate: 1.5 });
  });

  it('setVoice passes the voice on and restarts', () => {
    const { engine, queue } = setup();
    queue.play();
    expect(engine.last.request.voiceURI).toBeUndefined();
    queue.setVoice('voice-a');
    expect(engine.last.request).toMatchObject({ text: ORDER[0], voiceURI: 'voice-a' });
  });

  it('skips an utterance that fails and reports the error', () => {
    const { engine, queue, changes } = setup();
    queue.play();
    engine.fail('synthesis-failed');
    expect(queue.state).toBe('playing');
    expect(queue.index).toBe(1);
    expect(changes.at(-1)).toMatchObject({ state: 'playing', index: 1, error: 'synthesis-failed' });
    expect(engine.last.request.text).toBe(ORDER[1]);
  });

  it('stops after repeated failures or a fatal one', () => {
    const { engine, queue, changes } = setup();
    queue.play();
    engine.fail('synthesis-failed');
    engine.fail('synthesis-failed');
    engine.fail('synthesis-failed');
    expect(queue.state).toBe('idle');
    expect(changes.at(-1)).toMatchObject({ state: 'idle', error: 'synthesis-failed' });

    queue.play(0);
    engine.fail('not-allowed');
    expect(queue.state).toBe('idle');
    expect(queue.index).toBe(0);
    expect(changes.at(-1)).toMatchObject({ state: 'idle', error: 'not-allowed' });
  });

  it('a cancellation from elsewhere stops quietly', () => {
    const { engine, queue, changes } = setup();
    queue.play();
    engine.fail('interrupted');
    expect(queue.state).toBe('idle');
    expect(changes.at(-1)?.error).toBeUndefined();
  });

  it('treats a throwing engine as an error', () => {
    const engine = new FakeEngine();
    engine.speak = () => {
      throw new Error('boom');
    };
    const queue = new ReadingQueue({ engine, blocks, lang: 'zh' });
    const changes: QueueChange[] = [];
    queue.onChange((c) => changes.push(c));
    queue.play();
    expect(queue.state).toBe('idle');
    expect(changes.at(-1)?.error).toBe('boom');
  });

  it('reports changes until unsubscribed', () => {
    const { engine, queue, changes } = setup();
    const seen: QueueChange[] = [];
    const off = queue.onChange((c) => seen.push(c));
    queue.play();
    expect(seen).toEqual([{ state: 'playing', index: 0, utterance: queue.utterances[0] }]);
    off();
    engine.end();
    expect(seen).toHaveLength(1);
    expect(changes.at(-1)).toMatchObject({ state: 'playing', index: 1 });
  });

  it('a listener that stops or pauses on a change prevents the next speak', () => {
    const { engine, queue } = setup();
    const off = queue.onChange((c) => {
      if (c.index === 1) queue.stop();
    });
    queue.play();
    engine.end();
    expect(queue.state).toBe('idle');
    expect(engine.spoken).toHaveLength(1);
    off();
    const offPause = queue.onChange((c) => {
      if (c.index === 2 && c.state === 'playing') {
        offPause();
        queue.pause();
      }
    });
    queue.play();
    engine.end();
    expect(queue.state).toBe('paused');
    expect(engine.texts).toEqual(ORDER.slice(0, 2));
    queue.resume();
    expect(engine.last.request.text).toBe(ORDER[2]);
  });

  it('an empty article ends at once', () => {
    const engine = new FakeEngine();
    const queue = new ReadingQueue({
      engine,
      blocks: [{ id: 'c', kind: 'code', text: 'x' }],
      lang: 'en',
    });
    queue.play();
    expect(queue.state).toBe('ended');
    expect(engine.spoken).toHaveLength(0);
    queue.next();
    queue.previous();
    expect(queue.index).toBe(0);
  });
});

describe('ReadingQueue sentence navigation', () => {
  const long = '长'.repeat(250) + '。短句。';
  function chunked() {
    const engine = new FakeEngine();
    const queue = new ReadingQueue({
      engine,
      blocks: [{ id: 'p', kind: 'paragraph', text: long }],
      lang: 'zh',
      title: '标题',
    });
    return { engine, queue };
  }

  it('next skips the rest of a chunked sentence; previous goes to its start first', () => {
    const { engine, queue } = chunked();
    expect(queue.utterances.map((u) => u.chunkIndex)).toEqual([0, 0, 1, 2, 0]);
    queue.play(2); // inside the long sentence
    queue.next();
    expect(queue.index).toBe(4);
    expect(engine.last.request.text).toBe('短句。');
    queue.play(3);
    queue.previous();
    expect(queue.index).toBe(1);
    queue.previous();
    expect(queue.index).toBe(0);
    queue.play(3);
    queue.next();
    expect(queue.index).toBe(4);
    queue.next(); // the last sentence: no-op
    expect(queue.index).toBe(4);
  });

  it('previous after the end reads that sentence again and goes on', () => {
    const { engine, queue } = chunked();
    queue.play(4);
    engine.end();
    expect(queue.state).toBe('ended');
    queue.previous();
    expect(queue.state).toBe('playing');
    expect(queue.index).toBe(1);
    expect(engine.last.request.text).toBe(queue.utterances[1]!.text);
  });
});
