import type { Kind } from '@phiguard/core';
import { escapeRe2 } from './re2.js';

/** Workspace DLP offers Google Cloud Sensitive Data Protection's predefined detectors (infoTypes). */
export const INFOTYPES_URL = 'https://cloud.google.com/sensitive-data-protection/docs/infotypes-reference';
/** Google's list of the predefined content detectors shown in the Admin console. */
export const WORKSPACE_DETECTORS_URL = 'https://support.google.com/a/answer/7047475';

/**
 * How a rule uses a detector, following the core's verdict (shared/src/assess/verdict.ts):
 * - `identifier` points at one person anywhere: PHI with a health term, and `identifiers_only` alone;
 * - `with_health` counts only beside a health term: account and reference numbers are a patient's
 *   only in a draft about a patient, and every email names people (greetings, signatures), which
 *   the core tells from patients by layout and Gmail DLP cannot;
 * - `health` is the health half of PHI;
 * - `not_in_rules`: defined so every kind is covered, but no rule uses it (see `why`);
 * - `exception`: marks PHI Guard's own portal notices, which the rules let through.
 */
export type DetectorUse = 'identifier' | 'with_health' | 'health' | 'not_in_rules' | 'exception';

interface DetectorBase {
  /** Stable id: the infoType for predefined detectors, `PHI_GUARD_…` for the ones the admin creates. */
  readonly id: string;
  /** What the admin sees, and the name to give a custom detector. */
  readonly name: string;
  readonly kinds: readonly Kind[];
  readonly use: DetectorUse;
  readonly why?: string;
}

export interface PredefinedDetector extends DetectorBase {
  readonly type: 'predefined';
  readonly infoType: string;
}

export interface RegexDetector extends DetectorBase {
  readonly type: 'regex';
  /** RE2 syntax; `(?i)` in front makes it case-insensitive (Google's regexes are case-sensitive by default). */
  readonly regex: string;
}

export interface WordListDetector extends DetectorBase {
  readonly type: 'word_list';
  readonly words: readonly string[];
}

export type Detector = PredefinedDetector | RegexDetector | WordListDetector;

/** The core never reports these: NPI and DEA numbers name the prescriber, not the patient (license.ts `notPhi`). */
export const EXCLUDED_INFOTYPES: ReadonlyArray<{ readonly infoType: string; readonly why: string }> = [
  { infoType: 'US_DEA_NUMBER', why: 'A DEA number names the prescriber, not the patient; PHI Guard never reports it.' },
  { infoType: 'US_HEALTHCARE_NPI', why: 'An NPI names the provider, not the patient; PHI Guard never reports it.' },
];

/** Cap on the health word list, so the detector and the rules that use it stay small (see instructions). */
export const HEALTH_TERMS_LIMIT = 50;

/**
 * Health words that the core's lexicon (shared/src/detect/data/health) reports on their own, in
 * any email; picked for having no everyday sense ("stroke", "seizure" and "depression" do). The
 * test scans each one with the core.
 */
export const HEALTH_TERMS: readonly string[] = [
  'abortion', 'anxiety disorder', 'asthma', 'autism', 'biopsy', 'bipolar disorder', 'blood test', 'cancer',
  'chemotherapy', 'cirrhosis', 'colonoscopy', 'COPD', 'CT scan', 'dementia', 'diabetes', 'dialysis',
  'discharge summary', 'eating disorder', 'emergency room', 'epilepsy', 'heart failure', 'hepatitis', 'HIV',
  'hospice', 'hospitalization', 'hypertension', 'immunization', 'insulin', 'kidney disease', 'lab results',
  'leukemia', 'liver disease', 'lymphoma', 'mammogram', 'melanoma', 'metformin', 'methadone', 'miscarriage',
  'opioid', 'palliative care', 'pathology report', 'physical therapy', 'pneumonia', 'prenatal care',
  'progress note', 'PTSD', 'radiation therapy', 'schizophrenia', 'treatment plan', 'ultrasound',
];

const NOT_LINKED_WHY = 'PHI Guard counts it only when it belongs to a patient, which Gmail DLP cannot tell.';
const DATE_WHY = `${NOT_LINKED_WHY} Google also warns that date detectors match nearly every email (${WORKSPACE_DETECTORS_URL}).`;

// What may stand between a label and its number, as in the core's labelled ids (detect/labelled.ts).
const JOIN = String.raw`(?:\s{0,3}(?:#|no\.?|num(?:ber)?|nbr))?\s{0,3}[:.=]?\s{0,3}(?:(?:is|was)\s{1,3})?#?\s{0,2}`;
// An id of letters, digits and joiners with at least two digits. The core also wants four
// characters, which RE2 cannot say without lookahead, so this is slightly broader.
const ID_VALUE = String.raw`[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*\b`;

