import { GENESIS_HASH } from '../store/migrations.js';
import { eventHash } from './event-hash.js';
import { CompactRange } from './merkle.js';
import { recordOf, type EventRow } from './repository.js';
import { PURGE_EXEMPT_KINDS } from './retention.js';
import type { VerifyProblem, VerifyProblemCode } from './schema.js';

/** Most problems a report lists; the first is what matters. */
export const MAX_VERIFY_PROBLEMS = 100;

export interface ChainPosition {
  /** Last seq walked (0 before the first event). */
  readonly seq: number;
  readonly hash: string;
  readonly range: CompactRange;
}

export const GENESIS: ChainPosition = { seq: 0, hash: GENESIS_HASH, range: CompactRange.empty() };

/**
 * Walks stored events in seq order and records what does not add up: gaps, broken links,
 * re-hashes that differ, and (with `checkPurges`) tombstones no purge event accounts for.
 * Each event's stored hash becomes the next Merkle leaf, as it did when checkpoints were signed.
 */
export class ChainWalker {
  readonly problems: VerifyProblem[] = [];
  private last: { seq: number; hash: string };
  readonly range: CompactRange;
  private readonly pendingPurges = new Map<number, { count: number; firstSeq: number; latestRecorded: string }>();

  constructor(
    start: ChainPosition,
    private readonly options: { checkPurges: boolean },
  ) {
    this.last = { seq: start.seq, hash: start.hash };
    this.range = CompactRange.fromJSON(start.range.toJSON());
  }

  get seq(): number {
    return this.last.seq;
  }

  get hash(): string {
    return this.last.hash;
  }

  visit(row: EventRow): void {
    const seq = Number(row.seq);
    if (seq !== this.last.seq + 1) this.report(this.last.seq + 1, 'missing_event');
    else if (row.prev_hash !== this.last.hash) this.report(seq, 'prev_hash_mismatch');
    let record;
    try {
      record = recordOf(row);
    } catch {
      this.report(seq, 'malformed_event');
    }
    if (record) {
      if (eventHash(record, row.prev_hash) !== row.hash) this.report(seq, 'hash_mismatch');
      else if (record.kind === 'purge' && this.options.checkPurges) this.settlePurge(seq, record.detail);
    } else if (row.purged_by !== null && this.options.checkPurges) {
      this.noteTombstone(seq, row);
    }
    this.range.append(Buffer.from(row.hash, 'hex'));
    this.last = { seq, hash: row.hash };
  }

  /**
   * Call after the last event (the head, `throughSeq`). Reports tombstones whose purge event never
   * came, and returns those whose purge event lies past the head: purged while this walk ran.
   */
  finish(throughSeq: number): Array<{ purgeSeq: number; firstSeq: number; latestRecorded: string }> {
    const late = [];
    for (const [purgeSeq, pending] of this.pendingPurges) {
      if (purgeSeq > throughSeq) late.push({ purgeSeq, ...pending });
      else this.report(pending.firstSeq, 'purge_not_recorded');
    }
    this.pendingPurges.clear();
    return late;
  }

  report(seq: number, code: VerifyProblemCode, checkpoint?: number): void {
    if (this.problems.length >= MAX_VERIFY_PROBLEMS) return;
    // One problem per event: the first found is the cause, the rest its echo.
    if (checkpoint === undefined && this.problems.some((p) => p.seq === seq && p.checkpoint === undefined)) return;
    this.problems.push(checkpoint === undefined ? { seq, code } : { seq, code, checkpoint });
  }

  private noteTombstone(seq: number, row: EventRow): void {
    const by = Number(row.purged_by);
    if (by <= seq || PURGE_EXEMPT_KINDS.includes(row.kind as (typeof PURGE_EXEMPT_KINDS)[number])) {
      this.report(seq, 'purge_not_recorded');
      return;
    }
    const pending = this.pendingPurges.get(by) ?? { count: 0, firstSeq: seq, latestRecorded: '' };
    pending.count += 1;
    if (row.recorded > pending.latestRecorded) pending.latestRecorded = row.recorded;
    this.pendingPurges.set(by, pending);
  }

  private settlePurge(seq: number, detail: unknown): void {
    const pending = this.pendingPurges.get(seq);
    this.pendingPurges.delete(seq);
    const { cutoff, purged } = (detail ?? {}) as { cutoff?: unknown; purged?: unknown };
    const count = pending?.count ?? 0;
    const inTime = pending === undefined || (typeof cutoff === 'string' && pending.latestRecorded < cutoff);
    if (purged !== count || !inTime) this.report(pending?.firstSeq ?? seq, 'purge_not_recorded');
  }
}
