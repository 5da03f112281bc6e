import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A minimal WebDriver BiDi client for a real Firefox (no geckodriver, no download): launch
 * with --remote-debugging-port=0, read the port from stderr, talk JSON over one WebSocket.
 */

/** FIREFOX_PATH first, then Debian's paths. */
export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      'No Firefox found. Install it with: sudo apt-get install -y firefox-esr (or set FIREFOX_PATH)',
    );
  return found;
}

/** Node's own WebSocket: global from Node 22, behind --experimental-websocket on Node 20. */
function webSocketClass(): typeof WebSocket {
  const WS = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!WS)
    throw new Error(
      'No global WebSocket: run node with --experimental-websocket (Node 20) or use Node ≥ 22',
    );
  return WS;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  method: string;
}

export interface BidiEvent {
  method: string;
  params: Record<string, unknown>;
}

export class Bidi {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  readonly events: BidiEvent[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (e: MessageEvent) => {
      const msg = JSON.parse(String(e.data));
      if (msg.type === 'event') {
        this.events.push({ method: msg.method, params: msg.params });
        return;
      }
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (msg.type === 'success') waiting.resolve(msg.result);
      else waiting.reject(new Error(`${waiting.method}: ${msg.error}: ${msg.message}`));
    });
    socket.addEventListener('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: socket closed`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<Bidi> {
    const socket = new (webSocketClass())(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), {
        once: true,
      });
    });
    return new Bidi(socket);
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

export interface Firefox {
  bidi: Bidi;
  /** Everything Firefox wrote to stderr (useful when something fails). */
  log: () => string;
  close(): Promise<void>;
}

/**
 * Starts headless Firefox on a fresh profile holding `prefs` (user.js) and opens a BiDi
 * session. close() ends the process and removes the profile.
 */
export async function launchFirefox(prefs: Record<string, string | number | boolean>) {
  webSocketClass();
  const executable = findFirefox();
  const profile = mkdtempSync(join(tmpdir(), 'care-mode-firefox-'));
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`)
      .join(''),
  );
  let stderr = '';
  // Through a small shell that holds our stdin pipe: when this process ends, however it ends
  // (a closed output pipe, a killed test runner), the pipe closes and the shell ends Firefox,
  // so no browser outlives the test. close() is the normal way out.
  const watchdog = [
    '"$@" & pid=$!',
    // A signal to the whole process group must not stop the clean-up below.
    "trap '' HUP INT TERM",
    'read _',
    'kill $pid 2>/dev/null',
    '(sleep 5; kill -9 $pid 2>/dev/null) &',
    'wait $pid',
    'rm -rf "$CARE_FIREFOX_PROFILE"',
  ].join('\n');
  const child: ChildProcess = spawn(
    '/bin/sh',
    [
      '-c',
      watchdog,
      'sh',
      executable,
      '--headless',
      '--no-remote',
      '--remote-debugging-port=0',
      '--profile',
      profile,
      'about:blank',
    ],
    {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', CARE_FIREFOX_PROFILE: profile },
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      await exited;
    }
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const wsUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Firefox did not start BiDi in 30 s:\n${stderr}`)),
        30_000,
      );
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        stderr += chunk;
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(stderr);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Firefox exited (${code}) before BiDi started:\n${stderr}`));
      });
    });
    const bidi = await Bidi.connect(`${wsUrl}/session`);
    await bidi.send('session.new', { capabilities: {} });
    const firefox: Firefox = {
      bidi,
      log: () => stderr,
      close: async () => {
        // Never wait long for a polite goodbye: the process is ended next anyway.
        await Promise.race([
          bidi.send('session.end').catch(() => undefined),
          new Promise((r) => setTimeout(r, 2000)),
        ]);
        bidi.close();
        await kill();
      },
    };
    return firefox;
  } catch (error) {
    await kill();
    throw error;
  }
}

/** A JSON-able value from a BiDi remote value (what script.evaluate returns). */
interface RemoteValue {
  type: string;
  value?: unknown;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: RemoteValue;
  exceptionDetails?: { text: string };
}

/**
 * Runs `expression` (awaited) in a browsing context's page realm and returns its result,
 * passed back as JSON text so any plain value arrives whole.
 */
export async function evaluate<T = unknown>(
  bidi: Bidi,
  context: string,
  expression: string,
): Promise<T> {
  const r = await bidi.send<EvaluateResult>('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})) ?? 'null')()`,
    target: { context },
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (r.type === 'exception')
    throw new Error(`evaluate failed: ${r.exceptionDetails?.text}\n  in: ${expression}`);
  return JSON.parse(String(r.result?.value)) as T;
}

/** Polls `expression` in the context until `ok` accepts its value (10 s). */
export async function waitFor<T>(
  bidi: Bidi,
  context: string,
  what: string,
  expression: string,
  ok: (v: T) => boolean = Boolean,
): Promise<T> {
  let last: T | undefined;
  let error: unknown;
  for (let i = 0; i < 100; i++) {
    try {
      last = await evaluate<T>(bidi, context, expression);
      if (ok(last)) return last;
    } catch (e) {
      // The page may be between documents (navigating); try again.
      error = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out waiting for ${what}; last value: ${JSON.stringify(last)}${error ? `; last error: ${error}` : ''}`,
  );
}