/** The core's way of finding MRNs, member and claim numbers: a label, then an id. Labels match case-insensitively. */
export function labelledIdRegex(labels: readonly string[]): string {
  const alternatives = [...labels]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((label) => escapeRe2(label).replace(/ /g, String.raw`\s+`))
    .join('|');
  return String.raw`(?i)\b(?:${alternatives})\b${JOIN}${ID_VALUE}`;
}

/** Labels the core's labelled recognizers read (detect/recognizers/*.ts); the test checks the core still finds each. */
export const LABELS = {
  MRN: ['MRN', 'medical record', 'med rec', 'chart', 'patient id', 'pt id', 'patient number', 'EMR', 'hospital number', 'unit number'],
  HEALTH_PLAN_ID: ['member id', 'subscriber id', 'insurance id', 'ins id', 'plan id', 'medicaid id', 'medicare id', 'HICN', 'beneficiary id', 'enrollee id'],
  ACCOUNT: ['account', 'acct', 'guarantor account', 'patient account', 'billing account', 'card ending in'],
  LICENSE: ["driver's license", "driver's licence", 'driver license', 'drivers license', 'license number', 'passport', 'state id'],
  VEHICLE: ['license plate', 'licence plate', 'plate'],
  DEVICE: ['serial', 'serial number', 'device serial', 'device id', 'UDI', 'implant id', 'pump id', 'meter id'],
  BIOMETRIC: ['biometric id', 'fingerprint id', 'fingerprint template', 'voiceprint id', 'iris template', 'DNA profile'],
  OTHER_ID: ['Rx', 'prescription', 'claim', 'claim number', 'prior auth', 'authorization', 'accession', 'referral', 'specimen', 'requisition'],
} as const satisfies Partial<Record<Kind, readonly string[]>>;

// Safe Harbor ages over 89, as the core's age recognizer writes them (detect/recognizers/age.ts).
const OVER_89 = String.raw`(?:9\d|1[0-2]\d)`;
const AGE_OVER_89 = String.raw`(?i)\b${OVER_89}(?:[- ]?(?:years?|yrs?)[- ]?old|\s?(?:yo|y/o|y\.o\.)|\s+years\s+of\s+age|\s?(?:m|f|yom|yof)\b)|\b(?:age|aged)\s*:?\s*${OVER_89}(?:[^+\d]|$)`;
// A NANP number after a fax word (detect/recognizers/fax.ts).
const FAX = String.raw`(?i)\b(?:fax|faxed|fx|facsimile|efax)\b[^0-9\n]{0,12}(?:\+?1[-. ]?)?(?:\(\s?[2-9]\d{2}\s?\)|[2-9]\d{2})[-. ]?[2-9]\d{2}[-. ]\d{4}\b`;
// A street address or "City, ST 12345" (detect/recognizers/address.ts); capitalised words, so case-sensitive.
const SUFFIX = 'Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Court|Ct|Boulevard|Blvd|Way|Place|Pl|Parkway|Pkwy|Circle|Cir|Terrace|Ter|Highway|Hwy';
const WORD = "[A-Z][a-z']+";
const ADDRESS = String.raw`\b\d{1,6}\s(?:[NSEW]\.?\s)?(?:${WORD}\s){0,3}${WORD}\s(?:${SUFFIX})\b|\b(?:${WORD}\s){0,2}${WORD},\s[A-Z]{2}\s\d{5}(?:-\d{4})?\b`;
// Image attachments named like a photo of a person (detect/recognizers/photo.ts).
const PHOTO = String.raw`(?i)\b(?:img|pxl|dsc|photo|selfie|face|headshot|portrait|patient|wound|rash|lesion)[^\s"<>/\\]{0,60}\.(?:jpe?g|png|gif|bmp|tiff?|heic|heif|webp)\b`;

const predefined = (infoType: string, name: string, kinds: Kind[], use: DetectorUse, why?: string): PredefinedDetector => ({
  type: 'predefined',
  id: infoType,
  infoType,
  name,
  kinds,
  use,
  ...(why === undefined ? {} : { why }),
});

const regex = (id: string, name: string, pattern: string, kinds: Kind[], use: DetectorUse, why?: string): RegexDetector => ({
  type: 'regex',
  id: `PHI_GUARD_${id}`,
  name: `PHI Guard: ${name}`,
  regex: pattern,
  kinds,
  use,
  ...(why === undefined ? {} : { why }),
});

