import { createHash } from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { parseCookie, stringifySetCookie } from 'cookie';
import { z } from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { AddressSchema } from '../audit/schema.js';
import type { Logger } from '../http/logger.js';
import type { RateLimitStore } from '../http/rate-limit.js';
import { requestIdOf } from '../http/request-id.js';
import { describeError } from '../http/request-log.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { passcodeMail, replyNoticeMail, type Mail, type Mailer } from '../portal/mailer.js';
import { MAX_ATTACHMENTS, PortalError, type PortalContent, type PortalMessageInfo, type PortalReply } from '../portal/model.js';
import {
  lockedPage,
  messagePage,
  passcodePage,
  problemPage,
  startPage,
  unavailablePage,
  MAX_REPLY_CHARS,
  type PageContext,
  type UnavailableReason,
} from '../portal/pages.js';
import type { Passcodes } from '../portal/passcodes.js';
import type { Sessions } from '../portal/sessions.js';
import { PORTAL_CSS, PORTAL_CSS_VERSION } from '../portal/stylesheet.js';

export const PORTAL_PREFIX = '/portal';
export const SESSION_COOKIE = 'phiguard_portal';

/** Every page: nothing loads but our stylesheet and embedded images; forms post only to us; never framed. */
export const PORTAL_CSP = "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** What the pickup pages need of the message store (portal/messages.ts), kept narrow so either side can change. */
export interface PickupMessages {
  byLinkToken(token: string): Promise<PortalMessageInfo | undefined>;
  /** The decrypted content; PortalError expired, recalled, deleted or not_found. */
  open(id: string): Promise<PortalContent>;
  replies(id: string): Promise<readonly PortalReply[]>;
  addReply(id: string, author: string, text: string): Promise<PortalReply>;
  recordOpened(id: string, address: string): Promise<void>;
  recordDownload(id: string, address: string, index: number): Promise<void>;
}

/** Limits on the POST routes, per window: per link (whoever uses it) and per client IP. */
export interface PortalRateLimit {
  readonly windowSeconds: number;
  readonly perLink: number;
  readonly perIp: number;
  /** Shared counters (Redis) per limiter, so limits hold across replicas; per process when absent. */
  readonly store?: (limiter: 'link' | 'ip') => RateLimitStore;
}

export const DEFAULT_PORTAL_RATE_LIMIT: PortalRateLimit = { windowSeconds: 15 * 60, perLink: 30, perIp: 60 };

export interface PortalRouteDeps {
  readonly messages: PickupMessages;
  readonly passcodes: Pick<Passcodes, 'issue' | 'verify' | 'passcodeMinutes'>;
  readonly sessions: Sessions;
  readonly mailer: Mailer;
  /** Mail failures are logged (codes only) since the pages must not reveal who is a recipient. */
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly rateLimit?: PortalRateLimit;
}

const TokenParamsSchema = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/)
    .meta({ description: 'The link token from the notice email' }),
});
const AttachmentParamsSchema = TokenParamsSchema.extend({
  index: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(0).max(MAX_ATTACHMENTS - 1))
    .meta({ description: 'Position of the attachment in the message, from 0' }),
});
const MessageQuerySchema = z.object({ replied: z.literal('1').optional().meta({ description: 'Shows that a reply was just sent' }) });
const AddressFormSchema = z.object({ address: z.string().trim().toLowerCase().pipe(AddressSchema) }).meta({ id: 'PortalAddressForm' });
const VerifyFormSchema = AddressFormSchema.extend({
  /** Spaces are forgiven: people copy codes as `123 456`. */
  code: z
    .string()
    .max(64)
    .optional()
    .transform((code = '') => code.replace(/\s/g, '')),
}).meta({ id: 'PortalVerifyForm' });
const ReplyFormSchema = z.object({ text: z.string().trim().min(1).max(MAX_REPLY_CHARS) }).meta({ id: 'PortalReplyForm' });
const CODE_PATTERN = /^\d{6}$/;

