import { z } from 'zod';

/** The sender's organisation: its own details are never patient PHI. */
export const OrgProfileSchema = z.object({
  name: z.string().max(200).optional(),
  domains: z.array(z.string().max(253)).max(100).default([]),
  phones: z.array(z.string().max(40)).max(200).default([]),
  addresses: z.array(z.string().max(300)).max(100).default([]),
});
export type OrgProfile = z.input<typeof OrgProfileSchema>;

export const AttachmentSchema = z.object({
  name: z.string().max(255),
  contentType: z.string().max(255).optional(),
  /** Extracted text, when the host could read it. */
  text: z.string().optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** What every host reads out of its compose window before scanning. */
export const DraftSchema = z.object({
  subject: z.string().default(''),
  body: z.string().default(''),
  attachments: z.array(AttachmentSchema).default([]),
  org: OrgProfileSchema.optional(),
});
export type Draft = z.input<typeof DraftSchema>;
export type ParsedDraft = z.output<typeof DraftSchema>;
