import type { SpeechEngine } from '../../lib/speech/queue.ts';
import type { VoiceInfo } from '../../lib/speech/voices.ts';

/**
 * What the read-aloud control needs from the browser: a synthesizer and its voices. The
 * content script passes one over window.speechSynthesis; tests pass a fake.
 */
export interface SpeechBackend {
  engine: SpeechEngine;
  /** The voices known now (possibly none while the browser is still loading them). */
  voices(): VoiceInfo[];
  /** Resolves once the browser has reported its voices, or has had long enough to. */
  voicesReady(): Promise<void>;
  /** Called when the voice list changes; returns the unsubscribe function. */
  onVoicesChanged(listener: () => void): () => void;
}
