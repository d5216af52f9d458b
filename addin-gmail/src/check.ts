import { decide, recipientFacts, resolveFixes, scan, toOrgProfile, type CheckedDraft, type Policy } from '@phiguard/core';
import type { Host } from './host.js';
import { currentPolicy } from './policy.js';
import { readDraft, type ComposeContext, type DraftRead } from './read-draft.js';
import type { GmailServiceClient } from './service-client.js';

export interface GmailChecked extends CheckedDraft {
  readonly policy: Policy;
  readonly read: Extract<DraftRead, { status: 'found' }>;
  /** The service answered the recipient lookup (the portal needs it too). */
  readonly online: boolean;
}

export type CheckOutcome = { readonly status: 'checked'; readonly checked: GmailChecked } | { readonly status: 'not_saved'; readonly policy: Policy };

/**
 * One check of the compose window: the policy, the autosaved draft, the scan (here, in Apps
 * Script: the text never goes to the service to be scanned), the recipient lookup, and decide.
 * An unreachable service leaves recipients `unavailable`, so the policy's fail mode decides.
 */
export function checkCompose(host: Host, client: GmailServiceClient, context: ComposeContext): CheckOutcome {
  const policy = currentPolicy(client, host);
  const read = readDraft(host, context, toOrgProfile(policy));
  if (read.status === 'not_saved') return { status: 'not_saved', policy };
  const result = scan(read.draft);
  let found;
  try {
    found = read.recipients.length === 0 ? new Map() : client.lookup(read.recipients);
  } catch {
    found = undefined;
  }
  const recipients = recipientFacts(read.recipients, found);
  // Gmail gives add-ons no way to mark a draft protected: the protected path is Send securely.
  const decision = decide(result, recipients, 'none', policy);
  return {
    status: 'checked',
    checked: { draft: read.draft, recipients, scan: result, decision, fixes: resolveFixes(read.draft, decision.fixes), policy, read, online: found !== undefined },
  };
}
