// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

/**
 * The production manifests (Chrome MV3, Firefox MV2), spelled out: every permission is one
 * the README justifies, host access is only ever asked for site by site, nothing is injected
 * into every page, nothing can talk to us from outside, and no code comes from the network.
 * A change here is a change to what the extension may do: it must be deliberate.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILDS = {
  chrome: { dir: join(ROOT, '.output/chrome-mv3'), script: 'build' },
  firefox: { dir: join(ROOT, '.output/firefox-mv2'), script: 'build:firefox' },
} as const;

/** Builds when the output is missing or older than what decides the manifest. */
function ensureBuilt(which: keyof typeof BUILDS): Record<string, unknown> {
  const { dir, script } = BUILDS[which];
  const manifest = join(dir, 'manifest.json');
  // The config, and the entrypoints (adding one, e.g. an options page, adds manifest keys).
  const entrypoints = readdirSync(join(ROOT, 'entrypoints'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join('entrypoints', e.name));
  const inputs = ['wxt.config.ts', 'package.json', 'entrypoints', ...entrypoints].map(
    (f) => statSync(join(ROOT, f)).mtimeMs,
  );
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < Math.max(...inputs)) {
    execFileSync('npm', ['run', script], { cwd: ROOT, stdio: 'ignore', timeout: 180_000 });
  }
  return JSON.parse(readFileSync(manifest, 'utf8'));
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** What the README's permissions table justifies; anything new must be added there first. */
const PERMISSIONS = ['activeTab', 'scripting', 'storage'];
const PER_SITE_HOSTS = ['http://*/*', 'https://*/*'];

/** Keys that would widen what the extension can reach or who can reach it. */
const FORBIDDEN_KEYS = [
  'host_permissions',
  'content_scripts',
  'web_accessible_resources',
  'externally_connectable_all',
  'key',
  'update_url',
  'declarative_net_request',
  'chrome_url_overrides',
  'devtools_page',
  'sandbox',
];

const REMOTE = /https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\//i;

function noRemoteCode(dir: string): string[] {
  const problems: string[] = [];
  for (const file of files(dir)) {
    const name = relative(dir, file);
    if (file.endsWith('.html')) {
      const html = readFileSync(file, 'utf8');
      for (const m of html.matchAll(/<(script|link)\b[^>]*\b(src|href)\s*=\s*["']?([^"'\s>]+)/gi))
        if (REMOTE.test(m[3] ?? '')) problems.push(`${name}: ${m[0]}`);
    }
    if (file.endsWith('.js')) {
      const js = readFileSync(file, 'utf8');
      // Loading code from the network: importScripts/import() of a URL, script elements
      // given a remote src.
      for (const m of js.matchAll(/importScripts\(([^)]*)\)|import\(\s*["'`]([^"'`]*)["'`]/g))
        if (REMOTE.test(m[1] ?? m[2] ?? '')) problems.push(`${name}: ${m[0]}`);
      if (/\.src\s*=\s*["'`]https?:/.test(js)) problems.push(`${name}: assigns a remote src`);
    }
  }
  return problems;
}

function cspProblems(manifest: Record<string, unknown>): string[] {
  const csp = manifest.content_security_policy;
  const values =
    typeof csp === 'string' ? [csp] : csp && typeof csp === 'object' ? Object.values(csp) : [];
  return values
    .map(String)
    .filter((v) => /unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/.test(v));
}

describe('the Chrome production manifest', () => {
  let m: Record<string, unknown>;
  beforeAll(() => {
    m = ensureBuilt('chrome');
  }, 200_000);

  test('MV3 with exactly the justified permissions', () => {
    expect(m.manifest_version).toBe(3);
    expect([...(m.permissions as string[])].sort()).toEqual(PERMISSIONS);
    expect(m.permissions).not.toContain('tabs');
    expect(m.permissions).not.toContain('<all_urls>');
  });

  test('host access only as optional, per-site permissions', () => {
    expect(m.host_permissions).toBeUndefined();
    expect([...(m.optional_host_permissions as string[])].sort()).toEqual(PER_SITE_HOSTS);
    expect(m.optional_permissions).toBeUndefined();
  });

  test('no content script for every site, nothing exposed to pages', () => {
    for (const key of FORBIDDEN_KEYS) expect(m[key], key).toBeUndefined();
  });

  test('externally_connectable is declared empty: no other extension or site may message us', () => {
    expect(m.externally_connectable).toEqual({ ids: [], matches: [] });
  });

  test('no remote code: local service worker, no loosened CSP, no network script loading', () => {
    const worker = (m.background as { service_worker: string }).service_worker;
    expect(worker).toMatch(/^[\w./-]+\.js$/);
    expect(existsSync(join(BUILDS.chrome.dir, worker))).toBe(true);
    expect((m.background as Record<string, unknown>).type).toBeUndefined();
    expect(cspProblems(m)).toEqual([]);
    expect(noRemoteCode(BUILDS.chrome.dir)).toEqual([]);
  });

  test('the toggle command, and the action opening the popup with a localized tooltip', () => {
    expect(Object.keys(m.commands as object)).toEqual(['toggle-care-mode']);
    const action = m.action as Record<string, unknown>;
    expect(action.default_popup).toBe('popup.html');
    expect(existsSync(join(BUILDS.chrome.dir, 'popup.html'))).toBe(true);
    expect(action.default_title).toBe('__MSG_actionTitle__');
  });
});

describe('the Firefox production manifest', () => {
  let m: Record<string, unknown>;
  beforeAll(() => {
    m = ensureBuilt('firefox');
  }, 200_000);

  test('MV2 with exactly the justified permissions and no host in them', () => {
    expect(m.manifest_version).toBe(2);
    expect([...(m.permissions as string[])].sort()).toEqual(PERMISSIONS);
  });

  test('host access only as optional, per-site permissions', () => {
    expect([...(m.optional_permissions as string[])].sort()).toEqual(PER_SITE_HOSTS);
    expect(m.host_permissions).toBeUndefined();
  });

  test('no content script for every site, nothing exposed to pages', () => {
    for (const key of FORBIDDEN_KEYS) expect(m[key], key).toBeUndefined();
  });

  test('the toolbar button (browser_action in MV2) opens the popup', () => {
    const action = m.browser_action as Record<string, unknown>;
    expect(action.default_popup).toBe('popup.html');
    expect(existsSync(join(BUILDS.firefox.dir, 'popup.html'))).toBe(true);
    expect(action.default_title).toBe('__MSG_actionTitle__');
  });

  test('a fixed add-on id, local background scripts, no loosened CSP, no remote code', () => {
    const gecko = (
      m.browser_specific_settings as {
        gecko: { id: string; data_collection_permissions: unknown };
      }
    ).gecko;
    expect(gecko.id).toBe('care-mode@care-mode.example');
    // addons.mozilla.org asks every add-on; we collect nothing.
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    const scripts = (m.background as { scripts: string[] }).scripts;
    for (const s of scripts) {
      expect(s).toMatch(/^[\w./-]+\.js$/);
      expect(existsSync(join(BUILDS.firefox.dir, s))).toBe(true);
    }
    expect(cspProblems(m)).toEqual([]);
    expect(noRemoteCode(BUILDS.firefox.dir)).toEqual([]);
  });
});

describe('the e2e build differs only by local host access', () => {
  test('host_permissions name 127.0.0.1 and localhost only', () => {
    const file = join(ROOT, '.output/chrome-mv3-e2e/manifest.json');
    if (!existsSync(file))
      execFileSync('npm', ['run', 'build:e2e'], { cwd: ROOT, stdio: 'ignore' });
    const e2e = JSON.parse(readFileSync(file, 'utf8'));
    for (const host of e2e.host_permissions as string[])
      expect(host).toMatch(/^https?:\/\/(127\.0\.0\.1|localhost)\/\*$/);
    const prod = ensureBuilt('chrome');
    const { host_permissions: _, ...rest } = e2e;
    expect(rest).toEqual(prod);
  }, 200_000);
});

describe('web-ext lint (Firefox build)', () => {
  test('reports no errors', () => {
    ensureBuilt('firefox');
    // web-ext exits non-zero on errors; the JSON summary is what we assert on.
    let out = '';
    try {
      out = execFileSync(
        join(ROOT, 'node_modules/.bin/web-ext'),
        ['lint', '--source-dir', BUILDS.firefox.dir, '--output', 'json', '--no-config-discovery'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(out) as {
      summary: { errors: number };
      errors: { message: string }[];
    };
    expect(report.errors.map((e) => e.message)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 180_000);
});
