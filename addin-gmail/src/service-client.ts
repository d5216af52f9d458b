import type { z } from 'zod';
import {
  AttachmentScanAnswerSchema,
  AuditAnswerSchema,
  LookupAnswerSchema,
  PolicySchema,
  PortalMessageSchema,
  ServiceError,
  type AttachmentScanAnswer,
  type AttachmentUpload,
  type ClientAuditEvent,
  type ComposeRecipient,
  type Policy,
  type PortalMessage,
  type PortalMessageInput,
  type Recipient,
} from '@phiguard/core';
import type { Host } from './host.js';

export interface GmailServiceClient {
  policy(): Policy;
  lookup(recipients: readonly ComposeRecipient[]): Map<string, Recipient>;
  /** Records events; returns the ids the service stored (new or already stored). */
  appendAudit(events: readonly ClientAuditEvent[]): string[];
  createPortalMessage(message: PortalMessageInput): PortalMessage;
  /** The text of attachments Apps Script cannot read (PDF, Office, images), read by the service in memory. */
  scanAttachments(uploads: readonly AttachmentUpload[]): AttachmentScanAnswer;
}

/**
 * The service over UrlFetchApp, which is synchronous and has no timeout of its own; every failure
 * becomes a ServiceError, which callers treat as "the service cannot be reached".
 */
export function createServiceClient(host: Pick<Host, 'serviceUrl' | 'fetch' | 'identityToken'>): GmailServiceClient {
  const call = <S extends z.ZodType>(method: 'get' | 'post', path: string, body: unknown, schema: S): z.output<S> => {
    let token: string;
    try {
      token = host.identityToken();
    } catch {
      throw new ServiceError('no_token', 'No Google sign-in token for the PHI Guard service');
    }
    let response;
    try {
      response = host.fetch(`${host.serviceUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    } catch {
      throw new ServiceError('unreachable', 'The PHI Guard service cannot be reached');
    }
    if (response.status < 200 || response.status > 299) throw new ServiceError('http_status', `The PHI Guard service answered ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      throw new ServiceError('bad_response', 'The PHI Guard service answer is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ServiceError('bad_response', 'The PHI Guard service answer is not what this add-on expects');
    return parsed.data;
  };
  return {
    policy: () => call('get', '/v1/policy', undefined, PolicySchema),
    lookup: (recipients) => new Map(call('post', '/v1/recipients/lookup', { recipients }, LookupAnswerSchema).recipients.map((r) => [r.address, r.recipient])),
    appendAudit: (events) => call('post', '/v1/audit/events', { events }, AuditAnswerSchema).results.map((r) => r.clientEventId),
    createPortalMessage: (message) => call('post', '/v1/messages', message, PortalMessageSchema),
    scanAttachments: (uploads) => call('post', '/v1/scan/attachments', { attachments: uploads }, AttachmentScanAnswerSchema),
  };
}
