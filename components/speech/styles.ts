/**
 * Styles of the read-aloud control and the sentence highlight, appended to READER_CSS in the
 * care view's shadow root. Colours come only from the theme's --cm-* properties: the sentence
 * is highlightText on highlight (≥ 7:1 in every theme), and underlined, because the highlight
 * colour itself can be close to the page background (yellow on white).
 */
import { HIGHLIGHT_NAME, MARK_CLASS } from './highlight.ts';

export const SPEECH_CSS = `
/* ---------------------------------------------------------------- read aloud */

.cm-speech {
  display: flex;
  min-width: 0;
  margin: 0;
  padding: 0;
  border: 0;
  flex: 0 1 auto;
  flex-wrap: wrap;
  justify-content: center;
  align-items: stretch;
  gap: 8px;
  max-width: 100%;
}
.cm-speech-field {
  display: inline-flex;
  flex-direction: column;
  justify-content: center;
  gap: 2px;
  min-height: 60px;
  font-weight: 600;
}
.cm-speech-field select {
  min-height: 44px;
  min-width: 60px;
  max-width: 16em;
  padding: 4px 8px;
  border: 2px solid var(--cm-border);
  border-radius: 8px;
  background: var(--cm-bg);
  color: var(--cm-text);
  font: inherit;
  font-weight: 400;
}
.cm-speech-field select:focus-visible {
  outline: 4px solid var(--cm-focus);
  outline-offset: 3px;
}
.cm-speech-notice {
  flex: 1 1 100%;
  max-width: 40em;
  margin: 0 auto;
  padding: 12px 16px;
  border: 3px solid var(--cm-text);
  border-radius: 10px;
  background: var(--cm-bg);
  color: var(--cm-text);
  font-weight: 400;
  line-height: 1.5;
  text-align: start;
}
.cm-speech-notice p {
  margin: 0 0 8px;
}
.cm-speech-notice strong {
  font-weight: 700;
}

::highlight(${HIGHLIGHT_NAME}) {
  background-color: var(--cm-highlight);
  color: var(--cm-highlight-text);
  text-decoration: underline solid var(--cm-highlight-text) 3px;
}
mark.${MARK_CLASS} {
  background-color: var(--cm-highlight);
  color: var(--cm-highlight-text);
  text-decoration: underline solid var(--cm-highlight-text) 3px;
  text-underline-offset: 0.15em;
  -webkit-box-decoration-break: clone;
  box-decoration-break: clone;
}
/* While reading, paragraphs take focus for 指读 (Enter reads from there). */
.cm-body [data-cm-block][tabindex='0']:focus-visible {
  outline: 4px solid var(--cm-focus);
  outline-offset: 4px;
}
.cm-body [data-cm-block][tabindex='0'] {
  cursor: pointer;
}

@media (forced-colors: active) {
  ::highlight(${HIGHLIGHT_NAME}) {
    background-color: Highlight;
    color: HighlightText;
  }
  mark.${MARK_CLASS} {
    forced-color-adjust: none;
    background-color: Highlight;
    color: HighlightText;
  }
  .cm-speech-field select,
  .cm-speech-notice {
    border-color: CanvasText;
  }
}

@media print {
  .cm-speech {
    display: none !important;
  }
}
`;
