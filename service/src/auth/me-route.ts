import { Router } from 'express';
import { AUTH_PROBLEMS, BEARER_AUTH } from '../http/problem-docs.js';
import type { RouteModule } from '../http/route-registry.js';
import { PrincipalSchema } from './principal.js';
import { principalOf, type RequireRole } from './require-role.js';

const MeSchema = PrincipalSchema.meta({ id: 'Principal' });

/** `GET /v1/me`: who the token says the caller is, so an add-in can check its sign-in. */
export function meRoutes(requireRole: RequireRole): RouteModule {
  const router = Router();
  router.get('/me', requireRole(), (_req, res) => {
    res.json(principalOf(res));
  });
  return {
    prefix: '/v1',
    router,
    routes: [
      {
        method: 'get',
        path: '/me',
        operation: {
          operationId: 'getMe',
          tags: ['auth'],
          summary: 'The signed-in caller: subject, email, roles, issuer and tenant',
          security: BEARER_AUTH,
          responses: {
            '200': { description: 'The caller', content: { 'application/json': { schema: MeSchema } } },
            ...AUTH_PROBLEMS,
          },
        },
      },
    ],
  };
}
