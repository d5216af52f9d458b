import { randomUUID } from 'node:crypto';

/** A draft as a test writes it; stored the way the Gmail API returns it (base64url parts). */
export interface FakeDraftInput {
  readonly threadId?: string;
  readonly to?: string;
  readonly cc?: string;
  readonly bcc?: string;
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** `separate`: the content is fetched by attachment id, as Gmail does for larger files. */
  readonly attachments?: ReadonlyArray<{ name: string; contentType: string; content: string; separate?: boolean }>;
}

type Part = GoogleAppsScript.Gmail.Schema.MessagePart;
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * The Gmail advanced service over an in-memory mailbox: drafts newest first, attachments by id,
 * and what was sent (the raw message the add-on put in the draft before sending it).
 */
export class FakeGmail {
  private readonly drafts: Array<{ id: string; message: GoogleAppsScript.Gmail.Schema.Message }> = [];
  private readonly attachments = new Map<string, string>();
  readonly sent: Array<{ draftId: string; raw: string; threadId?: string }> = [];
  /** Set to make every call fail as Gmail does without a scope. */
  failWith?: string;

  addDraft(input: FakeDraftInput): string {
    const id = `r-${randomUUID()}`;
    const headers = [
      ...(['to', 'cc', 'bcc'] as const).flatMap((h) => (input[h] ? [{ name: h[0]!.toUpperCase() + h.slice(1), value: input[h] }] : [])),
      { name: 'Subject', value: input.subject ?? '' },
      ...Object.entries(input.headers ?? {}).map(([name, value]) => ({ name, value })),
    ];
    const bodies: Part[] = [
      ...(input.text === undefined ? [] : [{ mimeType: 'text/plain', headers: [{ name: 'Content-Type', value: 'text/plain; charset="UTF-8"' }], body: { data: b64url(input.text) } }]),
      ...(input.html === undefined ? [] : [{ mimeType: 'text/html', headers: [{ name: 'Content-Type', value: 'text/html; charset="UTF-8"' }], body: { data: b64url(input.html) } }]),
    ];
    const files: Part[] = (input.attachments ?? []).map((a) => {
      if (!a.separate) return { filename: a.name, mimeType: a.contentType, body: { data: b64url(a.content), size: a.content.length } };
      const attachmentId = `att-${randomUUID()}`;
      this.attachments.set(attachmentId, a.content);
      return { filename: a.name, mimeType: a.contentType, body: { attachmentId, size: a.content.length } };
    });
    const alternative: Part = { mimeType: 'multipart/alternative', parts: bodies };
    const payload: Part = files.length === 0 ? { ...alternative, headers } : { mimeType: 'multipart/mixed', headers, parts: [alternative, ...files] };
    this.drafts.unshift({ id, message: { id: `m-${id}`, threadId: input.threadId ?? `t-${id}`, payload } });
    return id;
  }

  /** The `Gmail` global as Apps Script's advanced service exposes it. */
  service(): unknown {
    const guard = () => {
      if (this.failWith) throw new Error(this.failWith);
    };
    const find = (id: string) => {
      const draft = this.drafts.find((d) => d.id === id);
      if (!draft) throw new Error(`Requested entity was not found: draft ${id}`);
      return draft;
    };
    return {
      Users: {
        Drafts: {
          list: (_user: string, options: { maxResults?: number }) => {
            guard();
            return { drafts: this.drafts.slice(0, options.maxResults ?? 100).map((d) => ({ id: d.id, message: { id: d.message.id, threadId: d.message.threadId } })) };
          },
          get: (_user: string, id: string, options: { format?: string }) => {
            guard();
            const draft = find(id);
            const payload = options.format === 'metadata' ? { headers: draft.message.payload?.headers } : draft.message.payload;
            return { id, message: { ...draft.message, payload } };
          },
          update: (resource: { message: { raw: string; threadId?: string } }, _user: string, id: string) => {
            guard();
            find(id).message = { id: `m-${id}`, raw: resource.message.raw, ...(resource.message.threadId ? { threadId: resource.message.threadId } : {}) };
            return { id };
          },
          send: (resource: { id: string }) => {
            guard();
            const draft = find(resource.id);
            this.drafts.splice(this.drafts.indexOf(draft), 1);
            this.sent.push({ draftId: resource.id, raw: draft.message.raw ?? '', ...(draft.message.threadId ? { threadId: draft.message.threadId } : {}) });
            return { id: draft.message.id };
          },
        },
        Messages: {
          Attachments: {
            get: (_user: string, _messageId: string, attachmentId: string) => {
              guard();
              const content = this.attachments.get(attachmentId);
              if (content === undefined) throw new Error('Requested entity was not found: attachment');
              return { data: b64url(content), size: content.length };
            },
          },
        },
      },
    };
  }
}
