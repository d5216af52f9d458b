import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The service logger: JSON lines of codes, ids and counts. Nothing logs a request, so the
 * redaction below is a second line of defence should someone pass one in.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'phi-guard' },
    redact: {
      paths: ['req', 'res', 'body', 'headers', 'authorization', '*.headers', '*.body', '*.authorization', 'query', '*.query'],
      censor: '[redacted]',
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
