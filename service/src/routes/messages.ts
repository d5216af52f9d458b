import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import { countKinds, decide, scan as defaultScan, type Attachment, type Draft, type Policy, type ScanResult, type Scanner } from '@phiguard/core';
import { actorOf } from '../audit/actor.js';
import type { ScanSummary } from '../audit/audit-log.js';
import { AddressSchema, TimestampSchema } from '../audit/schema.js';
import type { Extractor } from '../attachments/extractor.js';
import { readAttachment } from '../attachments/read-attachment.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import { ProblemError } from '../http/problem.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';
import { MAX_MESSAGE_PAGE, type PortalMessages } from '../portal/messages.js';
import { PortalContentSchema, PortalError, type PortalContent, type PortalMessageInfo } from '../portal/model.js';
import { pickupNotice } from '../portal/notice.js';

export const MESSAGES_PREFIX = '/v1/messages';
/** Most recipients of one portal message. */
export const MAX_MESSAGE_RECIPIENTS = 100;
const DAY_MS = 86_400_000;

export const MessageCreateRequestSchema = PortalContentSchema.extend({
  recipients: z.array(AddressSchema).min(1).max(MAX_MESSAGE_RECIPIENTS),
  /** Days until the link stops working; the policy's default when absent, at most its maximum. */
  expiresInDays: z.number().int().min(1).max(365).optional(),
}).meta({ id: 'PortalMessageCreate' });

export const PickupNoticeSchema = z
  .object({ subject: z.string(), text: z.string(), html: z.string() })
  .meta({ id: 'PortalPickupNotice', description: 'The email to send each recipient: neutral subject, the link and the expiry; no PHI.' });
export const MessageCreatedSchema = z
  .object({
    id: z.uuid(),
    expiresAt: z.string(),
    /** The recipients' pickup link; its token is shown only here. */
    link: z.url(),
    notice: PickupNoticeSchema,
  })
  .meta({ id: 'PortalMessageCreated' });
export const RecipientStatusSchema = z
  .object({
    address: z.string(),
    noticeSentAt: z.string().optional(),
    failedAttempts: z.number().int(),
    lockedUntil: z.string().optional(),
    firstOpenedAt: z.string().optional(),
    lastOpenedAt: z.string().optional(),
  })
  .meta({ id: 'PortalRecipientStatus' });
export const MessageStatusSchema = z
  .object({
    id: z.uuid(),
    sender: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    state: z.enum(['active', 'expired', 'recalled', 'deleted']),
    recalledAt: z.string().optional(),
    recipients: z.array(RecipientStatusSchema),
    replies: z.number().int(),
  })
  .meta({ id: 'PortalMessageStatus', description: 'A message without its content.' });
export const MessageListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_MESSAGE_PAGE).default(50),
  /** `nextCursor` from the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional(),
});
export const MessageListResponseSchema = z
  .object({ messages: z.array(MessageStatusSchema), nextCursor: z.string().optional() })
  .meta({ id: 'PortalMessageList' });
export const MessageParamsSchema = z.object({ id: z.uuid() });
export const ExpiryChangeSchema = z.strictObject({ expiresAt: TimestampSchema }).meta({ id: 'PortalExpiryChange' });

export interface MessageRouteDeps {
  readonly messages: PortalMessages;
  readonly requireRole: RequireRole;
  readonly policy: () => Policy;
  /** The shared scan; `scan` from @phiguard/core when absent. */
  readonly scanner?: Pick<Scanner, 'scan'>;
  /** Reads every attachment (PDF, Office, mail, ZIP, images by OCR) for the scan; the app's one extractor. */
  readonly extractor: Pick<Extractor, 'extract'>;
  /** Where recipients open their link (config.portal.publicUrl, else the service's own URL). */
  readonly publicUrl: () => string;
  /** Largest message: subject, text, HTML and decoded attachments together. */
  readonly maxMessageBytes: number;
  readonly now?: () => Date;
}

/**
 * The JSON limit of a message upload: base64 attachments grow by a third and JSON escaping can
 * double text, plus room for the recipients. Content over maxMessageBytes is refused after parsing.
 */
export function messageBodyLimit(maxMessageBytes: number): number {
  return maxMessageBytes * 2 + 64 * 1024;
}

/**
 * True for the one request whose body this module parses itself (larger than the app's limit).
 * The app's JSON parser must skip it, e.g. `express.json({ type: (req) => !isMessageUpload(req) && … })`.
 */
export function isMessageUpload(req: Request): boolean {
  return req.method === 'POST' && /^\/v1\/messages\/?$/i.test(req.path);
}

