import { internetHeader, removeRecipient, setBody, setInternetHeader, setSessionValue, setSubject, type ComposeWriter } from '../office/compose.js';
import { readDraft, type ComposeItem } from '../office/draft.js';
import { OVERRIDE_KEY } from '../override.js';
import type { DraftSource } from './draft-source.js';

/** The message being written in Outlook. */
export function outlookSource(item: ComposeItem & ComposeWriter): DraftSource {
  return {
    read: (org) => readDraft(item, org),
    setSubject: (subject) => setSubject(item, subject),
    setBody: (text) => setBody(item, text),
    removeRecipient: async (address) => void (await removeRecipient(item, address)),
    setInternetHeader: (name, value) => setInternetHeader(item, name, value),
    internetHeader: (name) => internetHeader(item, name),
    markOverride: (marker) => setSessionValue(item, OVERRIDE_KEY, JSON.stringify(marker)),
  };
}
