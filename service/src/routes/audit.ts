import { once } from 'node:events';
import { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import { KindSchema, ReasonCodeSchema } from '@phiguard/core';
import { actorOf } from '../audit/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { MAX_SEARCH_LIMIT } from '../audit/audit-log.js';
import { csvHeader, csvLine } from '../audit/csv.js';
import { AuditError } from '../audit/errors.js';
import { toFhirAuditEvent } from '../audit/fhir.js';
import {
  AddressSchema,
  AppendResultSchema,
  AuditClientSchema,
  AuditEventInputSchema,
  AuditEventSchema,
  AuditKindSchema,
  CheckpointSchema,
  HoldInputSchema,
  HoldSchema,
  PurgeDetailSchema,
  RetentionStatusSchema,
  TimestampSchema,
  VerifyReportSchema,
  type AuditEvent,
  type AuditFilter,
} from '../audit/schema.js';
import { AuditStatsSchema, MAX_STATS_DAYS, statsRange } from '../audit/stats.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import { ProblemError } from '../http/problem.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest, validationProblem } from '../http/validate.js';

export const AUDIT_PREFIX = '/v1/audit';
/** Most events per POST; a client with more sends several batches. */
export const MAX_AUDIT_BATCH = 100;

export const AuditBatchRequestSchema = z
  .strictObject({ events: z.array(AuditEventInputSchema).min(1).max(MAX_AUDIT_BATCH) })
  .meta({ id: 'AuditBatchRequest' });
export const AuditBatchResponseSchema = z.object({ results: z.array(AppendResultSchema) }).meta({ id: 'AuditBatchResponse' });

/** `kind=override,send_blocked`. */
const KindListSchema = z
  .string()
  .transform((value) => value.split(','))
  .pipe(z.array(AuditKindSchema).min(1).max(AuditKindSchema.options.length));

export const AuditExportQuerySchema = z.strictObject({
  /** Event time, inclusive. */
  from: TimestampSchema.optional(),
  /** Event time, exclusive. */
  to: TimestampSchema.optional(),
  actor: z.string().min(1).max(320).optional(),
  recipient: AddressSchema.optional(),
  kind: KindListSchema.optional(),
  reason: ReasonCodeSchema.optional(),
  /** Events that found this PHI kind. */
  phiKind: KindSchema.optional(),
  client: AuditClientSchema.optional(),
});
export const AuditSearchQuerySchema = AuditExportQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(100),
  /** `nextCursor` from the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .optional(),
});
export const AuditSearchResponseSchema = z
  .object({ events: z.array(AuditEventSchema), nextCursor: z.string().optional() })
  .meta({ id: 'AuditSearchResponse' });
export const AuditEventParamsSchema = z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export const AuditEventDetailSchema = z
  .object({
    /** `seq`, `prevHash` and `hash` place it in the chain. */
    event: AuditEventSchema,
    /** The first signed checkpoint that covers it; absent until one is signed. */
    checkpoint: CheckpointSchema.optional(),
  })
  .meta({ id: 'AuditEventDetail' });
export const AuditStatsQuerySchema = z.strictObject({
  /** Event time, inclusive; default 30 days before `to`. */
  from: TimestampSchema.optional(),
  /** Event time, exclusive; default the end of today (UTC). */
  to: TimestampSchema.optional(),
});
export const PurgeListQuerySchema = AuditSearchQuerySchema.pick({ limit: true, cursor: true });
export const PurgeRecordSchema = z.object({
  /** The purge event. */
  seq: z.number().int().positive(),
  time: z.string(),
  /** Who ran it: `service` for the scheduled purge. */
  by: z.string(),
  /** Events recorded before this were due, unless held or purge-exempt. */
  cutoff: z.string(),
  purged: z.number().int().nonnegative(),
});
export const PurgeListResponseSchema = z
  .object({ purges: z.array(PurgeRecordSchema), nextCursor: z.string().optional() })
  .meta({ id: 'AuditPurgeList' });
