import { Router } from 'express';
import { z } from 'zod';
import { loadDevKey, signDevToken } from '../auth/dev-issuer.js';
import type { Clock } from '../http/clock.js';
import { jsonContent } from '../http/problem-docs.js';
import type { RouteModule } from '../http/route-registry.js';

/** Who the demo is signed in as: never a real mailbox. */
export const DEMO_USER = 'demo@phiguard.invalid';
const DEMO_TOKEN_SECONDS = 60 * 60;

const DemoTokenSchema = z.object({ token: z.string() }).meta({ id: 'DemoToken' });

/**
 * Dev mode only (never mounted otherwise): a short-lived user token for the add-in's demo mode, so
 * anyone trying PHI Guard from the service's URL gets recipient lookups without signing in.
 */
export function devRoutes(deps: { dataDir: string; clock: Clock }): RouteModule {
  const router = Router();
  router.post('/demo-token', async (_req, res) => {
    const token = await signDevToken(await loadDevKey(deps.dataDir), {
      sub: DEMO_USER,
      email: DEMO_USER,
      roles: ['user'],
      ttlSeconds: DEMO_TOKEN_SECONDS,
      now: deps.clock.now(),
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ token });
  });
  return {
    prefix: '/v1/dev',
    router,
    routes: [
      {
        method: 'post',
        path: '/demo-token',
        operation: {
          operationId: 'createDemoToken',
          tags: ['dev'],
          summary: 'A one-hour user token for the add-in demo (dev mode only)',
          description: `Signed in as ${DEMO_USER}. Served only by a service in dev mode, which is refused in production.`,
          responses: { '200': { description: 'The token', content: jsonContent(DemoTokenSchema) } },
        },
      },
    ],
  };
}
