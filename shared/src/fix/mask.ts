import { z } from 'zod';
import type { Kind } from '../detect/kinds.js';

export const MaskStyleSchema = z.enum(['last_four', 'year_only']);
export type MaskStyle = z.infer<typeof MaskStyleSchema>;

// Last four is how staff already refer to SSNs and member ids; Safe Harbor keeps the year of a date.
const STYLES: Partial<Record<Kind, MaskStyle>> = {
  SSN: 'last_four',
  MRN: 'last_four',
  HEALTH_PLAN_ID: 'last_four',
  ACCOUNT: 'last_four',
  LICENSE: 'last_four',
  DATE: 'year_only',
};

/** How a finding of this kind is masked, or undefined when masking would not help (names, terms). */
export function maskStyleFor(kind: Kind): MaskStyle | undefined {
  return STYLES[kind];
}

/** The masked form of a matched value: 531-72-0846 keeps 0846, 03/14/1962 keeps 1962. */
export function maskValue(value: string, style: MaskStyle): string {
  return style === 'last_four' ? keepLastFour(value) : keepYear(value);
}

function keepLastFour(value: string): string {
  let keep = 4;
  const out = [...value];
  for (let i = out.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(out[i]!)) continue;
    if (keep > 0) keep--;
    else out[i] = '*';
  }
  return out.join('');
}

function keepYear(value: string): string {
  const groups = value.match(/\d+/g) ?? [];
  if (/^[\d\s/.-]+$/.test(value)) {
    const year = groups.findIndex((g) => g.length === 4);
    const keep = year >= 0 ? year : groups.length - 1;
    let n = -1;
    return value.replace(/\d+/g, (g) => (++n === keep ? g : '*'.repeat(g.length)));
  }
  // Written-out dates ("March 14, 1962") keep only the year.
  return groups.find((g) => g.length === 4) ?? '[date]';
}
