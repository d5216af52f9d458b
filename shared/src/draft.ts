import { z } from 'zod';

/** The sender's organisation: its own details are never patient PHI. */
export const OrgProfileSchema = z.object({
  name: z.string().max(200).optional(),
  domains: z.array(z.string().max(253)).max(100).default([]),
  phones: z.array(z.string().max(40)).max(200).default([]),
  addresses: z.array(z.string().max(300)).max(100).default([]),
});
export type OrgProfile = z.input<typeof OrgProfileSchema>;

/**
 * Why an attachment (or a file inside one) could not be inspected. Public contract, shared with the
 * attachment extractor and stored as codes: add, never rename.
 */
export const ATTACHMENT_PROBLEMS = [
  'encrypted',
  'too_large',
  'too_many_pages',
  'too_many_entries',
  'decompression_limit',
  'image_too_large',
  'malformed',
  'unsupported',
  'timeout',
  'ocr_unavailable',
  /** The host could not reach the service that inspects attachments for it. */
  'scan_unavailable',
] as const;
export const AttachmentProblemSchema = z.enum(ATTACHMENT_PROBLEMS);
export type AttachmentProblem = z.infer<typeof AttachmentProblemSchema>;

/**
 * One attachment, or one part of it (a PDF page, a file in a ZIP: the extractor names it
 * `archive.zip/letter.pdf`), as the scan sees it.
 */
export const AttachmentSchema = z.object({
  name: z.string().max(255),
  contentType: z.string().max(255).optional(),
  /** 1-based page the text came from, for a paged document. */
  page: z.number().int().positive().optional(),
  /** Extracted text, when the host could read it. */
  text: z.string().optional(),
  /** Its content could not be read: PHI unknown, so the policy's fail mode decides. */
  uninspectable: AttachmentProblemSchema.optional(),
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
