import { parse, type CsvError, type InfoRecord } from 'csv-parse/sync';
import { ConsentError } from './errors.js';
import { ConsentAddressSchema, ConsentInputSchema, type CsvRowError, type ParsedConsentInput } from './schema.js';

/** Biggest import accepted; the sync parser holds the whole file in memory. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 50_000;
/** Errors listed in an import result; `rejected` still counts every refused row. */
export const MAX_REPORTED_ERRORS = 1000;

/** Required header names, in any order; other columns are ignored and never stored. */
export const CSV_COLUMNS = ['address', 'patient_ref', 'consent_unencrypted', 'date', 'source'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

const FIELD_OF = {
  address: 'address',
  patient_ref: 'patientRef',
  consent_unencrypted: 'allowUnencrypted',
  date: 'consentedOn',
  source: 'source',
} as const satisfies Record<CsvColumn, keyof ParsedConsentInput>;
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([column, field]) => [field, column])) as Record<string, CsvColumn>;

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

export interface ConsentCsvRow {
  /** The line the row starts on, counting the header as line 1. */
  readonly line: number;
  readonly consent: ParsedConsentInput;
}

export interface ParsedConsentCsv {
  /** Rows that passed every check, in file order. */
  readonly rows: ConsentCsvRow[];
  /** Rows refused. */
  readonly rejected: number;
  readonly errors: CsvRowError[];
  readonly errorsTruncated: boolean;
}

/**
 * Reads a consent CSV (RFC 4180; BOM, CRLF, quoted fields and blank lines accepted). Whole-file
 * problems throw ConsentError (csv_*); row problems are reported by line and column and the
 * other rows kept. An address on several rows is refused on all of them (duplicate_address):
 * which row is right can't be told, and importing the wrong one could allow unencrypted email
 * the patient refused.
 */
export function parseConsentCsv(text: string): ParsedConsentCsv {
  if (Buffer.byteLength(text) > MAX_CSV_BYTES) throw new ConsentError('csv_too_large', `the file is over ${MAX_CSV_BYTES} bytes`);
  const { records, skipped } = readRecords(text);
  const [header, ...body] = records;
  if (header === undefined) throw new ConsentError('csv_empty', 'the file has no header row');
  const index = columnIndex(header.cells);

  const errors: CsvRowError[] = [...skipped];
  const candidates: ConsentCsvRow[] = [];
  // Every row naming an address counts, valid or not: a refused row may be the one that was meant.
  const linesByAddress = new Map<string, number[]>();
  for (const { line, cells } of body) {
    if (cells.length !== header.cells.length) {
      errors.push({ line, code: 'wrong_column_count' });
      continue;
    }
    const address = ConsentAddressSchema.safeParse(cells[index.address]);
    if (address.success) linesByAddress.set(address.data, [...(linesByAddress.get(address.data) ?? []), line]);
    const row = readRow(line, cells, index);
    if ('consent' in row) candidates.push(row);
    else errors.push(...row.errors);
  }

  const duplicated = [...linesByAddress].filter(([, lines]) => lines.length > 1);
  for (const [, lines] of duplicated) errors.push(...lines.map((line) => ({ line, column: 'address', code: 'duplicate_address' as const })));
  const refused = new Set(duplicated.map(([address]) => address));
  const rows = candidates.filter(({ consent }) => !refused.has(consent.address));

  errors.sort((a, b) => a.line - b.line);
  return {
    rows,
    rejected: body.length + skipped.length - rows.length,
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
    errorsTruncated: errors.length > MAX_REPORTED_ERRORS,
  };
}

interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

/** Records with their starting line, plus records the parser had to skip (bad quoting). */
function readRecords(text: string): { records: CsvRecord[]; skipped: CsvRowError[] } {
  const skipped: CsvRowError[] = [];
  let unclosedQuote = false;
  let parsed: Array<{ record: string[]; info: InfoRecord }>;
  try {
    // One line-break form, so the parser's line count matches what an editor shows.
    // With `info`, each result is { record, info } (the typings only know plain records).
    parsed = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      skip_records_with_error: true,
      // One past the cap (plus the header), to tell a full file from an oversized one.
      to: MAX_CSV_ROWS + 2,
      on_skip: (error: CsvError | undefined) => {
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') unclosedQuote = true;
        // The parser's message quotes the value; only its line is kept.
        else skipped.push({ line: typeof error?.lines === 'number' ? error.lines : 1, code: 'malformed_row' });
      },
    }) as unknown as typeof parsed;
  } catch {
    throw new ConsentError('csv_malformed', 'the file is not valid CSV');
  }
  if (unclosedQuote) throw new ConsentError('csv_malformed', 'a quoted field is never closed');
  if (parsed.length > MAX_CSV_ROWS + 1) throw new ConsentError('csv_too_many_rows', `the file has over ${MAX_CSV_ROWS} rows`);
  const records = parsed.map(({ record, info }) => ({
    // info.lines is where the record ends; a quoted field can span lines.
    line: info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  return { records, skipped };
}

function columnIndex(header: readonly string[]): Record<CsvColumn, number> {
  const names = header.map((name) => name.toLowerCase());
  // Reported only for required names: another header cell could be a data value (a file without a header).
  const repeated = CSV_COLUMNS.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
  if (repeated.length > 0) throw new ConsentError('csv_duplicate_column', 'a column appears twice in the header', { columns: repeated });
  const missing = CSV_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) throw new ConsentError('csv_missing_columns', 'the header lacks required columns', { columns: missing });
  return Object.fromEntries(CSV_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<CsvColumn, number>;
}

function readRow(line: number, cells: readonly string[], index: Record<CsvColumn, number>): ConsentCsvRow | { errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const input: Record<string, unknown> = {};
  for (const column of CSV_COLUMNS) {
    const cell = cells[index[column]]!;
    if (cell === '') errors.push({ line, column, code: 'missing' });
    else input[FIELD_OF[column]] = column === 'consent_unencrypted' ? yesNo(cell) : cell;
  }
  if (errors.length > 0) return { errors };
  const parsed = ConsentInputSchema.safeParse(input);
  if (parsed.success) return { line, consent: parsed.data };
  const columns = new Set(parsed.error.issues.map((issue) => COLUMN_OF[String(issue.path[0])]));
  return { errors: CSV_COLUMNS.filter((column) => columns.has(column)).map((column) => ({ line, column, code: 'invalid' as const })) };
}

/** A yes/no cell as a boolean; anything else stays a string, which the schema refuses. */
function yesNo(cell: string): boolean | string {
  const value = cell.toLowerCase();
  return YES.has(value) ? true : NO.has(value) ? false : cell;
}
