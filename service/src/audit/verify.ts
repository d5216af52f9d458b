import { ChainWalker, GENESIS } from './chain.js';
import { parseCheckpointBody, verifyCheckpointJws, verifyCheckpointNote } from './checkpoint-signature.js';
import type { AuditPublicKey } from './keys.js';
import { eventHash } from './event-hash.js';
import { chainRows, checkpointRows, latestCheckpoint, readHead, recordOf, type CheckpointRow, type EventRow } from './repository.js';
import type { AuditRecord, VerifyReport } from './schema.js';
import type { Queryable } from '../store/store.js';

export interface VerifyOptions {
  /** Keys whose checkpoints are trusted: the service key and any it replaced. */
  readonly publicKeys: readonly AuditPublicKey[];
  /** When set, checkpoints must name this origin. */
  readonly origin?: string;
  readonly pageSize?: number;
}

/**
 * Recomputes the whole log from seq 1: every link and hash, every purge's account of its
 * tombstones, every checkpoint's signatures and Merkle root, and the stored head. Streams in
 * pages with O(log n) memory. Events and checkpoints written while it runs are left for the next run.
 */
export async function verifyAuditLog(db: Queryable, options: VerifyOptions): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 1000;
  const keys = new Map(options.publicKeys.map((key) => [key.kid, key]));
  // Checkpoint bound first, head second: every checkpoint read then covers at most the head.
  const lastCheckpoint = (await latestCheckpoint(db))?.size ?? -1;
  const head = await readHead(db);
  const walker = new ChainWalker(GENESIS, { checkPurges: true });
  const good: number[] = [];
  let events = 0;
  let purged = 0;
  let checked = 0;

  let queue: CheckpointRow[] = [];
  let checkpointsAfter = -1;
  const nextCheckpoint = async (): Promise<CheckpointRow | undefined> => {
    if (queue.length === 0 && checkpointsAfter < lastCheckpoint) {
      queue = await checkpointRows(db, checkpointsAfter, lastCheckpoint, pageSize);
      checkpointsAfter = queue.at(-1)?.size ?? lastCheckpoint;
    }
    return queue.shift();
  };
  let due = await nextCheckpoint();
  const checkDue = async () => {
    while (due !== undefined && due.size <= walker.range.size) {
      checked += 1;
      if (await checkpointHolds(due)) good.push(due.size);
      due = await nextCheckpoint();
    }
  };

  async function checkpointHolds(row: CheckpointRow): Promise<boolean> {
    const fail = (code: Parameters<ChainWalker['report']>[1]) => {
      walker.report(row.size, code, row.size);
      return false;
    };
    const key = keys.get(row.key_id);
    if (!key) return fail('checkpoint_unknown_key');
    const text = await verifyCheckpointJws(row.jws, key);
    if (text === undefined) return fail('checkpoint_signature_invalid');
    const body = parseCheckpointBody(text);
    if (!body || body.size !== row.size || body.root !== row.root || (options.origin !== undefined && body.origin !== options.origin)) {
      return fail('checkpoint_mismatch');
    }
    if (!verifyCheckpointNote(row.note, text, body.origin, key)) return fail('checkpoint_signature_invalid');
    if (row.size !== walker.range.size || walker.range.root().toString('base64') !== row.root) return fail('checkpoint_root_mismatch');
    return true;
  }

  await checkDue();
  for (let after = 0; ; ) {
    const rows = await chainRows(db, after, head.seq, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      walker.visit(row);
      events += 1;
      if (row.purged_by !== null) purged += 1;
      await checkDue();
    }
    after = Number(rows.at(-1)!.seq);
  }
  // A purge that ran during this walk: its event must exist, be intact and postdate what it purged.
  for (const late of walker.finish(head.seq)) {
    const [row] = await chainRows(db, late.purgeSeq - 1, late.purgeSeq, 1);
    const record = row && !row.purged_by ? safeRecord(row) : undefined;
    const cutoff = (record?.detail as { cutoff?: unknown } | undefined)?.cutoff;
    const intact = record?.kind === 'purge' && eventHash(record, row!.prev_hash) === row!.hash;
    if (!intact || typeof cutoff !== 'string' || late.latestRecorded >= cutoff) walker.report(late.firstSeq, 'purge_not_recorded');
  }
  if (walker.seq < head.seq) walker.report(walker.seq + 1, 'missing_event');
  else if (walker.hash !== head.hash) walker.report(head.seq, 'head_mismatch');
  for (; due !== undefined; due = await nextCheckpoint()) {
    checked += 1;
    walker.report(walker.range.size + 1, 'checkpoint_beyond_log', due.size);
  }

  const problems = [...walker.problems].sort((a, b) => a.seq - b.seq || (a.checkpoint ?? 0) - (b.checkpoint ?? 0));
  const firstBad = problems[0]?.seq ?? Number.POSITIVE_INFINITY;
  return {
    ok: problems.length === 0,
    events,
    purged,
    checkpoints: checked,
    head,
    verifiedThrough: good.reduce((best, size) => (size < firstBad && size > best ? size : best), 0),
    problems,
  };
}

function safeRecord(row: EventRow): AuditRecord | undefined {
  try {
    return recordOf(row);
  } catch {
    return undefined;
  }
}
