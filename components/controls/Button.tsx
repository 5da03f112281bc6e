import type { ComponentChildren, Ref } from 'preact';

/**
 * The shared big button: at least 60×60 CSS px, a visible text label that is also its
 * accessible name (WCAG 2.5.3), an optional decorative glyph. Looks come from BUTTON_CSS,
 * which the care view includes; the popup and options page can include it too (it only
 * reads the --cm-* custom properties, with fallbacks).
 */

/**
 * True when the event may operate our controls. Page scripts can dispatch synthetic events
 * (isTrusted === false) at anything they can reach; those must never press our buttons.
 * Tests pass trustedOnly = false because events synthesized in happy-dom are untrusted too.
 */
export function acceptEvent(event: Event, trustedOnly: boolean): boolean {
  return !trustedOnly || event.isTrusted === true;
}

export type ButtonVariant = 'toolbar' | 'big' | 'plain';

export interface ButtonProps {
  /** Visible text; also the accessible name. */
  label: string;
  /** Second visible line, e.g. the current theme's name. Part of the accessible name. */
  detail?: string;
  /** Decorative glyph shown above the label; hidden from assistive technology. */
  icon?: ComponentChildren;
  onPress: () => void;
  /** Ignore untrusted (script-dispatched) clicks. Default true. */
  trustedOnly?: boolean;
  variant?: ButtonVariant;
  /** aria-pressed for toggle buttons whose label does not change. */
  pressed?: boolean;
  /** Extra description (the id of an element), e.g. a keyboard shortcut hint. */
  describedBy?: string;
  buttonRef?: Ref<HTMLButtonElement>;
  /** Extra class names. */
  className?: string;
  /** Stable hook for tests and e2e scripts. */
  name?: string;
}

export function Button({
  label,
  detail,
  icon,
  onPress,
  trustedOnly = true,
  variant = 'toolbar',
  pressed,
  describedBy,
  buttonRef,
  className,
  name,
}: ButtonProps) {
  const classes = ['cm-btn', `cm-btn--${variant}`];
  if (className) classes.push(className);
  return (
    <button
      type="button"
      class={classes.join(' ')}
      ref={buttonRef}
      aria-pressed={pressed === undefined ? undefined : pressed ? 'true' : 'false'}
      aria-describedby={describedBy}
      data-cm-button={name}
      onClick={(event) => {
        if (!acceptEvent(event, trustedOnly)) return;
        onPress();
      }}
    >
      {icon !== undefined && icon !== null && (
        <span class="cm-btn__icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <span class="cm-btn__label">{label}</span>
      {detail ? <span class="cm-btn__detail">{detail}</span> : null}
    </button>
  );
}

/**
 * Button styles. Only px and em (never rem: a page's `html { font-size }` must not reach us).
 * The tokens are the care view's; the fallbacks make the button usable on its own.
 */
export const BUTTON_CSS = `
.cm-btn {
  box-sizing: border-box;
  display: inline-flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  gap: 2px;
  min-width: 60px;
  min-height: 60px;
  margin: 0;
  padding: 6px 12px;
  border: 2px solid var(--cm-border, #595959);
  border-radius: 10px;
  background: var(--cm-button-bg, #0b3d91);
  color: var(--cm-button-text, #ffffff);
  font: inherit;
  font-size: var(--cm-ui-font-size, 20px);
  font-weight: 600;
  line-height: 1.2;
  letter-spacing: 0;
  text-align: center;
  text-decoration: none;
  white-space: normal;
  overflow-wrap: anywhere;
  cursor: pointer;
  touch-action: manipulation;
  -webkit-tap-highlight-color: transparent;
}
.cm-btn:hover {
  text-decoration: underline;
  text-underline-offset: 0.15em;
}
.cm-btn:active {
  transform: translateY(1px);
}
.cm-btn:focus-visible {
  outline: 4px solid var(--cm-focus, #0033cc);
  outline-offset: 3px;
}
.cm-btn[aria-pressed='true'] {
  box-shadow: inset 0 0 0 3px var(--cm-button-text, #ffffff);
}
.cm-btn__icon {
  font-size: 1.15em;
  font-weight: 700;
  line-height: 1;
}
.cm-btn__detail {
  font-size: 0.8em;
  font-weight: 400;
}
.cm-btn--big {
  min-height: 72px;
  min-width: 200px;
  padding: 12px 28px;
  font-size: max(22px, 1em);
  flex-direction: row;
  gap: 0.4em;
}
.cm-btn--plain {
  background: transparent;
  color: inherit;
}
@media (prefers-reduced-motion: reduce) {
  .cm-btn:active {
    transform: none;
  }
}
@media (forced-colors: active) {
  .cm-btn {
    border: 2px solid ButtonText;
    background: ButtonFace;
    color: ButtonText;
  }
  .cm-btn:focus-visible {
    outline-color: Highlight;
  }
  .cm-btn[aria-pressed='true'] {
    box-shadow: none;
    border-width: 4px;
  }
}
`;
