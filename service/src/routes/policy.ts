import { Router } from 'express';
import { PolicySchema, type Policy } from '@phiguard/core';
import type { RequireRole } from '../auth/require-role.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent } from '../http/problem-docs.js';
import type { RouteModule } from '../http/route-registry.js';

export const POLICY_PREFIX = '/v1/policy';
export const PolicyDocSchema = PolicySchema.meta({ id: 'Policy' });

/** The organisation's policy, with every default filled in, for the add-ins' own decide. */
export function policyRoutes(deps: { requireRole: RequireRole; policy: () => Policy }): RouteModule {
  const router = Router();
  router.get('/', deps.requireRole(), (_req, res) => {
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(deps.policy());
  });
  return {
    prefix: POLICY_PREFIX,
    router,
    routes: [
      {
        method: 'get',
        path: '/',
        operation: {
          operationId: 'getPolicy',
          tags: ['policy'],
          summary: "The organisation's policy, every default filled in",
          description: 'What the add-ins pass to decide. Any signed-in user.',
          security: BEARER_AUTH,
          responses: { '200': { description: 'The effective policy', content: jsonContent(PolicyDocSchema) }, ...AUTH_PROBLEMS },
        },
      },
    ],
  };
}
