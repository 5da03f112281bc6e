import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ListItem } from '../../lib/article/types.ts';
import { hostOf, safeTranslate, type Translate } from '../reader/view-model.ts';

/**
 * The headline page in care mode: the page's title, its stories as big underlined links
 * grouped under the page's own section names, each with its time/source line, and one big
 * "more" link for the next page. Plain links: following one is ordinary navigation (the
 * content script notices it to keep care mode on for the next page).
 *
 * A function of its props: everything shown is page data, rendered as text, and only
 * http(s) addresses become links.
 */

export interface HeadlineListData {
  title: string;
  lang: string;
  url: string;
  items: ListItem[];
  more?: string;
}

export interface HeadlineListProps {
  list: HeadlineListData;
  t: Translate;
}

interface Section {
  name: string;
  items: ListItem[];
}

/** Consecutive items with the same section name form one section, in page order. */
export function sectionsOf(items: readonly ListItem[]): Section[] {
  const sections: Section[] = [];
  for (const item of items) {
    const last = sections.at(-1);
    if (last && last.name === item.section) last.items.push(item);
    else sections.push({ name: item.section, items: [item] });
  }
  return sections;
}

/** Only web addresses become links: anything else (javascript:, data:…) is dropped. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function HeadlineList({ list, t: rawT }: HeadlineListProps) {
  const t = useMemo(() => safeTranslate(rawT), [rawT]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sections = useMemo(() => sectionsOf(list.items), [list.items]);
  const more = safeHref(list.more);
  const host = hostOf(list.url);
  const title = list.title.trim() || host || t('untitled');

  // Focus starts at the page title when the list opens, as the article view does.
  useEffect(() => {
    headingRef.current?.focus();
  }, [list]);

  let n = 0;
  return (
    <div class="cm-article cm-list" lang={list.lang || undefined}>
      <h1 class="cm-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h1>
      <p class="cm-meta">
        {host ? `${host} · ` : ''}
        {t('listCount', [String(list.items.length)])}
      </p>
      {sections.map((section) => {
        const id = `cm-list-section-${n++}`;
        const links = (
          <ul class="cm-list-items">
            {section.items.map((item) => {
              const href = safeHref(item.url);
              return (
                <li class="cm-list-item" key={item.url}>
                  {href ? (
                    <a class="cm-headline" href={href}>
                      {item.title}
                    </a>
                  ) : (
                    <span class="cm-headline">{item.title}</span>
                  )}
                  {item.meta ? <p class="cm-headline-meta">{item.meta}</p> : null}
                </li>
              );
            })}
          </ul>
        );
        return section.name ? (
          <section class="cm-list-section" aria-labelledby={id} key={id}>
            <h2 class="cm-list-section-title" id={id}>
              {section.name}
            </h2>
            {links}
          </section>
        ) : (
          <div class="cm-list-section" key={id}>
            {links}
          </div>
        );
      })}
      {more ? (
        <a class="cm-more" href={more} data-cm-more="">
          {t('listMore')}
        </a>
      ) : null}
    </div>
  );
}
