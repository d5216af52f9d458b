import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { access } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

let service: ServiceProcess;

beforeAll(async () => {
  service = await startServiceProcess();
}, 30_000);

afterAll(() => service.stop(), 10_000);

/** Processes whose command line mentions `text` (Linux /proc). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // exited while listing
      }
    })
    .map(Number);
}

describe('startServiceProcess', () => {
  it('resolves with a dev-mode service on a free local port that answers /healthz', async () => {
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(service.output()).toContain('"dev":true');
  });

  it('demoToken() signs in to authenticated routes, which refuse a caller without one', async () => {
    expect((await fetch(`${service.url}/v1/policy`)).status).toBe(401);
    const res = await fetch(`${service.url}/v1/policy`, { headers: { authorization: `Bearer ${await service.demoToken()}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ failMode: 'closed' });
  });

  it('prints portal passcode mails to its output, since dev mode has no SMTP relay', async () => {
    const created = await fetch(`${service.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await service.demoToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipients: ['pat@example.org'], subject: 'Results', text: 'See attached.' }),
    });
    expect(created.status).toBe(201);
    const { link } = (await created.json()) as { link: string };
    const page = await fetch(`${link}/passcode`, { method: 'POST', body: new URLSearchParams({ address: 'pat@example.org' }) });
    expect(page.status).toBe(200);
    const [, code] = await service.waitForOutput(/To: pat@example\.org\nSubject: Your PHI Guard passcode\n\nYour passcode is (\d{6})\./);
    expect(code).toMatch(/^\d{6}$/);
  });

  it('stop() leaves no process running on its data folder and removes the folder', async () => {
    const own = await startServiceProcess();
    expect(processesMentioning(own.dataDir)).toEqual([own.pid]);
    await own.stop();
    expect(processesMentioning(own.dataDir)).toEqual([]);
    await expect(access(own.dataDir)).rejects.toThrow();
    await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
    await own.stop();
  }, 30_000);

  it("rejects with the service's own complaint when it cannot start", async () => {
    await expect(startServiceProcess({ env: { PHIGUARD_POLICY_FILE: '/nonexistent/policy.json' } })).rejects.toThrow(
      /exited before listening \(exit 1[\s\S]*invalid policy/,
    );
  }, 30_000);
});
