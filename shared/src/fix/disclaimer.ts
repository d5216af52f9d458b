const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether the body already carries the disclaimer (rewrapped lines still count). */
export function hasDisclaimer(body: string, text: string): boolean {
  const t = squash(text);
  return t === '' || squash(body).includes(t);
}

/** The body with the disclaimer appended once, after a blank line. */
export function addDisclaimer(body: string, text: string): string {
  if (hasDisclaimer(body, text)) return body;
  const trimmed = body.replace(/\s+$/, '');
  return trimmed === '' ? text.trim() : `${trimmed}\n\n${text.trim()}`;
}
