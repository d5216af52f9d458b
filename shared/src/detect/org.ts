import type { OrgProfile } from '../draft.js';
import type { Kind } from './kinds.js';

const digits = (s: string) => s.replace(/\D/g, '');
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export type OrgFilter = (kind: Kind, value: string) => boolean;

/** The organisation's own phones, domains and addresses are its contact details, not a patient's. */
export function createOrgFilter(org: OrgProfile | undefined): OrgFilter {
  if (!org) return () => false;
  const phones = new Set((org.phones ?? []).map((p) => digits(p).slice(-10)).filter((p) => p.length >= 7));
  const domains = (org.domains ?? []).map((d) => d.toLowerCase().replace(/^@/, ''));
  const addresses = (org.addresses ?? []).map(squash).filter((a) => a.length > 0);
  const ownDomain = (host: string) => domains.some((d) => host === d || host.endsWith(`.${d}`));
  return (kind, value) => {
    switch (kind) {
      case 'PHONE':
      case 'FAX':
        return phones.has(digits(value).slice(-10));
      case 'EMAIL':
        return ownDomain(value.slice(value.lastIndexOf('@') + 1).toLowerCase());
      case 'URL': {
        const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#]+)/i.exec(value)?.[1]?.toLowerCase() ?? '';
        return ownDomain(host.replace(/^www\./, ''));
      }
      case 'ADDRESS': {
        const v = squash(value);
        return v.length > 0 && addresses.some((a) => a.includes(v));
      }
      default:
        return false;
    }
  };
}
