import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { AttachmentProblemSchema, toOrgProfile, type Policy } from '@phiguard/core';
import { actorOf } from '../audit/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { PhiKindCountsSchema } from '../audit/schema.js';
import { EXTRACT_THREADS, type Extractor } from '../attachments/extractor.js';
import { createGate, GateBusyError, type GateOptions } from '../attachments/gate.js';
import { inspect } from '../attachments/inspect.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import { ProblemError } from '../http/problem.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';

export const SCAN_PREFIX = '/v1/scan';
/** Most attachments in one call. */
export const MAX_SCAN_ATTACHMENTS = 8;
/** This route's JSON limit: one attachment at the extractor's 25 MB, in base64, with room to spare. */
export const SCAN_BODY_LIMIT_BYTES = 35 * 1024 * 1024;
/**
 * Extraction is CPU- and memory-heavy (PDF parsing, OCR): as many requests extract at once per
 * process as the extractor has threads, a few more wait up to 15 s, and the rest are told to come back (503 busy).
 */
export const DEFAULT_SCAN_GATE: GateOptions = { concurrency: EXTRACT_THREADS, maxQueued: 8, maxWaitMs: 15_000 };
/** Seconds a busy caller is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

export const AttachmentScanRequestSchema = z
  .strictObject({
    attachments: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(255),
          contentType: z.string().max(255).optional(),
          /** Standard base64 of the file. */
          data: z.base64(),
        }),
      )
      .min(1)
      .max(MAX_SCAN_ATTACHMENTS),
  })
  .meta({ id: 'AttachmentScanRequest' });

export const AttachmentScanResponseSchema = z
  .object({
    parts: z.array(
      z.object({
        /** The attachment's name; a file inside it is `archive.zip/letter.pdf`. */
        name: z.string(),
        contentType: z.string().optional(),
        /** 1-based page, when the text came from one page. */
        page: z.number().int().positive().optional(),
        text: z.string(),
        /** Read by OCR from an image. */
        ocr: z.boolean().optional(),
      }),
    ),
    uninspectable: z.array(z.object({ name: z.string(), reason: AttachmentProblemSchema })),
    findings: z.array(
      z.object({
        /** Index into `parts`. */
        part: z.number().int().nonnegative(),
        name: z.string(),
        page: z.number().int().positive().optional(),
        kinds: PhiKindCountsSchema,
      }),
    ),
  })
  .meta({
    id: 'AttachmentScanResult',
    description:
      'The text of each part for the caller to scan with the whole draft (as draft attachments, with `uninspectable` ones as ' +
      '`{name, uninspectable: reason}`), and what the shared scan found in each part, counted by kind.',
  });

export interface ScanAttachmentRouteDeps {
  readonly requireRole: RequireRole;
  readonly extractor: Pick<Extractor, 'extract' | 'limits'>;
  readonly auditLog: Pick<AuditLog, 'recordAttachmentScan'>;
  /** The organisation's own details are not counted as findings. */
  readonly policy: () => Policy;
  /** DEFAULT_SCAN_GATE when absent. */
  readonly gate?: GateOptions;
  /** SCAN_BODY_LIMIT_BYTES when absent. */
  readonly bodyLimitBytes?: number;
}

/**
 * True for the one request whose body this module parses itself (larger than the app's limit).
 * The app's JSON parser must skip it, as it does message uploads.
 */
export function isAttachmentScan(req: Request): boolean {
  return req.method === 'POST' && /^\/v1\/scan\/attachments\/?$/i.test(req.path);
}

/**
 * `POST /v1/scan/attachments`: for hosts that cannot read attachments themselves (Outlook on-send,
 * Gmail). Files are extracted and scanned in memory; nothing of them is stored or logged, and the
 * audit event keeps counts and kinds only.
 */
