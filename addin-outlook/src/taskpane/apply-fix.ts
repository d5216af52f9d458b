import { applyFixes, type ApplicableMethod, type Policy, type ResolvedFix } from '@phiguard/core';
import type { PortalClient } from '../service/client.js';
import type { Checked } from './check.js';
import type { DraftSource } from './draft-source.js';

export interface FixContext {
  readonly source: DraftSource;
  readonly checked: Checked;
  readonly policy: Policy;
  readonly client?: PortalClient;
  readonly timeoutMs?: number;
}

/** Why a fix could not be applied, for the pane to say so. */
export class FixError extends Error {
  constructor(readonly code: 'not_available' | 'service_unreachable', message: string) {
    super(message);
    this.name = 'FixError';
  }
}

const PORTAL_TIMEOUT_MS = 15_000;

/**
 * Applies one fix to the draft. Text fixes go through the core's applyFixes and only the fields
 * they change are written back; resolves to the protection applied, if the fix was one.
 */
export async function applyFix(fix: ResolvedFix, ctx: FixContext): Promise<ApplicableMethod | undefined> {
  const { source, checked } = ctx;
  switch (fix.type) {
    case 'neutral_subject':
    case 'mask':
    case 'add_disclaimer': {
      const next = applyFixes(checked.draft, [fix]);
      if ((next.subject ?? '') !== (checked.draft.subject ?? '')) await source.setSubject(next.subject ?? '');
      if ((next.body ?? '') !== (checked.draft.body ?? '')) await source.setBody(next.body ?? '');
      return undefined;
    }
    case 'remove_recipient':
      await source.removeRecipient(fix.address);
      return undefined;
    case 'apply_protection':
      return protect(fix.method, ctx);
  }
}

async function protect(method: ApplicableMethod, ctx: FixContext): Promise<ApplicableMethod> {
  const { source, checked, policy, client } = ctx;
  switch (method) {
    case 'portal': {
      if (!client) throw new FixError('service_unreachable', 'The secure portal needs the PHI Guard service.');
      // Everyone on the email gets the pickup notice, so everyone must be able to open the message.
      const recipients = [...new Set(checked.recipients.map((r) => r.address.toLowerCase()))];
      const stored = await client
        .createPortalMessage({ subject: checked.draft.subject ?? '', text: checked.draft.body ?? '', recipients }, ctx.timeoutMs ?? PORTAL_TIMEOUT_MS)
        .catch(() => {
          throw new FixError('service_unreachable', 'The secure portal could not store the message. Try again.');
        });
      await source.setSubject(stored.notice.subject);
      await source.setBody(stored.notice.text);
      return 'portal';
    }
    case 'gateway': {
      const { header, label } = policy.protection.gateway ?? {};
      if (header) {
        await source.setInternetHeader(header.name, header.value);
        return 'gateway';
      }
      if (label && (await source.applyLabel(label))) return 'gateway';
      throw new FixError('not_available', `Apply the sensitivity label “${label ?? ''}” in Outlook: this Outlook offers PHI Guard no label catalog.`);
    }
    case 'pgp':
    case 'smime':
      throw new FixError('not_available', 'PHI Guard cannot apply this method here.');
  }
}
