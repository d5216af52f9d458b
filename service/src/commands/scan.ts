import { parseArgs } from 'node:util';
import { scan } from '@phiguard/core';
import { DraftReadError } from '../mail/errors.js';
import { readDraftFile } from '../mail/draft-file.js';
import { EXIT, UsageError, internalError, usesColor, write, type Command, type CommandIo, type ExitCode } from './command.js';
import { formatReport } from './scan-report.js';
import { scanJsonl } from './scan-jsonl.js';

const USAGE = `Usage:
  phi-guard scan FILE...     Report the PHI found in .txt and .eml drafts
  phi-guard scan --jsonl     Scan JSON lines from stdin, write one JSON line per input line

Files:
  .eml   a saved email message: subject, text (or HTML) body and text attachments are scanned
  .txt   the body of a draft; a first line "Subject: ..." is scanned as the subject

JSON lines:
  in:    {"id": "a1", "subject": "...", "body": "...", "to": ["..."]}
  out:   {"id": "a1", "phi": true, "subjectPhi": false,
          "findings": [{"field", "start", "end", "kind", "category", "score"}]}
         start/end are UTF-16 offsets into the field. A line that is not valid
         gets {"id": <id or null>, "error": "..."} and the rest are still scanned.

Exit status: 0 when every input was scanned (whether or not it has PHI),
             1 when any file or line could not be read, 2 for a bad command line.
`;

export const scanCommand: Command = {
  name: 'scan',
  summary: 'Report the PHI in .txt/.eml drafts, or scan JSON lines from stdin',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseScanArgs(args);
    if (values.jsonl) {
      if (positionals.length > 0) throw new UsageError('--jsonl reads stdin and takes no files');
      const { exitCode, failed, scanned } = await scanJsonl(io.stdin, io.stdout);
      if (failed > 0) await write(io.stderr, `phi-guard scan: ${failed} of ${failed + scanned} lines could not be scanned\n`);
      return exitCode;
    }
    if (positionals.length === 0) throw new UsageError('give one or more .txt or .eml files, or --jsonl');
    return scanFiles(positionals, io);
  },
};

/**
 * Prints a report for each file, in order. A file that cannot be read is named on stderr and
 * the others are still scanned.
 */
export async function scanFiles(paths: readonly string[], io: CommandIo): Promise<ExitCode> {
  const color = usesColor(io.stdout);
  let exitCode: ExitCode = EXIT.ok;
  let first = true;
  for (const path of paths) {
    let report: string;
    try {
      const { draft } = await readDraftFile(path);
      report = formatReport(path, draft, scan(draft), { color });
    } catch (error) {
      await write(io.stderr, `phi-guard scan: ${path}: ${reason(error)}\n`);
      exitCode = EXIT.failed;
      continue;
    }
    await write(io.stdout, first ? report : `\n${report}`);
    first = false;
  }
  return exitCode;
}

function parseScanArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: { jsonl: { type: 'boolean', default: false } },
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
