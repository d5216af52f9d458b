import { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { actorOf } from '../audit/actor.js';
import { AddressSchema } from '../audit/schema.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import { ProblemError } from '../http/problem.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';
import { KeyError, type KeyErrorCode } from '../keys/errors.js';
import { KeyTypeSchema, MAX_KEY_LIST_LIMIT, RecipientKeySchema, type KeyRegistry } from '../keys/registry.js';

export const KEYS_PREFIX = '/v1/keys';
/** Longest upload accepted; real public keys and certificates are a few KB. */
export const MAX_KEY_DATA_LENGTH = 90_000;

export const KeyUploadSchema = z
  .strictObject({
    keyType: KeyTypeSchema,
    /** An armored OpenPGP public key, or a PEM (or base64 DER) S/MIME certificate. */
    data: z.string().min(1).max(MAX_KEY_DATA_LENGTH),
  })
  .meta({ id: 'KeyUpload' });
export const KeyListQuerySchema = z.strictObject({
  address: AddressSchema.optional(),
  keyType: KeyTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_KEY_LIST_LIMIT).default(100),
  /** `nextCursor` from the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/)
    .optional(),
});
export const KeyListResponseSchema = z
  .object({ keys: z.array(RecipientKeySchema), nextCursor: z.string().optional() })
  .meta({ id: 'RecipientKeyList' });
export const KeyParamsSchema = z.object({
  keyType: KeyTypeSchema,
  /** OpenPGP v4 (40 hex), v6 or S/MIME SHA-256 (64 hex); any case. */
  fingerprint: z.string().regex(/^(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$/),
});

export interface KeyRouteDeps {
  readonly registry: KeyRegistry;
  readonly requireRole: RequireRole;
}

/** The key registry routes, relative to KEYS_PREFIX. Prefer `keyRoutes`, which documents them too. */
export function keyRouter(deps: KeyRouteDeps): Router {
  const { registry, requireRole } = deps;
  const router = Router();
  router.use(requireRole('admin'));

  router.post('/', async (req, res) => {
    const { keyType, data } = parseRequest(KeyUploadSchema, req.body, 'body');
    const { key, created } = await registry.add(actorOf(principalOf(res)), { keyType, data, source: 'admin_upload' });
    res.status(created ? 201 : 200).json(key);
  });

  router.get('/', async (req, res) => {
    const query = parseRequest(KeyListQuerySchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await registry.list(query));
  });

  router.delete('/:keyType/:fingerprint', async (req, res) => {
    const { keyType, fingerprint } = parseRequest(KeyParamsSchema, req.params, 'params');
    res.json(await registry.remove(actorOf(principalOf(res)), keyType, fingerprint));
  });

  router.use(keyProblems);
  return router;
}

/** The key registry routes with their OpenAPI documentation, for mountRoutes. */
export function keyRoutes(deps: KeyRouteDeps): RouteModule {
  return { prefix: KEYS_PREFIX, router: keyRouter(deps), routes: KEY_ROUTE_DOCS };
}

/** Each KeyError as a problem: stable code, fixed text that never quotes the upload. */
const KEY_PROBLEMS: Record<KeyErrorCode, { code: string; status: number; title: string }> = {
  unreadable: { code: 'key_unreadable', status: 422, title: 'The key or certificate could not be read' },
  not_a_public_key: { code: 'not_a_public_key', status: 422, title: 'This is not a public key or certificate of the given type' },
  private_key_refused: { code: 'private_key_refused', status: 422, title: 'A private key was uploaded and discarded; upload only the public key or certificate' },
  multiple_keys: { code: 'multiple_keys', status: 422, title: 'Upload one key or certificate at a time' },
  no_address: { code: 'key_without_address', status: 422, title: 'The key or certificate names no email address' },
  expired: { code: 'key_expired', status: 422, title: 'The key or certificate has expired' },
  revoked: { code: 'key_revoked', status: 422, title: 'The key has been revoked' },
  not_usable: { code: 'key_not_usable', status: 422, title: 'The key or certificate cannot be used for encryption' },
  not_found: { code: 'key_not_found', status: 404, title: 'No such key on file' },
  invalid_cursor: { code: 'validation_failed', status: 400, title: 'The request is not valid' },
};

const keyProblems: ErrorRequestHandler = (error, _req, _res, next) => {
  if (!(error instanceof KeyError)) return next(error);
  const { code, status, title } = KEY_PROBLEMS[error.code];
  const extras =
    error.code === 'invalid_cursor'
      ? { errors: [{ path: 'query.cursor', code: 'invalid_cursor' }] }
      : error.problems.length > 0
        ? { problems: error.problems }
        : {};
  next(new ProblemError(code, status, title, undefined, extras));
};

const ADMIN_ONLY = 'Requires the admin role.';

export const KEY_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'post',
    path: '/',
    operation: {
      operationId: 'addRecipientKey',
      tags: ['keys'],
      summary: 'Add a recipient OpenPGP key or S/MIME certificate (admin)',
      description:
        `${ADMIN_ONLY} The key must name an email address and be usable for encryption now (unexpired, unrevoked, ` +
        'an encryption subkey; for S/MIME: keyEncipherment/keyAgreement and emailProtection when those extensions are present, ' +
        'not a CA). Private keys are refused and never stored. Adding a key already on file changes nothing. Recorded as key_added.',
      security: BEARER_AUTH,
      requestBody: { required: true, content: jsonContent(KeyUploadSchema) },
      responses: {
        '201': { description: 'Stored', content: jsonContent(RecipientKeySchema) },
        '200': { description: 'Already on file; the stored record', content: jsonContent(RecipientKeySchema) },
        '400': problemResponse('The body is not valid (validation_failed)'),
        '422': problemResponse(
          'Refused: key_unreadable, not_a_public_key, private_key_refused, multiple_keys, key_without_address, key_expired, ' +
            'key_revoked or key_not_usable (`problems` lists why, e.g. no_encryption_key, extended_key_usage)',
        ),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/',
    operation: {
      operationId: 'listRecipientKeys',
      tags: ['keys'],
      summary: 'Keys and certificates on file, newest first (admin)',
      description: `${ADMIN_ONLY} Filter by address and key type.`,
      security: BEARER_AUTH,
      requestParams: { query: KeyListQuerySchema },
      responses: {
        '200': { description: 'One page; pass nextCursor as cursor for the next', content: jsonContent(KeyListResponseSchema) },
        '400': problemResponse('A query parameter is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'delete',
    path: '/{keyType}/{fingerprint}',
    operation: {
      operationId: 'removeRecipientKey',
      tags: ['keys'],
      summary: 'Remove a key or certificate (admin)',
      description: `${ADMIN_ONLY} Recorded as key_removed.`,
      security: BEARER_AUTH,
      requestParams: { path: KeyParamsSchema },
      responses: {
        '200': { description: 'The removed record', content: jsonContent(RecipientKeySchema) },
        '400': problemResponse('The key type or fingerprint is not valid'),
        '404': problemResponse('No such key on file (key_not_found)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
];