/** The recipient pickup pages, relative to PORTAL_PREFIX. Prefer `portalRoutes`, which documents them too. */
export function portalRouter(deps: PortalRouteDeps): Router {
  const { messages, passcodes, sessions, mailer, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const router = Router();
  const limits = postLimits(deps.rateLimit ?? DEFAULT_PORTAL_RATE_LIMIT);
  // After the limits, so requests refused here still count; large enough for a full reply in any script.
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const post = [...limits, sameOrigin, form];

  /** Mail is not awaited, so the page and its timing are the same for recipients and others, and a relay outage shows nowhere. */
  const sendLater = (mail: Mail, what: 'passcode' | 'reply_notice') =>
    void mailer.send(mail).catch((error: unknown) => logger.error({ err: describeError(error), mail: what }, 'portal mail failed'));

  router.use(securityHeaders);

  router.get('/assets/portal.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type('text/css').send(PORTAL_CSS);
  });

  router.get('/m/:token', async (req, res) => {
    const found = await findMessage(req, res);
    if (!found) return;
    if (await signedIn(req, found)) return void res.redirect(303, `${found.ctx.linkPath}/message`);
    res.status(200).send(startPage(found.ctx));
  });

  router.post('/m/:token/passcode', ...post, async (req, res) => {
    const found = await findMessage(req, res);
    if (!found) return;
    const parsed = AddressFormSchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).send(startPage(found.ctx, { invalidAddress: true }));
    const { address } = parsed.data;
    const issued = await passcodes.issue(found.info.id, address);
    if (issued.outcome === 'locked') return sendLocked(res, found.ctx, issued.lockedUntil);
    if (issued.outcome === 'issued') sendLater(passcodeMail(address, issued.code, passcodes.passcodeMinutes), 'passcode');
    res.status(200).send(passcodePage(found.ctx, { address, minutes: passcodes.passcodeMinutes }));
  });

  router.post('/m/:token/verify', ...post, async (req, res) => {
    const found = await findMessage(req, res);
    if (!found) return;
    const parsed = VerifyFormSchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).send(startPage(found.ctx, { invalidAddress: true }));
    const { address, code } = parsed.data;
    const check = CODE_PATTERN.test(code) ? await passcodes.verify(found.info.id, address, code) : { outcome: 'wrong' as const };
    if (check.outcome === 'locked') return sendLocked(res, found.ctx, check.lockedUntil);
    if (check.outcome !== 'ok') {
      return void res.status(400).send(passcodePage(found.ctx, { address, minutes: passcodes.passcodeMinutes, codeNotAccepted: true }));
    }
    const token = await sessions.start(found.info.id, address);
    res.setHeader(
      'Set-Cookie',
      stringifySetCookie({ name: SESSION_COOKIE, value: token, httpOnly: true, secure: req.secure, sameSite: 'strict', path: found.ctx.linkPath }),
    );
    res.redirect(303, `${found.ctx.linkPath}/message`);
  });

  router.get('/m/:token/message', async (req, res) => {
    const found = await findMessage(req, res);
    if (!found) return;
    const address = await signedIn(req, found);
    if (!address) return void res.redirect(303, found.ctx.linkPath);
    const query = MessageQuerySchema.safeParse(req.query);
    const content = await messages.open(found.info.id);
    const replies = await messages.replies(found.info.id);
    await messages.recordOpened(found.info.id, address);
    const replied = query.success && query.data.replied === '1';
    res.status(200).send(messagePage(found.ctx, { info: found.info, content, replies, address, replied }));
  });

  router.get('/m/:token/attachments/:index', async (req, res) => {
    const found = await findMessage(req, res);
    if (!found) return;
    const address = await signedIn(req, found);
    if (!address) return void res.redirect(303, found.ctx.linkPath);
    const params = AttachmentParamsSchema.safeParse(req.params);
    const attachment = params.success ? (await messages.open(found.info.id)).attachments[params.data.index] : undefined;
    if (!params.success || !attachment) return void res.status(404).send(unavailablePage(found.ctx, 'not_found'));
    await messages.recordDownload(found.info.id, address, params.data.index);
    // Downloaded, never rendered here: whatever the file claims to be, it cannot run in our origin.
    res.attachment(attachment.name);
    res.setHeader('Content-Type', attachment.contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', `${PORTAL_CSP}; sandbox`);
    res.status(200).send(Buffer.from(attachment.data, 'base64'));
  });

  router.post('/m/:token/reply', ...post, async (req, res) => {
    const found = await findMessage(req, res);
    if (!found) return;
    const address = await signedIn(req, found);
    if (!address) return void res.redirect(303, found.ctx.linkPath);
    const parsed = ReplyFormSchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).send(problemPage(found.ctx, 'bad_request'));
    await messages.addReply(found.info.id, address, parsed.data.text);
    sendLater(replyNoticeMail(found.info.sender), 'reply_notice');
    res.redirect(303, `${found.ctx.linkPath}/message?replied=1`);
  });

  router.post('/m/:token/logout', ...post, async (req, res) => {
    // No message lookup: signing out works even after the message is recalled or gone.
    const ctx = contextOf(req);
    const token = sessionToken(req);
    if (token !== undefined) await sessions.end(token);
    res.setHeader(
      'Set-Cookie',
      stringifySetCookie({ name: SESSION_COOKIE, value: '', maxAge: 0, httpOnly: true, secure: req.secure, sameSite: 'strict', path: ctx.linkPath }),
    );
    res.redirect(303, ctx.linkPath);
  });

  router.use(pageErrors(logger));
  return router;

  /** The active message behind the link, or undefined once its 404/410 page is sent. */
  async function findMessage(req: Request, res: Response): Promise<{ info: PortalMessageInfo; ctx: PageContext } | undefined> {
    const ctx = contextOf(req);
    const params = TokenParamsSchema.safeParse(req.params);
    const info = params.success ? await messages.byLinkToken(params.data.token) : undefined;
    if (!info) {
      sendUnavailable(res, ctx, 'not_found');
      return undefined;
    }
    if (info.state !== 'active') {
      sendUnavailable(res, ctx, info.state);
      return undefined;
    }
    return { info, ctx };
  }

  async function signedIn(req: Request, found: { info: PortalMessageInfo }): Promise<string | undefined> {
    const token = sessionToken(req);
    return token === undefined ? undefined : sessions.check(token, found.info.id);
  }

  function sendLocked(res: Response, ctx: PageContext, lockedUntil: Date): void {
    const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now().getTime()) / 1000));
    res.setHeader('Retry-After', String(seconds));
    res.status(429).send(lockedPage(ctx, Math.ceil(seconds / 60)));
  }
}

