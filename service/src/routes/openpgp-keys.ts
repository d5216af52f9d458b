import { Router } from 'express';
import { z } from 'zod';
import { AddressSchema } from '../audit/schema.js';
import type { RequireRole } from '../auth/require-role.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';
import type { KeyRegistry } from '../keys/registry.js';
import { lookupWkd, type WkdNet } from '../keys/wkd.js';
import { RECIPIENTS_PREFIX } from './recipients.js';

/** Most addresses per call: a draft's recipients, as the add-in's recipient lookup allows. */
export const MAX_OPENPGP_KEY_ADDRESSES = 100;
/** The whole call, Web Key Directory lookups included: an add-in is waiting. */
export const DEFAULT_OPENPGP_KEYS_DEADLINE_MS = 3000;

export const OpenPgpKeysRequestSchema = z
  .strictObject({ addresses: z.array(AddressSchema).min(1).max(MAX_OPENPGP_KEY_ADDRESSES) })
  .meta({ id: 'OpenPgpKeysRequest' });

export const OpenPgpKeySchema = z
  .object({
    /** Lower-cased. */
    address: z.string(),
    /** Primary key fingerprint, upper-case hex. */
    fingerprint: z.string(),
    /** The armored public key, to encrypt to. */
    armored: z.string(),
    source: z.enum(['registry', 'wkd']),
  })
  .meta({ id: 'OpenPgpKey' });
export type OpenPgpKey = z.infer<typeof OpenPgpKeySchema>;

export const OpenPgpKeysResponseSchema = z
  .object({
    /** One usable key per address that has one, in request order. */
    keys: z.array(OpenPgpKeySchema),
    /** Addresses with no usable key on file, none in their Web Key Directory, or none found in time. */
    missing: z.array(z.string()),
  })
  .meta({ id: 'OpenPgpKeys' });
export type OpenPgpKeysResponse = z.infer<typeof OpenPgpKeysResponseSchema>;

export interface OpenPgpKeyRouteDeps {
  readonly registry: Pick<KeyRegistry, 'forAddresses'>;
  readonly requireRole: RequireRole;
  /** Web Key Directory lookups (the app's `net`). */
  readonly net: WkdNet;
  readonly now?: () => Date;
  readonly deadlineMs?: number;
}

/**
 * `POST /v1/recipients/openpgp-keys`: the keys the task pane encrypts a draft to. Mounted beside
 * the recipient lookup, under the same prefix.
 */
export function openPgpKeyRoutes(deps: OpenPgpKeyRouteDeps): RouteModule {
  const router = Router();
  router.post('/openpgp-keys', deps.requireRole('user', 'admin'), async (req, res) => {
    const { addresses } = parseRequest(OpenPgpKeysRequestSchema, req.body, 'body');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await openPgpKeysFor(addresses, deps));
  });
  return {
    prefix: RECIPIENTS_PREFIX,
    router,
    routes: [
      {
        method: 'post',
        path: '/openpgp-keys',
        operation: {
          operationId: 'getOpenPgpKeys',
          tags: ['recipients'],
          summary: 'A usable OpenPGP public key for each address, to encrypt a message to',
          description:
            `Up to ${MAX_OPENPGP_KEY_ADDRESSES} addresses. Per address: the newest usable key in the key registry, else ` +
            'the key its Web Key Directory publishes. Expired, revoked and sign-only keys are never returned. Anything not ' +
            `found within the deadline (${DEFAULT_OPENPGP_KEYS_DEADLINE_MS / 1000} s by default) is listed as missing; ` +
            'the call itself does not fail for a slow domain.',
          security: BEARER_AUTH,
          requestBody: { required: true, content: jsonContent(OpenPgpKeysRequestSchema) },
          responses: {
            '200': { description: 'The keys found, and the addresses without one', content: jsonContent(OpenPgpKeysResponseSchema) },
            '400': problemResponse('The request is not valid'),
            ...AUTH_PROBLEMS,
          },
        },
      },
    ],
  };
}

/** The registry's key for each address, else its Web Key Directory's (in parallel, until the deadline). */
async function openPgpKeysFor(requested: readonly string[], deps: OpenPgpKeyRouteDeps): Promise<OpenPgpKeysResponse> {
  const now = deps.now?.() ?? new Date();
  const addresses = [...new Set(requested.map((address) => address.toLowerCase()))];
  const onFile = await deps.registry.forAddresses(addresses, now);
  const found = new Map<string, OpenPgpKey>();
  for (const [address, { openpgp: [key] }] of onFile) {
    if (key) found.set(address, { address, fingerprint: key.fingerprint, armored: key.armored, source: 'registry' });
  }

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Also raced, not only aborted: a lookup is dropped at the deadline even if it ignores the signal.
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(undefined);
    }, deps.deadlineMs ?? DEFAULT_OPENPGP_KEYS_DEADLINE_MS);
  });
  try {
    await Promise.all(
      addresses
        .filter((address) => !found.has(address))
        .map(async (address) => {
          const lookup = lookupWkd(address, { net: deps.net, signal: controller.signal, now }).catch(() => undefined);
          const result = await Promise.race([lookup, deadline]);
          if (result?.status === 'found' && result.key.usableForEncryption) {
            found.set(address, { address, fingerprint: result.key.fingerprint, armored: result.key.armored, source: 'wkd' });
          }
        }),
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return {
    keys: addresses.flatMap((address) => found.get(address) ?? []),
    missing: addresses.filter((address) => !found.has(address)),
  };
}
