import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActionSchema, AppliedProtectionSchema, AttachmentSchema, parsePolicy, ReasonCodeSchema, RecipientSchema, type Attachment, type Policy } from '@phiguard/core';
import { z } from 'zod';

/** A recipient as a bare address or with lookup hints, as in `phi-guard check --jsonl`. */
const RecipientLineSchema = z.union([z.string(), RecipientSchema.omit({ type: true })]);
export type RecipientLine = z.infer<typeof RecipientLineSchema>;

const FixtureSchema = z.strictObject({
  name: z.string().min(1),
  policy: z.string(),
  subject: z.string().default(''),
  body: z.string().default(''),
  attachments: z.array(AttachmentSchema).default([]),
  to: z.array(RecipientLineSchema).default([]),
  cc: z.array(RecipientLineSchema).default([]),
  bcc: z.array(RecipientLineSchema).default([]),
  protection: AppliedProtectionSchema.default('none'),
  expected: z.strictObject({ action: ActionSchema, reasons: z.array(ReasonCodeSchema) }),
});

const FixtureFileSchema = z.strictObject({
  policies: z.record(z.string(), z.unknown()),
  fixtures: z.array(FixtureSchema),
});

/** One draft as a user composed it, with the policy in force: what every host adapter is given. */
export interface ParityCase {
  readonly name: string;
  readonly policy: Policy;
  readonly subject: string;
  readonly body: string;
  /** As the host hands them to the scan: text it read, or why it could not (`uninspectable`). */
  readonly attachments: readonly Attachment[];
  readonly to: readonly RecipientLine[];
  readonly cc: readonly RecipientLine[];
  readonly bcc: readonly RecipientLine[];
  readonly protection: z.infer<typeof AppliedProtectionSchema>;
}

export interface ParityFixture {
  readonly input: ParityCase;
  readonly expected: z.infer<typeof FixtureSchema>['expected'];
}

/** Reads fixtures.json, validating it and resolving each fixture's named policy. */
export function loadFixtures(path = join(__dirname, 'fixtures.json')): ParityFixture[] {
  const file = FixtureFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const policies = new Map<string, Policy>();
  for (const [name, input] of Object.entries(file.policies)) {
    const result = parsePolicy(input);
    if (!result.ok) throw new Error(`policy ${name}: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    policies.set(name, result.policy);
  }
  return file.fixtures.map(({ expected, policy, ...draft }) => {
    const resolved = policies.get(policy);
    if (!resolved) throw new Error(`fixture "${draft.name}" names unknown policy "${policy}"`);
    return { input: { ...draft, policy: resolved }, expected };
  });
}
