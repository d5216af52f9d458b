import { describe, expect, it } from '@jest/globals';
import type { Finding, ScanResult } from '@phiguard/core';
import { excerpt, formatReport } from './scan-report.js';

function finding(overrides: Partial<Finding> & Pick<Finding, 'field' | 'start' | 'end'>): Finding {
  return { kind: 'SSN', category: 'identifier', score: 0.85, recognizer: 'US_SSN', why: 'looks like an SSN', ...overrides };
}

describe('excerpt', () => {
  it.each([
    ['shows the whole field when it is short', 'SSN 531-72-0846 here', 4, 15, { before: 'SSN ', match: '531-72-0846', after: ' here' }],
    ['puts line breaks and tabs on one line', 'Patient:\n\tSSN\r\n531-72-0846\nnext', 15, 26, { before: 'Patient: SSN ', match: '531-72-0846', after: ' next' }],
    [
      'cuts long context at word boundaries and marks the cut',
      'The quick brown fox jumps over the lazy dog SSN 531-72-0846 and then runs far away from the river bank',
      48,
      59,
      { before: '…over the lazy dog SSN ', match: '531-72-0846', after: ' and then runs far away…' },
    ],
    ['replaces terminal escapes and bidi controls', '\u001b[31mSSN\u202e 531-72-0846', 10, 21, { before: '\ufffd[31mSSN\ufffd ', match: '531-72-0846', after: '' }],
    ['never splits a surrogate pair at a cut', `${'😀'.repeat(20)}x531-72-0846`, 41, 52, { before: `…${'😀'.repeat(11)}x`, match: '531-72-0846', after: '' }],
  ])('%s', (_label, text, start, end, expected) => {
    expect(excerpt(text, start, end)).toEqual(expected);
  });

  it('shortens a very long match in the middle', () => {
    const text = 'a'.repeat(200);
    const { match } = excerpt(text, 0, 200);
    expect(match).toHaveLength(80);
    expect(match).toContain('…');
  });
});

describe('formatReport', () => {
  const draft = {
    subject: 'Referral for Jane Roe',
    body: 'Jane Roe, SSN 531-72-0846, has asthma.',
    attachments: [
      { name: 'labs.csv', contentType: 'text/csv', text: 'name,ssn\nJane Roe,531-72-0846' },
      { name: 'scan.pdf', contentType: 'application/pdf' },
    ],
  };
  const result: ScanResult = {
    phi: true,
    subjectPhi: true,
    findings: [
      finding({ field: 'body', start: 14, end: 25 }),
      finding({ field: 'attachment', attachment: 0, start: 18, end: 29 }),
      finding({ field: 'subject', start: 13, end: 21, kind: 'NAME', score: 0.6, recognizer: 'PERSON', why: 'a personal name' }),
      finding({ field: 'body', start: 0, end: 8, kind: 'NAME', score: 0.6, recognizer: 'PERSON', why: 'a personal name' }),
    ],
  };

  it('states the verdict, then findings grouped by field in text order, each with its why', () => {
    expect(formatReport('draft.eml', draft, result, { color: false })).toBe(
      [
        'draft.eml',
        '  PHI: yes   Subject leaks PHI: yes   4 findings',
        '',
        '  Subject',
        '    NAME  0.60  Referral for [[Jane Roe]]',
        '                a personal name',
        '',
        '  Body',
        '    NAME  0.60  [[Jane Roe]], SSN 531-72-0846, has…',
        '                a personal name',
        '    SSN   0.85  Jane Roe, SSN [[531-72-0846]], has asthma.',
        '                looks like an SSN',
        '',
        '  Attachment labs.csv (text/csv)',
        '    SSN   0.85  name,ssn Jane Roe,[[531-72-0846]]',
        '                looks like an SSN',
        '',
        '  Not scanned: scan.pdf (application/pdf) has no readable text',
        '',
      ].join('\n'),
    );
  });

  it('names the page of each attachment part, and says which attachments could not be inspected and why', () => {
    const pages = {
      subject: '',
      body: '',
      attachments: [
        { name: 'referral.pdf', contentType: 'application/pdf', page: 1, text: 'Referral' },
        { name: 'referral.pdf', contentType: 'application/pdf', page: 2, text: 'SSN 531-72-0846' },
        { name: 'archive.zip/labs.pdf', uninspectable: 'encrypted' as const },
      ],
    };
    const found: ScanResult = {
      phi: false,
      subjectPhi: false,
      findings: [finding({ field: 'attachment', attachment: 1, start: 4, end: 15 })],
      uninspectable: [{ attachment: 2, reason: 'encrypted' }],
    };
    expect(formatReport('referral.pdf', pages, found, { color: false })).toBe(
      [
        'referral.pdf',
        '  PHI: no   Subject leaks PHI: no   1 finding   1 not inspected',
        '',
        '  Attachment referral.pdf (application/pdf), page 2',
        '    SSN  0.85  SSN [[531-72-0846]]',
        '               looks like an SSN',
        '',
        '  Not inspected: archive.zip/labs.pdf: encrypted or password-protected; it may hold PHI',
        '',
      ].join('\n'),
    );
  });

  it('says so plainly when there is nothing to report', () => {
    const clean = formatReport('lunch.txt', { subject: '', body: 'Lunch at noon' }, { phi: false, subjectPhi: false, findings: [] }, { color: false });
    expect(clean).toBe('lunch.txt\n  PHI: no   Subject leaks PHI: no   0 findings\n');
  });

  it('uses colour escapes only when asked', () => {
    const coloured = formatReport('d.eml', draft, result, { color: true });
    expect(coloured).toContain('\x1b[1;33m[[531-72-0846]]\x1b[0m');
    expect(coloured.replace(/\x1b\[[\d;]*m/g, '')).toBe(formatReport('d.eml', draft, result, { color: false }));
  });
});
