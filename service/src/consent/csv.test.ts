import { describe, expect, it } from '@jest/globals';
import { MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_REPORTED_ERRORS, parseConsentCsv } from './csv.js';
import { ConsentError } from './errors.js';

const HEADER = 'address,patient_ref,consent_unencrypted,date,source';
const csv = (...lines: string[]) => lines.join('\r\n');

function fileError(text: string): ConsentError {
  try {
    parseConsentCsv(text);
  } catch (error) {
    if (error instanceof ConsentError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('parseConsentCsv', () => {
  it('reads an EHR export (BOM, CRLF, quoted fields, blank lines) and keeps every valid row', () => {
    const text =
      '\ufeff' +
      csv(
        HEADER,
        'Maria.Lopez@Gmail.com,MRN-000123,Yes,2026-01-15,portal-form',
        '',
        '"j.smith@example.net","MRN,000124",no,2026-01-16,paper',
        '  pat@example.org , MRN-000125 , TRUE , 2026-02-01 , ehr-import ',
        ',,,,',
        '',
      );
    const { rows, rejected, errors } = parseConsentCsv(text);
    expect(errors).toEqual([]);
    expect(rejected).toBe(0);
    expect(rows).toEqual([
      { line: 2, consent: { address: 'maria.lopez@gmail.com', patientRef: 'MRN-000123', allowUnencrypted: true, consentedOn: '2026-01-15', source: 'portal-form' } },
      { line: 4, consent: { address: 'j.smith@example.net', patientRef: 'MRN,000124', allowUnencrypted: false, consentedOn: '2026-01-16', source: 'paper' } },
      { line: 5, consent: { address: 'pat@example.org', patientRef: 'MRN-000125', allowUnencrypted: true, consentedOn: '2026-02-01', source: 'ehr-import' } },
    ]);
  });

  it('accepts the header in any order and in any case, and ignores extra columns', () => {
    const { rows } = parseConsentCsv(csv('Source,Date,Patient_Ref,Name,Address,Consent_Unencrypted', 'paper,2026-01-02,P-1,Maria Lopez,maria@example.org,y'));
    expect(rows).toEqual([
      { line: 2, consent: { address: 'maria@example.org', patientRef: 'P-1', allowUnencrypted: true, consentedOn: '2026-01-02', source: 'paper' } },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Maria Lopez');
  });

  it.each([
    ['yes', true],
    ['Y', true],
    ['true', true],
    ['1', true],
    ['NO', false],
    ['n', false],
    ['False', false],
    ['0', false],
  ])('reads consent %s as %s', (cell, expected) => {
    const { rows } = parseConsentCsv(csv(HEADER, `a@example.org,P-1,${cell},2026-01-02,paper`));
    expect(rows[0]?.consent.allowUnencrypted).toBe(expected);
  });

  it('reports each bad row by the line a spreadsheet shows and the column, never the value, and keeps the good rows', () => {
    const text = csv(
      HEADER,
      'good@example.org,P-1,yes,2026-01-02,paper',
      'Maria Lopez <maria@example.org>,P-2,yes,2026-01-02,paper', // a display name, not an address
      'ok@example.org,,yes,2026-01-02,paper',
      'ok2@example.org,Jane Doe DOB 1980,maybe,2026-02-30,Front desk',
      '"multi',
      'line@example.org",P-5,yes,2026-01-02,paper',
      'short@example.org,P-6,yes',
      'also-good@example.org,P-7,no,2026-01-03,paper',
    );
    const { rows, rejected, errors } = parseConsentCsv(text);
    expect(rows.map((row) => [row.line, row.consent.address])).toEqual([
      [2, 'good@example.org'],
      [9, 'also-good@example.org'],
    ]);
    expect(rejected).toBe(5);
    expect(errors).toEqual([
      { line: 3, column: 'address', code: 'invalid' },
      { line: 4, column: 'patient_ref', code: 'missing' },
      { line: 5, column: 'patient_ref', code: 'invalid' },
      { line: 5, column: 'consent_unencrypted', code: 'invalid' },
      { line: 5, column: 'date', code: 'invalid' },
      { line: 5, column: 'source', code: 'invalid' },
      { line: 6, column: 'address', code: 'invalid' },
      { line: 8, code: 'wrong_column_count' },
    ]);
    const reported = JSON.stringify(errors);
    for (const value of ['Maria', 'Jane', '1980', 'maybe', 'Front desk', 'short@']) expect(reported).not.toContain(value);
  });

  it('refuses every row of an address that appears twice, since which one is right cannot be told', () => {
    const { rows, errors } = parseConsentCsv(
      csv(HEADER, 'pat@example.org,P-1,yes,2026-01-02,paper', 'other@example.org,P-2,yes,2026-01-02,paper', 'PAT@example.org,P-1,no,2026-01-05,paper'),
    );
    expect(rows.map((row) => row.consent.address)).toEqual(['other@example.org']);
    expect(errors).toEqual([
      { line: 2, column: 'address', code: 'duplicate_address' },
      { line: 4, column: 'address', code: 'duplicate_address' },
    ]);
  });

  it('an address repeated on a row that is otherwise invalid still refuses the valid row', () => {
    const { rows, errors } = parseConsentCsv(csv(HEADER, 'pat@example.org,P-1,yes,2026-01-02,paper', 'pat@example.org,P-1,no,05/01/2026,paper'));
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 2, column: 'address', code: 'duplicate_address' },
      { line: 3, column: 'date', code: 'invalid' },
      { line: 3, column: 'address', code: 'duplicate_address' },
    ]);
  });

  it('reports a row with a stray quote as malformed by its line and reads the rest', () => {
    const { rows, errors } = parseConsentCsv(csv(HEADER, 'a@example.org,P"1,yes,2026-01-02,paper', 'b@example.org,P-2,yes,2026-01-02,paper'));
    expect(rows.map((row) => row.line)).toEqual([3]);
    expect(errors).toEqual([{ line: 2, code: 'malformed_row' }]);
  });

  it('a header with no rows imports nothing and reports nothing', () => {
    expect(parseConsentCsv(`${HEADER}\r\n`)).toEqual({ rows: [], rejected: 0, errors: [], errorsTruncated: false });
  });

  describe('refuses the whole file', () => {
    it('when it is empty', () => {
      expect(fileError('\ufeff\r\n\r\n').code).toBe('csv_empty');
    });

    it('when the header lacks a column, naming only the missing required columns', () => {
      const error = fileError(csv('address,patient_ref,date,source', 'a@example.org,P-1,2026-01-02,paper'));
      expect(error.code).toBe('csv_missing_columns');
      expect(error.details.columns).toEqual(['consent_unencrypted']);
    });

    it('when there is no header (the first row is data), without echoing it', () => {
      const error = fileError(csv('maria@example.org,MRN-1,yes,2026-01-02,paper'));
      expect(error.code).toBe('csv_missing_columns');
      expect(JSON.stringify({ ...error.details, message: error.message })).not.toContain('maria');
    });

    it('when a required column appears twice', () => {
      expect(fileError(csv(`${HEADER},date`, 'a@example.org,P-1,yes,2026-01-02,paper,2026-01-03')).code).toBe('csv_duplicate_column');
    });

    it('when a quote is never closed (the rest of the file would be lost)', () => {
      expect(fileError(csv(HEADER, 'a@example.org,P-1,yes,2026-01-02,paper', '"b@example.org,P-2,yes,2026-01-02,paper', 'c@example.org,P-3,yes,2026-01-02,paper')).code).toBe(
        'csv_malformed',
      );
    });

    it(`when it is over ${MAX_CSV_BYTES} bytes`, () => {
      expect(fileError(`${HEADER}\n${'x'.repeat(MAX_CSV_BYTES)}`).code).toBe('csv_too_large');
    });

    it(`when it has over ${MAX_CSV_ROWS} rows`, () => {
      const rows = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `p${i}@example.org,P-${i},yes,2026-01-02,paper`);
      expect(fileError(csv(HEADER, ...rows)).code).toBe('csv_too_many_rows');
    });
  });

  it(`lists at most ${MAX_REPORTED_ERRORS} errors but counts every refused row`, () => {
    const rows = Array.from({ length: MAX_REPORTED_ERRORS + 10 }, (_, i) => `p${i}@example.org,P-${i},perhaps,2026-01-02,paper`);
    const result = parseConsentCsv(csv(HEADER, ...rows));
    expect(result.rejected).toBe(MAX_REPORTED_ERRORS + 10);
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(result.errorsTruncated).toBe(true);
  });
});
