import { skeleton } from './lookalike.js';

/** Titles, credentials and role words that say nothing about whose mailbox it is. */
const NOISE = new Set([
  'dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'md', 'do', 'rn', 'np', 'pa', 'lpn', 'phd', 'dds', 'pharmd', 'jr', 'sr', 'ii', 'iii',
]);
/** Shared mailboxes, whose display names are free text. */
const ROLE_MAILBOXES = /^(info|office|admin|billing|results|referrals?|frontdesk|reception|scheduling|appointments|records|support|contact|noreply|no-reply|team|lab|pharmacy|clinic|nurse|nurses|help)$/;

/**
 * Does the display name plainly belong to someone other than the mailbox? True only when the name
 * looks like a person's (two or more words) and shares nothing with the local part — no word,
 * no initials-plus-surname, no initials — or when it shows an email address that is not this one.
 */
export function displayNameMismatch(name: string | undefined, address: string): boolean {
  if (name === undefined || name.trim() === '') return false;
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  const shown = /[^\s<>"']+@[^\s<>"']+/.exec(name)?.[0]?.toLowerCase();
  if (shown !== undefined) return shown !== address.toLowerCase() && shown !== `${local}@${domain}`;
  const box = skeleton(local).replace(/[^a-z]/g, '');
  if (box === '' || ROLE_MAILBOXES.test(local)) return false;
  const words = skeleton(name)
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0 && !NOISE.has(w));
  if (words.length < 2) return false;
  const initials = words.map((w) => w[0]).join('');
  const surname = words.at(-1)!;
  const related =
    words.some((w) => w.length >= 3 && box.includes(w)) ||
    box.includes(`${words[0]![0]}${surname}`) ||
    box.includes(`${surname}${words[0]![0]}`) ||
    box === initials ||
    (box.length >= 2 && initials.includes(box));
  return !related;
}
