// Test support: a blocking HTTP client, so a fake `UrlFetchApp.fetch` (synchronous in Apps Script)
// can call a real service. Never bundled into the add-on.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

export interface SyncHttpRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  /** Sent as UTF-8. */
  readonly body?: string;
  /** Until the whole body has arrived; DEFAULT_TIMEOUT_MS when absent. */
  readonly timeoutMs?: number;
}

export interface SyncHttpResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, ` (fetch's Headers). */
  readonly headers: Record<string, string>;
  /** Decoded as UTF-8. */
  readonly body: string;
}

export type SyncHttpErrorCode = 'request_failed' | 'timed_out' | 'closed';

/** No answer: refused, reset, unresolvable, timed out, or the client was closed. A non-2xx status is an answer, not an error. */
export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    readonly code: SyncHttpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SyncHttp {
  /** Blocks the calling thread until the answer is in; SyncHttpError when there is none. */
  request(request: SyncHttpRequest): SyncHttpResponse;
  /** Stops the worker; later requests throw `closed`. */
  close(): void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** The worker aborts at the timeout and says so; the caller only stops waiting this much later, should the worker itself hang. */
const BACKSTOP_MS = 1_000;

type Reply =
  | { id: number; ok: true; status: number; headers: Record<string, string>; body: string }
  | { id: number; ok: false; code: 'request_failed' | 'timed_out'; message: string };

// Plain JS, run with `eval`: it must not depend on how the test runner transpiles TypeScript.
// The reply goes through a MessagePort, which the blocked caller reads with receiveMessageOnPort,
// so any body size fits; the per-request SharedArrayBuffer only says "your reply is posted".
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { port } = workerData;
parentPort.on('message', async ({ id, done, url, method, headers, body, timeoutMs }) => {
  let reply;
  try {
    const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    reply = { id, ok: true, status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  } catch (error) {
    const cause = error && error.cause;
    const detail = cause && (cause.code || cause.message);
    reply = {
      id,
      ok: false,
      code: error && error.name === 'TimeoutError' ? 'timed_out' : 'request_failed',
      message: String(error && error.message) + (detail ? ' (' + detail + ')' : ''),
    };
  }
  port.postMessage(reply);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
`;

/** One worker thread does the fetches; each `request` blocks in Atomics.wait until its reply is posted. */
export function createSyncHttp(): SyncHttp {
  const { port1: replies, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2 }, transferList: [port2] });
  worker.unref();
  let failure: Error | undefined;
  worker.on('error', (error) => {
    failure = error;
  });
  let closed = false;
  let lastId = 0;

  /** Replies to earlier requests that timed out here may still arrive first: they are dropped. */
  const takeReply = (id: number): Reply | undefined => {
    for (let next = receiveMessageOnPort(replies); next !== undefined; next = receiveMessageOnPort(replies)) {
      const reply = next.message as Reply;
      if (reply.id === id) return reply;
    }
    return undefined;
  };

  return {
    request({ url, method, headers, body, timeoutMs = DEFAULT_TIMEOUT_MS }) {
      if (closed) throw new SyncHttpError('closed', 'sync-http: the client is closed');
      if (failure) throw new SyncHttpError('request_failed', `sync-http: the worker failed: ${failure.message}`);
      const id = ++lastId;
      const done = new Int32Array(new SharedArrayBuffer(4));
      // fetch upper-cases only some methods (not PATCH); Apps Script callers write them in lower case.
      const upper = method.toUpperCase();
      worker.postMessage({ id, done, url, method: upper, headers, body, timeoutMs });
      Atomics.wait(done, 0, 0, timeoutMs + BACKSTOP_MS);
      const reply = takeReply(id);
      if (reply === undefined) throw new SyncHttpError('timed_out', `sync-http: ${upper} ${url}: no answer within ${timeoutMs} ms`);
      if (!reply.ok) throw new SyncHttpError(reply.code, `sync-http: ${upper} ${url}: ${reply.code === 'timed_out' ? `no answer within ${timeoutMs} ms` : reply.message}`);
      return { status: reply.status, headers: reply.headers, body: reply.body };
    },
    close() {
      if (closed) return;
      closed = true;
      replies.close();
      void worker.terminate();
    },
  };
}
