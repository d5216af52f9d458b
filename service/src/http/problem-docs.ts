import { z } from 'zod';
import type { ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';

/** RFC 9457 problem details as served by problemHandler (`type` ends in a stable snake_case code). */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'https://phiguard.dev/problems/validation_failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string().meta({ example: 'body.recipients[0].address' }), code: z.string() }))
      .optional()
      .meta({ description: 'Invalid fields (validation_failed): where and the zod issue code, never the value.' }),
  })
  .meta({ id: 'Problem' });

export function problemResponse(description: string): ZodOpenApiResponseObject {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** The security requirement of a route behind requireRole. */
export const BEARER_AUTH = [{ bearer: [] }];

/** Responses every route behind requireRole can give, besides its own. */
export const AUTH_PROBLEMS: ZodOpenApiResponsesObject = {
  '401': problemResponse('Missing, invalid or expired bearer token (`WWW-Authenticate: Bearer`)'),
  '403': problemResponse('The token is valid but lacks a role this route needs'),
  '503': problemResponse('The token issuer keys could not be fetched; try again'),
};

/** Responses any route can give. */
export const COMMON_PROBLEMS: ZodOpenApiResponsesObject = {
  '429': problemResponse('Too many requests from this address (`RateLimit`, `Retry-After`)'),
  '500': problemResponse('Internal error'),
};

/** An OpenAPI `content` member for a JSON body. */
export const jsonContent = (schema: z.ZodType) => ({ 'application/json': { schema } });