/** The sender's portal routes, relative to MESSAGES_PREFIX. Prefer `messageRoutes`, which documents them too. */
export function messageRouter(deps: MessageRouteDeps): Router {
  const { messages, policy, maxMessageBytes, extractor } = deps;
  const now = deps.now ?? (() => new Date());
  const scan = deps.scanner?.scan ?? defaultScan;
  const router = Router();
  const sender = deps.requireRole('user', 'admin');
  const json = express.json({ limit: messageBodyLimit(maxMessageBytes), type: ['application/json', 'application/*+json'] });

  /** The message if the caller sent it or is an admin; 404 otherwise, so others' messages stay invisible. */
  const visible = async (req: Request, res: Response): Promise<PortalMessageInfo> => {
    const { id } = parseRequest(MessageParamsSchema, req.params, 'params');
    const principal = principalOf(res);
    const info = await messages.info(id);
    if (info === undefined || (info.sender !== actorOf(principal) && !principal.roles.includes('admin'))) throw notFound();
    return info;
  };

  router.post('/', sender, json, async (req, res) => {
    const { recipients, expiresInDays, ...content } = parseRequest(MessageCreateRequestSchema, req.body, 'body');
    if (contentBytes(content) > maxMessageBytes) throw tooLarge();
    const current = policy();
    const { defaultExpiryDays, maxExpiryDays } = current.portal;
    const days = expiresInDays ?? Math.min(defaultExpiryDays, maxExpiryDays);
    if (days > maxExpiryDays) throw new PortalError('expiry_out_of_range', 'the expiry is beyond the policy maximum');
    const at = now();
    const expiresAt = new Date(at.getTime() + days * DAY_MS);
    const summary = summarize(scan(await toDraft(content, extractor)), recipients, current);
    const { info, linkToken } = await messages.create(actorOf(principalOf(res)), content, recipients, expiresAt, summary);
    const link = `${deps.publicUrl().replace(/\/+$/, '')}/portal/m/${linkToken}`;
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ id: info.id, expiresAt: info.expiresAt, link, notice: pickupNotice({ policy: current, link, expiresAt }) });
  });

  router.get('/', sender, async (req, res) => {
    const query = parseRequest(MessageListQuerySchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await messages.listBySender(actorOf(principalOf(res)), query));
  });

  router.get('/:id', sender, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await visible(req, res));
  });

  router.patch('/:id', sender, async (req, res) => {
    const info = await visible(req, res);
    const { expiresAt } = parseRequest(ExpiryChangeSchema, req.body, 'body');
    const maxExpiresAt = new Date(Date.parse(info.createdAt) + policy().portal.maxExpiryDays * DAY_MS);
    res.json(await messages.setExpiry(info.id, new Date(expiresAt), actorOf(principalOf(res)), maxExpiresAt));
  });

  router.post('/:id/notice-sent', sender, async (req, res) => {
    const info = await visible(req, res);
    res.json(await messages.markNoticeSent(info.id, actorOf(principalOf(res))));
  });

  router.post('/:id/recall', sender, async (req, res) => {
    const info = await visible(req, res);
    res.json(await messages.recall(info.id, actorOf(principalOf(res))));
  });

  router.use(messageProblems);
  return router;
}

/** The sender's portal routes with their OpenAPI documentation, for mountRoutes. */
export function messageRoutes(deps: MessageRouteDeps): RouteModule {
  return { prefix: MESSAGES_PREFIX, router: messageRouter(deps), routes: MESSAGE_ROUTE_DOCS };
}

/** Subject, text, HTML and decoded attachments, in bytes: what the size limit counts. */
function contentBytes(content: PortalContent): number {
  const text = Buffer.byteLength(content.subject) + Buffer.byteLength(content.text) + Buffer.byteLength(content.html ?? '');
  return content.attachments.reduce((sum, a) => sum + Buffer.byteLength(a.data, 'base64'), text);
}

/**
 * The draft the shared scan reads: each attachment's text by the extractor, the unreadable ones
 * uninspectable. Without OCR: this scan only feeds the audit summary of a message the portal protects
 * anyway, and the sender waits for it (seconds a scanned page); the add-in's own scan counted them.
 */
async function toDraft(content: PortalContent, extractor: Pick<Extractor, 'extract'>): Promise<Draft> {
  const attachments: Attachment[] = [];
  // One after another, as the attachment scan route reads them: the extractor's threads serve every request.
  for (const a of content.attachments) {
    const file = { name: a.name, contentType: a.contentType, data: Buffer.from(a.data, 'base64') };
    attachments.push(...(await readAttachment(file, extractor, { ocr: false })));
  }
  return { subject: content.subject, body: content.text, attachments };
}

/** What the audit keeps of the scan: counts per kind, the decision for the portal and why. */
function summarize(result: ScanResult, recipients: readonly string[], policy: Policy): ScanSummary {
  const decision = decide(result, recipients.map((address) => ({ address })), 'portal', policy);
  return { phiKinds: countKinds(result.findings), action: decision.action, reasonCodes: decision.reasons.map((r) => r.code) };
}

const notFound = () => new ProblemError('message_not_found', 404, 'No such message');
const tooLarge = () => new ProblemError('message_too_large', 413, 'The message is too large');

