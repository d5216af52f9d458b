import { createScanner, defaultRecognizers, defineLexiconRecognizer, type Scanner } from '@phiguard/core';

/**
 * The scanner every parity adapter uses. The default recognizers do not include health terms yet,
 * so the fixtures' few terms are added here; once the health recognizers are in the defaults this
 * becomes `createScanner()` (the overlap with them resolves to one finding, so nothing else changes).
 */
export const parityScanner: Scanner = createScanner({
  recognizers: [
    ...defaultRecognizers(),
    defineLexiconRecognizer({ id: 'PARITY_CONDITION', kind: 'CONDITION', terms: ['diabetes'], score: 0.9, why: 'parity fixture condition' }),
    defineLexiconRecognizer({ id: 'PARITY_MEDICATION', kind: 'MEDICATION', terms: ['metformin'], score: 0.9, why: 'parity fixture medication' }),
  ],
});
