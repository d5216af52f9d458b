import { tokenIndexAt, type Token } from '../detect/text.js';

// Words that say the text is about a patient or member (third person) — what turns an account or
// claim number from a business reference into a person's identifier.
const ABOUT_PATIENT = /\b(?:pts?|patients?|patient's|members?|member's|clients?|claimants?|residents?|beneficiar(?:y|ies)|guarantors?|subscribers?|enrollees?|insureds?|dob|d\.o\.b\.|date of birth|he|she|his|her|him|son|daughter|wife|husband|mother|father|caregiver)\b/i;

// Second-person care or payment ("your lab results", "your appointment"): the reader is the patient,
// so the name they are greeted by is a patient's name.
const TO_PATIENT = /\b(?:your|you're|you are|you were|you've)\s+(?:[\w-]+\s+){0,3}?(?:appointments?|visits?|results?|labs?|tests?|prescriptions?|medications?|meds|refills?|orders?|claims?|statements?|balance|bills?|coverage|benefits|procedures?|surgery|treatment|therapy|exercises?|programs?|care|doctor|provider|chart|records?|diagnosis|condition|symptoms?|pain|doses?|insurance|plan|recovery|cleaning|exam|x-?rays?|injections?|vaccines?|pregnant|pregnancy|weeks|health|blood|scan|biopsy|infection|referral|session|therapist|dentist|teeth|tooth|gum|knee|hip|back|shoulder)\b/i;

const YOU = /you/i;

export const mentionsPatient = (text: string): boolean => ABOUT_PATIENT.test(text);

/**
 * The text speaks to the patient: second-person care words, or "your" within three words before a
 * health term found in it ("your hemoglobin A1c", "your metformin").
 */
export function addressesPatient(text: string, tokens: readonly Token[], health: readonly { start: number }[]): boolean {
  // Every TO_PATIENT match holds "you"; looking for it is cheaper than the full pattern.
  if (YOU.test(text) && TO_PATIENT.test(text)) return true;
  return health.some((h) => {
    const i = tokenIndexAt(tokens, h.start);
    for (let k = Math.max(0, i - 3); k < i; k++) if (tokens[k]!.lower === 'your') return true;
    return false;
  });
}
