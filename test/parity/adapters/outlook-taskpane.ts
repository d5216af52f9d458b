import { checkDraft } from '../../../addin-outlook/src/taskpane/check.js';
import { outlookSource } from '../../../addin-outlook/src/taskpane/outlook-source.js';
import type { RegisteredAdapter } from '../adapter.js';
import type { ParityCase } from '../fixture.js';
import { inOutlook } from './outlook-host.js';

/** Outlook's task pane: the draft read through the pane's own source and scanned in the pane. */
export const outlookTaskPaneAdapter: RegisteredAdapter = {
  name: 'outlook task pane',
  cannotExpress: (c) =>
    c.protection === 'none' ? undefined : `the pane cannot be told "${c.protection}" was applied; applying it there replaces the body`,
  decide: (c: ParityCase) =>
    inOutlook(c, async ({ item, facts, scanAttachments }) => {
      const client = { lookup: async (recipients: ReadonlyArray<{ address: string }>) => new Map(recipients.map((r) => [r.address, facts.get(r.address)!])) };
      // The pane reads attachments in its worker; the stand-in gives the case's attachment text as the worker would.
      return (await checkDraft({ source: outlookSource(item), policy: c.policy, client, attachments: { scanAttachments } })).decision;
    }),
};