export function portalRoutes(deps: PortalRouteDeps): RouteModule {
  return { prefix: PORTAL_PREFIX, router: portalRouter(deps), routes: PORTAL_ROUTE_DOCS };
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', PORTAL_CSP);
  res.setHeader('Cache-Control', 'no-store');
  // The link token must never reach another site; `same-origin` keeps it home while letting
  // browsers send a real Origin on our own form posts (`no-referrer` makes that Origin "null").
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.type('html');
  next();
};

/** A form posted from another site is refused (SameSite already keeps the session cookie off it). */
const sameOrigin: RequestHandler = (req, res, next) => {
  const origin = req.get('origin');
  if (origin === undefined || origin === `${req.protocol}://${req.get('host')}`) return next();
  res.status(403).send(problemPage(contextOf(req), 'forbidden'));
};

function postLimits(options: PortalRateLimit): RequestHandler[] {
  const limiter = (name: 'link' | 'ip', limit: number, keyGenerator?: (req: Request) => string) =>
    rateLimit({
      windowMs: options.windowSeconds * 1000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(keyGenerator === undefined ? {} : { keyGenerator }),
      ...(options.store === undefined ? {} : { store: options.store(name) }),
      handler: (req, res) => void res.status(429).send(problemPage(contextOf(req), 'rate_limited')),
      passOnStoreError: true,
    });
  // The link token is a secret: counters are keyed by its hash.
  const linkKey = (req: Request) => `link:${createHash('sha256').update(String(req.params.token)).digest('base64url')}`;
  return [limiter('ip', options.perIp), limiter('link', options.perLink, linkKey)];
}

function contextOf(req: Request): PageContext {
  const token = TokenParamsSchema.safeParse(req.params);
  return {
    linkPath: `${req.baseUrl}/m/${token.success ? token.data.token : ''}`,
    stylesheet: `${req.baseUrl}/assets/portal.css?v=${PORTAL_CSS_VERSION}`,
  };
}

function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header === undefined ? undefined : parseCookie(header)[SESSION_COOKIE];
}

function sendUnavailable(res: Response, ctx: Pick<PageContext, 'stylesheet'>, reason: UnavailableReason): void {
  res.status(reason === 'not_found' ? 404 : 410).send(unavailablePage(ctx, reason));
}

const UNAVAILABLE_CODES: ReadonlySet<string> = new Set<UnavailableReason>(['expired', 'recalled', 'deleted', 'not_found']);

