import { describe, expect, it } from '@jest/globals';
import { CSV_COLUMNS, csvCell, csvHeader, csvLine } from './csv.js';
import type { AuditEvent } from './schema.js';

const EVENT: AuditEvent = {
  seq: 7,
  recorded: '2026-03-01T12:00:00.000Z',
  clientEventId: 'e-7',
  time: '2026-03-01T11:00:00.000Z',
  kind: 'override',
  actor: 'alice@example.org',
  client: 'outlook',
  messageRef: 'AAMk=',
  recipients: ['bob@example.org', 'carol@partner.org'],
  phiKinds: { SSN: 1, CONDITION: 2 },
  action: 'warn',
  reasonCodes: ['phi_unprotected', 'first_time_recipient'],
  justification: 'Patient asked, "urgent", by phone',
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

describe('CSV export', () => {
  it('has one header column per event field', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('writes one CRLF line per event, lists joined with semicolons', () => {
    expect(csvLine(EVENT)).toBe(
      [
        '7',
        '2026-03-01T12:00:00.000Z',
        '2026-03-01T11:00:00.000Z',
        'override',
        'alice@example.org',
        'outlook',
        'AAMk=',
        'bob@example.org;carol@partner.org',
        'SSN=1;CONDITION=2',
        'warn',
        'phi_unprotected;first_time_recipient',
        '',
        '"Patient asked, ""urgent"", by phone"',
        '',
        'a'.repeat(64),
        'b'.repeat(64),
      ].join(',') + '\r\n',
    );
  });

  it.each([
    ['plain text stays as is', 'abc', 'abc'],
    ['commas, quotes and newlines are quoted (RFC 4180)', 'a,"b"\nc', '"a,""b""\nc"'],
    ['a formula is defused', '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['a leading minus or at-sign is defused', '-1+1', "'-1+1"],
  ])('%s', (_rule, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
