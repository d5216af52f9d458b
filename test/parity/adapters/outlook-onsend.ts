import { RecipientSchema, type Recipient } from '@phiguard/core';
import { checkSend } from '../../../addin-outlook/src/onsend/check.js';
import type { ServiceClient } from '../../../addin-outlook/src/service/client.js';
import { fakeOffice } from '../../../addin-outlook/src/testing/fake-office.js';
import type { RegisteredAdapter } from '../adapter.js';
import type { ParityCase, RecipientLine } from '../fixture.js';

/**
 * Outlook's on-send path: the draft read from a (fake) compose item the way the handler reads it,
 * the policy and recipient facts answered by a service stand-in carrying the case's own.
 */
export const outlookOnSendAdapter: RegisteredAdapter = {
  name: 'outlook on-send',
  async decide(c: ParityCase) {
    const office = fakeOffice({
      subject: c.subject,
      body: c.body,
      to: c.to.map(shown),
      cc: c.cc.map(shown),
      bcc: c.bcc.map(shown),
      attachments: c.attachments.map((a) => ({ name: a.name, ...(a.text === undefined ? {} : { text: a.text }) })),
    });
    const facts = new Map<string, Recipient>(
      [...c.to, ...c.cc, ...c.bcc].map((line) => {
        const r = RecipientSchema.parse(typeof line === 'string' ? { address: line } : line);
        return [r.address, r];
      }),
    );
    const client: ServiceClient = {
      policy: async () => c.policy,
      lookup: async (recipients) => new Map(recipients.map((r) => [r.address, facts.get(r.address)!])),
      appendAudit: async (events) => events.map((e) => e.clientEventId),
    };
    const globals = globalThis as { Office?: unknown };
    const previous = globals.Office;
    globals.Office = office.Office;
    try {
      const item = (office.Office as { context: { mailbox: { item: never } } }).context.mailbox.item;
      const settings = { get: (n: string) => office.settings.get(n), set: (n: string, v: unknown) => void office.settings.set(n, v), save: async () => undefined };
      return (await checkSend({ item, client, settings, appliedProtection: async () => c.protection })).decision;
    } finally {
      globals.Office = previous;
    }
  },
};

function shown(line: RecipientLine): { address: string; name?: string } {
  return typeof line === 'string' ? { address: line } : { address: line.address, ...(line.name === undefined ? {} : { name: line.name }) };
}
