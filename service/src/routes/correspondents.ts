import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../audit/actor.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import type { Correspondents } from '../correspondents/correspondents.js';
import { DomainSchema } from '../correspondents/domain.js';
import { CorrespondentEditSchema, CorrespondentSchema } from '../correspondents/schema.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';

export const CORRESPONDENTS_PREFIX = '/v1/correspondents';

export const CorrespondentParamsSchema = z.object({ domain: DomainSchema });
export const CorrespondentListResponseSchema = z.object({ correspondents: z.array(CorrespondentSchema) }).meta({ id: 'CorrespondentList' });

export interface CorrespondentRouteDeps {
  readonly correspondents: Correspondents;
  readonly requireRole: RequireRole;
}

/** Admin view and corrections of the known-correspondent domains, relative to CORRESPONDENTS_PREFIX. */
export function correspondentRouter(deps: CorrespondentRouteDeps): Router {
  const { correspondents, requireRole } = deps;
  const router = Router();
  const admin = requireRole('admin');

  router.get('/', admin, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ correspondents: await correspondents.list() });
  });

  router.put('/:domain', admin, async (req, res) => {
    const { domain } = parseRequest(CorrespondentParamsSchema, req.params, 'params');
    res.json(await correspondents.add(actorOf(principalOf(res)), domain));
  });

  router.delete('/:domain', admin, async (req, res) => {
    const { domain } = parseRequest(CorrespondentParamsSchema, req.params, 'params');
    res.json(await correspondents.remove(actorOf(principalOf(res)), domain));
  });

  return router;
}

export function correspondentRoutes(deps: CorrespondentRouteDeps): RouteModule {
  return { prefix: CORRESPONDENTS_PREFIX, router: correspondentRouter(deps), routes: CORRESPONDENT_ROUTE_DOCS };
}


export const CORRESPONDENT_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/',
    operation: {
      operationId: 'listCorrespondents',
      tags: ['correspondents'],
      summary: 'Known-correspondent domains with their origin (admin)',
      description: 'Learned domains (sent to often enough, per the audit log) and every domain an admin added or removed. Requires the admin role.',
      security: BEARER_AUTH,
      responses: { '200': { description: 'Sorted by domain', content: jsonContent(CorrespondentListResponseSchema) }, ...AUTH_PROBLEMS },
    },
  },
  {
    method: 'put',
    path: '/{domain}',
    operation: {
      operationId: 'addCorrespondent',
      tags: ['correspondents'],
      summary: 'Mark a domain as a known correspondent (admin)',
      description: 'Wins over what the audit log says. IDNs are stored as A-labels. Recorded as an audit event.',
      security: BEARER_AUTH,
      requestParams: { path: CorrespondentParamsSchema },
      responses: {
        '200': { description: 'The edit', content: jsonContent(CorrespondentEditSchema) },
        '400': problemResponse('Not a domain name (validation_failed)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'delete',
    path: '/{domain}',
    operation: {
      operationId: 'removeCorrespondent',
      tags: ['correspondents'],
      summary: 'Keep a domain out of the known correspondents, however often it is written to (admin)',
      description: 'For a typo or lookalike domain that was written to by mistake. The edit is kept; PUT adds it back. Recorded as an audit event.',
      security: BEARER_AUTH,
      requestParams: { path: CorrespondentParamsSchema },
      responses: {
        '200': { description: 'The edit', content: jsonContent(CorrespondentEditSchema) },
        '400': problemResponse('Not a domain name (validation_failed)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
];