export const HoldListQuerySchema = z.strictObject({ active: z.enum(['true', 'false']).optional() });
export const HoldListResponseSchema = z.object({ holds: z.array(HoldSchema) }).meta({ id: 'AuditHoldList' });
export const HoldParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const AuditPublicKeySchema = z
  .object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') })
  .meta({ id: 'AuditPublicKey', description: 'The Ed25519 key checkpoints are signed with (JWK, RFC 8037).' });

export interface AuditRouteDeps {
  readonly auditLog: AuditLog;
  readonly requireRole: RequireRole;
}

/** The audit routes, relative to AUDIT_PREFIX. Prefer `auditRoutes`, which documents them too. */
export function auditRouter(deps: AuditRouteDeps): Router {
  const { auditLog, requireRole } = deps;
  const router = Router();
  const reader = requireRole('admin', 'auditor');
  const admin = requireRole('admin');

  router.post('/events', requireRole('user', 'admin'), async (req, res) => {
    const { events } = parseRequest(AuditBatchRequestSchema, req.body, 'body');
    const results = await auditLog.appendBatch(actorOf(principalOf(res)), events);
    res.status(results.some((r) => r.status === 'created') ? 201 : 200).json({ results });
  });

  router.get('/events', reader, async (req, res) => {
    const { limit, cursor, ...query } = parseRequest(AuditSearchQuerySchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await auditLog.search(toFilter(query), { limit, cursor }));
  });

  router.get('/events/:seq', reader, async (req, res) => {
    const { seq } = parseRequest(AuditEventParamsSchema, req.params, 'params');
    const found = await auditLog.eventAt(seq);
    if (!found) throw new ProblemError('audit_event_not_found', 404, 'No audit event at that seq');
    if ('purgedBy' in found) {
      throw new ProblemError('audit_event_purged', 410, 'The event was purged under the retention policy', undefined, { purgedBy: found.purgedBy });
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(found);
  });

  router.get('/stats', reader, async (req, res) => {
    const range = statsRange(parseRequest(AuditStatsQuerySchema, req.query, 'query'), auditLog.now());
    if (!range.ok) {
      throw new ProblemError('validation_failed', 400, 'The request is not valid', undefined, { errors: [{ path: 'query', code: range.code }] });
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(await auditLog.stats(range.range));
  });

  router.get('/purges', reader, async (req, res) => {
    const page = parseRequest(PurgeListQuerySchema, req.query, 'query');
    const { events, nextCursor } = await auditLog.search({ kinds: ['purge'] }, page);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ purges: events.map(toPurgeRecord), nextCursor });
  });

  router.get('/retention', reader, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await auditLog.retention());
  });

  router.get('/export.csv', reader, async (req, res) => {
    const filter = toFilter(parseRequest(AuditExportQuerySchema, req.query, 'query'));
    await auditLog.recordExport(actorOf(principalOf(res)), 'csv');
    startDownload(res, 'text/csv; charset=utf-8', 'audit-events.csv');
    await stream(res, csvHeader(), mapAsync(auditLog.export(filter), csvLine));
  });

  router.get('/export.ndjson', reader, async (req, res) => {
    const filter = toFilter(parseRequest(AuditExportQuerySchema, req.query, 'query'));
    await auditLog.recordExport(actorOf(principalOf(res)), 'ndjson');
    startDownload(res, 'application/fhir+ndjson', 'audit-events.ndjson');
    const line = (event: Parameters<typeof toFhirAuditEvent>[0]) => `${JSON.stringify(toFhirAuditEvent(event, { origin: auditLog.origin }))}\n`;
    await stream(res, '', mapAsync(auditLog.export(filter), line));
  });

  router.get('/verify', reader, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await auditLog.verify());
  });

  router.post('/checkpoints', admin, async (_req, res) => {
    res.json(await auditLog.checkpoint({ by: actorOf(principalOf(res)) }));
  });

  router.get('/checkpoints/latest', async (_req, res) => {
    const checkpoint = await auditLog.latestCheckpoint();
    if (!checkpoint) throw new ProblemError('no_checkpoint', 404, 'No checkpoint has been signed yet');
    res.setHeader('Cache-Control', 'no-cache');
    res.json(checkpoint);
  });

  router.get('/key', (_req, res) => {
    res.json(auditLog.publicKey.jwk);
  });

  router.get('/holds', reader, async (req, res) => {
    const { active } = parseRequest(HoldListQuerySchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ holds: await auditLog.holds({ activeOnly: active === 'true' }) });
  });

  router.post('/holds', admin, async (req, res) => {
    const input = parseRequest(HoldInputSchema, req.body, 'body');
    res.status(201).json(await auditLog.placeHold(actorOf(principalOf(res)), input));
  });

  router.delete('/holds/:id', admin, async (req, res) => {
    const { id } = parseRequest(HoldParamsSchema, req.params, 'params');
    res.json(await auditLog.releaseHold(actorOf(principalOf(res)), id));
  });

  router.use(auditProblems);
  return router;
}

