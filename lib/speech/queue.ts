/**
 * The read-aloud queue: turns article blocks into sentence-sized utterances and drives an
 * injected speech engine through them. Pure logic; the browser adapter lives outside lib/.
 */

import { chunkSpans, isMostlyCjk, sentenceSpans } from './sentences';

export interface SpeechRequest {
  text: string;
  lang: string;
  rate: number;
  voiceURI?: string;
}

export interface SpeechHandlers {
  onEnd(): void;
  onError(error: string): void;
}

/**
 * What the queue needs from a synthesizer (speechSynthesis in the browser, a fake in tests).
 * Callbacks may arrive late, twice or after cancel(); the queue ignores stale ones itself.
 */
export interface SpeechEngine {
  speak(utterance: SpeechRequest, handlers: SpeechHandlers): void;
  cancel(): void;
  pause(): void;
  resume(): void;
}

export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'caption'
  | 'list-item'
  | 'quote'
  | 'code'
  | 'table';

export interface SpeechBlock {
  id: string;
  kind: BlockKind;
  text: string;
  /** Row count for tables; counted from the text's lines when absent. */
  rows?: number;
}

/** User-visible strings the queue speaks itself; the UI passes localized ones. */
export interface SpeechLabels {
  table(rows: number): string;
}

export const ZH_LABELS: SpeechLabels = { table: (rows) => `表格，共 ${rows} 行` };
export const EN_LABELS: SpeechLabels = {
  table: (rows) => `Table, ${rows} ${rows === 1 ? 'row' : 'rows'}`,
};

export function defaultLabels(lang: string): SpeechLabels {
  return /^zh(?:[-_]|$)/i.test(lang.trim()) ? ZH_LABELS : EN_LABELS;
}

/** blockId of the headline utterance, which has no block of its own. */
export const HEADLINE_ID = '@headline';

export interface Utterance {
  blockId: string;
  kind: BlockKind | 'headline';
  /** Index of the sentence within its block (a table summary is sentence 0). */
  sentenceIndex: number;
  /** Index of the chunk within its sentence; long sentences are split for the engine. */
  chunkIndex: number;
  /** What is spoken. */
  text: string;
  /** Offsets of the spoken text in the block text (end exclusive), for highlighting. */
  start: number;
  end: number;
  lang: string;
}

export interface BuildOptions {
  blocks: readonly SpeechBlock[];
  lang: string;
  /** The headline, read first. */
  title?: string;
  labels?: Partial<SpeechLabels>;
  /** Chunk limit override; defaults depend on the script (see chunkSentence). */
  maxChars?: number;
}

/** Pages often lack a lang; guessing from the script picks a voice that can read it. */
function utteranceLang(lang: string, text: string): string {
  if (lang.trim()) return lang.trim();
  if (!isMostlyCjk(text)) return '';
  return /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? 'ja' : 'zh';
}

