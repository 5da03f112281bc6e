import { useEffect, useState } from 'preact/hooks';
import { normalizeHex } from '../../lib/theme/contrast.ts';
import { customTheme } from '../../lib/theme/themes.ts';
import type { Translate } from '../reader/view-model.ts';

/**
 * The reader's own text and background colours, with the contrast ratio read out as they
 * change. A pair below 7:1 is saved with a warning; below 4.5:1 it is refused (what is saved
 * stays as it was) and the message says so.
 */
export interface ColourEditorProps {
  text: string;
  bg: string;
  t: Translate;
  /** Called only with a pair that may be used (verdict ok or warn). */
  onSave(text: string, bg: string): void;
}

/** One decimal, rounded down, so 6.96 never reads as "7.0 : 1" next to a warning. */
export function formatRatio(ratio: number): string {
  return (Math.floor(ratio * 10) / 10).toFixed(1);
}

export function ColourEditor({ text, bg, t, onSave }: ColourEditorProps) {
  const [draft, setDraft] = useState({ text, bg });
  // A change saved elsewhere (another tab, an import) replaces the draft; our own save of the
  // draft does not (the reader may still be typing '#fff' on the way to '#fff000').
  useEffect(
    () =>
      setDraft((d) =>
        normalizeHex(d.text) === text && normalizeHex(d.bg) === bg ? d : { text, bg },
      ),
    [text, bg],
  );

  const textHex = normalizeHex(draft.text);
  const bgHex = normalizeHex(draft.bg);
  const result = textHex && bgHex ? customTheme(textHex, bgHex) : null;
  const ratio = result ? formatRatio(result.ratio) : '';

  const change = (field: 'text' | 'bg', value: string) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    const nt = normalizeHex(next.text);
    const nb = normalizeHex(next.bg);
    if (!nt || !nb) return;
    if (customTheme(nt, nb).verdict === 'refuse') return;
    if (nt !== text || nb !== bg) onSave(nt, nb);
  };

  let message: string;
  let kind: 'ok' | 'warn' | 'error';
  if (!textHex || !bgHex) {
    message = t('colourInvalid');
    kind = 'error';
  } else if (result?.verdict === 'refuse') {
    message = t('contrastRefuse', [ratio]);
    kind = 'error';
  } else if (result?.verdict === 'warn') {
    message = t('contrastWarn', [ratio]);
    kind = 'warn';
  } else {
    message = t('contrastOk', [ratio]);
    kind = 'ok';
  }

  const field = (id: 'text' | 'bg', label: string) => {
    const value = draft[id];
    const hex = normalizeHex(value);
    return (
      <div class="op-field">
        <span class="op-label" id={`colour-${id}-label`}>
          {label}
        </span>
        <div class="op-row">
          <input
            type="color"
            id={`colour-${id}-picker`}
            aria-labelledby={`colour-${id}-label`}
            value={hex ?? '#000000'}
            onInput={(e) => change(id, (e.currentTarget as HTMLInputElement).value)}
          />
          <input
            type="text"
            id={`colour-${id}`}
            name={id === 'text' ? 'customText' : 'customBg'}
            aria-label={t('colourCode', [label])}
            aria-invalid={hex ? undefined : 'true'}
            aria-describedby="colour-verdict"
            spellcheck={false}
            autocomplete="off"
            maxLength={16}
            value={value}
            onInput={(e) => change(id, (e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      </div>
    );
  };

  return (
    <div class="op-colours">
      {field('text', t('optCustomText'))}
      {field('bg', t('optCustomBg'))}
      <p
        id="colour-verdict"
        class={`op-message op-message--${kind}`}
        role="status"
        data-verdict={result?.verdict ?? 'invalid'}
      >
        <span class="op-message-icon" aria-hidden="true">
          {kind === 'ok' ? '✓' : kind === 'warn' ? '!' : '✗'}
        </span>
        {message}
      </p>
    </div>
  );
}
