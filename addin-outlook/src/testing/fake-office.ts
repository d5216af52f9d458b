// A fake Outlook compose host for tests: the parts of Office.js the add-in calls, answering from
// plain data the way Office does (callbacks with AsyncResult objects), mocked with office-addin-mock.
import { OfficeMockObject } from 'office-addin-mock';

export interface FakeRecipient {
  readonly address: string;
  readonly name?: string;
}

export interface FakeDraft {
  readonly subject: string;
  readonly body: string;
  readonly to?: readonly FakeRecipient[];
  readonly cc?: readonly FakeRecipient[];
  readonly bcc?: readonly FakeRecipient[];
  /** Attachments by name, with their text content when they have one. */
  readonly attachments?: ReadonlyArray<{ name: string; text?: string }>;
}

export interface FakeOffice {
  /** The `Office` global. */
  readonly Office: unknown;
  /** The `OfficeRuntime` global, whose access token is `token`. */
  readonly OfficeRuntime: unknown;
  /** What the add-in registered with Office.actions.associate, by name. */
  readonly actions: Map<string, (event: unknown) => unknown>;
  /** Roaming settings as stored (saveAsync always succeeds). */
  readonly settings: Map<string, unknown>;
}

export function fakeOffice(draft: FakeDraft, options: { token?: () => Promise<string>; settings?: Map<string, unknown>; brokenSubject?: boolean } = {}): FakeOffice {
  const ok = <T>(value: T) => ({ status: 'succeeded', value });
  const answer =
    <T>(value: () => T) =>
    (...args: unknown[]) => {
      const callback = args.find((a): a is (r: unknown) => void => typeof a === 'function');
      callback?.(ok(value()));
    };
  const details = (list: readonly FakeRecipient[] = []) => list.map((r) => ({ emailAddress: r.address, displayName: r.name ?? r.address }));
  const settings = options.settings ?? new Map<string, unknown>();
  const actions = new Map<string, (event: unknown) => unknown>();
  const item = {
    subject: {
      getAsync: options.brokenSubject
        ? () => {
            throw new Error('the host failed');
          }
        : answer(() => draft.subject),
    },
    body: { getAsync: answer(() => draft.body) },
    to: { getAsync: answer(() => details(draft.to)) },
    cc: { getAsync: answer(() => details(draft.cc)) },
    bcc: { getAsync: answer(() => details(draft.bcc)) },
    getAttachmentsAsync: answer(() =>
      (draft.attachments ?? []).map((a, i) => ({ id: `att-${i}`, name: a.name, isInline: false, size: Buffer.byteLength(a.text ?? '') })),
    ),
    getAttachmentContentAsync: (id: string, ...rest: unknown[]) =>
      answer(() => ({ format: 'base64', content: Buffer.from(draft.attachments?.[Number(id.slice(4))]?.text ?? '').toString('base64') }))(...rest),
  };
  const Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Text: 'text', Html: 'html' },
    MailboxEnums: { SendModeOverride: { PromptUser: 'promptUser' }, AttachmentContentFormat: { Base64: 'base64' } },
    actions: { associate: (name: string, fn: (event: unknown) => unknown) => void actions.set(name, fn) },
    context: {
      mailbox: { item },
      roamingSettings: {
        get: (name: string) => settings.get(name),
        set: (name: string, value: unknown) => void settings.set(name, JSON.parse(JSON.stringify(value))),
        saveAsync: answer(() => undefined),
      },
    },
  };
  const OfficeRuntime = { auth: { getAccessToken: options.token ?? (() => Promise.reject(new Error('no sign-in'))) } };
  return { Office: new OfficeMockObject(Office as never, 'outlook' as never), OfficeRuntime, actions, settings };
}
