import { z } from 'zod';
import { RecipientSchema } from '../decide/recipient.js';
import { AttachmentProblemSchema } from '../draft.js';

// The service's answers as the add-ins read them (service/src/routes/*). Every host parses them
// with these schemas, so an answer a host does not expect fails the same way everywhere.

export const LookupAnswerSchema = z.object({ recipients: z.array(z.object({ address: z.string(), recipient: RecipientSchema })) });
export const AuditAnswerSchema = z.object({ results: z.array(z.object({ clientEventId: z.string() })) });
export const PortalMessageSchema = z.object({
  id: z.string(),
  expiresAt: z.string(),
  link: z.string(),
  notice: z.object({ subject: z.string(), text: z.string(), html: z.string() }),
});
export const OpenPgpKeysSchema = z.object({
  keys: z.array(z.object({ address: z.string(), fingerprint: z.string(), armored: z.string(), source: z.enum(['registry', 'wkd']) })),
  missing: z.array(z.string()),
});

/** POST /v1/scan/attachments (service/src/routes/scan-attachments.ts): the text of each part, and what could not be read. */
export const AttachmentScanAnswerSchema = z.object({
  parts: z.array(
    z.object({ name: z.string(), contentType: z.string().optional(), page: z.number().int().positive().optional(), text: z.string(), ocr: z.boolean().optional() }),
  ),
  uninspectable: z.array(z.object({ name: z.string(), reason: AttachmentProblemSchema })),
});
export type AttachmentScanAnswer = z.output<typeof AttachmentScanAnswerSchema>;

/** An attachment a host cannot read itself (PDF, Office, images), sent to the service to be read. */
export interface AttachmentUpload {
  readonly name: string;
  readonly contentType?: string;
  /** Base64. */
  readonly data: string;
}

/** A draft to keep on the secure portal (service/src/routes/messages.ts): its content and who may open it. */
export interface PortalMessageInput {
  readonly subject: string;
  readonly text: string;
  readonly recipients: readonly string[];
  readonly attachments?: ReadonlyArray<{ name: string; contentType: string; data: string }>;
}
/** The stored message: the email to send instead (neutral subject and the pickup link, no PHI). */
export type PortalMessage = z.output<typeof PortalMessageSchema>;
/** Recipients' OpenPGP keys (service/src/routes/openpgp-keys.ts): a usable key per address that has one, and who has none. */
export type OpenPgpKeys = z.output<typeof OpenPgpKeysSchema>;

/** One add-in event as the audit API takes it (service/src/audit/schema.ts): counts and codes, never content. */
export interface ClientAuditEvent {
  readonly clientEventId: string;
  readonly time: string;
  readonly kind: 'scan' | 'warning_shown' | 'send_allowed' | 'send_blocked' | 'override' | 'protection_applied';
  readonly client: 'outlook' | 'gmail';
  readonly recipients: readonly string[];
  readonly phiKinds: Readonly<Record<string, number>>;
  readonly action?: string;
  readonly reasonCodes: readonly string[];
  readonly protection?: string;
  readonly justification?: string;
}