function countRows(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

/** Headline first, then every block in order; code is skipped and tables are summarised. */
export function buildUtterances(options: BuildOptions): Utterance[] {
  const { blocks, lang, title, maxChars } = options;
  const labels: SpeechLabels = { ...defaultLabels(lang), ...options.labels };
  const out: Utterance[] = [];
  const addText = (blockId: string, kind: Utterance['kind'], text: string) => {
    sentenceSpans(text, lang).forEach((sentence, sentenceIndex) => {
      chunkSpans(sentence.text, maxChars, lang).forEach((chunk, chunkIndex) => {
        out.push({
          blockId,
          kind,
          sentenceIndex,
          chunkIndex,
          text: chunk.text,
          start: sentence.start + chunk.start,
          end: sentence.start + chunk.end,
          lang: utteranceLang(lang, chunk.text),
        });
      });
    });
  };
  if (title?.trim()) addText(HEADLINE_ID, 'headline', title);
  for (const block of blocks) {
    if (block.kind === 'code') continue;
    if (block.kind === 'table') {
      const text = labels.table(block.rows ?? countRows(block.text));
      out.push({
        blockId: block.id,
        kind: 'table',
        sentenceIndex: 0,
        chunkIndex: 0,
        text,
        start: 0,
        end: block.text.length,
        lang: utteranceLang(lang, text),
      });
      continue;
    }
    addText(block.id, block.kind, block.text);
  }
  return out;
}

export type QueueState = 'idle' | 'playing' | 'paused' | 'ended';

export interface QueueChange {
  state: QueueState;
  index: number;
  /** The utterance at `index` (undefined only when there is nothing to read). */
  utterance: Utterance | undefined;
  /** Set when the engine failed and the queue skipped ahead or stopped because of it. */
  error?: string;
}

export type QueueListener = (change: QueueChange) => void;

export interface ReadingQueueOptions extends BuildOptions {
  engine: SpeechEngine;
  rate?: number;
  voiceURI?: string;
}

export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

export function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

/** Reported after our own cancel(); never a real failure. */
const CANCEL_ERRORS = new Set(['interrupted', 'canceled', 'cancelled']);
/** Failures of one utterance; anything else (not-allowed, audio-busy, …) would fail them all. */
const SKIPPABLE_ERRORS = new Set(['text-too-long', 'synthesis-failed', 'invalid-argument']);
/** A broken engine must not burn through the whole article one error at a time. */
const MAX_CONSECUTIVE_ERRORS = 3;

export class ReadingQueue {
  readonly utterances: readonly Utterance[];
  private readonly engine: SpeechEngine;
  private readonly listeners = new Set<QueueListener>();
  private _state: QueueState = 'idle';
  private _index = 0;
  private _rate: number;
  private voiceURI: string | undefined;
  /**
   * Bumped whenever the current utterance is abandoned or settled, so callbacks from an older
   * utterance (onEnd after cancel, a second onEnd) are recognised and dropped.
   */
  private generation = 0;
  /** True when the engine holds nothing to resume (paused between utterances, or cancelled). */
  private needsSpeak = true;
  private errorStreak = 0;

  constructor(options: ReadingQueueOptions) {
    this.engine = options.engine;
    this.utterances = buildUtterances(options);
    this._rate = clampRate(options.rate ?? 1);
    this.voiceURI = options.voiceURI;
  }

  get state(): QueueState {
    return this._state;
  }

  get index(): number {
    return this._index;
  }

  get rate(): number {
    return this._rate;
  }

  get current(): Utterance | undefined {
    return this.utterances[this._index];
  }

  onChange(listener: QueueListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Starts reading at `fromIndex`; without it resumes when paused, restarts when ended. */
  play(fromIndex?: number): void {
    if (fromIndex === undefined) {
      if (this._state === 'paused') {
        this.resume();
        return;
      }
      if (this._state === 'playing') return;
      if (this._state === 'ended') this._index = 0;
    } else {
      this._index = this.clampIndex(fromIndex);
    }
    if (this.utterances.length === 0) {
      this.setState('ended');
      return;
    }
    this.errorStreak = 0;
    this.cancelCurrent();
    this._state = 'playing';
    this.emitThenSpeak();
  }

  /**
   * Pausing cancels the sentence in flight; resuming says it again from its start. Engines'
   * own pause() is not to be trusted: on Linux (speech-dispatcher) a paused synthesizer never
   * speaks again in that browser session, and Chrome keeps it paused across cancel(). A
   * sentence is short, and hearing it again whole helps a reader back into the text.
   */
  pause(): void {
    if (this._state !== 'playing') return;
    this.cancelCurrent();
    this.setState('paused');
  }

  resume(): void {
    if (this._state !== 'paused') return;
    this._state = 'playing';
    this.emitThenSpeak();
  }

  /** Cancels and goes idle; the index stays, so play() continues here and play(0) restarts. */
  stop(): void {
    if (this._state === 'idle') return;
    this.cancelCurrent();
    this.setState('idle');
  }

  /**
   * Moves to the start of the next sentence (skipping the rest of a chunked one), keeping the
   * state (a paused queue stays paused, an ended one reads on); no-op in the last sentence.
   */
  next(): void {
    let i = this._index + 1;
    while (i < this.utterances.length && this.utterances[i]!.chunkIndex > 0) i++;
    if (i >= this.utterances.length) return;
    this.moveTo(i);
  }

  /**
   * Moves to the start of the previous sentence; inside a chunked sentence, to its own start
   * first; in the first sentence, restarts it.
   */
  previous(): void {
    const start = (i: number) => {
      let j = i;
      while (j > 0 && this.utterances[j]!.chunkIndex > 0) j--;
      return j;
    };
    const here = start(this._index);
    this.moveTo(here < this._index ? here : start(Math.max(0, here - 1)));
  }

  /** Plays from the first utterance of `blockId`; false when the block has nothing to read. */
  startAtBlock(blockId: string): boolean {
    const i = this.utterances.findIndex((u) => u.blockId === blockId);
    if (i < 0) return false;
    this.play(i);
    return true;
  }

  /** Clamps to 0.5..2 and restarts the current utterance so the change is heard at once. */
  setRate(rate: number): number {
    const next = clampRate(rate);
    if (next === this._rate) return next;
    this._rate = next;
    this.restartCurrent();
    return next;
  }

  setVoice(voiceURI: string | undefined): void {
    if (voiceURI === this.voiceURI) return;
    this.voiceURI = voiceURI;
    this.restartCurrent();
  }

  /** Stops and drops listeners; for when the reader closes. */
  dispose(): void {
    this.stop();
    this.listeners.clear();
  }

  private clampIndex(i: number): number {
    const last = Math.max(0, this.utterances.length - 1);
    return Number.isFinite(i) ? Math.min(last, Math.max(0, Math.trunc(i))) : 0;
  }

  private moveTo(i: number): void {
    if (this.utterances.length === 0) return;
    this._index = i;
    if (this._state === 'playing' || this._state === 'paused') {
      this.cancelCurrent();
    } else if (this._state === 'ended') {
      // "Previous" after the end means "say that again": read on from there.
      this.errorStreak = 0;
      this.cancelCurrent();
      this._state = 'playing';
    }
    this.emitThenSpeak();
  }

  /** Speech engines cannot change rate or voice mid-utterance, so say it again. */
  private restartCurrent(): void {
    if (this._state === 'playing') {
      this.cancelCurrent();
      this.speakCurrent();
    } else if (this._state === 'paused') {
      this.cancelCurrent();
    }
  }

  /** Abandons the utterance in flight. The generation moves first: engines may call back inside cancel(). */
  private cancelCurrent(): void {
    this.generation++;
    this.needsSpeak = true;
    this.engine.cancel();
  }

  private speakCurrent(): void {
    const u = this.utterances[this._index];
    if (!u) return;
    const generation = ++this.generation;
    const isCurrent = () => {
      if (generation !== this.generation) return false;
      this.generation++;
      return true;
    };
    this.needsSpeak = false;
    const request: SpeechRequest = { text: u.text, lang: u.lang, rate: this._rate };
    if (this.voiceURI) request.voiceURI = this.voiceURI;
    try {
      this.engine.speak(request, {
        onEnd: () => {
          if (isCurrent()) this.finished();
        },
        onError: (error) => {
          if (isCurrent()) this.failed(error);
        },
      });
    } catch (e) {
      if (isCurrent()) this.failed(e instanceof Error ? e.message : String(e));
    }
  }

  /** The current utterance ended: go on, or just move the cursor while paused. */
  private finished(error?: string): void {
    this.needsSpeak = true;
    if (error === undefined) this.errorStreak = 0;
    if (this._index >= this.utterances.length - 1) {
      this._state = 'ended';
      this.emit(error);
      return;
    }
    this._index++;
    this.emitThenSpeak(error);
  }

  private failed(error: string): void {
    this.needsSpeak = true;
    if (CANCEL_ERRORS.has(error)) {
      // Our own cancels are filtered as stale; this one came from elsewhere: stop quietly.
      this.cancelCurrent();
      this.setState('idle');
      return;
    }
    this.errorStreak++;
    if (SKIPPABLE_ERRORS.has(error) && this.errorStreak < MAX_CONSECUTIVE_ERRORS) {
      this.finished(error);
      return;
    }
    this.cancelCurrent();
    this._state = 'idle';
    this.emit(error);
  }

  private setState(state: QueueState): void {
    this._state = state;
    this.emit();
  }

  /**
   * Reports first, so the highlight moves before the voice, then speaks if still wanted: a
   * listener may have paused, stopped or jumped elsewhere (which moves the generation).
   */
  private emitThenSpeak(error?: string): void {
    const generation = this.generation;
    this.emit(error);
    if (generation === this.generation && this._state === 'playing' && this.needsSpeak) {
      this.speakCurrent();
    }
  }

  private emit(error?: string): void {
    const change: QueueChange = {
      state: this._state,
      index: this._index,
      utterance: this.utterances[this._index],
    };
    if (error !== undefined) change.error = error;
    // Copy: a listener may unsubscribe while we iterate.
    for (const listener of [...this.listeners]) listener(change);
  }
}