/** Errors as pages, not problem+json: the message gone (410/404), not a recipient (403), an unreadable body (4xx), else 500 and a log line. */
function pageErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const ctx = contextOf(req);
    if (error instanceof PortalError && UNAVAILABLE_CODES.has(error.code)) return sendUnavailable(res, ctx, error.code as UnavailableReason);
    if (error instanceof PortalError && error.code === 'not_a_recipient') return void res.status(403).send(problemPage(ctx, 'forbidden'));
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return void res.status(status).send(problemPage(ctx, 'bad_request'));
    logger.error({ reqId: requestIdOf(res), err: describeError(error) }, 'request failed');
    res.status(500).send(problemPage(ctx, 'internal'));
  };
}

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const TAGS = ['portal pickup'];
const UNAVAILABLE_RESPONSES = {
  '404': html('No message behind this link'),
  '410': html('The message expired, was recalled or deleted'),
};
const LIMITED = {
  '403': html('Posted from another origin'),
  '429': html('Too many requests from this address or for this link, or the link is locked for this recipient after wrong passcodes'),
};
const SESSION_NOTE = 'Needs the session cookie set by verify; without it, a 303 to the start page.';

function doc(method: RouteDoc['method'], path: string, operation: ZodOpenApiOperationObject): RouteDoc {
  return { method, path, operation: { tags: TAGS, ...operation } };
}

export const PORTAL_ROUTE_DOCS: readonly RouteDoc[] = [
  doc('get', '/assets/portal.css', {
    operationId: 'portalStylesheet',
    summary: 'The pickup pages’ stylesheet',
    responses: { '200': { description: 'CSS', content: { 'text/css': { schema: z.string() } } } },
  }),
  doc('get', '/m/{token}', {
    operationId: 'portalStart',
    summary: 'Start page: asks for the address the message was sent to',
    description: 'With a live session, a 303 to the message instead.',
    requestParams: { path: TokenParamsSchema },
    responses: { '200': html('The start page'), '303': { description: 'Already signed in' }, ...UNAVAILABLE_RESPONSES },
  }),
  doc('post', '/m/{token}/passcode', {
    operationId: 'portalSendPasscode',
    summary: 'Emails a one-time passcode if the address is a recipient',
    description: 'The same page whether or not the address is a recipient. Recorded as portal_passcode_sent.',
    requestParams: { path: TokenParamsSchema },
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: AddressFormSchema } } },
    responses: { '200': html('The passcode page'), '400': html('Not an email address'), ...LIMITED, ...UNAVAILABLE_RESPONSES },
  }),
  doc('post', '/m/{token}/verify', {
    operationId: 'portalVerifyPasscode',
    summary: 'Checks the passcode and starts a session',
    description:
      'A right code sets an HttpOnly, SameSite=Strict session cookie scoped to this link and answers 303 to the message. ' +
      'Wrong codes are recorded (portal_passcode_failed); the fifth locks the link for this recipient (portal_locked).',
    requestParams: { path: TokenParamsSchema },
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: VerifyFormSchema } } },
    responses: {
      '303': { description: 'Signed in; see the message' },
      '400': html('The code was wrong, expired or already used (not said which)'),
      ...LIMITED,
      ...UNAVAILABLE_RESPONSES,
    },
  }),
  doc('get', '/m/{token}/message', {
    operationId: 'portalMessage',
    summary: 'The message, its attachments and replies',
    description: `${SESSION_NOTE} Recorded as portal_opened.`,
    requestParams: { path: TokenParamsSchema, query: MessageQuerySchema },
    responses: { '200': html('The message page'), '303': { description: 'Not signed in' }, ...UNAVAILABLE_RESPONSES },
  }),
  doc('get', '/m/{token}/attachments/{index}', {
    operationId: 'portalAttachment',
    summary: 'Downloads one attachment',
    description: `${SESSION_NOTE} Content-Disposition: attachment (RFC 6266). Recorded as portal_downloaded.`,
    requestParams: { path: AttachmentParamsSchema },
    responses: {
      '200': { description: 'The file, as the sender attached it', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
      '303': { description: 'Not signed in' },
      ...UNAVAILABLE_RESPONSES,
    },
  }),
  doc('post', '/m/{token}/reply', {
    operationId: 'portalReply',
    summary: 'Sends a reply to the sender',
    description: `${SESSION_NOTE} The sender gets an email saying there is a reply, without its text. Recorded as portal_replied.`,
    requestParams: { path: TokenParamsSchema },
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: ReplyFormSchema } } },
    responses: { '303': { description: 'Sent, or not signed in' }, '400': html('Empty or too long'), ...LIMITED, ...UNAVAILABLE_RESPONSES },
  }),
  doc('post', '/m/{token}/logout', {
    operationId: 'portalLogout',
    summary: 'Ends the session',
    requestParams: { path: TokenParamsSchema },
    responses: { '303': { description: 'Signed out; back to the start page' }, ...LIMITED },
  }),
];
