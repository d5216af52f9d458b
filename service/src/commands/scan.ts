import { parseArgs } from 'node:util';
import { scan } from '@phiguard/core';
import { createExtractor, type Extractor } from '../attachments/extractor.js';
import { DraftReadError } from '../mail/errors.js';
import { EXIT, UsageError, internalError, usesColor, write, type Command, type CommandIo, type ExitCode } from './command.js';
import { readScanFile } from './scan-file.js';
import { formatReport } from './scan-report.js';
import { scanJsonl } from './scan-jsonl.js';

const USAGE = `Usage:
  phi-guard scan [--heic] FILE...  Report the PHI found in drafts and attachments
  phi-guard scan --jsonl           Scan JSON lines from stdin, write one JSON line per input line

Files (the type is read from the content, then the name):
  .eml   a saved email message: subject, text (or HTML) body and every attachment
  .txt   the body of a draft; a first line "Subject: ..." is scanned as the subject
  other  an attachment: PDF, Word (.docx), Excel (.xlsx), CSV, text, HTML, RTF,
         Outlook .msg, ZIP, and images (PNG, JPEG, TIFF...) read by OCR.
         Findings are reported per attachment and page. A file that cannot be
         inspected (encrypted, damaged, over a limit) is reported as such.
         HEIC photos (iPhone pictures) are read only with --heic: the decoder
         (libheif, libde265) is LGPL-3.0 and HEVC is patent-encumbered;
         without it they are reported as not inspected (unsupported).

JSON lines:
  in:    {"id": "a1", "subject": "...", "body": "...", "to": ["..."]}
  out:   {"id": "a1", "phi": true, "subjectPhi": false,
          "findings": [{"field", "start", "end", "kind", "category", "score"}]}
         start/end are UTF-16 offsets into the field. A line that is not valid
         gets {"id": <id or null>, "error": "..."} and the rest are still scanned.

Exit status: 0 when every input was scanned (whether or not it has PHI),
             1 when any file or line could not be read or any attachment could not
             be inspected, 2 for a bad command line.
`;

export const scanCommand: Command = {
  name: 'scan',
  summary: 'Report the PHI in drafts (.eml, .txt) and attachments (PDF, Office, images...), or scan JSON lines from stdin',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseScanArgs(args);
    if (values.jsonl) {
      if (positionals.length > 0) throw new UsageError('--jsonl reads stdin and takes no files');
      const { exitCode, failed, scanned } = await scanJsonl(io.stdin, io.stdout);
      if (failed > 0) await write(io.stderr, `phi-guard scan: ${failed} of ${failed + scanned} lines could not be scanned\n`);
      return exitCode;
    }
    if (positionals.length === 0) throw new UsageError('give one or more files, or --jsonl');
    const extractor = createExtractor({ heic: values.heic });
    try {
      return await scanFiles(positionals, io, extractor);
    } finally {
      await extractor.close();
    }
  },
};

/**
 * Prints a report for each file, in order. A file that cannot be read, or that has an attachment
 * that cannot be inspected, is named on stderr (with reason codes only) and the others are still scanned.
 */
export async function scanFiles(paths: readonly string[], io: CommandIo, extractor: Pick<Extractor, 'extract'>): Promise<ExitCode> {
  const color = usesColor(io.stdout);
  let exitCode: ExitCode = EXIT.ok;
  let first = true;
  for (const path of paths) {
    let report: string;
    let problems: string[];
    try {
      const draft = await readScanFile(path, extractor);
      report = formatReport(path, draft, scan(draft), { color });
      problems = (draft.attachments ?? []).flatMap((a) => (a.uninspectable ? [a.uninspectable] : []));
    } catch (error) {
      await write(io.stderr, `phi-guard scan: ${path}: ${reason(error)}\n`);
      exitCode = EXIT.failed;
      continue;
    }
    await write(io.stdout, first ? report : `\n${report}`);
    first = false;
    if (problems.length > 0) {
      const n = problems.length;
      await write(io.stderr, `phi-guard scan: ${path}: ${n} ${n === 1 ? 'attachment' : 'attachments'} could not be inspected (${[...new Set(problems)].join(', ')})\n`);
      exitCode = EXIT.failed;
    }
  }
  return exitCode;
}

function parseScanArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: { jsonl: { type: 'boolean', default: false }, heic: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains unknown options well ("Unknown option '--x'"); it only quotes the argument.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A read error's own message, or the error name for anything unexpected (messages may quote input). */
function reason(error: unknown): string {
  if (error instanceof DraftReadError) return error.message;
  return `could not be scanned (${internalError(error)})`;
}
