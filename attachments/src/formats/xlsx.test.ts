import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, encryptedOfficeFile, xlsxWith, zipWith } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';

const PATIENTS = [
  ['Name', 'SSN', 'Diagnosis', 'Born', 'Visits'],
  ['Maria Gonzalez', '531-72-0846', 'type 2 diabetes', new Date(Date.UTC(1961, 2, 4)), 3],
];

describe('spreadsheet attachments', () => {
  it('give one part per sheet, named book/sheet, cells by tabs and rows by lines', async () => {
    const data = await xlsxWith([{ name: 'Notes', rows: [[CLEAN_TEXT]] }, { name: 'Patients', rows: PATIENTS }]);
    const { parts, uninspectable } = await extractText({ name: 'clinic.xlsx', data });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => p.name)).toEqual(['clinic.xlsx/Notes', 'clinic.xlsx/Patients']);
    expect(parts[1]!.text).toBe('Name\tSSN\tDiagnosis\tBorn\tVisits\nMaria Gonzalez\t531-72-0846\ttype 2 diabetes\t1961-03-04\t3');
    expect(parts.map(scansAsPhi)).toEqual([false, true]);
  });

  it('stay clean when nothing in them is PHI', async () => {
    const data = await xlsxWith([{ name: 'Rota', rows: [['Room', 'Day'], ['4', 'Thursday'], [null, 'Friday']] }]);
    const { parts, uninspectable } = await extractText({ name: 'rota.xlsx', data });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => p.text)).toEqual(['Room\tDay\n4\tThursday\n\tFriday']);
    expect(parts.some(scansAsPhi)).toBe(false);
  });

  it('that need a password are reported as encrypted', async () => {
    expect(await extractText({ name: 'locked.xlsx', data: encryptedOfficeFile() })).toEqual({ parts: [], uninspectable: [{ name: 'locked.xlsx', reason: 'encrypted' }] });
  });

  it('that expand past maxDecompressedBytes are refused before the reader opens them', async () => {
    const data = zipWith({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': new Uint8Array(3_000_000) });
    const result = await extractText({ name: 'bomb.xlsx', data }, { limits: { maxDecompressedBytes: 1_000_000 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'bomb.xlsx', reason: 'decompression_limit' }] });
  });

  it('whose workbook is not a workbook are reported as malformed', async () => {
    const data = zipWith({ 'xl/workbook.xml': 'not xml', '[Content_Types].xml': '<Types/>' });
    expect(await extractText({ name: 'broken.xlsx', data })).toEqual({ parts: [], uninspectable: [{ name: 'broken.xlsx', reason: 'malformed' }] });
  });
});
