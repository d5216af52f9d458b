import { RecipientSchema } from '@phiguard/core';
import { appsScriptHost } from '../../../addin-gmail/src/apps-script-host.js';
import { checkCompose } from '../../../addin-gmail/src/check.js';
import { createServiceClient } from '../../../addin-gmail/src/service-client.js';
import { FakeGmail } from '../../../addin-gmail/src/testing/fake-gmail.js';
import { withAppsScript } from '../../../addin-gmail/src/testing/stand-in.js';
import type { RegisteredAdapter } from '../adapter.js';
import type { ParityCase, RecipientLine } from '../fixture.js';

/** Gmail's compose check: the case saved as a Gmail draft, read back through the Gmail API, scanned in Apps Script. */
export const gmailAdapter: RegisteredAdapter = {
  name: 'gmail',
  cannotExpress: (c) =>
    c.protection === 'none'
      ? undefined
      : `Gmail cannot mark a draft "${c.protection}"-protected; its protected path, Send securely, sends the notice instead`,
  decide: async (c: ParityCase) => {
    const gmail = new FakeGmail();
    const list = (lines: readonly RecipientLine[]) => lines.map(address).join(', ');
    gmail.addDraft({
      to: list(c.to),
      cc: list(c.cc),
      bcc: list(c.bcc),
      subject: c.subject,
      text: c.body,
      // Attachments with text are read in Apps Script; the case's uninspectable ones go to the service.
      attachments: c.attachments.map((a) => ({ name: a.name, contentType: a.uninspectable ? (a.contentType ?? 'application/octet-stream') : (a.contentType ?? 'text/plain'), content: a.text ?? '' })),
    });
    const facts = Object.fromEntries([...c.to, ...c.cc, ...c.bcc].map((line) => [address(line), RecipientSchema.parse(typeof line === 'string' ? { address: line } : line)]));
    const attachmentScan = (uploads: readonly { name: string }[]) => ({
      parts: [],
      uninspectable: uploads.map((u) => ({ name: u.name, reason: c.attachments.find((a) => a.name === u.name)?.uninspectable ?? ('malformed' as const) })),
    });
    return withAppsScript({ policy: c.policy, gmail, facts, attachmentScan }, () => {
      const host = appsScriptHost();
      const outcome = checkCompose(host, createServiceClient(host), { to: c.to.map(address), cc: c.cc.map(address), bcc: c.bcc.map(address) });
      if (outcome.status !== 'checked') throw new Error('the Gmail adapter did not find the draft it saved');
      return outcome.checked.decision;
    });
  },
};

function address(line: RecipientLine): string {
  return typeof line === 'string' ? line : line.address;
}
