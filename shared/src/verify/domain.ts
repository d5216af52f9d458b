/// <reference path="./punycode.d.ts" />
import punycode from 'punycode/punycode.js';

/**
 * Second-level labels under which country domains register names (`co.uk`, `com.au`, `ac.jp`).
 * An approximation of the Public Suffix List, good enough to compare registrable names.
 */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'nhs', 'or', 'ne', 'go', 'med', 'health']);

/** A domain in lower-case Unicode (IDN labels decoded), for comparing what a reader sees. */
export function toDisplayDomain(domain: string): string {
  const lower = domain.trim().toLowerCase().replace(/\.$/, '');
  try {
    return punycode.toUnicode(lower);
  } catch {
    return lower;
  }
}

/**
 * `mail.northside-cardiology.co.uk` → name `northside-cardiology`, suffix `co.uk`; with `depth` 2,
 * name `mail.northside-cardiology` (to compare with a reference that is itself a subdomain).
 */
export function splitRegistrable(domain: string, depth = 1): { name: string; suffix: string; depth: number } {
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  const take = labels.length >= 3 && tld.length === 2 && SECOND_LEVEL.has(labels.at(-2)!) ? 2 : 1;
  const names = labels.slice(0, -take);
  return { name: names.slice(-depth).join('.'), suffix: labels.slice(-take).join('.'), depth: names.length };
}
