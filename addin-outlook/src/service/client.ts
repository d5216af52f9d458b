import type { z } from 'zod';
import {
  AttachmentScanAnswerSchema,
  AuditAnswerSchema,
  LookupAnswerSchema,
  OpenPgpKeysSchema,
  PolicySchema,
  PortalMessageSchema,
  recipientFacts,
  scannedAttachments,
  ServiceError,
  type AttachmentScanAnswer,
  type AttachmentUpload,
  type ClientAuditEvent,
  type ComposeRecipient,
  type Draft,
  type OpenPgpKeys,
  type Policy,
  type PortalMessage,
  type PortalMessageInput,
  type Recipient,
  type RecipientInput,
} from '@phiguard/core';

export type { OpenPgpKeys, PortalMessage, PortalMessageInput };
/** Outlook's events; the wire contract is the core's. */
export type AuditEvent = ClientAuditEvent & { readonly client: 'outlook' };

export interface ServiceClient {
  policy(timeoutMs: number): Promise<Policy>;
  /** The core recipient input for each address, from the service's recipient lookup. */
  lookup(recipients: readonly ComposeRecipient[], timeoutMs: number): Promise<Map<string, Recipient>>;
  /** Records events; resolves to the ids the service stored (new or already stored). */
  appendAudit(events: readonly AuditEvent[], timeoutMs: number): Promise<string[]>;
  /** The text of attachments the add-in cannot read itself (PDF, Office, images), read by the service in memory. */
  scanAttachments(uploads: readonly AttachmentUpload[], timeoutMs: number): Promise<AttachmentScanAnswer>;
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
    // The timeout covers getting the token too: a sign-in that hangs must not hold up a send.
    const request = async (): Promise<z.output<S>> => {
      const token = await options.token().catch(() => {
        throw new ServiceError('no_token', 'No sign-in token for the PHI Guard service');
      });
      const res = await fetch(`${options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).catch(() => {
        throw new ServiceError('unreachable', 'The service cannot be reached');
      });
      if (!res.ok) throw new ServiceError('http_status', `The service answered ${res.status}`);
      const parsed = schema.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success) throw new ServiceError('bad_response', 'The service answer is not what this add-in expects');
      return parsed.data;
    };
    return within(request(), timeoutMs);
  };
  return {
    policy: (timeoutMs) => call('GET', '/v1/policy', undefined, PolicySchema, timeoutMs),
    lookup: async (recipients, timeoutMs) => {
      const answer = await call('POST', '/v1/recipients/lookup', { recipients }, LookupAnswerSchema, timeoutMs);
      return new Map(answer.recipients.map((r) => [r.address, r.recipient]));
    },
    appendAudit: async (events, timeoutMs) =>
      (await call('POST', '/v1/audit/events', { events }, AuditAnswerSchema, timeoutMs)).results.map((r) => r.clientEventId),
    scanAttachments: (uploads, timeoutMs) => call('POST', '/v1/scan/attachments', { attachments: uploads }, AttachmentScanAnswerSchema, timeoutMs),
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
  recipients: readonly ComposeRecipient[],
  timeoutMs: number,
): Promise<RecipientInput[]> {
  if (recipients.length === 0) return [];
  const found = await client.lookup(recipients, timeoutMs).catch(() => undefined);
  return recipientFacts(recipients, found);
}

/**
 * The draft's attachments with the ones the add-in could not read itself read by the service; when
 * it cannot answer in time they are uninspectable, so the policy's fail mode decides.
 */
export async function withScannedAttachments(
  client: Pick<ServiceClient, 'scanAttachments'>,
  draft: Draft,
  uploads: readonly AttachmentUpload[],
  timeoutMs: number,
): Promise<Draft> {
  if (uploads.length === 0) return draft;
  const answer = await client.scanAttachments(uploads, timeoutMs).catch(() => undefined);
  return { ...draft, attachments: [...(draft.attachments ?? []), ...scannedAttachments(uploads, answer)] };
}

/** The promise's result, or a `timeout` ServiceError after `ms` (the request itself is left to finish). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ServiceError('timeout', 'The service did not answer in time')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
