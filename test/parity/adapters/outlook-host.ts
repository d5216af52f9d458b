import { RecipientSchema, type Recipient } from '@phiguard/core';
import type { ServiceClient } from '../../../addin-outlook/src/service/client.js';
import { fakeOffice } from '../../../addin-outlook/src/testing/fake-office.js';
import type { ParityCase, RecipientLine } from '../fixture.js';

/**
 * A case as an Outlook compose window (office-addin-mock) and the recipient facts a service
 * stand-in answers with: the case's own. Runs `use` with that Office as the global, as in Outlook.
 */
export async function inOutlook<T>(
  c: ParityCase,
  use: (host: { item: never; settings: Map<string, unknown>; facts: ReadonlyMap<string, Recipient>; scanAttachments: ServiceClient['scanAttachments'] }) => Promise<T>,
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
    return await use({ item, settings: office.settings, facts, scanAttachments: standInScan(c) });
  } finally {
    globals.Office = previous;
  }
}

/**
 * The service's attachment reader, standing in: the case's uninspectable attachments reach the
 * add-in as uploads (they have no text it can read) and come back with the case's reason.
 */
function standInScan(c: ParityCase): ServiceClient['scanAttachments'] {
  return async (uploads) => ({
    parts: [],
    uninspectable: uploads.map((u) => ({ name: u.name, reason: c.attachments.find((a) => a.name === u.name)?.uninspectable ?? 'malformed' })),
  });
}

function shown(line: RecipientLine): { address: string; name?: string } {
  return typeof line === 'string' ? { address: line } : { address: line.address, ...(line.name === undefined ? {} : { name: line.name }) };
}
