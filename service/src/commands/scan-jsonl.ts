import type { Readable, Writable } from 'node:stream';
import { scan, type Finding } from '@phiguard/core';
import { z } from 'zod';
import type { ExitCode } from './command.js';
import { IdSchema, processJsonl, type JsonlResponse } from './jsonl.js';

/** One input line of `phi-guard scan --jsonl`. Unknown keys are ignored. */
export const ScanRequestSchema = z.object({
  id: IdSchema,
  subject: z.string().max(10_000).optional(),
  body: z.string().max(1_000_000).optional(),
  to: z.array(z.string().max(320)).max(1_000).optional(),
});
export type ScanRequest = z.infer<typeof ScanRequestSchema>;

type FindingLine = Pick<Finding, 'field' | 'start' | 'end' | 'kind' | 'category' | 'score'>;

/** One output line: the verdict and spans for a request, or why the line could not be scanned. */
export type ScanResponse = JsonlResponse<{ phi: boolean; subjectPhi: boolean; findings: FindingLine[] }>;

export interface JsonlSummary {
  readonly exitCode: ExitCode;
  readonly scanned: number;
  readonly failed: number;
}

/**
 * Scans JSON lines from `input`, writing one response line per non-blank input line, in order.
 * Reads line by line, so input size is bounded by the longest line, not the stream.
 */
export async function scanJsonl(input: Readable, output: Writable): Promise<JsonlSummary> {
  const { exitCode, ok, failed } = await processJsonl({
    input,
    output,
    schema: ScanRequestSchema,
    verb: 'scanned',
    handle: ({ subject = '', body = '' }) => {
      const result = scan({ subject, body });
      return {
        phi: result.phi,
        subjectPhi: result.subjectPhi,
        findings: result.findings.map(({ field, start, end, kind, category, score }) => ({ field, start, end, kind, category, score })),
      };
    },
  });
  return { exitCode, scanned: ok, failed };
}
