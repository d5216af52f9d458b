import { domainToASCII } from 'node:url';
import { z } from 'zod';

/** LDH labels (RFC 1035 §2.3.1), at least two, the last not numeric (so no IPv4 address). */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A mail domain in one comparable form: lower-case, IDN labels as A-labels (`xn--…`, UTS #46 via
 * url.domainToASCII), no trailing dot. Undefined for anything that is not a domain name.
 */
export function normalizeDomain(value: string): string | undefined {
  const ascii = domainToASCII(value.trim().replace(/\.$/, ''));
  return HOSTNAME.test(ascii) ? ascii : undefined;
}

/** A domain in a request, normalized (normalizeDomain). */
export const DomainSchema = z
  .string()
  .max(253)
  .transform((value, ctx) => {
    const domain = normalizeDomain(value);
    if (domain === undefined) ctx.addIssue({ code: 'invalid_format', format: 'hostname', input: value });
    return domain ?? z.NEVER;
  });