/** PortalError codes (and an oversized upload) as problems; everything else goes on to the app's problem handler. */
const messageProblems: ErrorRequestHandler = (error, _req, _res, next) => {
  if ((error as { type?: unknown } | undefined)?.type === 'entity.too.large') return next(tooLarge());
  if (!(error instanceof PortalError)) return next(error);
  switch (error.code) {
    case 'not_found':
    case 'not_a_recipient':
      return next(notFound());
    case 'expired':
      return next(new ProblemError('message_expired', 410, 'The message has expired'));
    case 'recalled':
      return next(new ProblemError('message_recalled', 410, 'The message was recalled'));
    case 'deleted':
      return next(new ProblemError('message_deleted', 410, 'The message was deleted'));
    case 'too_large':
      return next(tooLarge());
    case 'expiry_out_of_range':
      return next(new ProblemError('expiry_out_of_range', 422, 'The expiry must be in the future and within the policy maximum'));
    case 'invalid_cursor':
      return next(new ProblemError('validation_failed', 400, 'The request is not valid', undefined, { errors: [{ path: 'query.cursor', code: 'invalid_cursor' }] }));
    case 'unknown_key':
    case 'keyring_invalid':
      return next(error);
  }
};

const SENDER_ONLY = 'Only the sender or an admin; anyone else gets 404. Requires the user or admin role.';
const GONE = problemResponse('The message expired, was recalled or was deleted (message_expired, message_recalled, message_deleted)');
const NOT_FOUND = problemResponse('No such message, or not yours (message_not_found)');

export const MESSAGE_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'post',
    path: '/',
    operation: {
      operationId: 'createPortalMessage',
      tags: ['portal'],
      summary: 'Seal a message for pickup in the secure portal',
      description:
        'The content is scanned again, attachments read as POST /v1/scan/attachments reads them (one that cannot be read counts as ' +
        'uninspectable), and the scan summary (counts per PHI kind, action, reason codes) is audited; the content is ' +
        'stored only encrypted. Answers the pickup link (shown once) and the notice email to send each recipient. Requires the user or admin role.',
      security: BEARER_AUTH,
      requestBody: { required: true, content: jsonContent(MessageCreateRequestSchema) },
      responses: {
        '201': { description: 'The message is stored', content: jsonContent(MessageCreatedSchema) },
        '400': problemResponse('The message is not valid (validation_failed: path and code of each field)'),
        '413': problemResponse('Subject, text and attachments together exceed the size limit (message_too_large)'),
        '422': problemResponse('expiresInDays is beyond the policy maximum (expiry_out_of_range)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/',
    operation: {
      operationId: 'listPortalMessages',
      tags: ['portal'],
      summary: "The caller's portal messages, newest first",
      description: 'Status only, never content. Requires the user or admin role.',
      security: BEARER_AUTH,
      requestParams: { query: MessageListQuerySchema },
      responses: {
        '200': { description: 'One page; pass nextCursor as cursor for the next', content: jsonContent(MessageListResponseSchema) },
        '400': problemResponse('A query parameter is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/{id}',
    operation: {
      operationId: 'getPortalMessage',
      tags: ['portal'],
      summary: "A message's status: state, expiry, and per recipient notice, openings and lockouts",
      description: SENDER_ONLY,
      security: BEARER_AUTH,
      requestParams: { path: MessageParamsSchema },
      responses: { '200': { description: 'The status', content: jsonContent(MessageStatusSchema) }, '404': NOT_FOUND, ...AUTH_PROBLEMS },
    },
  },
  {
    method: 'patch',
    path: '/{id}',
    operation: {
      operationId: 'changePortalMessageExpiry',
      tags: ['portal'],
      summary: 'Move the expiry of an active message',
      description: `Within the policy maximum counted from creation. Audited. ${SENDER_ONLY}`,
      security: BEARER_AUTH,
      requestParams: { path: MessageParamsSchema },
      requestBody: { required: true, content: jsonContent(ExpiryChangeSchema) },
      responses: {
        '200': { description: 'The status after the change', content: jsonContent(MessageStatusSchema) },
        '400': problemResponse('The body is not valid'),
        '404': NOT_FOUND,
        '410': GONE,
        '422': problemResponse('The expiry is in the past or beyond the policy maximum (expiry_out_of_range)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'post',
    path: '/{id}/notice-sent',
    operation: {
      operationId: 'markPortalNoticeSent',
      tags: ['portal'],
      summary: 'Record that the pickup notice was mailed to every recipient',
      description: `Audited. ${SENDER_ONLY}`,
      security: BEARER_AUTH,
      requestParams: { path: MessageParamsSchema },
      responses: { '200': { description: 'The status after the change', content: jsonContent(MessageStatusSchema) }, '404': NOT_FOUND, '410': GONE, ...AUTH_PROBLEMS },
    },
  },
  {
    method: 'post',
    path: '/{id}/recall',
    operation: {
      operationId: 'recallPortalMessage',
      tags: ['portal'],
      summary: 'Recall a message: its key is destroyed at once, so nobody can open it again',
      description: `Content is deleted after the retention grace period. Audited. ${SENDER_ONLY}`,
      security: BEARER_AUTH,
      requestParams: { path: MessageParamsSchema },
      responses: { '200': { description: 'The status after the recall', content: jsonContent(MessageStatusSchema) }, '404': NOT_FOUND, '410': GONE, ...AUTH_PROBLEMS },
    },
  },
];
