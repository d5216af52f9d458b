import type { AttachmentFile } from '../contract.js';
import { arrayBufferOf } from '../lib/bytes.js';
import { addPart, checkDeadline, type Job } from '../lib/job.js';
import { checkExpansion } from '../lib/zip-reader.js';

type Cell = string | number | boolean | Date | null | typeof Date;

/**
 * Every sheet of a workbook, one part each (`book.xlsx/Sheet1`): cells joined by tabs, rows by
 * lines. Read by read-excel-file once the ZIP is known to stay within the limits.
 */
export async function readXlsx(file: AttachmentFile, job: Job): Promise<void> {
  checkExpansion(file.data, job);
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  const sheets = await readXlsxFile(arrayBufferOf(file.data));
  checkDeadline(job);
  for (const { sheet, data } of sheets) {
    const text = data.map((row) => row.map(cellText).join('\t').trimEnd()).join('\n');
    addPart(job, { name: `${file.name}/${sheet}`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', text });
  }
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  // Spreadsheet dates carry no time zone; read-excel-file gives them as UTC midnight.
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}
