import { distance } from 'fastest-levenshtein';
import { inDomains } from '../policy/classify.js';
import { splitRegistrable, toDisplayDomain } from './domain.js';

/** How a domain imitates a real one. */
export type LookalikeKind = 'homoglyph' | 'typo' | 'swapped_tld' | 'hyphenation' | 'embedded';

export interface Lookalike {
  /** The real domain it imitates. */
  readonly of: string;
  readonly kind: LookalikeKind;
}

/**
 * Characters that read as Latin letters (a subset of Unicode TR39 confusables): Cyrillic and Greek
 * look-alikes, and digits used for letters in typo-squats (`cardio1ogy`, `cl0sed`).
 */
const CONFUSABLE: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ԁ: 'd', ѕ: 's', ԛ: 'q', ԝ: 'w', һ: 'h', ɡ: 'g',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', κ: 'k', τ: 't', υ: 'u', χ: 'x', ѵ: 'v', ӏ: 'l',
  '0': 'o', '1': 'l', '|': 'l',
};

/** What a reader sees: confusable characters and letter pairs (`rn` for `m`, `vv` for `w`) folded together. */
export function skeleton(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKC').toLowerCase()) out += CONFUSABLE[char] ?? char;
  return out.replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/**
 * Does `domain` imitate one of `references` (the organisation's own, partner and known correspondent
 * domains, most important first)? Domains in `trusted` (and their subdomains) never do: a real
 * correspondent is not a lookalike of another one. Returns the first imitated reference.
 */
export function lookalikeOf(domain: string, references: readonly string[], trusted: readonly string[] = references): Lookalike | undefined {
  const seen = toDisplayDomain(domain);
  if (seen === '' || inDomains(seen, trusted) || inDomains(domain.toLowerCase(), trusted)) return undefined;
  for (const reference of references) {
    const kind = imitation(seen, toDisplayDomain(reference));
    if (kind) return { of: reference, kind };
  }
  return undefined;
}

function imitation(seen: string, reference: string): LookalikeKind | undefined {
  if (seen.startsWith(`${reference}.`) || seen.startsWith(`${reference.replace(/\./g, '-')}.`)) return 'embedded';
  const theirs = splitRegistrable(reference, Infinity);
  // As many labels as the reference has before its suffix: `c1inic.example` against `clinic.example`.
  const mine = splitRegistrable(seen, theirs.depth);
  if (mine.name === '' || theirs.name === '') return undefined;
  const sameSuffix = mine.suffix === theirs.suffix;
  if (mine.name === theirs.name) return sameSuffix ? undefined : 'swapped_tld';
  if (sameSuffix && skeleton(mine.name) === skeleton(theirs.name)) return 'homoglyph';
  const bare = (name: string) => skeleton(name).replace(/-/g, '');
  if (bare(mine.name) === bare(theirs.name)) return sameSuffix ? 'hyphenation' : 'swapped_tld';
  if (sameSuffix && nearMiss(skeleton(mine.name), skeleton(theirs.name))) return 'typo';
  return undefined;
}

/** One slip for short names, two for long ones, or two neighbouring letters swapped; names under 4 letters are too short to tell. */
function nearMiss(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) < 4) return false;
  return distance(a, b) <= (length >= 8 ? 2 : 1) || swappedNeighbours(a, b);
}

function swappedNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length && differ.length <= 2; i++) if (a[i] !== b[i]) differ.push(i);
  const [i, j] = differ;
  return differ.length === 2 && j === i! + 1 && a[i!] === b[j] && a[j] === b[i!];
}
