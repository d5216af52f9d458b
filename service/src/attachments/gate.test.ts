import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createGate, GateBusyError } from './gate.js';

afterEach(() => {
  jest.useRealTimers();
});

describe('the extraction gate', () => {
  it('lets `concurrency` holders in, queues the next in order, and hands a released slot to the first waiter', async () => {
    const gate = createGate({ concurrency: 2, maxQueued: 2, maxWaitMs: 10_000 });
    const first = await gate.acquire();
    await gate.acquire();
    const order: string[] = [];
    const third = gate.acquire().then((release) => (order.push('third'), release));
    const fourth = gate.acquire().then((release) => (order.push('fourth'), release));
    expect(gate.load).toEqual({ active: 2, queued: 2 });
    first();
    first(); // a second call must not free another slot
    (await third)();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
    expect(gate.load).toEqual({ active: 2, queued: 0 });
  });

  it('turns a caller away at once when the queue is full', async () => {
    const gate = createGate({ concurrency: 1, maxQueued: 0, maxWaitMs: 10_000 });
    await gate.acquire();
    await expect(gate.acquire()).rejects.toEqual(new GateBusyError('queue_full'));
  });

  it('turns a waiting caller away when its wait runs out, and frees its place', async () => {
    jest.useFakeTimers();
    const gate = createGate({ concurrency: 1, maxQueued: 1, maxWaitMs: 500 });
    await gate.acquire();
    const waiting = gate.acquire();
    jest.advanceTimersByTime(500);
    await expect(waiting).rejects.toMatchObject({ code: 'wait_timeout' });
    expect(gate.load).toEqual({ active: 1, queued: 0 });
  });

  it('drops a waiter whose caller went away, so the slot goes to the next one', async () => {
    const gate = createGate({ concurrency: 1, maxQueued: 2, maxWaitMs: 10_000 });
    const held = await gate.acquire();
    const gone = new AbortController();
    const abandoned = gate.acquire(gone.signal);
    const next = gate.acquire();
    gone.abort(new Error('client closed'));
    await expect(abandoned).rejects.toThrow('client closed');
    held();
    (await next)();
    expect(gate.load).toEqual({ active: 0, queued: 0 });
  });
});
