import { describe, expect, it } from '@jest/globals';
import { IDENTIFIER_KINDS, KindSchema, scan, type Draft, type Kind } from '@phiguard/core';
import { DETECTORS, EXCLUDED_INFOTYPES, HEALTH_TERMS, HEALTH_TERMS_LIMIT, LABELS, type RegexDetector } from './detectors.js';
import { checkRe2, toJsRegExp } from './re2.js';

const regexDetectors = DETECTORS.filter((d): d is RegexDetector => d.type === 'regex');
const detector = (id: string) => regexDetectors.find((d) => d.id === id)!;
const matchesIn = (d: RegexDetector, text: string) => toJsRegExp(d.regex).test(text);

/** The kinds the core reports in `draft`, and where. */
function coreFinds(draft: Draft): Array<[Kind, string]> {
  const texts: Record<string, string> = { subject: draft.subject ?? '', body: draft.body ?? '' };
  return scan(draft).findings.map((f) => [f.kind, f.field === 'attachment' ? '' : texts[f.field]!.slice(f.start, f.end)]);
}

// A draft that is PHI already (a named patient and a health term), so the core's verdict keeps every identifier it finds.
const aboutPatient = (text: string) => `Pt Lena Ortiz: ${text}. Diabetes follow-up.`;

describe('detector catalog', () => {
  it('covers every kind the core detects with at least one detector', () => {
    for (const kind of KindSchema.options) {
      expect([kind, DETECTORS.filter((d) => d.kinds.includes(kind)).length]).not.toEqual([kind, 0]);
    }
  });

  it('gives every identifier kind a detector of its own, predefined or custom', () => {
    for (const kind of IDENTIFIER_KINDS) {
      expect(DETECTORS.some((d) => d.kinds.includes(kind) && d.type !== 'word_list')).toBe(true);
    }
  });

  it('is sorted by id, and ids are unique', () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says why whenever a detector is left out of the rules', () => {
    for (const d of DETECTORS) expect([d.id, d.use !== 'not_in_rules' || (d.why ?? '').length > 0]).toEqual([d.id, true]);
  });

  it('never uses NPI or DEA detectors, since the core never reports those numbers', () => {
    const infoTypes = DETECTORS.flatMap((d) => (d.type === 'predefined' ? [d.infoType] : []));
    for (const { infoType } of EXCLUDED_INFOTYPES) expect(infoTypes).not.toContain(infoType);
    expect(coreFinds({ subject: '', body: aboutPatient('NPI 1234567893, DEA AB1234563') }).map(([k]) => k)).not.toContain('LICENSE');
  });

  it.each(regexDetectors.map((d) => [d.id, d] as const))('%s is RE2 syntax that JavaScript reads the same way', (_id, d) => {
    expect(checkRe2(d.regex)).toEqual({ ok: true });
    expect(() => toJsRegExp(d.regex)).not.toThrow();
  });
});

const VALUES: Record<keyof typeof LABELS, string> = {
  MRN: 'QX-20931',
  HEALTH_PLAN_ID: 'XQZ507731248',
  ACCOUNT: '60048213',
  LICENSE: 'D1234567',
  VEHICLE: 'HRT-5820',
  DEVICE: 'RBX602118H',
  BIOMETRIC: 'FP-0048213',
  OTHER_ID: '6120447',
};
const LABELLED: Record<keyof typeof LABELS, string> = {
  MRN: 'PHI_GUARD_MRN',
  HEALTH_PLAN_ID: 'PHI_GUARD_HEALTH_PLAN_ID',
  ACCOUNT: 'PHI_GUARD_ACCOUNT',
  LICENSE: 'PHI_GUARD_LICENSE',
  VEHICLE: 'PHI_GUARD_VEHICLE_PLATE',
  DEVICE: 'PHI_GUARD_DEVICE',
  BIOMETRIC: 'PHI_GUARD_BIOMETRIC',
  OTHER_ID: 'PHI_GUARD_OTHER_ID',
};
const labelledCases = (Object.keys(LABELS) as Array<keyof typeof LABELS>).flatMap((kind) =>
  LABELS[kind].map((label) => [kind, label, `${label} ${VALUES[kind]}`] as const),
);

