import { decide, recipientFacts, resolveFixes, scan, scannedAttachments, toOrgProfile, type AttachmentUpload, type CheckedDraft, type Draft, type Policy } from '@phiguard/core';
import type { Host } from './host.js';
import { currentPolicy } from './policy.js';
import { attachmentBase64, isText, readDraft, type ComposeContext, type DraftRead } from './read-draft.js';
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
  const draft = withScannedAttachments(host, client, read);
  const result = scan(draft);
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
    checked: { draft, recipients, scan: result, decision, fixes: resolveFixes(draft, decision.fixes), policy, read, online: found !== undefined },
  };
}

/**
 * The draft with the attachments Apps Script cannot read (PDF, Office, images) read by the
 * service; if it cannot, they are uninspectable and the policy's fail mode decides.
 */
function withScannedAttachments(host: Host, client: GmailServiceClient, read: Extract<DraftRead, { status: 'found' }>): Draft {
  const others = read.attachments.filter((a) => !isText(a));
  if (others.length === 0) return read.draft;
  let answer;
  let uploads: AttachmentUpload[] = [];
  try {
    uploads = others.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      data: attachmentBase64(host, read, a),
    }));
    answer = client.scanAttachments(uploads);
  } catch {
    answer = undefined;
    uploads = others.map((a) => ({ name: a.name, contentType: a.contentType, data: '' }));
  }
  return { ...read.draft, attachments: [...(read.draft.attachments ?? []), ...scannedAttachments(uploads, answer)] };
}
