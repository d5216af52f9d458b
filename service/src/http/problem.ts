import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * RFC 9457 problem details. `type` is a stable snake_case code (the URI is derived from it), so
 * clients and audit rows can switch on it; `detail` never contains request content (PHI).
 */
export class ProblemError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    /** Extra members, e.g. `errors: [{ path, code }]` for validation; never input values. */
    readonly extras: Record<string, unknown> = {},
    /** Response headers that belong to the problem, e.g. `WWW-Authenticate` on a 401 (RFC 6750 §3). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(title);
    this.name = 'ProblemError';
  }
}

export const PROBLEM_TYPE_BASE = 'https://phiguard.dev/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extra: string]: unknown;
}

export function problemBody(p: ProblemError, instance?: string): ProblemBody {
  return {
    type: `${PROBLEM_TYPE_BASE}${p.code}`,
    title: p.title,
    status: p.status,
    ...(p.detail === undefined ? {} : { detail: p.detail }),
    ...(instance === undefined ? {} : { instance }),
    ...p.extras,
  };
}

/** Any thrown value as a problem: known problems as they are, body-parser errors by status, the rest 500. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  const e = error as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (e?.type === 'entity.too.large') return new ProblemError('body_too_large', 413, 'Request body is too large');
  if (e?.type === 'entity.parse.failed') return new ProblemError('malformed_json', 400, 'Request body is not valid JSON');
  if (status >= 400 && status < 500) return new ProblemError('bad_request', status, 'Bad request');
  return new ProblemError('internal', 500, 'Internal server error');
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: ProblemError, instance?: string): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problemBody(problem, instance)));
}

/** Last middleware: every error leaves as problem+json. */
export const problemHandler: ErrorRequestHandler = (error, req, res, next) => {
  // A response already under way can't become a problem; Express's final handler ends the socket.
  if (res.headersSent) return next(error);
  sendProblem(res, toProblem(error), req.originalUrl.split('?')[0]);
};

/** Catch-all for unknown routes. */
export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, new ProblemError('not_found', 404, 'No such route'), req.originalUrl.split('?')[0]);
};