export function scanAttachmentRoutes(deps: ScanAttachmentRouteDeps): RouteModule {
  const { extractor, auditLog, policy } = deps;
  const router = Router();
  const gate = createGate(deps.gate ?? DEFAULT_SCAN_GATE);
  const json = express.json({ limit: deps.bodyLimitBytes ?? SCAN_BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });

  // The slot is taken before the body is read, so waiting requests hold no decoded files.
  const admit: RequestHandler = (_req, res, next) => {
    let closed = false;
    const left = new AbortController();
    res.once('close', () => {
      closed = true;
      left.abort();
    });
    gate.acquire(left.signal).then(
      (release) => {
        if (closed) return release();
        res.once('close', release);
        next();
      },
      (error: unknown) => {
        // A caller that went away while waiting gets no answer.
        if (!closed) next(error instanceof GateBusyError ? busy() : error);
      },
    );
  };

  router.post('/attachments', deps.requireRole('user', 'admin'), admit, json, async (req, res) => {
    const { attachments } = parseRequest(AttachmentScanRequestSchema, req.body, 'body');
    const oversized = attachments.findIndex((a) => decodedLength(a.data) > extractor.limits.maxBytes);
    if (oversized >= 0) throw tooLarge(oversized, extractor.limits.maxBytes);
    const extractions = [];
    // One after another: the gate bounds the work per request, not per file.
    for (const a of attachments) {
      extractions.push(await extractor.extract({ name: a.name, ...(a.contentType ? { contentType: a.contentType } : {}), data: Buffer.from(a.data, 'base64') }));
    }
    const result = inspect(extractions, { org: toOrgProfile(policy()) });
    await auditLog.recordAttachmentScan(
      actorOf(principalOf(res)),
      { attachments: attachments.length, uninspectable: result.uninspectable.length },
      result.phiKinds,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json({ parts: result.parts, uninspectable: result.uninspectable, findings: result.findings });
  });
  return { prefix: SCAN_PREFIX, router, routes: scanRouteDocs(extractor.limits.maxBytes, deps.bodyLimitBytes ?? SCAN_BODY_LIMIT_BYTES) };
}

/** Bytes a base64 string decodes to, without decoding it. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

function busy(): ProblemError {
  return new ProblemError('busy', 503, 'Too many attachment scans in progress', 'Try again shortly.', {}, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
}

/** Names the attachment by position: its name can hold PHI. */
function tooLarge(index: number, maxBytes: number): ProblemError {
  return new ProblemError('attachment_too_large', 413, 'An attachment is too large to scan', `At most ${maxBytes} bytes per attachment.`, {
    errors: [{ path: `body.attachments[${index}].data`, code: 'too_big' }],
  });
}

function scanRouteDocs(maxBytes: number, bodyLimit: number): RouteDoc[] {
  return [
    {
      method: 'post',
      path: '/attachments',
      operation: {
        operationId: 'scanAttachments',
        tags: ['scan'],
        summary: 'Extract the text of attachments (PDF, Office, text, mail, ZIP, images by OCR) and scan it for PHI',
        description:
          `Up to ${MAX_SCAN_ATTACHMENTS} attachments of at most ${maxBytes} bytes each, ${bodyLimit} bytes of JSON in all. ` +
          'Files are read in memory and never stored or logged; the audit log records an `attachments_scanned` event with ' +
          'counts and PHI kinds only. A file that cannot be read (encrypted, damaged, over a limit) is listed in ' +
          '`uninspectable` with the reason, and the caller applies its policy\'s fail mode to it. ' +
          `At most ${DEFAULT_SCAN_GATE.concurrency} scans run at once per service process; others wait briefly or get 503 \`busy\` with Retry-After.`,
        security: BEARER_AUTH,
        requestBody: { required: true, content: jsonContent(AttachmentScanRequestSchema) },
        responses: {
          '200': { description: 'The text of every part, what could not be inspected, and findings per part', content: jsonContent(AttachmentScanResponseSchema) },
          '400': problemResponse('The request is not valid (validation_failed) or not JSON (malformed_json)'),
          '413': problemResponse('The body is over the limit (body_too_large), or an attachment is (attachment_too_large)'),
          ...AUTH_PROBLEMS,
          '503': problemResponse('Too many scans in progress (busy, with Retry-After), or the token issuer keys could not be fetched'),
        },
      },
    },
  ];
}
