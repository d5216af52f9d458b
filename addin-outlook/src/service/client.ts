import { z } from 'zod';
import { PolicySchema, RecipientSchema, type Policy, type Recipient, type RecipientInput } from '@phiguard/core';

/** Why a service call failed: the caller treats them all as "the service cannot be reached". */
export class ServiceError extends Error {
  constructor(readonly code: 'timeout' | 'unreachable' | 'http_status' | 'bad_response' | 'no_token', message: string) {
    super(message);
    this.name = 'ServiceError';
  }
}

const LookupAnswerSchema = z.object({ recipients: z.array(z.object({ address: z.string(), recipient: RecipientSchema })) });
const AuditAnswerSchema = z.object({ results: z.array(z.object({ clientEventId: z.string() })) });
const PortalMessageSchema = z.object({
  id: z.string(),
  expiresAt: z.string(),
  link: z.string(),
  notice: z.object({ subject: z.string(), text: z.string(), html: z.string() }),
});
const OpenPgpKeysSchema = z.object({
  keys: z.array(z.object({ address: z.string(), fingerprint: z.string(), armored: z.string(), source: z.enum(['registry', 'wkd']) })),
  missing: z.array(z.string()),
});

/** A draft to keep on the secure portal (service/src/routes/messages.ts): its content and who may open it. */
export interface PortalMessageInput {
  readonly subject: string;
  readonly text: string;
  readonly recipients: readonly string[];
  readonly attachments?: ReadonlyArray<{ name: string; contentType: string; data: string }>;
}
/** The stored message: the email to send instead (neutral subject and the pickup link, no PHI). */
export type PortalMessage = z.output<typeof PortalMessageSchema>;
/** Recipients' OpenPGP keys (service/src/routes/openpgp-keys.ts): a usable key per address that has one, and who has none. */
export type OpenPgpKeys = z.output<typeof OpenPgpKeysSchema>;

/** One add-in event as the audit API takes it (service/src/audit/schema.ts): counts and codes, never content. */
export interface AuditEvent {
  readonly clientEventId: string;
  readonly time: string;
  readonly kind: 'scan' | 'warning_shown' | 'send_allowed' | 'send_blocked' | 'override' | 'protection_applied';
  readonly client: 'outlook';
  readonly recipients: readonly string[];
  readonly phiKinds: Readonly<Record<string, number>>;
  readonly action?: string;
  readonly reasonCodes: readonly string[];
  readonly protection?: string;
  readonly justification?: string;
}

export interface ServiceClient {
  policy(timeoutMs: number): Promise<Policy>;
  /** The core recipient input for each address, from the service's recipient lookup. */
  lookup(recipients: ReadonlyArray<{ address: string; name?: string; type: 'to' | 'cc' | 'bcc' }>, timeoutMs: number): Promise<Map<string, Recipient>>;
  /** Records events; resolves to the ids the service stored (new or already stored). */
  appendAudit(events: readonly AuditEvent[], timeoutMs: number): Promise<string[]>;
}

/** The secure portal, which only the task pane uses. */
export interface PortalClient {
  /** Stores the message on the secure portal for its recipients. */
  createPortalMessage(message: PortalMessageInput, timeoutMs: number): Promise<PortalMessage>;
}

/** Recipients' OpenPGP keys, which only the task pane uses (to encrypt the draft). */
export interface OpenPgpClient {
  /** A usable key for each address that has one: on file, else from its Web Key Directory. */
  openPgpKeys(addresses: readonly string[], timeoutMs: number): Promise<OpenPgpKeys>;
}

export interface ServiceClientOptions {
  /** The service's origin, absolute: the JavaScript-only runtime has no page to resolve against. */
  readonly baseUrl: string;
  readonly token: () => Promise<string>;
}

export function createServiceClient(options: ServiceClientOptions): ServiceClient & PortalClient & OpenPgpClient {
  const call = async <S extends z.ZodType>(method: string, path: string, body: unknown, schema: S, timeoutMs: number): Promise<z.output<S>> => {
    const token = await options.token().catch(() => {
      throw new ServiceError('no_token', 'No sign-in token for the PHI Guard service');
    });
    const request = fetch(`${options.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(
      async (res) => {
        if (!res.ok) throw new ServiceError('http_status', `The service answered ${res.status}`);
        const parsed = schema.safeParse(await res.json());
        if (!parsed.success) throw new ServiceError('bad_response', 'The service answer is not what this add-in expects');
        return parsed.data;
      },
      () => {
        throw new ServiceError('unreachable', 'The service cannot be reached');
      },
    );
    return within(request, timeoutMs);
  };
  return {
    policy: (timeoutMs) => call('GET', '/v1/policy', undefined, PolicySchema, timeoutMs),
    lookup: async (recipients, timeoutMs) => {
      const answer = await call('POST', '/v1/recipients/lookup', { recipients }, LookupAnswerSchema, timeoutMs);
      return new Map(answer.recipients.map((r) => [r.address, r.recipient]));
    },
    appendAudit: async (events, timeoutMs) =>
      (await call('POST', '/v1/audit/events', { events }, AuditAnswerSchema, timeoutMs)).results.map((r) => r.clientEventId),
    createPortalMessage: (message, timeoutMs) => call('POST', '/v1/messages', message, PortalMessageSchema, timeoutMs),
    openPgpKeys: (addresses, timeoutMs) => call('POST', '/v1/recipients/openpgp-keys', { addresses }, OpenPgpKeysSchema, timeoutMs),
  };
}

/**
 * What decide needs about each recipient: the service's answer, or `unavailable` for those it did
 * not answer for (service down, timed out), so the policy's fail mode decides.
 */
export async function lookupRecipients(
  client: Pick<ServiceClient, 'lookup'>,
  recipients: ReadonlyArray<{ address: string; name?: string; type: 'to' | 'cc' | 'bcc' }>,
  timeoutMs: number,
): Promise<RecipientInput[]> {
  if (recipients.length === 0) return [];
  try {
    const found = await client.lookup(recipients, timeoutMs);
    return recipients.map((r) => ({ ...(found.get(r.address) ?? { address: r.address, lookup: 'unavailable' as const }), type: r.type }));
  } catch {
    return recipients.map((r) => ({ address: r.address, ...(r.name ? { name: r.name } : {}), type: r.type, lookup: 'unavailable' as const }));
  }
}

/** The promise's result, or a `timeout` ServiceError after `ms` (the request itself is left to finish). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ServiceError('timeout', 'The service did not answer in time')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
