import type { z } from 'zod';
import { POLICY_ISSUE_MESSAGES } from './messages.js';
import { PolicySchema, type Policy } from './schema.js';

/** One problem in a policy: where (`organisation.domains[2]`), a stable code, and text for the admin. */
export interface PolicyIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

/** Validates a policy object and fills defaults; never throws. */
export function parsePolicy(input: unknown): PolicyResult {
  const result = PolicySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return { ok: false, issues: result.error.issues.flatMap(toIssues) };
}

/** Same as parsePolicy for the text of a policy file. */
export function parsePolicyJson(text: string): PolicyResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    // The parser's own message quotes the file; ours does not.
    return { ok: false, issues: [{ path: '', code: 'invalid_json', message: POLICY_ISSUE_MESSAGES.invalid_json }] };
  }
  return parsePolicy(input);
}

function toIssues(issue: z.core.$ZodIssue): PolicyIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatIssuePath([...issue.path, key]),
      code: 'unknown_field',
      message: POLICY_ISSUE_MESSAGES.unknown_field,
    }));
  }
  const custom = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
  return [{ path: formatIssuePath(issue.path), code: custom ?? issue.code, message: issue.message }];
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}
