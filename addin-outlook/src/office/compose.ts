import { officeAsync } from './async.js';

/** The part of Office's compose item the task pane writes. */
export type ComposeWriter = Pick<Office.MessageCompose, 'subject' | 'body' | 'to' | 'cc' | 'bcc' | 'internetHeaders' | 'sessionData' | 'sensitivityLabel'>;

export function setSubject(item: ComposeWriter, subject: string): Promise<void> {
  return officeAsync<void>((cb) => item.subject.setAsync(subject, cb));
}

/** Replaces the body with plain text (the scanner and the fixes work on the text body). */
export function setBody(item: ComposeWriter, text: string): Promise<void> {
  return officeAsync<void>((cb) => item.body.setAsync(text, { coercionType: Office.CoercionType.Text }, cb));
}

/** Takes the address off To, Cc and Bcc; resolves to whether it was there. */
export async function removeRecipient(item: ComposeWriter, address: string): Promise<boolean> {
  const target = address.trim().toLowerCase();
  let removed = false;
  for (const field of [item.to, item.cc, item.bcc]) {
    const current = await officeAsync<Office.EmailAddressDetails[]>((cb) => field.getAsync(cb));
    const kept = current.filter((r) => r.emailAddress.trim().toLowerCase() !== target);
    if (kept.length === current.length) continue;
    await officeAsync<void>((cb) => field.setAsync(kept, cb));
    removed = true;
  }
  return removed;
}

/** Sets an internet header on the outgoing message (Mailbox 1.8), e.g. the gateway's encrypt trigger. */
export function setInternetHeader(item: ComposeWriter, name: string, value: string): Promise<void> {
  return officeAsync<void>((cb) => item.internetHeaders.setAsync({ [name]: value }, cb));
}

/** The header's value on the message being written, if set. */
export async function internetHeader(item: ComposeWriter, name: string): Promise<string | undefined> {
  const headers = await officeAsync<Record<string, string>>((cb) => item.internetHeaders.getAsync([name], cb));
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** Keeps a value with the message being written, for the on-send check (session data, Mailbox 1.11). */
export function setSessionValue(item: Pick<Office.MessageCompose, 'sessionData'>, name: string, value: string): Promise<void> {
  return officeAsync<void>((cb) => item.sessionData.setAsync(name, value, cb));
}

/** A value the task pane kept with this message; undefined when there is none or the host has no session data. */
export async function sessionValue(item: Pick<Office.MessageCompose, 'sessionData'>, name: string): Promise<string | undefined> {
  if (!item.sessionData) return undefined;
  return officeAsync<string>((cb) => item.sessionData.getAsync(name, cb)).catch(() => undefined);
}

/**
 * The id of the organisation's sensitivity label with this name (sub-labels included), or undefined
 * when this Outlook has no label catalog (Mailbox 1.13, Microsoft Purview) or no such label.
 */
export async function sensitivityLabelId(catalog: Office.SensitivityLabelsCatalog | undefined, name: string): Promise<string | undefined> {
  if (!catalog) return undefined;
  const enabled = await officeAsync<boolean>((cb) => catalog.getIsEnabledAsync(cb)).catch(() => false);
  if (!enabled) return undefined;
  const labels = await officeAsync<Office.SensitivityLabelDetails[]>((cb) => catalog.getAsync(cb));
  const all = (list: readonly Office.SensitivityLabelDetails[]): Office.SensitivityLabelDetails[] => list.flatMap((l) => [l, ...all(l.children ?? [])]);
  return all(labels).find((label) => label.name.trim().toLowerCase() === name.trim().toLowerCase())?.id;
}

export function setSensitivityLabel(item: Pick<Office.MessageCompose, 'sensitivityLabel'>, id: string): Promise<void> {
  return officeAsync<void>((cb) => item.sensitivityLabel.setAsync(id, cb));
}

/** The id of the label on the message being written, if any. */
export async function currentSensitivityLabel(item: Pick<Office.MessageCompose, 'sensitivityLabel'>): Promise<string | undefined> {
  if (!item.sensitivityLabel) return undefined;
  return (await officeAsync<string>((cb) => item.sensitivityLabel.getAsync(cb)).catch(() => '')) || undefined;
}

/** The message carries the organisation's label with this name. */
export async function hasSensitivityLabel(
  item: Pick<Office.MessageCompose, 'sensitivityLabel'>,
  catalog: Office.SensitivityLabelsCatalog | undefined,
  name: string,
): Promise<boolean> {
  const [id, current] = await Promise.all([sensitivityLabelId(catalog, name), currentSensitivityLabel(item)]);
  return id !== undefined && id === current;
}
