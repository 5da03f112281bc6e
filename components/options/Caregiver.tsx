import { useEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../../lib/prefs/schema.ts';
import { Button } from '../controls/Button.tsx';
import type { Translate } from '../reader/view-model.ts';
import { type ImportResult, MAX_IMPORT_BYTES, parseImport, SETTING_LABEL_KEYS } from './model.ts';

/**
 * For the family member who sets things up: save all settings to a file, load them on
 * another browser (a bad file changes nothing and says why), and start over (after a
 * confirmation that says what will be lost).
 */
export interface CaregiverActions {
  exportSettings(): void;
  importSettings(settings: Settings): void;
  reset(): void;
}

export interface CaregiverProps {
  t: Translate;
  actions: CaregiverActions;
  trustedOnly?: boolean;
}

type Note = { kind: 'ok' | 'error'; text: string } | null;

/** The plain-words reason a file was refused. */
export function importMessage(result: ImportResult, t: Translate): string {
  if (result.ok) {
    return result.droppedSites > 0
      ? t('importDoneDropped', [String(result.droppedSites)])
      : t('importDone');
  }
  if (result.reason === 'importDamaged') {
    const names = result.fields.map((f) => t(SETTING_LABEL_KEYS[f]));
    return t('importDamaged', [names.join(t('listSeparator'))]);
  }
  return t(result.reason);
}

export function Caregiver({ t, actions, trustedOnly }: CaregiverProps) {
  const [note, setNote] = useState<Note>(null);
  const [confirming, setConfirming] = useState(false);
  const resetRef = useRef<HTMLButtonElement>(null);
  // The confirmation opens on its harmless choice: a stray Enter must not erase anything.
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      resetRef.current?.focus();
    }
  }, [confirming]);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Let the same file be chosen again after fixing it.
    input.value = '';
    if (!file) return;
    let result: ImportResult;
    if (file.size > MAX_IMPORT_BYTES) result = { ok: false, reason: 'importTooLarge', fields: [] };
    else {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setNote({ kind: 'error', text: t('importUnreadable') });
        return;
      }
      result = parseImport(text);
    }
    if (result.ok) actions.importSettings(result.settings);
    setNote({ kind: result.ok ? 'ok' : 'error', text: importMessage(result, t) });
  };

  const closeConfirm = () => {
    returnFocus.current = true;
    setConfirming(false);
  };

  return (
    <div class="op-caregiver">
      <div class="op-field">
        <p class="op-note">{t('exportHint')}</p>
        <Button
          label={t('exportButton')}
          icon="⇩"
          onPress={() => {
            actions.exportSettings();
            setNote({ kind: 'ok', text: t('exportDone') });
          }}
          trustedOnly={trustedOnly}
          name="export"
        />
      </div>
      <div class="op-field">
        <p class="op-note" id="import-hint">
          {t('importHint')}
        </p>
        {/* A real file input (keyboard and screen readers know it), drawn as our button. */}
        <span class="op-file">
          <span class="cm-btn cm-btn--toolbar" aria-hidden="true">
            <span class="cm-btn__icon">⇧</span>
            <span class="cm-btn__label">{t('importButton')}</span>
          </span>
          <input
            type="file"
            id="import-file"
            accept="application/json,.json"
            aria-label={t('importButton')}
            aria-describedby="import-hint"
            onChange={(e) => void onFile(e.currentTarget as HTMLInputElement)}
          />
        </span>
      </div>
      <p id="caregiver-note" class="op-message op-message--ok" role="status">
        {note?.kind === 'ok' ? note.text : null}
      </p>
      {note?.kind === 'error' ? (
        <p id="caregiver-error" class="op-message op-message--error" role="alert">
          <span class="op-message-icon" aria-hidden="true">
            ✗
          </span>
          {note.text}
        </p>
      ) : null}

      <div class="op-field">
        <Button
          label={t('resetButton')}
          icon="↺"
          onPress={() => {
            setNote(null);
            setConfirming(true);
          }}
          trustedOnly={trustedOnly}
          buttonRef={resetRef}
          name="reset"
        />
      </div>
      {confirming ? (
        <fieldset
          class="op-confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              closeConfirm();
            }
          }}
        >
          <legend id="reset-question">{t('resetQuestion')}</legend>
          <div class="op-row">
            <Button
              label={t('resetConfirm')}
              onPress={() => {
                actions.reset();
                closeConfirm();
                setNote({ kind: 'ok', text: t('resetDone') });
              }}
              trustedOnly={trustedOnly}
              name="reset-confirm"
            />
            <Button
              label={t('resetCancel')}
              onPress={closeConfirm}
              trustedOnly={trustedOnly}
              buttonRef={cancelRef}
              name="reset-cancel"
            />
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
