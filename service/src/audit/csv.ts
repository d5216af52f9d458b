import { canonicalJson } from './canonical-json.js';
import type { AuditEvent } from './schema.js';

export const CSV_COLUMNS = [
  'seq',
  'recorded',
  'time',
  'kind',
  'actor',
  'client',
  'messageRef',
  'recipients',
  'phiKinds',
  'action',
  'reasonCodes',
  'protection',
  'justification',
  'detail',
  'prevHash',
  'hash',
] as const;

/** RFC 4180 header line (CRLF). */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** One event as an RFC 4180 line; lists are `;`-separated, PHI kind counts `KIND=n`. */
export function csvLine(event: AuditEvent): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    seq: String(event.seq),
    recorded: event.recorded,
    time: event.time,
    kind: event.kind,
    actor: event.actor,
    client: event.client,
    messageRef: event.messageRef ?? '',
    recipients: event.recipients.join(';'),
    phiKinds: Object.entries(event.phiKinds)
      .map(([kind, n]) => `${kind}=${n}`)
      .join(';'),
    action: event.action ?? '',
    reasonCodes: event.reasonCodes.join(';'),
    protection: event.protection ?? '',
    justification: event.justification ?? '',
    detail: event.detail === undefined ? '' : canonicalJson(event.detail),
    prevHash: event.prevHash,
    hash: event.hash,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`;
}

/**
 * Quotes per RFC 4180, and defuses text a spreadsheet would run as a formula
 * (OWASP CSV injection: a leading = + - @ tab or CR gets a leading apostrophe).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
