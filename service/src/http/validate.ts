import type { z } from 'zod';
import { ProblemError } from './problem.js';

/** Where in the request a value came from; the first segment of every reported path. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers';

/** One invalid field: where and which zod issue code. Never the value, which may be PHI. */
export interface FieldError {
  path: string;
  code: string;
}

/**
 * Parses one part of a request, or throws a 400 `validation_failed` problem naming each field
 * (`body.recipients[0].address`) and zod's issue code. Use in handlers:
 * `const body = parseRequest(SendSchema, req.body, 'body')`.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationProblem(result.error.issues, part);
}

export function validationProblem(issues: readonly z.core.$ZodIssue[], part: RequestPart): ProblemError {
  // Only path and code: zod messages can quote keys from the input (`Unrecognized key: "…"`).
  const errors: FieldError[] = issues.map((issue) => ({ path: formatPath(part, issue.path), code: issue.code }));
  return new ProblemError('validation_failed', 400, 'The request is not valid', undefined, { errors });
}

function formatPath(part: RequestPart, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    part,
  );
}