describe('labelled-number detectors match what the core reports', () => {
  it.each(labelledCases)('%s labelled "%s"', (kind, _label, sample) => {
    expect(coreFinds({ subject: '', body: aboutPatient(sample) })).toContainEqual([kind, VALUES[kind]]);
    const match = toJsRegExp(detector(LABELLED[kind]).regex).exec(aboutPatient(sample));
    expect(match?.[0].endsWith(VALUES[kind])).toBe(true);
  });

  it.each([
    ['PHI_GUARD_MRN', 'MRN', 'a label with no number', 'check the MRN before sending'],
    ['PHI_GUARD_MRN', 'MRN', 'a word that starts with the label', 'the charter 2024 plan'],
    ['PHI_GUARD_MRN', 'MRN', 'one digit only', 'chart A1 is missing'],
    ['PHI_GUARD_MRN', 'MRN', 'the label inside another word', 'submrn 1234567'],
    ['PHI_GUARD_HEALTH_PLAN_ID', 'HEALTH_PLAN_ID', 'a member id with no number', 'member ID verification done'],
    ['PHI_GUARD_ACCOUNT', 'ACCOUNT', 'an account with no number', 'your account is up to date'],
    ['PHI_GUARD_DEVICE', 'DEVICE', 'serial ports', 'serial ports are closed'],
    ['PHI_GUARD_OTHER_ID', 'OTHER_ID', 'a claim with no number', 'the claim was denied'],
    ['PHI_GUARD_OTHER_ID', 'OTHER_ID', 'a label glued to a host name', 'rxdisp-db-01 is down'],
  ] as const)('%s rejects %s (%s)', (id, kind, _label, text) => {
    expect(coreFinds({ subject: '', body: aboutPatient(text) }).map(([k]) => k)).not.toContain(kind);
    expect(matchesIn(detector(id), text)).toBe(false);
  });
});

describe('shape detectors match what the core reports', () => {
  it.each([
    ['PHI_GUARD_AGE_OVER_89', 'AGE', 'a 92-year-old woman'],
    ['PHI_GUARD_AGE_OVER_89', 'AGE', 'age: 95'],
    ['PHI_GUARD_AGE_OVER_89', 'AGE', '91 yo'],
    ['PHI_GUARD_AGE_OVER_89', 'AGE', '103 years of age'],
    ['PHI_GUARD_FAX', 'FAX', 'fax 412-555-0188'],
    ['PHI_GUARD_FAX', 'FAX', 'please fax to (412) 555-0188'],
    ['PHI_GUARD_ADDRESS', 'ADDRESS', 'she lives at 42 Maple Street'],
    ['PHI_GUARD_ADDRESS', 'ADDRESS', 'moved to Springfield, IL 62704'],
  ] as const)('%s accepts %s', (id, kind, text) => {
    expect(coreFinds({ subject: '', body: aboutPatient(text) }).map(([k]) => k)).toContain(kind);
    expect(matchesIn(detector(id), text)).toBe(true);
  });

  it.each([
    ['PHI_GUARD_AGE_OVER_89', 'AGE', 'a 45-year-old man'],
    ['PHI_GUARD_AGE_OVER_89', 'AGE', 'patients aged 90+ in the study'],
    ['PHI_GUARD_AGE_OVER_89', 'AGE', 'see page 95'],
    ['PHI_GUARD_FAX', 'FAX', 'call 412-555-0188'],
    ['PHI_GUARD_FAX', 'FAX', 'fax 1234'],
    ['PHI_GUARD_ADDRESS', 'ADDRESS', 'we ordered 42 apples'],
    ['PHI_GUARD_ADDRESS', 'ADDRESS', 'meet in room 12'],
  ] as const)('%s rejects %s', (id, kind, text) => {
    expect(coreFinds({ subject: '', body: aboutPatient(text) }).map(([k]) => k)).not.toContain(kind);
    expect(matchesIn(detector(id), text)).toBe(false);
  });

  it.each([['IMG_1234.jpg'], ['wound-left-heel.PNG'], ['patient photo.heic']])('PHI_GUARD_PHOTO accepts the image name %s', (name) => {
    expect(coreFinds({ subject: '', body: aboutPatient('see attached'), attachments: [{ name }] }).map(([k]) => k)).toContain('PHOTO');
    expect(matchesIn(detector('PHI_GUARD_PHOTO'), name)).toBe(true);
  });

  it.each([['IMG_1234.pdf'], ['lab-report.docx']])('PHI_GUARD_PHOTO rejects %s, which is not an image', (name) => {
    expect(coreFinds({ subject: '', body: aboutPatient('see attached'), attachments: [{ name }] }).map(([k]) => k)).not.toContain('PHOTO');
    expect(matchesIn(detector('PHI_GUARD_PHOTO'), name)).toBe(false);
  });
});

describe('health terms word list', () => {
  it(`holds at most ${HEALTH_TERMS_LIMIT} distinct terms`, () => {
    expect(HEALTH_TERMS.length).toBeLessThanOrEqual(HEALTH_TERMS_LIMIT);
    expect(new Set(HEALTH_TERMS.map((t) => t.toLowerCase())).size).toBe(HEALTH_TERMS.length);
  });

  it.each(HEALTH_TERMS.map((t) => [t]))('"%s" is a health term the core reports on its own', (term) => {
    const text = `Note about the ${term} we discussed.`;
    expect(scan({ subject: '', body: text }).findings.some((f) => f.category === 'health')).toBe(true);
  });

  it('is sorted in the detector, as the admin pastes it', () => {
    const list = DETECTORS.find((d) => d.type === 'word_list')!;
    expect(list.type === 'word_list' && list.words.map((w) => w.toLowerCase())).toEqual([...HEALTH_TERMS].map((w) => w.toLowerCase()).sort());
  });
});
