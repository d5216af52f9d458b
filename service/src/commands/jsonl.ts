import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatIssuePath } from '@phiguard/core';
import { z } from 'zod';
import { EXIT, internalError, write, type ExitCode } from './command.js';

/** The id every JSON-lines request carries; it is echoed on the response so callers can match them up. */
export const IdSchema = z.union([z.string().min(1).max(200), z.number()], {
  error: (issue) => (issue.input === undefined ? 'is required' : 'expected a string or a number'),
});
export type Id = z.infer<typeof IdSchema>;

/** One output line: the handler's response for a valid request, or why the line could not be handled. */
export type JsonlResponse<R> = ({ id: Id } & R) | { id: Id | null; error: string };

export interface JsonlOptions<T extends { id: Id }, R extends object> {
  readonly input: Readable;
  readonly output: Writable;
  /** Validates one parsed line; its `id` should be {@link IdSchema}, so a failing line's id can be recovered. */
  readonly schema: z.ZodType<T>;
  /** Past participle for the error of a line whose handler threw: "could not be <verb>". */
  readonly verb: string;
  /** The response for a valid request, without the id (the loop adds it). */
  handle(request: T): R | Promise<R>;
}

export interface JsonlResult {
  readonly exitCode: ExitCode;
  /** Lines handled. */
  readonly ok: number;
  /** Lines answered with an error. */
  readonly failed: number;
}

/**
 * Handles JSON lines from `input`, writing one response line per non-blank input line, in order.
 * Reads line by line, so input size is bounded by the longest line, not the stream.
 */
export async function processJsonl<T extends { id: Id }, R extends object>(options: JsonlOptions<T, R>): Promise<JsonlResult> {
  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  let lineNumber = 0;
  let ok = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const response = await respond(line, lineNumber, options);
    if ('error' in response) failed += 1;
    else ok += 1;
    await write(options.output, `${JSON.stringify(response)}\n`);
  }
  return { exitCode: failed > 0 ? EXIT.failed : EXIT.ok, ok, failed };
}

/** Handles one line. Errors name the line and the problem, never the line's text. */
async function respond<T extends { id: Id }, R extends object>(
  line: string,
  lineNumber: number,
  { schema, verb, handle }: JsonlOptions<T, R>,
): Promise<JsonlResponse<R>> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    // JSON.parse messages quote the input, so they are not passed on.
    return { id: null, error: `line ${lineNumber}: not valid JSON` };
  }
  const request = schema.safeParse(json);
  if (!request.success) {
    const problems = request.error.issues.map(describeIssue).join('; ');
    return { id: recoverId(json), error: `line ${lineNumber}: ${problems}` };
  }
  const { id } = request.data;
  try {
    return { id, ...(await handle(request.data)) };
  } catch (error) {
    return { id, error: `line ${lineNumber}: could not be ${verb} (${internalError(error)})` };
  }
}

/** The id of a line that parsed but failed the schema, when the id itself is valid. */
function recoverId(json: unknown): Id | null {
  if (typeof json !== 'object' || json === null) return null;
  const id = IdSchema.safeParse((json as { id?: unknown }).id);
  return id.success ? id.data : null;
}

/** Zod's messages state expected types and limits only; they never include the input. */
function describeIssue({ path, message }: { readonly path: readonly PropertyKey[]; readonly message: string }): string {
  return path.length > 0 ? `${formatIssuePath(path)}: ${message}` : message;
}
