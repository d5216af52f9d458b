import { applyFixes, type ApplicableMethod, type Policy, type ResolvedFix } from '@phiguard/core';
import type { PhiGuardPgp } from '../pgp/entry.js';
import type { OpenPgpClient, PortalClient } from '../service/client.js';
import type { Checked } from './check.js';
import type { DraftSource } from './draft-source.js';
import { loadPgp } from './pgp-loader.js';

export interface FixContext {
  readonly source: DraftSource;
  readonly checked: Checked;
  readonly policy: Policy;
  readonly client?: PortalClient & OpenPgpClient;
  readonly timeoutMs?: number;
  /** OpenPGP encryption; pgp.js, loaded when first used, unless given (the Node tests pass encryptText itself). */
  readonly pgp?: () => Promise<PhiGuardPgp>;
}

/** Why a fix could not be applied, for the pane to say so. */
export class FixError extends Error {
  constructor(readonly code: 'not_available' | 'service_unreachable', message: string) {
    super(message);
    this.name = 'FixError';
  }
}

const PORTAL_TIMEOUT_MS = 15_000;
/** The service looks keys up for at most 3 s; the rest is the network. */
const PGP_KEYS_TIMEOUT_MS = 8000;

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
  // Everyone on the email gets the same body (pickup notice or encrypted text), so everyone must be able to open it.
  const recipients = [...new Set(checked.recipients.map((r) => r.address.toLowerCase()))];
  switch (method) {
    case 'portal': {
      if (!client) throw new FixError('service_unreachable', 'The secure portal needs the PHI Guard service.');
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
    case 'pgp': {
      if (!client) throw new FixError('service_unreachable', 'OpenPGP encryption needs the PHI Guard service, for the recipients’ keys.');
      const { keys } = await client.openPgpKeys(recipients, ctx.timeoutMs ?? PGP_KEYS_TIMEOUT_MS).catch(() => {
        throw new FixError('service_unreachable', 'The recipients’ OpenPGP keys could not be fetched. Try again.');
      });
      const keyOf = new Map(keys.map((k) => [k.address.toLowerCase(), k]));
      const lacking = recipients.filter((address) => !keyOf.has(address)).length;
      if (lacking > 0) {
        const who = lacking === 1 ? '1 recipient has' : `${lacking} recipients have`;
        throw new FixError('not_available', `${who} no OpenPGP key, and all must have one. Send through the secure portal instead.`);
      }
      const pgp = await (ctx.pgp ?? loadPgp)().catch(() => {
        throw new FixError('service_unreachable', 'OpenPGP encryption could not be loaded from the PHI Guard service. Try again.');
      });
      const armoredKeys = [...new Map(keys.map((k) => [k.fingerprint, k.armored])).values()];
      // Key ids name every recipient: hide them when someone is on Bcc.
      const hideRecipients = checked.recipients.some((r) => r.type === 'bcc');
      const encrypted = await pgp.encryptText(checked.draft.body ?? '', armoredKeys, { hideRecipients }).catch(() => {
        throw new FixError('not_available', 'A recipient’s OpenPGP key could not be used. Send through the secure portal instead.');
      });
      await source.setBody(encrypted);
      return 'pgp';
    }
    case 'smime':
      throw new FixError('not_available', 'PHI Guard cannot apply this method here.');
  }
}
