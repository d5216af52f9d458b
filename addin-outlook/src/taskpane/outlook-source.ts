import {
  hasSensitivityLabel,
  internetHeader,
  removeRecipient,
  sensitivityLabelId,
  setBody,
  setInternetHeader,
  setSensitivityLabel,
  setSessionValue,
  setSubject,
  type ComposeWriter,
} from '../office/compose.js';
import { readDraft, type ComposeItem } from '../office/draft.js';
import { OVERRIDE_KEY } from '../override.js';
import type { DraftSource } from './draft-source.js';

/** The message being written in Outlook; `catalog` is the organisation's sensitivity labels, where Outlook has them. */
export function outlookSource(item: ComposeItem & ComposeWriter, catalog?: Office.SensitivityLabelsCatalog): DraftSource {
  return {
    read: (org) => readDraft(item, org),
    setSubject: (subject) => setSubject(item, subject),
    setBody: (text) => setBody(item, text),
    removeRecipient: async (address) => void (await removeRecipient(item, address)),
    setInternetHeader: (name, value) => setInternetHeader(item, name, value),
    internetHeader: (name) => internetHeader(item, name),
    applyLabel: async (name) => {
      const id = await sensitivityLabelId(catalog, name);
      if (id === undefined) return false;
      await setSensitivityLabel(item, id);
      return true;
    },
    hasLabel: (name) => hasSensitivityLabel(item, catalog, name),
    markOverride: (marker) => setSessionValue(item, OVERRIDE_KEY, JSON.stringify(marker)),
  };
}
