import { Router } from 'express';
import { z } from 'zod';
import type { oas31 } from 'zod-openapi';
import type { RouteModule } from '../http/route-registry.js';

export const OpenApiDocumentSchema = z
  .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .loose()
  .meta({ id: 'OpenApiDocument' });

/** `/openapi.json`: the document assembled from every route module, this one included. */
export function openApiRoutes(document: () => oas31.OpenAPIObject): RouteModule {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document());
  });
  return {
    prefix: '/',
    router,
    routes: [
      {
        method: 'get',
        path: '/openapi.json',
        operation: {
          operationId: 'getOpenApi',
          tags: ['operations'],
          summary: 'This OpenAPI 3.1 document',
          responses: {
            '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: OpenApiDocumentSchema } } },
          },
        },
      },
    ],
  };
}
