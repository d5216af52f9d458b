import { z } from 'zod';
import { CodedError } from '../coded-error.js';

/** Most attachments per message. */
export const MAX_ATTACHMENTS = 20;

/** One attachment as the sender's add-in sends it (base64) and the recipient downloads it. */
export const PortalAttachmentSchema = z.strictObject({
  name: z.string().trim().min(1).max(255),
  contentType: z
    .string()
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i)
    .max(127),
  /** Standard base64. */
  data: z.base64(),
});
export type PortalAttachment = z.infer<typeof PortalAttachmentSchema>;

/** What is sealed: everything a recipient reads. Stored only as JWE. */
export const PortalContentSchema = z.strictObject({
  subject: z.string().max(998),
  text: z.string().max(5_000_000),
  /** Sanitized again whenever it is shown. */
  html: z.string().max(10_000_000).optional(),
  attachments: z.array(PortalAttachmentSchema).max(MAX_ATTACHMENTS).default([]),
});
export type PortalContent = z.output<typeof PortalContentSchema>;

/** One recipient of a portal message, as the sender sees its status. */
export interface PortalRecipientStatus {
  readonly address: string;
  readonly noticeSentAt?: string;
  readonly failedAttempts: number;
  /** Set while wrong passcodes keep the link locked for this recipient. */
  readonly lockedUntil?: string;
  readonly firstOpenedAt?: string;
  readonly lastOpenedAt?: string;
}

export type PortalState = 'active' | 'expired' | 'recalled' | 'deleted';

/** A message without its content: what the sender's status view and the pickup pages need. */
export interface PortalMessageInfo {
  readonly id: string;
  readonly sender: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly state: PortalState;
  readonly recalledAt?: string;
  readonly recipients: readonly PortalRecipientStatus[];
  readonly replies: number;
}

export interface PortalReply {
  readonly id: string;
  readonly author: string;
  readonly createdAt: string;
  readonly text: string;
}

export type PortalErrorCode =
  | 'not_found'
  | 'expired'
  | 'recalled'
  | 'deleted'
  | 'not_a_recipient'
  | 'too_large'
  | 'expiry_out_of_range'
  | 'unknown_key'
  /** The portal key file cannot be read as a keyring. */
  | 'keyring_invalid'
  /** A list cursor the portal never handed out. */
  | 'invalid_cursor';

export class PortalError extends CodedError<PortalErrorCode> {
  override readonly name = 'PortalError';
}