/** The audit routes with their OpenAPI documentation, for mountRoutes. */
export function auditRoutes(deps: AuditRouteDeps): RouteModule {
  return { prefix: AUDIT_PREFIX, router: auditRouter(deps), routes: AUDIT_ROUTE_DOCS };
}

/** AuditError codes as problems; everything else goes on to the app's problem handler. */
const auditProblems: ErrorRequestHandler = (error, _req, _res, next) => {
  if (!(error instanceof AuditError)) return next(error);
  switch (error.code) {
    case 'invalid_input':
      return next(validationProblem((error.details.issues ?? []).map(({ path, code }) => ({ path: [...path], code }) as z.core.$ZodIssue), 'body'));
    case 'invalid_cursor':
      return next(new ProblemError('validation_failed', 400, 'The request is not valid', undefined, { errors: [{ path: 'query.cursor', code: 'invalid_cursor' }] }));
    case 'hold_not_found':
      return next(new ProblemError('hold_not_found', 404, 'No active hold with that id'));
    case 'closed':
      return next(new ProblemError('shutting_down', 503, 'The service is shutting down', undefined, {}, { 'Retry-After': '5' }));
    case 'chain_broken':
      return next(
        new ProblemError('audit_chain_broken', 409, 'The stored audit chain does not verify', `First bad position: seq ${error.details.seq ?? 'unknown'}. Run audit verify.`),
      );
  }
};

function toFilter(query: z.output<typeof AuditExportQuerySchema>): AuditFilter {
  const { kind, reason, ...rest } = query;
  return { ...rest, ...(kind === undefined ? {} : { kinds: kind }), ...(reason === undefined ? {} : { reasonCode: reason }) };
}

function toPurgeRecord(event: AuditEvent): z.infer<typeof PurgeRecordSchema> {
  const { cutoff, purged } = PurgeDetailSchema.parse(event.detail);
  return { seq: event.seq, time: event.time, by: event.actor, cutoff, purged };
}

function startDownload(res: Response, type: string, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
}

async function* mapAsync<T, U>(items: AsyncIterable<T>, fn: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield fn(item);
}

