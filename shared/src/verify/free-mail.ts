import { inDomains } from '../policy/classify.js';
import { splitRegistrable } from './domain.js';
import { skeleton } from './lookalike.js';

/** Large consumer mail providers; admins can replace the list in the service settings. */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'aol.com',
  'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.net', 'mail.com', 'yandex.com', 'zoho.com',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'cox.net', 'charter.net', 'fastmail.com', 'hey.com', 'tutanota.com',
];

/**
 * A free-mail address that carries the name of the organisation or a partner in its display name or
 * mailbox (`Northside Cardiology <northside.cardiology@gmail.com>`): returns that organisation's
 * domain. Practices do this, and so do impostors; either way PHI should go to the real domain.
 */
export function freeMailPosingAs(
  address: string,
  name: string | undefined,
  organisations: readonly string[],
  freeMail: readonly string[] = FREE_MAIL_DOMAINS,
): string | undefined {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  if (!inDomains(domain, freeMail)) return undefined;
  const said = skeleton(`${name ?? ''} ${address.slice(0, address.lastIndexOf('@'))}`).replace(/[^a-z]/g, '');
  return organisations.find((org) => {
    const brand = skeleton(splitRegistrable(org).name).replace(/[^a-z]/g, '');
    return brand.length >= 5 && said.includes(brand);
  });
}
