import type { Express, Router } from 'express';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { joinPaths, tagMount, toOpenApiPath } from './route-label.js';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One documented operation. `path` is relative to its module's prefix, in OpenAPI form (`/events/{id}`). */
export interface RouteDoc {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operation: ZodOpenApiOperationObject;
}

/**
 * A router and the documentation of every route on it. The app mounts routers only through
 * modules, and /openapi.json is assembled from the same list, so what is served is documented.
 */
export interface RouteModule {
  /** Mount path: '/' or '/v1/audit'. */
  readonly prefix: string;
  readonly router: Router;
  readonly routes: readonly RouteDoc[];
}

export function mountRoutes(app: Express, modules: readonly RouteModule[]): void {
  for (const module of modules) app.use(module.prefix, tagMount(module.prefix), module.router);
}

export interface RouteKey {
  readonly method: HttpMethod;
  /** Full path in OpenAPI form. */
  readonly path: string;
}

/** Every documented operation with its full path. */
export function documentedRoutes(modules: readonly RouteModule[]): Array<RouteKey & { operation: ZodOpenApiOperationObject }> {
  return modules.flatMap((module) =>
    module.routes.map((route) => ({ method: route.method, path: joinPaths(module.prefix, route.path), operation: route.operation })),
  );
}

interface ListedRoute {
  path: string | RegExp;
  methods?: string[];
  router?: ListingRouter;
}
interface ListingRouter {
  listRoutes(): ListedRoute[];
}

/**
 * Every route the app actually serves (method and full OpenAPI path), read from Express's own
 * router (`router.listRoutes()`, router 2.3). HEAD comes with GET and is not listed.
 */
export function mountedRoutes(app: Express): RouteKey[] {
  return listFrom((app as unknown as { router: ListingRouter }).router, '');
}

function listFrom(router: ListingRouter, prefix: string): RouteKey[] {
  return router.listRoutes().flatMap((route): RouteKey[] => {
    if (route.path instanceof RegExp) throw new Error(`a route is mounted on a regular expression under '${prefix}'`);
    const path = joinPaths(prefix, route.path);
    if (route.router) return listFrom(route.router, path);
    return (route.methods ?? [])
      .map((method) => method.toLowerCase())
      .filter((method) => method !== 'head')
      .map((method) => ({ method: method as HttpMethod, path: toOpenApiPath(path) }));
  });
}
