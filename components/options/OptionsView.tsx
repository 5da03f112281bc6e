import { useMemo } from 'preact/hooks';
import {
  COLUMN_WIDTHS,
  type ColumnWidth,
  FONT_FAMILIES,
  FONT_SIZE_STEPS,
  type FontFamily,
  type Settings,
  stepFontSize,
} from '../../lib/prefs/schema.ts';
import { Button } from '../controls/Button.tsx';
import { cssVars, FONT_STACKS } from '../reader/styles.ts';
import { resolveTheme, safeTranslate, type Translate } from '../reader/view-model.ts';
import { Caregiver, type CaregiverActions } from './Caregiver.tsx';
import { Choice } from './Choice.tsx';
import { ColourEditor } from './ColourEditor.tsx';
import {
  groupVoices,
  LETTER_SPACINGS,
  LINE_HEIGHTS,
  SPEECH_RATES,
  type VoiceInfo,
  withCurrent,
} from './model.ts';
import { SiteList, type SiteListActions } from './SiteList.tsx';
import { ThemeChoice } from './ThemeChoice.tsx';

/**
 * The options page: every setting of the care view, the listed sites, and the caregiver's
 * export / import / reset. A function of (data, actions): storage, permissions and speech
 * are the caller's (entrypoints/options/App.tsx).
 */
export interface OptionsActions extends SiteListActions, CaregiverActions {
  /** Save a change (the caller repairs, stores and passes the new settings back). */
  save(patch: Partial<Settings>): void;
  /** Speak a short sample with this voice and speed. */
  trySpeech(voice: string, rate: number): void;
}

export interface OptionsViewProps {
  settings: Settings;
  t: Translate;
  actions: OptionsActions;
  prefersDark?: boolean;
  /** Voices the browser offers (speechSynthesis.getVoices()). */
  voices: readonly VoiceInfo[];
  /** False when the browser has no speech synthesis. */
  speechAvailable: boolean;
  /** site → permission granted (missing while being checked). */
  granted: Readonly<Record<string, boolean>>;
  /** The host of the page whose Settings button opened this page. */
  fromHost: string | null;
  /** "Saved" and similar, announced politely. */
  status: string;
  uiLang?: string;
  trustedOnly?: boolean;
}

const FONT_NAME_KEYS: Readonly<Record<FontFamily, string>> = {
  sans: 'fontSans',
  serif: 'fontSerif',
  kai: 'fontKai',
  'latin-sans': 'fontLatinSans',
  'latin-serif': 'fontLatinSerif',
};

const WIDTH_NAME_KEYS: Readonly<Record<ColumnWidth, string>> = {
  narrow: 'widthNarrow',
  normal: 'widthNormal',
  wide: 'widthWide',
};

const num = (n: number) => String(Math.round(n * 100) / 100);

