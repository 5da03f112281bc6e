import { useRef, useState } from 'preact/hooks';
import { siteKey } from '../../lib/prefs/sites.ts';
import { Button } from '../controls/Button.tsx';
import type { Translate } from '../reader/view-model.ts';
import { checkSiteInput } from './model.ts';

/**
 * The sites where care mode opens by itself. Adding one asks the browser for that site's
 * permission in the same click (browsers only ask during a click). Invalid input is
 * explained and kept in the box for correcting; the saved list is never touched by it.
 */
export interface SiteListActions {
  /**
   * Ask for the site's permission (synchronously, inside the click) and save it to the list
   * when granted. Resolves true when the site was added.
   */
  addSite(pattern: string): Promise<boolean>;
  removeSite(pattern: string): void;
  /** Ask for permission for listed sites that lack it (synchronously, inside the click). */
  allowSites(patterns: string[]): Promise<boolean>;
}

export interface SiteListProps {
  sites: readonly string[];
  /** site → whether the browser lets care mode run there. Missing = not known yet. */
  granted: Readonly<Record<string, boolean>>;
  /** The host of the page whose Settings button opened this page, if any. */
  fromHost: string | null;
  t: Translate;
  actions: SiteListActions;
  trustedOnly?: boolean;
}

type Note = { kind: 'ok' | 'error'; text: string } | null;

export function SiteList({ sites, granted, fromHost, t, actions, trustedOnly }: SiteListProps) {
  const [input, setInput] = useState('');
  const [note, setNote] = useState<Note>(null);
  const [invalid, setInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const add = (typed: string, fromInput: boolean) => {
    const check = checkSiteInput(typed, sites);
    if (!check.ok) {
      setNote({ kind: 'error', text: t(check.reason) });
      if (fromInput) {
        setInvalid(true);
        inputRef.current?.focus();
      }
      return;
    }
    setInvalid(false);
    setNote(null);
    // No await before this call: the permission request must stay inside the click.
    void actions.addSite(check.pattern).then(
      (added) => {
        if (added) {
          if (fromInput) setInput('');
          setNote({ kind: 'ok', text: t('siteAdded', [check.pattern]) });
        } else setNote({ kind: 'error', text: t('sitePermissionDenied', [check.pattern]) });
      },
      () => setNote({ kind: 'error', text: t('sitePermissionDenied', [check.pattern]) }),
    );
  };

  const remove = (site: string) => {
    actions.removeSite(site);
    setNote({ kind: 'ok', text: t('siteRemoved', [site]) });
    inputRef.current?.focus();
  };

  const allow = (list: string[]) => {
    void actions.allowSites(list).then(
      (ok) =>
        setNote(
          ok
            ? { kind: 'ok', text: t('sitesAllowed') }
            : { kind: 'error', text: t('sitesNotAllowed') },
        ),
      () => setNote({ kind: 'error', text: t('sitesNotAllowed') }),
    );
  };

  const fromKey = fromHost ? siteKey(fromHost) : null;
  const offerFrom =
    fromHost && fromKey !== null && !sites.some((s) => siteKey(s) === fromKey) ? fromHost : null;
  const missing = sites.filter((s) => granted[s] === false);

  return (
    <div class="op-site-editor">
      {offerFrom ? (
        <div class="op-field">
          <Button
            variant="big"
            label={t('siteAddCurrent', [offerFrom])}
            icon="+"
            onPress={() => add(offerFrom, false)}
            trustedOnly={trustedOnly}
            name="add-current-site"
          />
        </div>
      ) : null}
      <form
        class="op-field"
        onSubmit={(event) => {
          event.preventDefault();
          add(input, true);
        }}
      >
        <label class="op-label" for="site-input">
          {t('siteInputLabel')}
        </label>
        <p class="op-note" id="site-input-hint">
          {t('siteInputHint')}
        </p>
        <div class="op-row">
          <input
            type="text"
            id="site-input"
            name="site"
            ref={inputRef}
            value={input}
            autocomplete="off"
            spellcheck={false}
            inputMode="url"
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={invalid ? 'site-input-hint site-error' : 'site-input-hint'}
            onInput={(e) => {
              setInput((e.currentTarget as HTMLInputElement).value);
              if (invalid) setInvalid(false);
            }}
          />
          <button type="submit" class="cm-btn cm-btn--toolbar" data-cm-button="add-site">
            <span class="cm-btn__label">{t('siteAdd')}</span>
          </button>
        </div>
      </form>
      {/* Confirmations are polite; a refusal interrupts (and is inserted, so it is announced). */}
      <p id="site-note" class="op-message op-message--ok" role="status">
        {note?.kind === 'ok' ? (
          <>
            <span class="op-message-icon" aria-hidden="true">
              ✓
            </span>
            {note.text}
          </>
        ) : null}
      </p>
      {note?.kind === 'error' ? (
        <p id="site-error" class="op-message op-message--error" role="alert">
          <span class="op-message-icon" aria-hidden="true">
            ✗
          </span>
          {note.text}
        </p>
      ) : null}

      <h3 class="op-label" id="site-list-title">
        {t('siteListTitle', [String(sites.length)])}
      </h3>
      {sites.length === 0 ? <p class="op-note">{t('siteListEmpty')}</p> : null}
      {missing.length > 0 ? (
        <div class="op-field">
          <p class="op-note">{t('sitesNeedPermission', [String(missing.length)])}</p>
          <Button
            label={t('sitesAllowAll')}
            onPress={() => allow(missing)}
            trustedOnly={trustedOnly}
            name="allow-all-sites"
          />
        </div>
      ) : null}
      {sites.length > 0 ? (
        <ul class="op-sites" aria-labelledby="site-list-title">
          {sites.map((site) => {
            const state = granted[site];
            return (
              <li class="op-site" key={site} data-site={site}>
                <span class="op-site-name">
                  {site}
                  <span class="op-site-state">
                    {state === undefined
                      ? t('siteChecking')
                      : state
                        ? t('siteAllowed')
                        : t('siteNotAllowed')}
                  </span>
                </span>
                <span class="op-row">
                  {state === false ? (
                    <Button
                      label={t('siteAllow')}
                      detail={site}
                      onPress={() => allow([site])}
                      trustedOnly={trustedOnly}
                      name="allow-site"
                    />
                  ) : null}
                  <Button
                    label={t('siteRemove')}
                    detail={site}
                    onPress={() => remove(site)}
                    trustedOnly={trustedOnly}
                    name="remove-site"
                  />
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
