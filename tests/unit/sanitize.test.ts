// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { createSanitizer } from '../../lib/article/sanitize';

/** DOMPurify is only trustworthy on a real DOM: jsdom here, Chromium in e2e. Never happy-dom. */
const sanitize = createSanitizer(window);

function html(fragment: DocumentFragment): string {
  const div = document.createElement('div');
  div.appendChild(fragment);
  return div.innerHTML;
}

describe('the one sanitizer', () => {
  test('drops scripts, handlers, javascript: links and forms but keeps the text', () => {
    const out = html(
      sanitize(
        '<p>正文<script>alert(1)</script></p><img src="https://a.example/x.png" onerror="alert(2)"><a href="javascript:alert(3)">链接</a><form action="https://evil.example"><input name="q"><button>go</button></form>',
      ),
    );
    expect(out).not.toMatch(/script|onerror|javascript:|<form|<input|<button|evil\.example/i);
    expect(out).toContain('正文');
    expect(out).toContain('链接');
    expect(out).toContain('src="https://a.example/x.png"');
  });

  test('only http(s), mailto and tel URLs survive; links get noopener noreferrer', () => {
    const out = html(
      sanitize(
        '<a href="https://ok.example/">a</a><a href="data:text/html,x">b</a><a href="mailto:x@y.z">c</a><img src="data:image/png;base64,AAAA">',
      ),
    );
    expect(out).toContain('href="https://ok.example/"');
    expect(out).toContain('rel="noopener noreferrer"');
    expect(out).toContain('href="mailto:x@y.z"');
    expect(out).not.toContain('data:');
  });

  test('no style, class, id, data attributes, iframes or srcdoc', () => {
    const out = html(
      sanitize(
        '<p style="background:url(https://t.example/)" class="c" id="i" data-x="1">t</p><iframe srcdoc="<script>alert(1)</script>"></iframe><svg><style>@import "x"</style></svg>',
      ),
    );
    expect(out).toBe('<p>t</p>');
  });

  test('returns a fragment, not a string', () => {
    expect(sanitize('<p>x</p>').nodeType).toBe(11);
  });
});