export function OptionsView({
  settings,
  t: rawT,
  actions,
  prefersDark = false,
  voices,
  speechAvailable,
  granted,
  fromHost,
  status,
  uiLang,
  trustedOnly = true,
}: OptionsViewProps) {
  const t = useMemo(() => safeTranslate(rawT), [rawT]);
  const save = actions.save;
  const previewVars = cssVars(settings, resolveTheme(settings, prefersDark), 'cjk');
  const voiceGroups = groupVoices(voices, settings.speechVoice);
  const voiceKnown =
    settings.speechVoice === '' ||
    [...voiceGroups.zh, ...voiceGroups.en, ...voiceGroups.other].some(
      (v) => v.uri === settings.speechVoice,
    );

  return (
    <div class="op-page" lang={uiLang}>
      <header class="op-header">
        <h1>{t('optionsTitle')}</h1>
        <p>{t('optionsIntro')}</p>
      </header>
      <main class="op-layout" id="main">
        <section class="op-preview-wrap" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('previewTitle')}</h2>
          <div class="op-preview" style={previewVars} data-theme={settings.theme}>
            <div class="op-preview-body" lang={uiLang}>
              <p class="op-preview-headline">
                <strong>{t('previewHeadline')}</strong>
              </p>
              <p>{t('previewText')}</p>
              <p>
                <a href="#preview-title">{t('previewLink')}</a>
              </p>
            </div>
          </div>
        </section>

        <div class="op-sections">
          <section class="op-section" aria-labelledby="text-title">
            <h2 id="text-title">{t('optTextSection')}</h2>
            <div class="op-field">
              <label class="op-label" for="font-size">
                {t('optFontSize')}
              </label>
              <div class="op-row">
                <Button
                  label={t('textSmaller')}
                  icon="A−"
                  onPress={() => save({ fontSize: stepFontSize(settings.fontSize, -1) })}
                  trustedOnly={trustedOnly}
                  name="smaller"
                />
                <select
                  id="font-size"
                  name="fontSize"
                  value={String(settings.fontSize)}
                  onChange={(e) =>
                    save({ fontSize: Number((e.currentTarget as HTMLSelectElement).value) })
                  }
                >
                  {withCurrent(FONT_SIZE_STEPS, settings.fontSize).map((px) => (
                    <option key={px} value={String(px)}>
                      {t('pixels', [String(px)])}
                    </option>
                  ))}
                </select>
                <Button
                  label={t('textLarger')}
                  icon="A+"
                  onPress={() => save({ fontSize: stepFontSize(settings.fontSize, 1) })}
                  trustedOnly={trustedOnly}
                  name="larger"
                />
              </div>
            </div>
            <Choice
              legend={t('optFontFamily')}
              name="fontFamily"
              value={settings.fontFamily}
              options={FONT_FAMILIES.map((f) => ({
                value: f,
                label: t(FONT_NAME_KEYS[f]),
                style: { fontFamily: FONT_STACKS[f] },
              }))}
              onChange={(fontFamily) => save({ fontFamily })}
            />
            <Choice
              legend={t('optLineHeight')}
              name="lineHeight"
              value={settings.lineHeight}
              options={withCurrent(LINE_HEIGHTS, settings.lineHeight).map((v) => ({
                value: v,
                label: t('times', [num(v)]),
              }))}
              onChange={(lineHeight) => save({ lineHeight })}
            />
            <Choice
              legend={t('optLetterSpacing')}
              name="letterSpacing"
              value={settings.letterSpacing}
              options={withCurrent(LETTER_SPACINGS, settings.letterSpacing).map((v) => ({
                value: v,
                label: v === 0 ? t('spacingNone') : t('spacingChars', [num(v)]),
              }))}
              onChange={(letterSpacing) => save({ letterSpacing })}
            />
            <Choice
              legend={t('optColumnWidth')}
              name="columnWidth"
              value={settings.columnWidth}
              options={COLUMN_WIDTHS.map((w) => ({ value: w, label: t(WIDTH_NAME_KEYS[w]) }))}
              onChange={(columnWidth) => save({ columnWidth })}
            />
          </section>

          <section class="op-section" aria-labelledby="colour-title">
            <h2 id="colour-title">{t('theme')}</h2>
            <ThemeChoice
              legend={t('optThemeChoice')}
              settings={settings}
              prefersDark={prefersDark}
              t={t}
              onChange={(theme) => save({ theme })}
            />
            <h3 class="op-label">{t('optCustomTitle')}</h3>
            <p class="op-note">{t('optCustomHint')}</p>
            <ColourEditor
              text={settings.customText}
              bg={settings.customBg}
              t={t}
              onSave={(customText, customBg) => save({ customText, customBg })}
            />
          </section>

          <section class="op-section" aria-labelledby="images-title">
            <h2 id="images-title">{t('images')}</h2>
            <label class="op-check">
              <input
                type="checkbox"
                name="showImages"
                checked={settings.showImages}
                onChange={(e) =>
                  save({ showImages: (e.currentTarget as HTMLInputElement).checked })
                }
              />
              <span>{t('showImages')}</span>
            </label>
          </section>

          <section class="op-section" aria-labelledby="speech-title">
            <h2 id="speech-title">{t('readAloud')}</h2>
            {speechAvailable ? null : <p class="op-note">{t('speechUnavailable')}</p>}
            <div class="op-field">
              <label class="op-label" for="voice">
                {t('optVoice')}
              </label>
              <select
                id="voice"
                name="speechVoice"
                value={settings.speechVoice}
                onChange={(e) =>
                  save({ speechVoice: (e.currentTarget as HTMLSelectElement).value })
                }
              >
                <option value="">{t('voiceDefault')}</option>
                {voiceGroups.zh.length > 0 ? (
                  <optgroup label={t('voiceGroupZh')}>
                    {voiceGroups.zh.map((v) => (
                      <option key={v.uri} value={v.uri}>
                        {`${v.name} (${v.lang})`}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {voiceGroups.en.length > 0 ? (
                  <optgroup label={t('voiceGroupEn')}>
                    {voiceGroups.en.map((v) => (
                      <option key={v.uri} value={v.uri}>
                        {`${v.name} (${v.lang})`}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {voiceGroups.other.map((v) => (
                  <option key={v.uri} value={v.uri}>
                    {`${v.name} (${v.lang})`}
                  </option>
                ))}
                {voiceKnown ? null : (
                  <option value={settings.speechVoice}>{t('voiceMissing')}</option>
                )}
              </select>
              {speechAvailable && voices.length === 0 ? (
                <p class="op-note">{t('voicesNone')}</p>
              ) : null}
            </div>
            <div class="op-field">
              <label class="op-label" for="rate">
                {t('optRate')}
              </label>
              <div class="op-row">
                <select
                  id="rate"
                  name="speechRate"
                  value={String(settings.speechRate)}
                  onChange={(e) =>
                    save({ speechRate: Number((e.currentTarget as HTMLSelectElement).value) })
                  }
                >
                  {withCurrent(SPEECH_RATES, settings.speechRate).map((r) => (
                    <option key={r} value={String(r)}>
                      {r === 1 ? t('rateNormal', [num(r)]) : t('times', [num(r)])}
                    </option>
                  ))}
                </select>
                {speechAvailable ? (
                  <Button
                    label={t('voiceTry')}
                    icon="▶"
                    onPress={() => actions.trySpeech(settings.speechVoice, settings.speechRate)}
                    trustedOnly={trustedOnly}
                    name="try-voice"
                  />
                ) : null}
              </div>
            </div>
          </section>

          <section class="op-section" aria-labelledby="button-title">
            <h2 id="button-title">{t('optButton')}</h2>
            <Choice
              legend={t('optButtonChoice')}
              name="toolbarButton"
              value={settings.toolbarButton}
              options={[
                { value: 'panel', label: t('optButtonPanel') },
                { value: 'toggle', label: t('optButtonToggle') },
              ]}
              onChange={(toolbarButton) => save({ toolbarButton })}
            />
          </section>

          <section class="op-section" aria-labelledby="sites-title">
            <h2 id="sites-title">{t('optSites')}</h2>
            <p>{t('optSitesIntro')}</p>
            <SiteList
              sites={settings.sites}
              granted={granted}
              fromHost={fromHost}
              t={t}
              actions={actions}
              trustedOnly={trustedOnly}
            />
          </section>

          <section class="op-section" aria-labelledby="caregiver-title">
            <h2 id="caregiver-title">{t('optCaregiver')}</h2>
            <p>{t('optCaregiverIntro')}</p>
            <Caregiver t={t} actions={actions} trustedOnly={trustedOnly} />
          </section>
        </div>
        <p class="op-status" role="status">
          {status}
        </p>
      </main>
    </div>
  );
}
