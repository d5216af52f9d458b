import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIT_KEY_FILE, AuditKeyError, loadAuditPublicKey, type AuditPublicKey } from '../audit/keys.js';
import type { VerifyProblem, VerifyProblemCode, VerifyReport } from '../audit/schema.js';
import { verifyAuditLog } from '../audit/verify.js';
import { openStore, type StoreOptions } from '../store/open-store.js';
import { StoreError } from '../store/store.js';
import { EXIT, UsageError, write, type Command } from './command.js';

const USAGE = `Usage:
  phi-guard audit verify [--data DIR | --database-url URL] [--key FILE]... [--origin ORIGIN] [--json]

Recomputes the audit log's hash chain from the first event, checks every purge
record, and checks every signed checkpoint's signatures and Merkle root. Prints
the first position (seq) where the log was altered, reordered or cut, and why.
Reads only; never migrates or writes.

Options:
  --data DIR           data folder holding the SQLite database and the audit key
                       (PHIGUARD_DATA_DIR; default ./.data)
  --database-url URL   verify a PostgreSQL database instead (DATABASE_URL)
  --key FILE           audit key to trust (the public JWK from GET /v1/audit/key
                       is enough); repeat for earlier keys. Default: the data
                       folder's ${AUDIT_KEY_FILE}
  --origin ORIGIN      also require checkpoints to name this origin
  --json               print the report as JSON

Exit status: 0 when everything verifies, 1 when something does not (or the log
could not be read), 2 for a bad command line.
`;

/** What each problem means, for people. */
export const PROBLEM_TEXT: Record<VerifyProblemCode, string> = {
  missing_event: 'an event is missing (deleted), or the log ends before its recorded head',
  prev_hash_mismatch: 'the event does not link to the one before it (reordered or replaced)',
  hash_mismatch: "the event's stored fields no longer match its hash (edited)",
  malformed_event: 'the event row is not something the service writes (edited)',
  purge_not_recorded: 'the event was blanked outside a recorded purge',
  head_mismatch: 'the stored chain head does not match the last event',
  checkpoint_signature_invalid: "the checkpoint's signature does not verify",
  checkpoint_unknown_key: 'the checkpoint is signed by a key that is not trusted',
  checkpoint_mismatch: 'the stored checkpoint differs from what was signed',
  checkpoint_root_mismatch: 'the events no longer hash to the signed Merkle root',
  checkpoint_beyond_log: 'a signed checkpoint covers events the log no longer has',
};

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check that the audit log was not altered, reordered or cut',
  usage: USAGE,
  async run(args, io) {
    const options = parseVerifyArgs(args);
    const keys = await loadKeys(options.keyFiles);
    let store;
    try {
      store = await openStore(options.store);
      await store.ping();
    } catch (error) {
      await store?.close();
      if (!(error instanceof StoreError)) throw error;
      await write(io.stderr, `phi-guard audit verify: ${error.message} (${error.code}).\n`);
      return EXIT.failed;
    }
    let report: VerifyReport;
    try {
      report = await verifyAuditLog(store, { publicKeys: keys, ...(options.origin === undefined ? {} : { origin: options.origin }) });
    } finally {
      await store.close();
    }
    await write(io.stdout, options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};

/** A few lines for people: totals, then either OK or each problem with its seq, first first. */
export function formatReport(report: VerifyReport): string {
  const lines = [
    `Audit log: ${report.events} events (${report.purged} purged), head at seq ${report.head.seq}.`,
    `Checkpoints: ${report.checkpoints} checked${report.verifiedThrough > 0 ? `, verified through seq ${report.verifiedThrough}` : ''}.`,
  ];
  const [first] = report.problems;
  if (!first) {
    lines.push('OK: every event, purge record and checkpoint verifies.');
  } else {
    lines.push(`TAMPERED: first problem at seq ${first.seq}: ${explain(first)}.`);
    for (const problem of report.problems) lines.push(`  seq ${problem.seq}: ${problem.code}${problem.checkpoint === undefined ? '' : ` (checkpoint of size ${problem.checkpoint})`}`);
  }
  return `${lines.join('\n')}\n`;
}

function explain(problem: VerifyProblem): string {
  return `${PROBLEM_TEXT[problem.code]} (${problem.code})`;
}

interface VerifyArgs {
  store: StoreOptions;
  keyFiles: string[];
  origin?: string;
  json: boolean;
}

function parseVerifyArgs(args: readonly string[]): VerifyArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        'database-url': { type: 'string' },
        key: { type: 'string', multiple: true },
        origin: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.data !== undefined && values['database-url'] !== undefined) {
    throw new UsageError('give --data or --database-url, not both (use --key for the key file)');
  }
  const databaseUrl = values['database-url'] ?? (values.data === undefined ? process.env.DATABASE_URL?.trim() || undefined : undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('--database-url takes a postgres:// URL');
  const dataDir = resolve(values.data ?? (process.env.PHIGUARD_DATA_DIR?.trim() || '.data'));
  return {
    store: databaseUrl === undefined ? { dataDir, mustExist: true, migrate: false } : { databaseUrl, migrate: false },
    keyFiles: values.key ?? [join(dataDir, AUDIT_KEY_FILE)],
    ...(values.origin === undefined ? {} : { origin: values.origin }),
    json: values.json ?? false,
  };
}

async function loadKeys(files: readonly string[]): Promise<AuditPublicKey[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return await loadAuditPublicKey(file);
      } catch (error) {
        if (!(error instanceof AuditKeyError)) throw error;
        throw new UsageError(
          error.code === 'key_missing'
            ? `no audit key at ${file}: pass --key FILE (the public key from GET /v1/audit/key is enough)`
            : `${file}: ${error.message}`,
        );
      }
    }),
  );
}
