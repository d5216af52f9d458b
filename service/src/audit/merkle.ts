import { createHash } from 'node:crypto';

/** RFC 6962 §2.1: leaf hash = SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(data).digest();
}

/** RFC 6962 §2.1: interior node = SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

/** MTH of the empty list: SHA-256 of the empty string (RFC 6962 §2.1). */
const EMPTY_ROOT = createHash('sha256').digest();

/**
 * The right edge of an RFC 6962 Merkle tree: the roots of the perfect subtrees that make up its
 * first `size` leaves, largest (leftmost) first, one per set bit of `size`. Enough to append
 * leaves and compute the tree head in O(log n) memory, so checkpoints and verification stream.
 */
export class CompactRange {
  private constructor(
    private leaves: number,
    private readonly frontier: Buffer[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** Restores a range saved with `toJSON`; throws if the hashes don't fit the size. */
  static fromJSON(saved: { size: number; frontier: readonly string[] }): CompactRange {
    const expected = [...saved.size.toString(2)].filter((bit) => bit === '1').length;
    if (!Number.isSafeInteger(saved.size) || saved.size < 0 || saved.frontier.length !== expected) {
      throw new RangeError('a saved Merkle frontier does not match its size');
    }
    return new CompactRange(
      saved.size,
      saved.frontier.map((hex) => Buffer.from(hex, 'hex')),
    );
  }

  get size(): number {
    return this.leaves;
  }

  /** Appends one leaf, given as its data (hashed here with the 0x00 prefix). */
  append(data: Uint8Array): void {
    let hash = leafHash(data);
    // Each trailing 1 bit of the old size is a perfect subtree of the new leaf's size to merge with.
    for (let s = this.leaves; s & 1; s = Math.floor(s / 2)) hash = nodeHash(this.frontier.pop()!, hash);
    this.frontier.push(hash);
    this.leaves += 1;
  }

  /** The Merkle tree head of every leaf appended so far. */
  root(): Buffer {
    if (this.frontier.length === 0) return EMPTY_ROOT;
    let hash = this.frontier[this.frontier.length - 1]!;
    for (let i = this.frontier.length - 2; i >= 0; i--) hash = nodeHash(this.frontier[i]!, hash);
    return hash;
  }

  toJSON(): { size: number; frontier: string[] } {
    return { size: this.leaves, frontier: this.frontier.map((h) => h.toString('hex')) };
  }
}
