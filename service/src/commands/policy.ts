import { readFile } from 'node:fs/promises';
import { parsePolicyJson, type PolicyIssue, type PolicyResult } from '@phiguard/core';
import { EXIT, UsageError, write, type Command } from './command.js';

const USAGE = `Usage:
  phi-guard policy check FILE   Validate a policy file and print the effective policy

Prints the policy as JSON with every default filled in, or each problem with the
path of the field it concerns, e.g.
  organisation.domains[1]: Expected a domain such as example.org. (invalid_format)

Exit status: 0 for a valid policy, 1 for an invalid or unreadable file, 2 for a bad command line.
`;

export const policyCheckCommand: Command = {
  name: 'policy check',
  summary: 'Validate a policy file and print it with defaults filled in',
  usage: USAGE,
  async run(args, io) {
    if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('give exactly one policy file');
    const path = args[0]!;
    const result = await loadPolicyFile(path);
    if (!result.ok) {
      await write(io.stderr, formatPolicyProblems(path, result));
      return EXIT.failed;
    }
    await write(io.stdout, `${JSON.stringify(result.policy, null, 2)}\n`);
    return EXIT.ok;
  },
};

/** Reads and validates a policy file; an unreadable file is one more issue, at the root. */
export async function loadPolicyFile(path: string): Promise<PolicyResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, issues: [fileIssue(error)] };
  }
  return parsePolicyJson(text);
}

/** One line per problem: file, field path, what is wrong, and the stable code. */
export function formatPolicyProblems(file: string, result: Extract<PolicyResult, { ok: false }>): string {
  return result.issues
    .map((issue) => `${file}: ${issue.path ? `${issue.path}: ` : ''}${issue.message} (${issue.code})\n`)
    .join('');
}

function fileIssue(error: unknown): PolicyIssue {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return { path: '', code: 'file_not_found', message: 'file not found' };
  if (errno === 'EACCES' || errno === 'EPERM') return { path: '', code: 'file_permission_denied', message: 'permission denied' };
  return { path: '', code: 'file_unreadable', message: 'the file could not be read' };
}
