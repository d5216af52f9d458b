import { scan } from '@phiguard/core';
import type { ExtractedPart } from '../contract.js';

/** The core's verdict on one extracted part, scanned as a draft's only attachment, as hosts do. */
export function scansAsPhi(part: ExtractedPart): boolean {
  return scan({ subject: '', body: '', attachments: [{ name: part.name, text: part.text }] }).phi;
}
