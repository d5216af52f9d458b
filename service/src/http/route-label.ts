import type { Request, RequestHandler, Response } from 'express';

/** The label of a request that matched no route, so unknown paths never become label values. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Remembers the mount path of the router a request entered. Express restores `req.baseUrl` when
 * an error leaves the router, so it can't be read when the response finishes.
 */
export function tagMount(prefix: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.mountPath = prefix;
    next();
  };
}

/**
 * The route template that served a request (`/v1/audit/events/{id}`), never its concrete path,
 * which can hold identifiers. Used for metric labels and log lines.
 */
export function routeLabel(req: Request, res: Response): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  const mount: unknown = res.locals.mountPath;
  return toOpenApiPath(joinPaths(typeof mount === 'string' ? mount : '', path));
}

export function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}

/** Express path syntax (`/events/:id`) in OpenAPI form (`/events/{id}`). */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_$][\w$]*)/g, '{$1}');
}
