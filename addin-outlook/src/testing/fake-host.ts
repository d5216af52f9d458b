// A fake Outlook compose host as plain objects: the parts of Office.js the add-in calls, answering
// the way Office does (callbacks with AsyncResult objects). Portable (no Node), so browser tests
// can bundle it into a page; fake-office.ts wraps it in office-addin-mock for Node tests.
import { Base64 } from 'js-base64';

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
  /** `data`: the file's bytes (a PDF, an image); else `text` is the content. */
  readonly attachments?: ReadonlyArray<{ name: string; text?: string; data?: Uint8Array }>;
}

export interface FakeHostOptions {
  readonly token?: () => Promise<string>;
  readonly settings?: Map<string, unknown>;
  readonly brokenSubject?: boolean;
  /** The signed-in mailbox. */
  readonly user?: string;
  /** The item's session data (what the task pane left for the on-send check). */
  readonly session?: Map<string, string>;
  /** Internet headers already on the message. */
  readonly headers?: Map<string, string>;
  /** The organisation's sensitivity labels by name; none means Outlook offers no catalog. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface FakeHost {
  /** The `Office` global, as plain objects. */
  readonly Office: Record<string, unknown>;
  /** The `OfficeRuntime` global, whose access token is `token`. */
  readonly OfficeRuntime: unknown;
  /** What the add-in registered with Office.actions.associate, by name. */
  readonly actions: Map<string, (event: unknown) => unknown>;
  /** Roaming settings as stored (saveAsync always succeeds). */
  readonly settings: Map<string, unknown>;
  /** The draft as the add-in has left it (writers change it). */
  readonly draft: { subject: string; body: string; to: FakeRecipient[]; cc: FakeRecipient[]; bcc: FakeRecipient[] };
  /** Internet headers the add-in set. */
  readonly headers: Map<string, string>;
  /** The item's session data. */
  readonly session: Map<string, string>;
  /** The id of the sensitivity label on the message, once set. */
  readonly label: { id?: string };
  /** Every writer call, e.g. `subject.setAsync`, in order. */
  readonly calls: string[];
  /** Raises an item event (Office.EventType value) to the handlers the add-in added. */
  fire(eventType: string): void;
}

const EVENT_TYPES = { RecipientsChanged: 'olkRecipientsChanged', AttachmentsChanged: 'olkAttachmentsChanged' };

