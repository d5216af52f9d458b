import { createDocument, type oas31, type ZodOpenApiPathsObject } from 'zod-openapi';
import { COMMON_PROBLEMS } from './problem-docs.js';
import { documentedRoutes, type RouteModule } from './route-registry.js';

export const API_TITLE = 'PHI Guard service';
export const API_VERSION = '1.0.0';

/** OpenAPI 3.1 for every route of every module, generated from their zod schemas. */
export function createOpenApiDocument(modules: readonly RouteModule[]): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const { method, path, operation } of documentedRoutes(modules)) {
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`${method.toUpperCase()} ${path} is documented twice`);
    item[method] = { ...operation, responses: { ...COMMON_PROBLEMS, ...operation.responses } };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: API_TITLE,
      version: API_VERSION,
      description: 'Recipient checks, secure portal and the tamper-evident audit log behind the PHI Guard add-ins.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Microsoft identity platform access token (Outlook nested app authentication), a Google ID token ' +
            '(Apps Script ScriptApp.getIdentityToken) or, in dev mode only, a token from `phi-guard dev-token`.',
        },
      },
    },
    paths,
  });
}
