import type { Settings, ThemePref } from '../../lib/prefs/schema.ts';
import { THEME_PREFS } from '../../lib/prefs/schema.ts';
import { autoThemeId, getTheme, isThemeId } from '../../lib/theme/themes.ts';
import { resolveTheme, type Translate, themeNameKey } from '../reader/view-model.ts';
import { Choice } from './Choice.tsx';

/**
 * The colour choice, each with a sample of its colours: on the options page and in the popup.
 */

/** Theme choices in the order a reader scans them: automatic first, own colours last. */
export const THEME_ORDER: readonly ThemePref[] = [
  'auto',
  ...THEME_PREFS.filter((p) => p !== 'auto' && p !== 'custom'),
  'custom',
];

export interface ThemeChoiceProps {
  legend: string;
  settings: Settings;
  prefersDark: boolean;
  t: Translate;
  onChange(theme: ThemePref): void;
  /** Offer "my own colours" even when it is not the current choice (it is set up in options). */
  offerCustom?: boolean;
}

function Swatch({
  pref,
  settings,
  prefersDark,
}: {
  pref: ThemePref;
  settings: Settings;
  prefersDark: boolean;
}) {
  const id = pref === 'auto' ? autoThemeId(prefersDark) : pref;
  const theme =
    id === 'custom'
      ? resolveTheme({ ...settings, theme: 'custom' })
      : getTheme(isThemeId(id) ? id : 'light');
  return (
    <span class="op-swatch" aria-hidden="true" style={{ background: theme.bg, color: theme.text }}>
      字A
    </span>
  );
}

export function ThemeChoice({
  legend,
  settings,
  prefersDark,
  t,
  onChange,
  offerCustom = true,
}: ThemeChoiceProps) {
  const prefs = THEME_ORDER.filter(
    (pref) => pref !== 'custom' || offerCustom || settings.theme === 'custom',
  );
  return (
    <Choice
      legend={legend}
      name="theme"
      value={settings.theme}
      options={prefs.map((pref) => ({
        value: pref,
        label: (
          <>
            <Swatch pref={pref} settings={settings} prefersDark={prefersDark} />{' '}
            {t(themeNameKey(pref))}
          </>
        ),
      }))}
      onChange={onChange}
    />
  );
}
