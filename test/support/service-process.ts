// Test support: the real PHI Guard service (`phi-guard serve --dev`) in a child process, for tests
// whose own thread blocks (the Gmail add-on's synchronous UrlFetchApp) and so cannot host it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'service/src/cli.ts');
/** SIGTERM lets requests in flight finish; after this long SIGKILL ends it anyway. */
const STOP_GRACE_MS = 5_000;
const DEFAULT_START_TIMEOUT_MS = 30_000;

export interface ServiceProcessOptions {
  /**
   * Added to the child's environment, after PHIGUARD_*, DATABASE_URL, REDIS_URL and NODE_ENV
   * inherited from the test run are dropped. Keep PHIGUARD_LOG_LEVEL at info or lower: the URL is
   * read from the `listening` log line.
   */
  readonly env?: Record<string, string>;
  readonly startTimeoutMs?: number;
}

export interface ServiceProcess {
  /** `http://127.0.0.1:PORT`, on a free port. */
  readonly url: string;
  /** Fresh temporary data folder (SQLite, dev keys); removed by stop(). */
  readonly dataDir: string;
  readonly pid: number;
  /** A one-hour user token (demo@phiguard.invalid) from POST /v1/dev/demo-token. */
  demoToken(): Promise<string>;
  /** Everything the service printed on stdout so far: JSON log lines, the banner, and dev-mode portal mails. */
  output(): string;
  /** Resolves with the first match in stdout, waiting for it (portal mails are sent after the response). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, SIGKILL after 5 s, then removes dataDir. Safe to call twice. */
  stop(): Promise<void>;
}

const ListeningLineSchema = z.object({ msg: z.literal('listening'), url: z.url() });
const DemoTokenSchema = z.object({ token: z.string().min(1) });

/** Spawns `phi-guard serve --dev --port 0` on a fresh data folder and resolves once GET /healthz answers 200. */
export async function startServiceProcess(options: ServiceProcessOptions = {}): Promise<ServiceProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-service-'));
  // `node --import tsx`, not the tsx CLI, which forks a second process that a SIGKILL would orphan.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@phiguard/source', CLI, 'serve', '--dev', '--port', '0', '--data', dataDir],
    { cwd: ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let resolveUrl: (url: string) => void;
  const listening = new Promise<string>((resolvePromise) => (resolveUrl = resolvePromise));
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const parsed = ListeningLineSchema.safeParse(parseJson(line));
      if (parsed.success) resolveUrl(parsed.data.url);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  // 'close' also waits for the helpers that share the child's stdio (tsx's esbuild service).
  const closed = new Promise<void>((resolvePromise) => child.once('close', () => resolvePromise()));
  const spawned = new Promise<void>((resolvePromise, reject) => {
    child.once('spawn', resolvePromise);
    child.once('error', reject);
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = new Promise<'late'>((resolvePromise) => setTimeout(resolvePromise, STOP_GRACE_MS, 'late').unref());
        if ((await Promise.race([closed, timer])) === 'late') {
          child.kill('SIGKILL');
          await exited;
        }
      }
      await rm(dataDir, { recursive: true, force: true });
    })());

  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const deadline = Date.now() + startTimeoutMs;
  const failed = (why: string) => new Error(`phi-guard serve ${why}\nstderr:\n${stderr.slice(-2000)}\nstdout:\n${stdout.slice(-2000)}`);
  let url: string;
  try {
    await spawned;
    url = await Promise.race([
      listening,
      exited.then(() => Promise.reject(failed(`exited before listening (exit ${child.exitCode}, ${child.signalCode})`))),
      sleep(startTimeoutMs).then(() => Promise.reject(failed(`did not log 'listening' within ${startTimeoutMs} ms`))),
    ]);
    await waitForHealth(url, deadline, () => failed(`did not answer GET /healthz with 200 within ${startTimeoutMs} ms`));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    dataDir,
    pid: child.pid!,
    demoToken: async () => {
      const res = await fetch(`${url}/v1/dev/demo-token`, { method: 'POST' });
      if (res.status !== 200) throw new Error(`POST /v1/dev/demo-token answered ${res.status}`);
      return DemoTokenSchema.parse(await res.json()).token;
    },
    output: () => stdout,
    waitForOutput: async (pattern, timeoutMs = 5_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (Date.now() > until) throw new Error(`the service printed nothing matching ${pattern} within ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    stop,
  };
}

/** The test run's environment without settings that would point the service at other data or refuse dev mode. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(PHIGUARD_.*|DATABASE_URL|REDIS_URL|NODE_ENV)$/.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

async function waitForHealth(url: string, deadline: number, failure: () => Error): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // Not answering yet: try again until the deadline.
    }
    if (Date.now() >= deadline) throw failure();
    await sleep(50);
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms).unref());
}
