import type { Recipient, RecipientInput } from '../decide/recipient.js';

/** A recipient as the compose window has it. */
export interface ComposeRecipient {
  readonly address: string;
  readonly name?: string;
  readonly type: 'to' | 'cc' | 'bcc';
}

/**
 * What decide needs about each recipient: the service's answer where it gave one, else
 * `unavailable` (service down, timed out, not answered), so the policy's fail mode decides.
 */
export function recipientFacts(recipients: readonly ComposeRecipient[], found: ReadonlyMap<string, Recipient> | undefined): RecipientInput[] {
  return recipients.map((r) => {
    const answer = found?.get(r.address);
    if (answer) return { ...answer, type: r.type };
    return { address: r.address, ...(r.name ? { name: r.name } : {}), type: r.type, lookup: 'unavailable' as const };
  });
}
