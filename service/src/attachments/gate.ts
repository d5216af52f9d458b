/** Why a caller was turned away: every slot busy and the queue full, or its wait ran out. */
export class GateBusyError extends Error {
  override readonly name = 'GateBusyError';
  constructor(readonly code: 'queue_full' | 'wait_timeout') {
    super(code);
  }
}

export interface GateOptions {
  /** Holders at once. */
  readonly concurrency: number;
  /** Callers that may wait for a slot; more are turned away at once. */
  readonly maxQueued: number;
  /** Longest a caller waits for a slot. */
  readonly maxWaitMs: number;
}

/** Releases a slot; calling it again does nothing. */
export type Release = () => void;

export interface Gate {
  /**
   * A slot, first come first served. Rejects with GateBusyError when the queue is full or the wait
   * runs out, and with the signal's reason when the caller goes away while waiting.
   */
  acquire(signal?: AbortSignal): Promise<Release>;
  /** Slots held and callers waiting, for tests and metrics. */
  readonly load: { readonly active: number; readonly queued: number };
}

interface Waiter {
  readonly grant: (release: Release) => void;
}

/** A counting semaphore with a bounded, time-limited queue: heavy work waits briefly or is refused, never piles up. */
export function createGate(options: GateOptions): Gate {
  let active = 0;
  const queue: Waiter[] = [];

  const release = (): Release => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = queue.shift();
      if (next) next.grant(release());
      else active--;
    };
  };

  return {
    get load() {
      return { active, queued: queue.length };
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (active < options.concurrency) {
        active++;
        return Promise.resolve(release());
      }
      if (queue.length >= options.maxQueued) return Promise.reject(new GateBusyError('queue_full'));
      return new Promise<Release>((resolve, reject) => {
        const leave = (error: unknown) => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          cleanup();
          reject(error);
        };
        const onAbort = () => leave(signal?.reason);
        const timer = setTimeout(() => leave(new GateBusyError('wait_timeout')), options.maxWaitMs);
        const cleanup = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        const waiter: Waiter = {
          grant: (slot) => {
            cleanup();
            resolve(slot);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
      });
    },
  };
}
