import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { scan, type Finding, type ScanResult } from '@phiguard/core';
import { z } from 'zod';
import { EXIT, internalError, write, type ExitCode } from './command.js';

const IdSchema = z.union([z.string().min(1).max(200), z.number()], {
  error: (issue) => (issue.input === undefined ? 'is required' : 'expected a string or a number'),
});

/** One input line of `phi-guard scan --jsonl`. Unknown keys are ignored. */
export const ScanRequestSchema = z.object({
  id: IdSchema,
  subject: z.string().max(10_000).optional(),
  body: z.string().max(1_000_000).optional(),
  to: z.array(z.string().max(320)).max(1_000).optional(),
});
export type ScanRequest = z.infer<typeof ScanRequestSchema>;

type Id = z.infer<typeof IdSchema>;
type FindingLine = Pick<Finding, 'field' | 'start' | 'end' | 'kind' | 'category' | 'score'>;

/** One output line: the verdict and spans for a request, or why the line could not be scanned. */
export type ScanResponse =
  | { id: Id; phi: boolean; subjectPhi: boolean; findings: FindingLine[] }
  | { id: Id | null; error: string };

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
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let scanned = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const response = respond(line, lineNumber);
    if ('error' in response) failed += 1;
    else scanned += 1;
    await write(output, `${JSON.stringify(response)}\n`);
  }
  return { exitCode: failed > 0 ? EXIT.failed : EXIT.ok, scanned, failed };
}

/** Scans one line. Errors name the line and the problem, never the line's text. */
function respond(line: string, lineNumber: number): ScanResponse {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    // JSON.parse messages quote the input, so they are not passed on.
    return { id: null, error: `line ${lineNumber}: not valid JSON` };
  }
  const request = ScanRequestSchema.safeParse(json);
  if (!request.success) {
    const problems = request.error.issues.map((issue) => describeIssue(issue.path, issue.message)).join('; ');
    return { id: recoverId(json), error: `line ${lineNumber}: ${problems}` };
  }
  const { id, subject = '', body = '' } = request.data;
  let result: ScanResult;
  try {
    result = scan({ subject, body });
  } catch (error) {
    return { id, error: `line ${lineNumber}: could not be scanned (${internalError(error)})` };
  }
  return {
    id,
    phi: result.phi,
    subjectPhi: result.subjectPhi,
    findings: result.findings.map(({ field, start, end, kind, category, score }) => ({ field, start, end, kind, category, score })),
  };
}

/** The id of a line that parsed but failed the schema, when the id itself is valid. */
function recoverId(json: unknown): Id | null {
  if (typeof json !== 'object' || json === null) return null;
  const id = IdSchema.safeParse((json as { id?: unknown }).id);
  return id.success ? id.data : null;
}

/** Zod's messages state expected types and limits only; they never include the input. */
function describeIssue(path: readonly PropertyKey[], message: string): string {
  if (path.length === 0) return message;
  const field = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
  return `${field}: ${message}`;
}
