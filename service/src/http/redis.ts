import { createClient } from 'redis';
import type { Logger } from './logger.js';
import { describeError } from './request-log.js';

/** What the service uses of a node-redis client. */
export interface RedisClient {
  sendCommand(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** Redis did not accept the connection at start-up. Says nothing of the URL, which may hold a password. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  constructor(options: { cause: unknown }) {
    super('Redis (REDIS_URL) did not accept the connection', options);
  }
}

/**
 * A connected node-redis client. Commands fail at once while disconnected (no offline queue), so
 * a Redis outage never stalls requests; the client keeps reconnecting in the background.
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start-up a refused connection is a configuration error: fail at once instead of retrying.
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(100 * 2 ** retries, 5_000) : new Error('Redis refused the connection', { cause }),
    },
  });
  client.on('ready', () => (connected = true));
  // Without a listener an 'error' event would crash the process. The URL is never logged (a secret).
  client.on('error', (error: unknown) => logger.warn({ err: describeError(error) }, 'redis error'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('Redis did not answer within 5 s')), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    client.destroy();
    throw new RedisUnavailableError({ cause: error });
  } finally {
    clearTimeout(timer);
  }
  return client;
}
