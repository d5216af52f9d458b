import { rootCertificates } from 'node:tls';
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
import { verifySignedMail } from '../keys/harvest.js';
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
/**
 * Base64 lengths of signed mail: the signature part with its certificates, and the signed MIME
 * entity of a detached signature. Together they stay under the app's default 100 KiB JSON limit,
 * so mail whose signed entity exceeds ~57 KB (e.g. with attachments) can't be harvested yet.
 */
export const MAX_OBSERVED_SIGNATURE_LENGTH = 24_000;
export const MAX_OBSERVED_CONTENT_LENGTH = 76_000;

export const ObservedSignedMailSchema = z
  .strictObject({
    /** The message's From address. */
    from: AddressSchema,
    /** Base64 DER of the application/pkcs7-signature part, or of an application/pkcs7-mime signed-data body. */
    signature: z.base64().min(1).max(MAX_OBSERVED_SIGNATURE_LENGTH),
    /** Base64 of the exact signed MIME entity (first part of multipart/signed); required for a detached signature. */
    content: z.base64().min(1).max(MAX_OBSERVED_CONTENT_LENGTH).optional(),
  })
  .meta({ id: 'ObservedSignedMail' });
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
  /** When signed mail is checked; pass the registry's clock. */
  readonly now?: () => Date;
  /** CAs (PEM) harvested certificates must chain to; the public roots Node trusts when absent. */
  readonly smimeRoots?: readonly string[];
}

/** The key registry routes, relative to KEYS_PREFIX. Prefer `keyRoutes`, which documents them too. */
export function keyRouter(deps: KeyRouteDeps): Router {
  const { registry, requireRole, now = () => new Date(), smimeRoots = rootCertificates } = deps;
  const router = Router();
  const admin = requireRole('admin');

  router.post('/observed', requireRole('user', 'admin'), async (req, res) => {
    const { from, signature, content } = parseRequest(ObservedSignedMailSchema, req.body, 'body');
    const signer = await verifySignedMail({
      signature: Buffer.from(signature, 'base64'),
      ...(content === undefined ? {} : { content: Buffer.from(content, 'base64') }),
      from,
      now: now(),
      trustedRoots: smimeRoots,
    });
    const { key, created } = await registry.add(actorOf(principalOf(res)), { keyType: 'smime', data: signer.pem, source: 'harvested' });
    res.status(created ? 201 : 200).json(key);
  });

  router.post('/', admin, async (req, res) => {
    const { keyType, data } = parseRequest(KeyUploadSchema, req.body, 'body');
    const { key, created } = await registry.add(actorOf(principalOf(res)), { keyType, data, source: 'admin_upload' });
    res.status(created ? 201 : 200).json(key);
  });

  router.get('/', admin, async (req, res) => {
    const query = parseRequest(KeyListQuerySchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await registry.list(query));
  });

  router.delete('/:keyType/:fingerprint', admin, async (req, res) => {
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
  signature_invalid: { code: 'signature_invalid', status: 422, title: 'The signature does not verify over the signed content' },
  signer_mismatch: { code: 'signer_mismatch', status: 422, title: "The signer's certificate does not name the sender address" },
  untrusted_issuer: { code: 'untrusted_issuer', status: 422, title: "The signer's certificate is not from a trusted certificate authority" },
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
    method: 'post',
    path: '/observed',
    operation: {
      operationId: 'observeSignedMail',
      tags: ['keys'],
      summary: "File the S/MIME certificate of signed mail the organisation received (any signed-in user)",
      description:
        'A read-mode add-in posts the signature of a signed message it shows. The service verifies the signature over the ' +
        "content, that the signer's certificate names the From address, and that it can be used for encryption now; then it " +
        'files the certificate with source `harvested`. The certificate chain is not checked against trusted roots. ' +
        `The signature (base64) is at most ${MAX_OBSERVED_SIGNATURE_LENGTH} characters and the signed content at most ` +
        `${MAX_OBSERVED_CONTENT_LENGTH}, to fit the request size limit. Neither is stored or echoed. Recorded as key_added when new.`,
      security: BEARER_AUTH,
      requestBody: { required: true, content: jsonContent(ObservedSignedMailSchema) },
      responses: {
        '201': { description: 'Filed', content: jsonContent(RecipientKeySchema) },
        '200': { description: 'Already on file; the stored record', content: jsonContent(RecipientKeySchema) },
        '400': problemResponse('The body is not valid (validation_failed)'),
        '422': problemResponse(
          'Refused: key_unreadable (not S/MIME signed data), signature_invalid (does not verify, or detached without content), ' +
            'signer_mismatch (the certificate does not name `from`), untrusted_issuer (it does not chain to a trusted CA), ' +
            'key_expired or key_not_usable (`problems` lists why)',
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