export function fakeHost(initial: FakeDraft, options: FakeHostOptions = {}): FakeHost {
  const ok = <T>(value: T) => ({ status: 'succeeded', value });
  const answer =
    <T>(value: () => T) =>
    (...args: unknown[]) => {
      const callback = args.find((a): a is (r: unknown) => void => typeof a === 'function');
      callback?.(ok(value()));
    };
  const draft = { subject: initial.subject, body: initial.body, to: [...(initial.to ?? [])], cc: [...(initial.cc ?? [])], bcc: [...(initial.bcc ?? [])] };
  const headers = options.headers ?? new Map<string, string>();
  const calls: string[] = [];
  const session = options.session ?? new Map<string, string>();
  const label: { id?: string } = {};
  const handlers = new Map<string, Array<(args: unknown) => void>>();
  const settings = options.settings ?? new Map<string, unknown>();
  const actions = new Map<string, (event: unknown) => unknown>();
  const details = (list: readonly FakeRecipient[]) => list.map((r) => ({ emailAddress: r.address, displayName: r.name ?? r.address }));
  const writer =
    (name: string, write: (value: unknown) => void) =>
    (value: unknown, ...rest: unknown[]) => {
      calls.push(name);
      write(value);
      answer(() => undefined)(...rest);
    };
  const recipients = (field: 'to' | 'cc' | 'bcc') => ({
    getAsync: answer(() => details(draft[field])),
    setAsync: writer(`${field}.setAsync`, (list) => {
      draft[field] = (list as Array<{ emailAddress: string; displayName?: string }>).map((r) => ({ address: r.emailAddress, ...(r.displayName ? { name: r.displayName } : {}) }));
    }),
  });
  const attachments = initial.attachments ?? [];
  const item = {
    subject: {
      getAsync: options.brokenSubject
        ? () => {
            throw new Error('the host failed');
          }
        : answer(() => draft.subject),
      setAsync: writer('subject.setAsync', (value) => (draft.subject = String(value))),
    },
    body: {
      getAsync: answer(() => draft.body),
      setAsync: writer('body.setAsync', (value) => (draft.body = String(value))),
    },
    to: recipients('to'),
    cc: recipients('cc'),
    bcc: recipients('bcc'),
    sensitivityLabel: {
      getAsync: (...rest: unknown[]) => answer(() => label.id ?? '')(...rest),
      setAsync: (id: string, ...rest: unknown[]) => writer('sensitivityLabel.setAsync', () => (label.id = id))(id, ...rest),
    },
    sessionData: {
      getAsync: (name: string, ...rest: unknown[]) => answer(() => session.get(name) ?? '')(...rest),
      setAsync: (name: string, value: string, ...rest: unknown[]) => writer('sessionData.setAsync', () => session.set(name, value))(value, ...rest),
    },
    internetHeaders: {
      // Header names are case-insensitive (RFC 5322); Outlook answers with the name as it was set.
      getAsync: (names: string[], ...rest: unknown[]) =>
        answer(() => Object.fromEntries([...headers].filter(([set]) => names.some((n) => n.toLowerCase() === set.toLowerCase()))))(...rest),
      setAsync: writer('internetHeaders.setAsync', (values) => {
        for (const [name, value] of Object.entries(values as Record<string, string>)) headers.set(name, value);
      }),
    },
    getAttachmentsAsync: answer(() =>
      attachments.map((a, i) => ({ id: `att-${i}`, name: a.name, isInline: false, size: a.data?.length ?? new TextEncoder().encode(a.text ?? '').length })),
    ),
    getAttachmentContentAsync: (id: string, ...rest: unknown[]) =>
      answer(() => {
        const a = attachments[Number(id.slice(4))];
        return { format: 'base64', content: a?.data ? Base64.fromUint8Array(a.data) : Base64.encode(a?.text ?? '') };
      })(...rest),
    addHandlerAsync: (eventType: string, handler: (args: unknown) => void, ...rest: unknown[]) => {
      handlers.set(eventType, [...(handlers.get(eventType) ?? []), handler]);
      answer(() => undefined)(...rest);
    },
  };
  const ready = { host: 'Outlook', platform: 'OfficeOnline' };
  const Office = {
    HostType: { Outlook: 'Outlook' },
    EventType: EVENT_TYPES,
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Text: 'text', Html: 'html' },
    MailboxEnums: { SendModeOverride: { PromptUser: 'promptUser' }, AttachmentContentFormat: { Base64: 'base64' } },
    onReady: (callback?: (info: typeof ready) => void) => {
      callback?.(ready);
      return Promise.resolve(ready);
    },
    actions: { associate: (name: string, fn: (event: unknown) => unknown) => void actions.set(name, fn) },
    context: {
      requirements: { isSetSupported: () => false },
      ...(options.labels
        ? {
            sensitivityLabelsCatalog: {
              getIsEnabledAsync: answer(() => true),
              getAsync: answer(() => Object.entries(options.labels!).map(([name, id]) => ({ id, name, children: [] }))),
            },
          }
        : {}),
      mailbox: { item, userProfile: { emailAddress: options.user ?? 'dr.lee@cityclinic.example', displayName: 'Dr. Lee' } },
      roamingSettings: {
        get: (name: string) => settings.get(name),
        set: (name: string, value: unknown) => void settings.set(name, JSON.parse(JSON.stringify(value))),
        saveAsync: answer(() => undefined),
      },
    },
  };
  const OfficeRuntime = { auth: { getAccessToken: options.token ?? (() => Promise.reject(new Error('no sign-in'))) } };
  return {
    Office,
    OfficeRuntime,
    actions,
    settings,
    draft,
    headers,
    session,
    label,
    calls,
    fire: (eventType) => {
      for (const handler of handlers.get(eventType) ?? []) handler({ type: eventType });
    },
  };
}
