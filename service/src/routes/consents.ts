import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { actorOf } from '../audit/actor.js';
import { AddressSchema } from '../audit/schema.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import { MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_REPORTED_ERRORS } from '../consent/csv.js';
import { ConsentError, type ConsentErrorCode } from '../consent/errors.js';
import { MAX_CONSENT_PAGE, type ConsentRegistry } from '../consent/registry.js';
import { ConsentImportResultSchema, ConsentInputSchema, ConsentRecordSchema } from '../consent/schema.js';
import { ProblemError } from '../http/problem.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest, validationProblem } from '../http/validate.js';

export const CONSENTS_PREFIX = '/v1/consents';

export const ConsentListQuerySchema = z.strictObject({
  address: AddressSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_CONSENT_PAGE).default(100),
  /** `nextCursor` from the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional(),
});
export const ConsentListResponseSchema = z
  .object({ consents: z.array(ConsentRecordSchema), nextCursor: z.string().optional() })
  .meta({ id: 'ConsentList' });
export const ConsentParamsSchema = z.object({ id: z.uuid() });

export interface ConsentRouteDeps {
  readonly registry: ConsentRegistry;
  readonly requireRole: RequireRole;
}

/** The consent registry's admin routes, relative to CONSENTS_PREFIX. */
export function consentRouter(deps: ConsentRouteDeps): Router {
  const { registry, requireRole } = deps;
  const router = Router();
  const admin = requireRole('admin');

  router.post('/', admin, async (req, res) => {
    const input = parseRequest(ConsentInputSchema, req.body, 'body');
    res.status(201).json(await registry.record(actorOf(principalOf(res)), input));
  });

  // The app parses JSON only; the file is read here, after the role check, up to the registry's cap.
  router.post('/import', admin, express.text({ type: 'text/csv', limit: MAX_CSV_BYTES }), async (req, res) => {
    if (typeof req.body !== 'string') throw new ProblemError('unsupported_media_type', 415, 'Send the file as text/csv');
    res.json(await registry.importCsv(actorOf(principalOf(res)), req.body));
  });

  router.post('/:id/revoke', admin, async (req, res) => {
    const { id } = parseRequest(ConsentParamsSchema, req.params, 'params');
    res.json(await registry.revoke(actorOf(principalOf(res)), id));
  });

  router.get('/', admin, async (req, res) => {
    const query = parseRequest(ConsentListQuerySchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await registry.list(query));
  });

  router.use(consentProblems);
  return router;
}

export function consentRoutes(deps: ConsentRouteDeps): RouteModule {
  return { prefix: CONSENTS_PREFIX, router: consentRouter(deps), routes: CONSENT_ROUTE_DOCS };
}

/** Titles of the whole-file import problems (422). */
const CSV_TITLES: Record<Extract<ConsentErrorCode, `csv_${string}`>, string> = {
  csv_too_large: `The file is over ${MAX_CSV_BYTES} bytes`,
  csv_too_many_rows: `The file has over ${MAX_CSV_ROWS} rows`,
  csv_empty: 'The file is empty',
  csv_missing_columns: 'The header row lacks required columns',
  csv_duplicate_column: 'A column appears twice in the header row',
  csv_malformed: 'The file is not valid CSV',
};

/** ConsentError codes as problems; everything else goes on to the app's problem handler. */
const consentProblems: ErrorRequestHandler = (error, _req, _res, next) => {
  if (!(error instanceof ConsentError)) return next(error);
  switch (error.code) {
    case 'invalid_input':
      return next(validationProblem((error.details.issues ?? []).map(({ path, code }) => ({ path: [...path], code }) as z.core.$ZodIssue), 'body'));
    case 'invalid_cursor':
      return next(new ProblemError('validation_failed', 400, 'The request is not valid', undefined, { errors: [{ path: 'query.cursor', code: 'invalid_cursor' }] }));
    case 'consent_not_found':
      return next(new ProblemError('consent_not_found', 404, 'No consent with that id'));
    case 'already_revoked':
      return next(new ProblemError('already_revoked', 409, 'The consent was already revoked'));
    default:
      return next(new ProblemError(error.code, 422, CSV_TITLES[error.code], undefined, error.details.columns ? { columns: error.details.columns } : {}));
  }
};

const ADMIN_ONLY = 'Requires the admin role.';

export const CONSENT_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'post',
    path: '/',
    operation: {
      operationId: 'recordConsent',
      tags: ['consents'],
      summary: "Record a patient's consent (or refusal) to unencrypted email at an address (admin)",
      description: `${ADMIN_ONLY} Supersedes earlier consents for the address. Recorded as an audit event without the patient reference.`,
      security: BEARER_AUTH,
      requestBody: { required: true, content: jsonContent(ConsentInputSchema) },
      responses: {
        '201': { description: 'The stored consent', content: jsonContent(ConsentRecordSchema) },
        '400': problemResponse('The consent is not valid (validation_failed: path and code of each field)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'post',
    path: '/import',
    operation: {
      operationId: 'importConsents',
      tags: ['consents'],
      summary: 'Import consents from a CSV file (admin)',
      description:
        `${ADMIN_ONLY} Header row \`address,patient_ref,consent_unencrypted,date,source\` (any order; other columns ignored), ` +
        `consent yes/no/true/false/y/n/1/0, date YYYY-MM-DD; up to ${MAX_CSV_ROWS} rows and ${MAX_CSV_BYTES} bytes. Valid rows are ` +
        `imported in one transaction, each audited; bad rows are listed by line and column (at most ${MAX_REPORTED_ERRORS}), never by value. ` +
        'An address on several rows is refused on every one of them.',
      security: BEARER_AUTH,
      requestBody: { required: true, content: { 'text/csv': { schema: z.string() } } },
      responses: {
        '200': { description: 'What was imported and which rows were refused', content: jsonContent(ConsentImportResultSchema) },
        '413': problemResponse('The file is too large (body_too_large)'),
        '415': problemResponse('The body is not text/csv (unsupported_media_type)'),
        '422': problemResponse('The file cannot be read at all: csv_missing_columns (with `columns`), csv_empty, csv_malformed, csv_too_many_rows, …'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'post',
    path: '/{id}/revoke',
    operation: {
      operationId: 'revokeConsent',
      tags: ['consents'],
      summary: 'Revoke a consent; the record is kept (admin)',
      description: `${ADMIN_ONLY} Recorded as an audit event. An older consent for the address does not come back.`,
      security: BEARER_AUTH,
      requestParams: { path: ConsentParamsSchema },
      responses: {
        '200': { description: 'The revoked consent', content: jsonContent(ConsentRecordSchema) },
        '404': problemResponse('No consent with that id (consent_not_found)'),
        '409': problemResponse('The consent was already revoked (already_revoked)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/',
    operation: {
      operationId: 'listConsents',
      tags: ['consents'],
      summary: 'List consents newest first, revoked ones included (admin)',
      description: ADMIN_ONLY,
      security: BEARER_AUTH,
      requestParams: { query: ConsentListQuerySchema },
      responses: {
        '200': { description: 'One page; pass nextCursor as cursor for the next', content: jsonContent(ConsentListResponseSchema) },
        '400': problemResponse('A query parameter is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
];
