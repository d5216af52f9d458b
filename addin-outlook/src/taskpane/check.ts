import {
  decide,
  resolveFixes,
  scan,
  toOrgProfile,
  type AppliedProtection,
  type CheckedDraft,
  type Policy,
  type RecipientInput,
} from '@phiguard/core';
import { appliedProtection } from '../protection.js';
import { lookupRecipients, withScannedAttachments, type ServiceClient } from '../service/client.js';
import type { AttachmentReader } from './attachment-reader.js';
import type { DraftSource } from './draft-source.js';

/** What one check of the draft found (the core's decision and the fixes still worth offering), and the protection already applied. */
export interface Checked extends CheckedDraft {
  readonly applied: AppliedProtection;
}

export interface CheckContext {
  readonly source: DraftSource;
  readonly policy: Policy;
  /** Absent in the offline demo: recipients are then classified by the policy's domain lists alone. */
  readonly client?: Pick<ServiceClient, 'lookup'>;
  /** Reads the attachments the pane cannot read as text; without one they are uninspectable and the fail mode decides. */
  readonly attachments?: AttachmentReader;
  readonly lookupTimeoutMs?: number;
}

const LOOKUP_TIMEOUT_MS = 5000;
const ATTACHMENT_TIMEOUT_MS = 30_000;

/** Read, scan in the browser (draft text and attachments never go to the service to be scanned), look up, decide. */
export async function checkDraft(ctx: CheckContext): Promise<Checked> {
  const read = await ctx.source.read(toOrgProfile(ctx.policy));
  const { recipients } = read;
  const draft = await withScannedAttachments(
    ctx.attachments ?? { scanAttachments: () => Promise.reject(new Error('no attachment reader')) },
    read.draft,
    read.uploads ?? [],
    ATTACHMENT_TIMEOUT_MS,
  );
  const result = scan(draft);
  const [facts, applied] = await Promise.all([
    ctx.client ? lookupRecipients(ctx.client, recipients, ctx.lookupTimeoutMs ?? LOOKUP_TIMEOUT_MS) : Promise.resolve<RecipientInput[]>(recipients),
    appliedProtection(ctx.source, ctx.policy).catch((): AppliedProtection => 'none'),
  ]);
  const decision = decide(result, facts, applied, ctx.policy);
  return { draft, recipients: facts, scan: result, applied, decision, fixes: resolveFixes(draft, decision.fixes) };
}
