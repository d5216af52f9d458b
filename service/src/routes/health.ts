import { Router } from 'express';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { Logger } from '../http/logger.js';
import { ProblemError } from '../http/problem.js';
import { problemResponse } from '../http/problem-docs.js';
import { describeError } from '../http/request-log.js';
import type { RouteModule } from '../http/route-registry.js';
import type { Store } from '../store/store.js';

export interface HealthDeps {
  readonly store: Pick<Store, 'ping'>;
  /** True once shutdown has begun: the load balancer should stop sending traffic. */
  readonly isDraining: () => boolean;
  readonly metrics: Registry;
  readonly logger: Logger;
}

/** A readiness probe must answer well inside the prober's timeout (Kubernetes: 1 s default). */
const PING_TIMEOUT_MS = 900;

export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export const ReadySchema = z.object({ status: z.literal('ready') }).meta({ id: 'Ready' });

/** `/healthz` (alive), `/readyz` (store answers, not draining), `/metrics` (Prometheus). */
export function healthRoutes(deps: HealthDeps): RouteModule {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies z.infer<typeof HealthSchema>);
  });
  router.get('/readyz', async (_req, res) => {
    if (deps.isDraining()) throw new ProblemError('not_ready', 503, 'Shutting down');
    try {
      await withTimeout(deps.store.ping(), PING_TIMEOUT_MS);
    } catch (error) {
      deps.logger.warn({ err: describeError(error) }, 'store not ready');
      throw new ProblemError('not_ready', 503, 'The store is not ready');
    }
    res.json({ status: 'ready' } satisfies z.infer<typeof ReadySchema>);
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  return {
    prefix: '/',
    router,
    routes: [
      {
        method: 'get',
        path: '/healthz',
        operation: {
          operationId: 'getHealth',
          tags: ['operations'],
          summary: 'Liveness: the process is up',
          responses: { '200': { description: 'Alive', content: { 'application/json': { schema: HealthSchema } } } },
        },
      },
      {
        method: 'get',
        path: '/readyz',
        operation: {
          operationId: 'getReadiness',
          tags: ['operations'],
          summary: 'Readiness: the store answers with a current schema and the service is not shutting down',
          responses: {
            '200': { description: 'Ready for traffic', content: { 'application/json': { schema: ReadySchema } } },
            '503': problemResponse('Not ready: the store does not answer, or shutdown has begun'),
          },
        },
      },
      {
        method: 'get',
        path: '/metrics',
        operation: {
          operationId: 'getMetrics',
          tags: ['operations'],
          summary: 'Prometheus metrics: process defaults and HTTP requests by route template and status',
          responses: {
            '200': {
              description: 'Prometheus text exposition format',
              content: { 'text/plain': { schema: z.string() } },
            },
          },
        },
      },
    ],
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