/**
 * Every detector the rules may use, sorted by id. A predefined detector where Google has one for
 * the kind, else (or as well, for labelled numbers Google's detectors do not know) a custom regex.
 */
export const DETECTORS: readonly Detector[] = sortById([
  predefined('CREDIT_CARD_NUMBER', 'Credit card number', ['ACCOUNT'], 'with_health'),
  predefined('DATE_OF_BIRTH', 'Date of birth', ['DATE'], 'not_in_rules', DATE_WHY),
  predefined('EMAIL_ADDRESS', 'Email address', ['EMAIL'], 'not_in_rules', NOT_LINKED_WHY),
  predefined('ICD10_CODE', 'ICD-10 code', ['CODE'], 'health'),
  predefined('IP_ADDRESS', 'IP address', ['IP'], 'not_in_rules', NOT_LINKED_WHY),
  predefined('MEDICAL_RECORD_NUMBER', 'Medical record number', ['MRN'], 'identifier'),
  predefined('PERSON_NAME', 'Person name', ['NAME'], 'with_health'),
  predefined('PHONE_NUMBER', 'Phone number', ['PHONE'], 'not_in_rules', NOT_LINKED_WHY),
  regex('ACCOUNT', 'labelled account number', labelledIdRegex(LABELS.ACCOUNT), ['ACCOUNT'], 'with_health'),
  regex('ADDRESS', 'street address', ADDRESS, ['ADDRESS'], 'not_in_rules', NOT_LINKED_WHY),
  regex('AGE_OVER_89', 'age over 89', AGE_OVER_89, ['AGE'], 'identifier'),
  regex('BIOMETRIC', 'labelled biometric id', labelledIdRegex(LABELS.BIOMETRIC), ['BIOMETRIC'], 'identifier'),
  regex('DEVICE', 'labelled device serial', labelledIdRegex(LABELS.DEVICE), ['DEVICE'], 'identifier'),
  regex('FAX', 'fax number', FAX, ['FAX'], 'not_in_rules', NOT_LINKED_WHY),
  regex('HEALTH_PLAN_ID', 'labelled health plan member id', labelledIdRegex(LABELS.HEALTH_PLAN_ID), ['HEALTH_PLAN_ID'], 'identifier'),
  {
    type: 'word_list',
    id: 'PHI_GUARD_HEALTH_TERMS',
    name: 'PHI Guard: health terms',
    words: [...HEALTH_TERMS].sort(compareWords),
    kinds: ['CARE', 'CONDITION', 'LAB', 'MEDICATION', 'PROCEDURE'],
    use: 'health',
  },
  regex('LICENSE', 'labelled licence or passport number', labelledIdRegex(LABELS.LICENSE), ['LICENSE'], 'identifier'),
  regex('MRN', 'labelled medical record number', labelledIdRegex(LABELS.MRN), ['MRN'], 'identifier'),
  regex('OTHER_ID', 'labelled claim, prescription or reference number', labelledIdRegex(LABELS.OTHER_ID), ['OTHER_ID'], 'with_health'),
  regex(
    'PHOTO',
    'photo file name',
    PHOTO,
    ['PHOTO'],
    'not_in_rules',
    'Gmail DLP reads text, and the text in images with OCR; it cannot tell that an image shows a person, and attachment names are not among the parts it scans.',
  ),
  regex('VEHICLE_PLATE', 'labelled vehicle plate', labelledIdRegex(LABELS.VEHICLE), ['VEHICLE'], 'identifier'),
  predefined('URL', 'URL', ['URL'], 'not_in_rules', NOT_LINKED_WHY),
  predefined('US_DRIVERS_LICENSE_NUMBER', "US driver's license number", ['LICENSE'], 'identifier'),
  predefined('US_MEDICARE_BENEFICIARY_ID_NUMBER', 'US Medicare Beneficiary Identifier', ['HEALTH_PLAN_ID'], 'identifier'),
  predefined('US_SOCIAL_SECURITY_NUMBER', 'US Social Security number', ['SSN'], 'identifier'),
  predefined('US_VEHICLE_IDENTIFICATION_NUMBER', 'US vehicle identification number', ['VEHICLE'], 'identifier'),
]);

/** Detectors a rule may use, in catalog order. */
export function detectorsFor(...uses: readonly DetectorUse[]): Detector[] {
  return DETECTORS.filter((d) => uses.includes(d.use));
}

function sortById(detectors: Detector[]): Detector[] {
  return detectors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function compareWords(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
