import { parseAddressList, parseMailbox, splitAddressList, type AttachmentUpload } from '@phiguard/core';
import { Base64 } from 'js-base64';
import type { DraftSource } from './draft-source.js';

/** The demo page's editable fields (form controls in the page, plain objects in tests). */
export interface DemoFields {
  readonly to: { value: string };
  readonly subject: { value: string };
  readonly body: { value: string };
  /** Files the visitor attached (a file input); each is read like an Outlook attachment the pane cannot read as text. */
  readonly files?: { readonly files: ArrayLike<DemoFile> | null };
}

export interface DemoFile {
  readonly name: string;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The sample draft the demo page opens with: PHI in the subject and body, to an outside address. */
export const SAMPLE_DRAFT = {
  to: 'Dr. Anil Patel <dr.patel@elsewhere.example>',
  subject: 'Lab results for Maria Gonzalez',
  body: 'Hi Anil,\n\nMaria Gonzalez (DOB 03/14/1961, MRN 4471823) has an HbA1c of 8.9%. I have increased her metformin to 1000 mg twice daily.\n\nBest,\nDr. Lee',
};

/** The demo draft: what the visitor typed, edited in place by the fixes; headers kept in memory. */
export function demoSource(fields: DemoFields): DraftSource {
  const headers = new Map<string, string>();
  // The demo checks on every pause in typing; the files are encoded again only when the selection changes.
  let encoded: { files: ArrayLike<DemoFile> | null; uploads: Promise<AttachmentUpload[]> } | undefined;
  const uploads = (files: ArrayLike<DemoFile> | null) => {
    if (encoded?.files !== files) encoded = { files, uploads: Promise.all(Array.from(files ?? [], upload)) };
    return encoded.uploads;
  };
  return {
    read: async (org) => ({
      draft: { subject: fields.subject.value, body: fields.body.value, attachments: [], org },
      recipients: parseAddressList(fields.to.value),
      uploads: await uploads(fields.files?.files ?? null),
    }),
    setSubject: async (subject) => void (fields.subject.value = subject),
    setBody: async (text) => void (fields.body.value = text),
    removeRecipient: async (address) => {
      const target = address.toLowerCase();
      fields.to.value = splitAddressList(fields.to.value)
        .filter((entry) => parseMailbox(entry)?.address !== target)
        .join(', ');
    },
    setInternetHeader: async (name, value) => void headers.set(name.toLowerCase(), value),
    internetHeader: async (name) => headers.get(name.toLowerCase()),
    // A browser has no sensitivity labels.
    applyLabel: async () => false,
    hasLabel: async () => false,
    // The demo sends nothing, so there is no on-send check to tell.
    markOverride: async () => undefined,
  };
}

async function upload(file: DemoFile): Promise<AttachmentUpload> {
  const data = Base64.fromUint8Array(new Uint8Array(await file.arrayBuffer()));
  return { name: file.name, ...(file.type ? { contentType: file.type } : {}), data };
}
