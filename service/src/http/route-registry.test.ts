import { describe, expect, it } from '@jest/globals';
import express, { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { createOpenApiDocument } from './openapi.js';
import { documentedRoutes, mountRoutes, mountedRoutes, type RouteModule } from './route-registry.js';
import { joinPaths, routeLabel, toOpenApiPath } from './route-label.js';

const ok = { responses: { '200': { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } } };

function module(prefix: string, build: (router: Router) => void, routes: RouteModule['routes']): RouteModule {
  const router = Router();
  build(router);
  return { prefix, router, routes };
}

describe('the route registry', () => {
  const holds = module(
    '/v1/audit',
    (r) => {
      r.get('/holds', (_req, res) => void res.json({ ok: true }));
      r.delete('/holds/:id', (_req, res) => void res.json({ ok: true }));
    },
    [
      { method: 'get', path: '/holds', operation: ok },
      { method: 'delete', path: '/holds/{id}', operation: ok },
    ],
  );
  const root = module('/', (r) => r.get('/healthz', (_req, res) => void res.json({ ok: true })), [{ method: 'get', path: '/healthz', operation: ok }]);

  it('lists what Express actually serves, with full OpenAPI paths and no HEAD', () => {
    const app = express();
    mountRoutes(app, [root, holds]);
    expect(mountedRoutes(app)).toEqual([
      { method: 'get', path: '/healthz' },
      { method: 'get', path: '/v1/audit/holds' },
      { method: 'delete', path: '/v1/audit/holds/{id}' },
    ]);
    expect(documentedRoutes([root, holds]).map(({ method, path }) => ({ method, path }))).toEqual(mountedRoutes(app));
  });

  it('labels a request by its module prefix and route template, even when the route fails', async () => {
    const app = express();
    const failing = module('/v1/things', (r) => r.get('/:id', () => {
      throw new Error('boom');
    }), []);
    const labels: string[] = [];
    app.use((req, res, next) => {
      res.once('finish', () => labels.push(routeLabel(req, res)));
      next();
    });
    mountRoutes(app, [failing]);
    app.use(((_error, _req, res, _next) => void res.status(500).end()) as express.ErrorRequestHandler);
    await request(app).get('/v1/things/Jonathan%20Whitfield');
    expect(labels).toEqual(['/v1/things/{id}']);
  });

  it('refuses to document one operation twice', () => {
    const twice = module('/', () => undefined, [
      { method: 'get', path: '/healthz', operation: ok },
      { method: 'get', path: '/healthz', operation: ok },
    ]);
    expect(() => createOpenApiDocument([twice])).toThrow('GET /healthz is documented twice');
  });
});

describe('paths', () => {
  it.each([
    ['/', '/healthz', '/healthz'],
    ['/v1/audit', '/holds', '/v1/audit/holds'],
    ['/v1/audit/', '/', '/v1/audit'],
    ['/', '/', '/'],
  ])('joins %s and %s', (prefix, path, joined) => {
    expect(joinPaths(prefix, path)).toBe(joined);
  });

  it('writes Express parameters in OpenAPI form', () => {
    expect(toOpenApiPath('/holds/:id/events/:eventId')).toBe('/holds/{id}/events/{eventId}');
  });
});
