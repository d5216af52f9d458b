import { z } from 'zod';

const DemoTokenSchema = z.object({ token: z.string().min(1) });
/** The demo token lasts an hour; a fresh one is fetched before then. */
const DEMO_TOKEN_REUSE_MS = 50 * 60 * 1000;

/**
 * The demo user's token from a service in dev mode (`POST /v1/dev/demo-token`); undefined when the
 * service is not in dev mode or cannot be reached, and the demo then runs offline.
 */
export async function demoToken(baseUrl: string): Promise<(() => Promise<string>) | undefined> {
  const fetchToken = async (): Promise<string | undefined> => {
    try {
      const res = await fetch(`${baseUrl}/v1/dev/demo-token`, { method: 'POST' });
      const parsed = res.ok ? DemoTokenSchema.safeParse(await res.json()) : undefined;
      return parsed?.success ? parsed.data.token : undefined;
    } catch {
      return undefined;
    }
  };
  const first = await fetchToken();
  if (first === undefined) return undefined;
  let kept = { token: first, at: Date.now() };
  return async () => {
    if (Date.now() - kept.at > DEMO_TOKEN_REUSE_MS) {
      const next = await fetchToken();
      if (next === undefined) throw new Error('No demo token');
      kept = { token: next, at: Date.now() };
    }
    return kept.token;
  };
}
