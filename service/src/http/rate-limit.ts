import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { describeError } from './request-log.js';
import type { Logger } from './logger.js';
import { ProblemError } from './problem.js';

export type RateLimitStore = Store;

export interface RateLimitOptions {
  readonly windowSeconds: number;
  /** Requests per client IP per window. */
  readonly limit: number;
  /** Shared counters (Redis) so the limit holds across replicas; per process when absent. */
  readonly store?: RateLimitStore;
  readonly logger: Logger;
}

/** Probes and scrapes come often from one address and must never be turned away. */
const UNLIMITED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Per-IP limit with `RateLimit`/`RateLimit-Policy` headers (IETF draft 8). Mount it before the
 * body parser so requests rejected there (too large, malformed) still count.
 */
export function createRateLimit(options: RateLimitOptions): RequestHandler {
  const { logger } = options;
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.store === undefined ? {} : { store: options.store }),
    skip: (req) => UNLIMITED_PATHS.has(req.path),
    handler: (_req, _res, next) => next(new ProblemError('rate_limited', 429, 'Too many requests')),
    // Abuse protection must not take the service down with Redis: count nothing, serve the request.
    passOnStoreError: true,
    // Its messages can quote request details; keep the error name and code only.
    logger: {
      error: (error) => logger.error({ err: describeError(error) }, 'rate limiter error'),
      warn: (error) => logger.warn({ err: describeError(error) }, 'rate limiter warning'),
    },
  });
}

/** The minimal node-redis client surface the store needs: raw commands. */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** A rate-limit store in Redis; the client must already be connected (the store loads scripts). */
export function createRedisRateLimitStore(client: RedisCommandClient, prefix = 'phiguard:rl:'): RateLimitStore {
  return new RedisStore({
    prefix,
    sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<string | number | boolean>,
  });
}
