import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CompactRange, leafHash, nodeHash } from './merkle.js';

/** RFC 6962 §2.1 MTH, written out as the RFC states it, as the reference. */
function referenceRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return CompactRange.empty().root();
  if (leaves.length === 1) return leafHash(leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

// The certificate-transparency test leaves and their tree heads for sizes 1..8.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
  Buffer.from(hex, 'hex'),
);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 Merkle tree head', () => {
  it('the empty tree head is SHA-256 of nothing', () => {
    expect(CompactRange.empty().root().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('reproduces the certificate-transparency test vectors for every size from 1 to 8', () => {
    const range = CompactRange.empty();
    const roots = CT_LEAVES.map((leaf) => {
      range.append(leaf);
      return range.root().toString('hex');
    });
    expect(roots).toEqual(CT_ROOTS);
  });

  it('the compact range agrees with the recursive definition for any number of leaves', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 4 }), { maxLength: 70 }), (leaves) => {
        const range = CompactRange.empty();
        for (const leaf of leaves) range.append(leaf);
        expect(range.root().equals(referenceRoot(leaves))).toBe(true);
      }),
    );
  });

  it('a saved frontier resumes where it left off', () => {
    const whole = CompactRange.empty();
    const first = CompactRange.empty();
    CT_LEAVES.slice(0, 5).forEach((leaf) => first.append(leaf));
    const resumed = CompactRange.fromJSON(JSON.parse(JSON.stringify(first)) as { size: number; frontier: string[] });
    CT_LEAVES.forEach((leaf) => whole.append(leaf));
    CT_LEAVES.slice(5).forEach((leaf) => resumed.append(leaf));
    expect(resumed.root().toString('hex')).toBe(whole.root().toString('hex'));
  });

  it('a frontier that does not fit its size is refused', () => {
    expect(() => CompactRange.fromJSON({ size: 3, frontier: ['00'] })).toThrow(RangeError);
  });

  it('changing any leaf changes the head', () => {
    const changed = CompactRange.empty();
    CT_LEAVES.forEach((leaf, i) => changed.append(i === 3 ? Buffer.from('2022', 'hex') : leaf));
    expect(changed.root().toString('hex')).not.toBe(CT_ROOTS[7]);
  });
});
