import { checkSend } from '../../../addin-outlook/src/onsend/check.js';
import type { ServiceClient } from '../../../addin-outlook/src/service/client.js';
import type { RegisteredAdapter } from '../adapter.js';
import type { ParityCase } from '../fixture.js';
import { inOutlook } from './outlook-host.js';

/** Outlook's on-send path: the draft read from the compose item the way the handler reads it. */
export const outlookOnSendAdapter: RegisteredAdapter = {
  name: 'outlook on-send',
  decide: (c: ParityCase) =>
    inOutlook(c, async ({ item, settings, facts, scanAttachments }) => {
      const client: ServiceClient = {
        policy: async () => c.policy,
        lookup: async (recipients) => new Map(recipients.map((r) => [r.address, facts.get(r.address)!])),
        appendAudit: async (events) => events.map((e) => e.clientEventId),
        scanAttachments,
      };
      const store = { get: (n: string) => settings.get(n), set: (n: string, v: unknown) => void settings.set(n, v), save: async () => undefined };
      return (await checkSend({ item, client, settings: store, appliedProtection: async () => c.protection })).decision;
    }),
};
