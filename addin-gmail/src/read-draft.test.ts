import { describe, expect, it } from '@jest/globals';
import { appsScriptHost } from './apps-script-host.js';
import { DRAFTS_COMPARED, readDraft } from './read-draft.js';
import { FakeGmail } from './testing/fake-gmail.js';
import { withAppsScript } from './testing/stand-in.js';
import { DEFAULT_POLICY } from '@phiguard/core';

const ORG = { domains: ['cityclinic.example'] };

function read(gmail: FakeGmail, context: { threadId?: string; to: string[]; cc?: string[]; bcc?: string[] }) {
  return withAppsScript({ policy: DEFAULT_POLICY, gmail }, () => readDraft(appsScriptHost(), { cc: [], bcc: [], ...context }, ORG));
}

describe('reading the autosaved draft', () => {
  it('matches the compose window by To, Cc and Bcc, whatever their case, order and display names', () => {
    const gmail = new FakeGmail();
    gmail.addDraft({ to: '"Patel, Anil" <Dr.Patel@Elsewhere.example>, nurse@cityclinic.example', bcc: 'records@cityclinic.example', subject: 'Mine', text: 'body' });
    gmail.addDraft({ to: 'dr.patel@elsewhere.example', subject: 'Other draft', text: 'body' });
    const found = read(gmail, { to: ['nurse@cityclinic.example', 'dr.patel@elsewhere.example'], bcc: ['records@cityclinic.example'] });
    expect(found.status === 'found' && found.draft.subject).toBe('Mine');
    expect(found.status === 'found' && found.recipients).toEqual([
      { address: 'dr.patel@elsewhere.example', name: 'Patel, Anil', type: 'to' },
      { address: 'nurse@cityclinic.example', type: 'to' },
      { address: 'records@cityclinic.example', type: 'bcc' },
    ]);
  });

  it('reads HTML when there is no plain-text part, and decodes non-ASCII text', () => {
    const gmail = new FakeGmail();
    gmail.addDraft({ to: 'a@x.example', subject: 'Résultats', html: '<div>José Núñez<br>SSN 531-72-0846</div>' });
    const found = read(gmail, { to: ['a@x.example'] });
    expect(found.status === 'found' && found.draft.body).toBe('José Núñez\nSSN 531-72-0846');
    expect(found.status === 'found' && found.draft.subject).toBe('Résultats');
  });

  it('reads text attachments itself and leaves the others, with where to fetch them, for the service', () => {
    const gmail = new FakeGmail();
    gmail.addDraft({
      to: 'a@x.example',
      text: 'See attached.',
      attachments: [
        { name: 'callbacks.csv', contentType: 'text/csv', content: 'Maria Gonzalez,531-72-0846' },
        { name: 'scan.pdf', contentType: 'application/pdf', content: '%PDF-1.7', separate: true },
      ],
    });
    const found = read(gmail, { to: ['a@x.example'] });
    if (found.status !== 'found') throw new Error('not found');
    expect(found.draft.attachments).toEqual([{ name: 'callbacks.csv', contentType: 'text/csv', text: 'Maria Gonzalez,531-72-0846' }]);
    expect(found.attachments[1]).toMatchObject({ name: 'scan.pdf', attachmentId: expect.stringMatching(/^att-/) });
  });

  it('looks only at the newest drafts, so an old draft with the same recipients is not mistaken for this one', () => {
    const gmail = new FakeGmail();
    gmail.addDraft({ to: 'a@x.example', subject: 'Old', text: 'old' });
    for (let i = 0; i < DRAFTS_COMPARED; i++) gmail.addDraft({ to: `other${i}@x.example`, text: 'newer' });
    expect(read(gmail, { to: ['a@x.example'] }).status).toBe('not_saved');
  });
});
