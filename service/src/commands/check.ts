import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  AppliedProtectionSchema,
  AttachmentSchema,
  DEFAULT_POLICY,
  RecipientSchema,
  decide,
  scan,
  toOrgProfile,
  type Decision,
  type Policy,
  type RecipientInput,
} from '@phiguard/core';
import { z } from 'zod';
import { EXIT, UsageError, write, type Command, type ExitCode } from './command.js';
import { processJsonl, type JsonlResponse } from './jsonl.js';
import { formatPolicyProblems, loadPolicyFile } from './policy.js';
import { ScanRequestSchema } from './scan-jsonl.js';

const USAGE = `Usage:
  phi-guard check --jsonl [--policy FILE]
      Decide JSON-line drafts from stdin against a policy (the default policy
      when no file is given); writes one JSON line per input line.

JSON lines:
  in:    {"id": "a1", "subject": "...", "body": "...",
          "to": ["dr.lee@example.org", {"address": "...", "tls": "enforced", "pgp": true,
                 "smime": false, "consent": true, "firstTime": false, "lookalikeOf": "...",
                 "lookup": "ok" | "unavailable"}],
          "cc": [...], "bcc": [...], "attachments": [{"name": "...", "text": "..."}],
          "protection": "none" | "portal" | "pgp" | "smime" | "gateway"}
  out:   {"id": "a1", "action": "allow" | "warn" | "encrypt" | "block",
          "reasons": [{"code", "action", "overridable", "recipients", "fields", "findings"}],
          "perRecipient": [...], "fixes": [...], "overridable", "justificationRequired"}
         A line that is not valid gets {"id": <id or null>, "error": "..."} and the
         rest are still checked. Output never contains draft text.

Exit status: 0 when every line was checked (whatever the decisions),
             1 when any line could not be checked or the policy file is invalid,
             2 for a bad command line.
`;

/** A recipient as a bare address or with lookup hints; its type comes from the list it is in. */
const RecipientLineSchema = z.preprocess(
  (r) => (typeof r === 'string' ? { address: r } : r),
  RecipientSchema.omit({ type: true }),
);
const RecipientListSchema = z.array(RecipientLineSchema).max(1_000).optional();

/** One input line of `phi-guard check --jsonl`: a scan request plus recipients and protection. */
export const CheckRequestSchema = ScanRequestSchema.extend({
  to: RecipientListSchema,
  cc: RecipientListSchema,
  bcc: RecipientListSchema,
  attachments: z.array(AttachmentSchema).max(100).optional(),
  protection: AppliedProtectionSchema.default('none'),
});
export type CheckRequest = z.infer<typeof CheckRequestSchema>;

export type CheckResponse = JsonlResponse<Decision>;

export interface CheckOptions {
  readonly policy: Policy;
}

export interface CheckSummary {
  readonly exitCode: ExitCode;
  readonly checked: number;
  readonly failed: number;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Decide JSON-line drafts against a policy, to try a policy before rolling it out',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCheckArgs(args);
    if (!values.jsonl) throw new UsageError('--jsonl is required: check reads JSON lines from stdin');
    if (positionals.length > 0) throw new UsageError('--jsonl reads stdin and takes no files');
    let policy = DEFAULT_POLICY;
    if (values.policy !== undefined) {
      const loaded = await loadPolicyFile(values.policy);
      if (!loaded.ok) {
        await write(io.stderr, formatPolicyProblems(values.policy, loaded));
        return EXIT.failed;
      }
      policy = loaded.policy;
    }
    const { exitCode, checked, failed } = await checkJsonl(io.stdin, io.stdout, { policy });
    if (failed > 0) await write(io.stderr, `phi-guard check: ${failed} of ${failed + checked} lines could not be checked\n`);
    return exitCode;
  },
};

/** Scans and decides each JSON line of `input`, writing one response line per non-blank line, in order. */
export async function checkJsonl(input: Readable, output: Writable, { policy }: CheckOptions): Promise<CheckSummary> {
  const { exitCode, ok, failed } = await processJsonl({
    input,
    output,
    schema: CheckRequestSchema,
    verb: 'checked',
    handle: (request) => {
      const { draft, recipients, protection } = toDecisionInput(request, policy);
      const result = scan(draft);
      return decide(result, recipients, protection, policy);
    },
  });
  return { exitCode, checked: ok, failed };
}

/** The draft and recipients of a request, as a host adapter would read them from its compose window. */
export function toDecisionInput(request: CheckRequest, policy: Policy) {
  const recipients: RecipientInput[] = (['to', 'cc', 'bcc'] as const).flatMap((type) =>
    (request[type] ?? []).map((r) => (typeof r === 'string' ? { address: r, type } : { ...r, type })),
  );
  const draft = {
    subject: request.subject ?? '',
    body: request.body ?? '',
    attachments: request.attachments ?? [],
    org: toOrgProfile(policy),
  };
  return { draft, recipients, protection: request.protection };
}

function parseCheckArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: { jsonl: { type: 'boolean', default: false }, policy: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains unknown options well ("Unknown option '--x'"); it only quotes the argument.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
