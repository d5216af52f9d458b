import { RecipientSchema, type Recipient } from '@phiguard/core';
import { fakeOffice } from '../../../addin-outlook/src/testing/fake-office.js';
import type { ParityCase, RecipientLine } from '../fixture.js';

/**
 * A case as an Outlook compose window (office-addin-mock) and the recipient facts a service
 * stand-in answers with: the case's own. Runs `use` with that Office as the global, as in Outlook.
 */
export async function inOutlook<T>(
  c: ParityCase,
  use: (host: { item: never; settings: Map<string, unknown>; facts: ReadonlyMap<string, Recipient> }) => Promise<T>,
): Promise<T> {
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
  const globals = globalThis as { Office?: unknown };
  const previous = globals.Office;
  globals.Office = office.Office;
  try {
    const item = (office.Office as { context: { mailbox: { item: never } } }).context.mailbox.item;
    return await use({ item, settings: office.settings, facts });
  } finally {
    globals.Office = previous;
  }
}

function shown(line: RecipientLine): { address: string; name?: string } {
  return typeof line === 'string' ? { address: line } : { address: line.address, ...(line.name === undefined ? {} : { name: line.name }) };
}