/** Writes in ~64 KB chunks, waiting for the client to drain, and stops if it goes away. */
async function stream(res: Response, head: string, lines: AsyncIterable<string>): Promise<void> {
  let chunk = head;
  const flush = async () => {
    if (chunk !== '' && !res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    chunk = '';
  };
  for await (const line of lines) {
    if (res.destroyed) return;
    chunk += line;
    if (chunk.length >= 65_536) await flush();
  }
  await flush();
  res.end();
}

const READER_ONLY = 'Requires the admin or auditor role.';

export const AUDIT_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'post',
    path: '/events',
    operation: {
      operationId: 'appendAuditEvents',
      tags: ['audit'],
      summary: 'Record add-in events (scan, warning, send, override, protection)',
      description:
        `Up to ${MAX_AUDIT_BATCH} events, stored together or not at all, durable before the response. The actor is the ` +
        'signed-in caller. A repeated clientEventId stores nothing and returns the original result. Requires the user or admin role.',
      security: BEARER_AUTH,
      requestBody: { required: true, content: jsonContent(AuditBatchRequestSchema) },
      responses: {
        '201': { description: 'At least one event was new', content: jsonContent(AuditBatchResponseSchema) },
        '200': { description: 'Every event had been recorded before', content: jsonContent(AuditBatchResponseSchema) },
        '400': problemResponse('An event is not valid (validation_failed: path and code of each field)'),
        '413': problemResponse('The body is too large: send fewer events per request'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/events',
    operation: {
      operationId: 'searchAuditEvents',
      tags: ['audit'],
      summary: 'Search audit events, newest first',
      description: `${READER_ONLY} Purged events are not returned. \`actor\` and \`recipient\` match email addresses in any case.`,
      security: BEARER_AUTH,
      requestParams: { query: AuditSearchQuerySchema },
      responses: {
        '200': { description: 'One page; pass nextCursor as cursor for the next', content: jsonContent(AuditSearchResponseSchema) },
        '400': problemResponse('A query parameter is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/events/{seq}',
    operation: {
      operationId: 'getAuditEvent',
      tags: ['audit'],
      summary: 'One event by its position in the chain, with the checkpoint that covers it',
      description: READER_ONLY,
      security: BEARER_AUTH,
      requestParams: { path: AuditEventParamsSchema },
      responses: {
        '200': { description: 'The event', content: jsonContent(AuditEventDetailSchema) },
        '400': problemResponse('The seq is not a positive integer'),
        '404': problemResponse('The log has no event at that seq (audit_event_not_found)'),
        '410': problemResponse('Retention purged the event; `purgedBy` is the seq of the purge event (audit_event_purged)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/stats',
    operation: {
      operationId: 'getAuditStats',
      tags: ['audit'],
      summary: 'Send decisions per UTC day, top reasons and PHI kinds, overrides and portal activity over a range',
      description:
        `${READER_ONLY} Counts events whose time is in [from, to), at most ${MAX_STATS_DAYS} days; purged events no longer count. ` +
        'Decisions are the send_allowed, warning_shown and send_blocked events, by their action; reasons and PHI kinds are counted on those.',
      security: BEARER_AUTH,
      requestParams: { query: AuditStatsQuerySchema },
      responses: {
        '200': { description: 'The figures', content: jsonContent(AuditStatsSchema) },
        '400': problemResponse(`A parameter is not valid, \`to\` is not after \`from\` (range_reversed) or the range exceeds ${MAX_STATS_DAYS} days (range_too_long)`),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/purges',
    operation: {
      operationId: 'listAuditPurges',
      tags: ['audit'],
      summary: 'Retention purges, newest first',
      description: `${READER_ONLY} Each purge is itself an audit event, kept for good; it records its cutoff and how many events it purged.`,
      security: BEARER_AUTH,
      requestParams: { query: PurgeListQuerySchema },
      responses: {
        '200': { description: 'One page; pass nextCursor as cursor for the next', content: jsonContent(PurgeListResponseSchema) },
        '400': problemResponse('A query parameter is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/retention',
    operation: {
      operationId: 'getAuditRetention',
      tags: ['audit'],
      summary: 'The retention period, the current cutoff, when the next event falls due, and active holds',
      description: READER_ONLY,
      security: BEARER_AUTH,
      responses: { '200': { description: 'The retention status', content: jsonContent(RetentionStatusSchema) }, ...AUTH_PROBLEMS },
    },
  },
  {
    method: 'get',
    path: '/export.csv',
    operation: {
      operationId: 'exportAuditCsv',
      tags: ['audit'],
      summary: 'Export matching events as CSV (RFC 4180), oldest first',
      description: `${READER_ONLY} The export itself is recorded as an audit event.`,
      security: BEARER_AUTH,
      requestParams: { query: AuditExportQuerySchema },
      responses: {
        '200': { description: 'CSV with a header line', content: { 'text/csv': { schema: z.string() } } },
        '400': problemResponse('A query parameter is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/export.ndjson',
    operation: {
      operationId: 'exportAuditFhir',
      tags: ['audit'],
      summary: 'Export matching events as FHIR R4 AuditEvent resources, one per line',
      description: `${READER_ONLY} The export itself is recorded as an audit event.`,
      security: BEARER_AUTH,
      requestParams: { query: AuditExportQuerySchema },
      responses: {
        '200': { description: 'NDJSON of AuditEvent resources', content: { 'application/fhir+ndjson': { schema: z.string() } } },
        '400': problemResponse('A query parameter is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/verify',
    operation: {
      operationId: 'verifyAuditLog',
      tags: ['audit'],
      summary: 'Recompute the hash chain and every signed checkpoint',
      description: `${READER_ONLY} \`ok\` is false when anything was altered, reordered or removed; \`problems[0]\` is where.`,
      security: BEARER_AUTH,
      responses: { '200': { description: 'The verification report', content: jsonContent(VerifyReportSchema) }, ...AUTH_PROBLEMS },
    },
  },
  {
    method: 'post',
    path: '/checkpoints',
    operation: {
      operationId: 'createAuditCheckpoint',
      tags: ['audit'],
      summary: 'Sign a checkpoint over every event now (admin)',
      description: 'Returns the latest checkpoint when nothing was appended since. Recorded as an audit event.',
      security: BEARER_AUTH,
      responses: {
        '200': { description: 'The checkpoint covering the log', content: jsonContent(CheckpointSchema) },
        '409': problemResponse('The stored chain does not verify, so nothing was signed (audit_chain_broken)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/checkpoints/latest',
    operation: {
      operationId: 'getLatestAuditCheckpoint',
      tags: ['audit'],
      summary: 'The newest signed checkpoint (public, for external verifiers and witnesses)',
      responses: {
        '200': { description: 'The checkpoint', content: jsonContent(CheckpointSchema) },
        '404': problemResponse('No checkpoint yet (no_checkpoint)'),
      },
    },
  },
  {
    method: 'get',
    path: '/key',
    operation: {
      operationId: 'getAuditKey',
      tags: ['audit'],
      summary: 'The public key checkpoints are signed with (public)',
      responses: { '200': { description: 'Ed25519 JWK', content: jsonContent(AuditPublicKeySchema) } },
    },
  },
  {
    method: 'get',
    path: '/holds',
    operation: {
      operationId: 'listAuditHolds',
      tags: ['audit'],
      summary: 'Legal holds, released ones included unless active=true',
      description: READER_ONLY,
      security: BEARER_AUTH,
      requestParams: { query: HoldListQuerySchema },
      responses: { '200': { description: 'The holds', content: jsonContent(HoldListResponseSchema) }, ...AUTH_PROBLEMS },
    },
  },
  {
    method: 'post',
    path: '/holds',
    operation: {
      operationId: 'placeAuditHold',
      tags: ['audit'],
      summary: 'Place a legal hold: matching events are kept past retention (admin)',
      description: 'Scope by actor, recipient and/or event-time range; recorded as an audit event.',
      security: BEARER_AUTH,
      requestBody: { required: true, content: jsonContent(HoldInputSchema) },
      responses: {
        '201': { description: 'The hold', content: jsonContent(HoldSchema) },
        '400': problemResponse('The hold is not valid'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'delete',
    path: '/holds/{id}',
    operation: {
      operationId: 'releaseAuditHold',
      tags: ['audit'],
      summary: 'Release a legal hold (admin)',
      description: 'Recorded as an audit event; the next purge may then delete what it held.',
      security: BEARER_AUTH,
      requestParams: { path: HoldParamsSchema },
      responses: {
        '200': { description: 'The released hold', content: jsonContent(HoldSchema) },
        '404': problemResponse('No active hold with that id (hold_not_found)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
];
