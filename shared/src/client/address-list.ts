import type { ComposeRecipient } from './recipients.js';

/**
 * An address list (`"Smith, Jo" <jo@a.example>, b@c.example; …`) split into its entries: commas,
 * semicolons and line breaks separate them except inside quotes or angle brackets.
 */
export function splitAddressList(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '\\' && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === '"' && !angled) quoted = !quoted;
    else if (c === '<' && !quoted) angled = true;
    else if (c === '>' && !quoted) angled = false;
    else if (!quoted && !angled && (c === ',' || c === ';' || c === '\n')) {
      entries.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  entries.push(current);
  return entries.map((e) => e.trim()).filter((e) => e !== '');
}

/** One entry (`Name <a@b.example>` or `a@b.example`) as a recipient; undefined when it holds no address. */
export function parseMailbox(entry: string, type: ComposeRecipient['type'] = 'to'): ComposeRecipient | undefined {
  const angled = /^(.*)<([^<>\s]+@[^<>\s]+)>\s*$/s.exec(entry.trim());
  if (angled) {
    const name = angled[1]!.trim().replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1').trim();
    return { address: angled[2]!.toLowerCase(), ...(name ? { name } : {}), type };
  }
  const bare = entry.trim();
  return /^[^\s@<>",;]+@[^\s@<>",;]+$/.test(bare) ? { address: bare.toLowerCase(), type } : undefined;
}

/** Every recipient in an address list; entries without an address are left out. */
export function parseAddressList(text: string, type: ComposeRecipient['type'] = 'to'): ComposeRecipient[] {
  return splitAddressList(text).flatMap((entry) => parseMailbox(entry, type) ?? []);
}
