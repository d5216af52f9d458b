import { z } from 'zod';
import { PolicySchema, RecipientSchema, type Policy, type Recipient } from '@phiguard/core';

/** Why a service call failed: the caller treats them all as "the service cannot be reached". */
export class ServiceError extends Error {
  constructor(readonly code: 'timeout' | 'unreachable' | 'http_status' | 'bad_response' | 'no_token', message: string) {
    super(message);
    this.name = 'ServiceError';
  }
}

const LookupAnswerSchema = z.object({ recipients: z.array(z.object({ address: z.string(), recipient: RecipientSchema })) });
const AuditAnswerSchema = z.object({ results: z.array(z.object({ clientEventId: z.string() })) });

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

export interface ServiceClientOptions {
  /** The service's origin, absolute: the JavaScript-only runtime has no page to resolve against. */
  readonly baseUrl: string;
  readonly token: () => Promise<string>;
}

export function createServiceClient(options: ServiceClientOptions): ServiceClient {
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
  };
}

/** The promise's result, or a `timeout` ServiceError after `ms` (the request itself is left to finish). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ServiceError('timeout', 'The service did not answer in time')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
