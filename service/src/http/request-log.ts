import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from './logger.js';
import { toProblem } from './problem.js';
import { requestIdOf } from './request-id.js';
import { routeLabel } from './route-label.js';

/**
 * One line per response: request id, method, route template, status, duration and the caller's
 * `sub`. Never the path, query, headers or body, which can all carry PHI.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // A response emits 'close' once, whether it finished or its connection was cut first.
    res.once('close', () => {
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const sub = principalSub(res);
      logger.info(
        {
          reqId: requestIdOf(res),
          method: req.method,
          route: routeLabel(req, res),
          status: res.statusCode,
          ms,
          ...(sub === undefined ? {} : { sub }),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
    next();
  };
}

/**
 * Logs server errors by name, code and stack frames before problemHandler answers: an error's
 * message can quote request content, so it is left out.
 */
export function logServerErrors(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (toProblem(error).status >= 500) {
      logger.error({ reqId: requestIdOf(res), err: describeError(error) }, 'request failed');
    }
    next(error);
  };
}

export function describeError(error: unknown): { name: string; code?: string; frames?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as NodeJS.ErrnoException).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return { name: error.name, ...(typeof code === 'string' ? { code } : {}), ...(frames ? { frames } : {}) };
}

function principalSub(res: Response): string | undefined {
  const sub: unknown = (res.locals.principal as { sub?: unknown } | undefined)?.sub;
  return typeof sub === 'string' ? sub : undefined;
}
