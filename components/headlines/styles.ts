/**
 * Styles of the headline list, for the care view's shadow root next to READER_CSS. Colours,
 * sizes and widths come from the reader's --cm-* custom properties (components/reader/
 * styles.ts), so themes, font size and contrast are the reader's own. px and em only.
 */
export const LIST_CSS = `
.cm-list .cm-meta {
  margin-bottom: 1em;
}
.cm-list-section {
  margin: 0 0 1.5em;
}
.cm-list-section-title {
  margin: 1.25em 0 0.25em;
  padding: 0 0 0.25em;
  border-bottom: 3px solid var(--cm-border);
  color: var(--cm-heading);
  font-size: 1.25em;
  font-weight: 700;
  line-height: 1.4;
}
.cm-list-items {
  margin: 0;
  padding: 0;
  list-style: none;
}
.cm-list-item {
  margin: 0;
  padding: 0;
  border-bottom: 1px solid var(--cm-border);
}
/* Every headline is a big target: at least 60 px tall, the whole line wide. */
.cm-headline {
  display: flex;
  align-items: center;
  min-height: 60px;
  margin: 0;
  padding: 10px 4px;
  color: var(--cm-link);
  font-size: 1em;
  font-weight: 400;
  line-height: 1.5;
  text-decoration: underline;
  text-decoration-thickness: max(2px, 0.08em);
  text-underline-offset: 0.2em;
}
a.cm-headline:visited {
  color: var(--cm-link);
}
a.cm-headline:hover {
  text-decoration-thickness: max(3px, 0.12em);
}
a.cm-headline:focus-visible,
.cm-more:focus-visible {
  outline: 4px solid var(--cm-focus);
  outline-offset: 2px;
}
span.cm-headline {
  color: var(--cm-text);
  text-decoration: none;
}
.cm-headline-meta {
  margin: -6px 0 0;
  padding: 0 4px 10px;
  color: var(--cm-meta);
  font-size: max(18px, 0.8em);
  line-height: 1.4;
}
/* Pagination: one big "more" link, drawn as the reader's big button. */
.cm-more {
  display: flex;
  align-items: center;
  justify-content: center;
  min-height: 72px;
  margin: 1.5em 0 0;
  padding: 12px 28px;
  border: 2px solid var(--cm-border);
  border-radius: 10px;
  background: var(--cm-button-bg);
  color: var(--cm-button-text);
  font-size: max(22px, 1em);
  font-weight: 600;
  line-height: 1.3;
  text-align: center;
  text-decoration: underline;
  text-underline-offset: 0.2em;
}
.cm-more:visited {
  color: var(--cm-button-text);
}
@media (prefers-contrast: more) {
  .cm-headline {
    text-decoration-thickness: max(3px, 0.12em);
  }
}
@media (forced-colors: active) {
  .cm-list-section-title,
  .cm-headline-meta,
  span.cm-headline {
    color: CanvasText;
  }
  a.cm-headline,
  a.cm-headline:visited {
    color: LinkText;
  }
  .cm-list-section-title,
  .cm-list-item {
    border-color: CanvasText;
  }
  .cm-more,
  .cm-more:visited {
    border-color: ButtonText;
    background: ButtonFace;
    color: LinkText;
  }
}
@media print {
  .cm-headline {
    min-height: 0;
    padding-block: 4px;
  }
  .cm-more {
    display: none;
  }
}
`;
