import { describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { noticeMessage } from './mime.js';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('the pickup notice as a message', () => {
  it('is a message any mail parser reads back: recipients, subject, both parts, thread and marker headers', async () => {
    const raw = noticeMessage(
      {
        to: ['dr.patel@elsewhere.example'],
        cc: ['"Lab, Regional" <lab@regional-lab.example>'],
        bcc: ['records@cityclinic.example'],
        subject: 'Secure message from Clínica Ciudad',
        text: 'You have a secure message.\nOpen it here:\nhttps://phiguard.example.org/portal/m/abc',
        html: '<p>You have a secure message.</p>',
        inReplyTo: '<orig@mail.gmail.com>',
        references: '<first@mail.gmail.com> <orig@mail.gmail.com>',
        headers: { 'X-PHI-Guard-Notice': 'portal' },
      },
      'b1_phiguard',
      base64,
    );
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Secure message from Clínica Ciudad');
    expect((parsed.to as { text: string }).text).toBe('dr.patel@elsewhere.example');
    expect((parsed.cc as { value: Array<{ address: string }> }).value[0]!.address).toBe('lab@regional-lab.example');
    expect((parsed.bcc as { text: string }).text).toBe('records@cityclinic.example');
    expect(parsed.text).toContain('https://phiguard.example.org/portal/m/abc');
    expect(parsed.html).toContain('<p>You have a secure message.</p>');
    expect(parsed.inReplyTo).toBe('<orig@mail.gmail.com>');
    expect(parsed.headers.get('x-phi-guard-notice')).toBe('portal');
  });

  it('cannot be given an extra header through a line break in the subject', async () => {
    const raw = noticeMessage({ to: ['a@x.example'], cc: [], bcc: [], subject: 'Hi\r\nBcc: eve@evil.example', text: 't', html: 'h' }, 'b', base64);
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(raw.split('\r\n').filter((l) => l.startsWith('Bcc:'))).toEqual([]);
  });
});
