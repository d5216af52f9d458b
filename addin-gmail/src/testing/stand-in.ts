import { RecipientSchema, type AttachmentScanAnswer, type AttachmentUpload, type Policy, type RecipientInput } from '@phiguard/core';
import { fakeAppsScript, type FetchHandler, type FetchParams } from './fake-apps-script.js';
import { FakeGmail } from './fake-gmail.js';

export const TEST_SERVICE_URL = 'https://phiguard.cityclinic.example';

export interface StandInOptions {
  readonly policy: Policy;
  /** What the lookup knows beyond the address, per address. */
  readonly facts?: Readonly<Record<string, Partial<RecipientInput>>>;
  /** Every request fails as if the service were down. */
  readonly down?: boolean;
  /** These paths answer 503. */
  readonly failing?: readonly string[];
  /** How the service reads uploaded attachments; by default each is read as UTF-8 text, one part. */
  readonly attachmentScan?: (uploads: readonly AttachmentUpload[]) => AttachmentScanAnswer;
}

/** The PHI Guard service's add-in API, answered in process: what the add-on sent is kept. */
export function standInService(options: StandInOptions) {
  const received: Array<{ path: string; body: unknown; authorization?: string }> = [];
  const handler: FetchHandler = (url: string, params: FetchParams) => {
    if (options.down) throw new Error('Address unavailable: ' + url);
    const path = url.slice(TEST_SERVICE_URL.length);
    const body = params.payload === undefined ? undefined : (JSON.parse(params.payload) as Record<string, unknown>);
    received.push({ path, body, ...(params.headers?.['authorization'] ? { authorization: params.headers['authorization'] } : {}) });
    const json = (value: unknown, status = 200) => ({ status, text: JSON.stringify(value) });
    if (options.failing?.includes(path)) return json({ type: 'about:blank', title: 'Service Unavailable', status: 503 }, 503);
    switch (path) {
      case '/v1/policy':
        return json(options.policy);
      case '/v1/recipients/lookup': {
        const recipients = (body?.['recipients'] as Array<{ address: string; type: 'to' | 'cc' | 'bcc' }>).map((r) => ({
          address: r.address,
          recipient: RecipientSchema.parse({ address: r.address, type: r.type, ...options.facts?.[r.address] }),
        }));
        return json({ recipients });
      }
      case '/v1/audit/events':
        return json({ results: (body?.['events'] as Array<{ clientEventId: string }>).map((e) => ({ clientEventId: e.clientEventId, status: 'created' })) }, 201);
      case '/v1/scan/attachments': {
        const uploads = body?.['attachments'] as AttachmentUpload[];
        const read = options.attachmentScan ?? ((list: readonly AttachmentUpload[]) => ({ parts: list.map((u) => ({ name: u.name, text: Buffer.from(u.data, 'base64').toString('utf8') })), uninspectable: [] }));
        return json(read(uploads));
      }
      case '/v1/messages':
        return json(
          {
            id: 'msg-1',
            expiresAt: '2026-12-10T09:00:00.000Z',
            link: `${TEST_SERVICE_URL}/portal/m/tok123`,
            notice: { subject: 'Secure message from City Clinic', text: `Open it here:\n${TEST_SERVICE_URL}/portal/m/tok123`, html: '<p>Secure message</p>' },
          },
          201,
        );
      default:
        return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
    }
  };
  return { handler, received };
}

/**
 * Runs `use` with the fake Apps Script services as globals (as the bundle sees them in Apps
 * Script), then puts globalThis back. For in-process tests of src/; the bundle test uses node:vm.
 */
export function withAppsScript<T>(options: StandInOptions & { gmail?: FakeGmail; user?: string; propertyLimit?: number }, use: (env: ReturnType<typeof setUp>) => T): T {
  const env = setUp(options);
  const target = globalThis as Record<string, unknown>;
  const saved = new Map(Object.keys(env.apps.globals).concat('PHIGUARD_SERVICE_URL').map((k) => [k, target[k]]));
  Object.assign(target, env.apps.globals, { PHIGUARD_SERVICE_URL: TEST_SERVICE_URL });
  try {
    return use(env);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete target[k];
      else target[k] = v;
    }
  }
}

function setUp(options: StandInOptions & { gmail?: FakeGmail; user?: string; propertyLimit?: number }) {
  const gmail = options.gmail ?? new FakeGmail();
  const service = standInService(options);
  const apps = fakeAppsScript({
    gmail,
    fetch: service.handler,
    whitelist: [`${TEST_SERVICE_URL}/`],
    ...(options.user ? { user: options.user } : {}),
    ...(options.propertyLimit ? { propertyLimit: options.propertyLimit } : {}),
  });
  return { gmail, service, apps };
}
