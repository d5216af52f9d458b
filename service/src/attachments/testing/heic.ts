// A HEIC photo for the tests: a synthetic insurance card (attachments/src/testing/render-text.ts
// INSURANCE_CARD, typeset 1000 × 616) encoded by libheif 1.15 with x265 at quality 30, as a phone
// saves a photo. No real person's data; the text is known by construction.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const INSURANCE_CARD_HEIC_PATH = fileURLToPath(new URL('./insurance-card.heic', import.meta.url));

export function insuranceCardHeic(): Uint8Array {
  return new Uint8Array(readFileSync(INSURANCE_CARD_HEIC_PATH));
}
