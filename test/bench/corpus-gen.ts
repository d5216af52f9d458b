// Deterministic email-like text for benchmarks: the same seed always gives the same drafts.

export interface BenchDraft {
  readonly subject: string;
  readonly body: string;
}

export type Random = () => number;

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const int = (rnd: Random, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const digits = (rnd: Random, n: number): string => Array.from({ length: n }, () => int(rnd, 0, 9)).join('');
const pad2 = (n: number): string => String(n).padStart(2, '0');

const FIRST = ['Maria', 'James', 'Dolores', 'Kevin', 'Aisha', 'Tom', 'Priya', 'Gerald', 'Lynn', 'Carlos', 'Mei', 'Robert', 'Fatima', 'Daniel', 'Grace', 'Omar', 'Helen', 'Luis', 'Nora', 'Samuel'];
const LAST = ['Gonzalez', 'Hostetler', 'Amsel', 'Patel', 'Nguyen', 'Keller', 'Okafor', 'Raman', 'Schultz', 'Kowalski', 'Brennan', 'Yamamoto', 'Haddad', 'Lindqvist', 'Moreau', 'Castillo', 'Whitfield', 'Osei'];
const CONDITION = ['atrial fibrillation', 'type 2 diabetes', 'congestive heart failure', 'COPD', 'major depressive disorder', 'chronic kidney disease stage 3', 'hypertension', 'asthma', 'a left ankle fracture', 'migraine with aura', 'hypothyroidism', 'pneumonia', 'generalized anxiety disorder', 'osteoarthritis of the knee'];
const MEDICATION = ['metformin 500 mg', 'furosemide 20 mg', 'apixaban', 'lisinopril 10 mg', 'sertraline 50 mg', 'albuterol', 'levothyroxine 75 mcg', 'atorvastatin 40 mg', 'amoxicillin', 'insulin glargine', 'prednisone taper', 'gabapentin 300 mg'];
const PROCEDURE = ['an echocardiogram', 'a colonoscopy', 'an MRI of the lumbar spine', 'a CT with contrast', 'physical therapy', 'a stress test', 'a left knee replacement', 'a sleep study', 'cataract surgery', 'a skin biopsy'];
const LAB = ['A1c of 8.2%', 'potassium of 5.6', 'eGFR of 41', 'a troponin of 0.04', 'LDL of 162', 'TSH of 7.9', 'INR of 3.4', 'hemoglobin of 9.1'];
const CARE = ['the heart failure clinic', 'cardiology follow-up', 'the infusion center', 'urgent care', 'her PCP', 'the wound clinic', 'behavioral health intake', 'pre-op clearance'];
const WEEKDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const STREET = ['Ridgeline Parkway', 'Maple Ave', 'Elm Street', 'Harbor Road', 'Cedar Lane', 'Willow Court'];
const CITY = ['Ashgrove, OH 43990', 'Springfield, IL 62704', 'Dayton, OH 45402', 'Fairview, PA 16415', 'Lakewood, CO 80226'];
const GREETING = ['Hi {doctor},', 'Hello team,', 'Dear {doctor},', 'Good morning,', '{first},', 'Hi all,'];
const CLOSING = ['Thanks,', 'Best regards,', 'Thank you,', 'Kind regards,', 'Best,'];
const TITLE = ['RN', 'MD', 'NP', 'PA-C', 'LPN', 'CMA'];
const ROLE = ['Care Coordinator', 'Cardiology Nurse Navigator', 'Practice Manager', 'Billing Specialist', 'Medical Director', 'Front Desk Lead'];

const PATIENT_SENTENCES = [
  '{patient} (DOB {dob}, MRN {mrn}) was seen in {care} on {date} for {condition}.',
  'We started {patient} on {medication} after the {lab} came back on {date}.',
  'Please call {patient} at {phone} to schedule {procedure} before {weekday}.',
  '{patient} reports worsening {condition} since the dose of {medication} was changed.',
  'Her member ID is {member} and the prior auth for {procedure} is still pending.',
  'SSN on the claim form reads {ssn}; please verify before resubmitting.',
  'His daughter asked that results go to {email} rather than the portal.',
  'Home address on file: {street_no} {street}, {city}.',
  'Referral for {patient} to {care}, diagnosis code {icd}, ordering NPI {npi}.',
  'The discharge summary for {patient} lists {condition} and a follow-up in {care} on {date}.',
  'Fax the signed orders for {procedure} to {phone}, attention {doctor}.',
  '{patient}, {age} years old, had {procedure} on {date} without complications.',
];

const NEUTRAL_SENTENCES = [
  'The staff meeting moves to {weekday} at 7:30 in Conference Room 3B.',
  'Reminder: badge photos are being retaken in the lobby on {date}.',
  'The new scheduling templates go live next week; let me know if anything looks off.',
  'Parking garage level 2 is closed for resurfacing through the end of {month}.',
  'Please submit your PTO requests for the holidays by {date}.',
  'Attached is the updated call schedule; swaps need to be approved by the charge nurse.',
  'The vendor demo for the new label printers is on {weekday} afternoon.',
  'Lunch will be provided for the quarterly town hall.',
  'IT will patch the workstations in the east wing overnight; save your work before leaving.',
  'The annual compliance modules are due by the end of {month}.',
  'Can someone cover the front desk from noon to one on {weekday}?',
  'Our main line is {phone} if the extension does not ring through.',
];

function fill(rnd: Random, template: string): string {
  const patient = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'patient': return patient;
      case 'first': return pick(rnd, FIRST);
      case 'doctor': return `Dr. ${pick(rnd, LAST)}`;
      case 'dob': return `${pad2(int(rnd, 1, 12))}/${pad2(int(rnd, 1, 28))}/${int(rnd, 1930, 2015)}`;
      case 'date': return rnd() < 0.5 ? `${int(rnd, 1, 12)}/${int(rnd, 1, 28)}` : `${pick(rnd, MONTH)} ${int(rnd, 1, 28)}`;
      case 'mrn': return digits(rnd, 8);
      case 'phone': return `(${int(rnd, 201, 989)}) 555-${digits(rnd, 4)}`;
      case 'ssn': return `${int(rnd, 100, 665)}-${pad2(int(rnd, 1, 99))}-${String(int(rnd, 1, 9999)).padStart(4, '0')}`;
      case 'member': return `${pick(rnd, ['XGH', 'BCA', 'UHC', 'W'])}${digits(rnd, 9)}`;
      case 'npi': return `1${digits(rnd, 9)}`;
      case 'icd': return `${pick(rnd, ['I48.91', 'E11.9', 'J44.1', 'F33.1', 'N18.3', 'M17.12'])}`;
      case 'email': return `${pick(rnd, FIRST).toLowerCase()}.${pick(rnd, LAST).toLowerCase()}@example.com`;
      case 'street_no': return String(int(rnd, 10, 9999));
      case 'street': return pick(rnd, STREET);
      case 'city': return pick(rnd, CITY);
      case 'age': return String(int(rnd, 19, 97));
      case 'condition': return pick(rnd, CONDITION);
      case 'medication': return pick(rnd, MEDICATION);
      case 'procedure': return pick(rnd, PROCEDURE);
      case 'lab': return pick(rnd, LAB);
      case 'care': return pick(rnd, CARE);
      case 'weekday': return pick(rnd, WEEKDAY);
      case 'month': return pick(rnd, MONTH);
      default: throw new Error(`unknown slot ${slot}`);
    }
  });
}

function paragraph(rnd: Random, recycled: readonly string[]): string {
  if (recycled.length > 0 && rnd() < 0.4) return pick(rnd, recycled);
  const sentences = rnd() < 0.55 ? PATIENT_SENTENCES : NEUTRAL_SENTENCES;
  return Array.from({ length: int(rnd, 1, 4) }, () => fill(rnd, pick(rnd, sentences))).join(' ');
}

function signature(rnd: Random): string {
  return `${pick(rnd, CLOSING)}\n${pick(rnd, FIRST)} ${pick(rnd, LAST)}, ${pick(rnd, TITLE)}\n${pick(rnd, ROLE)}\nCalloway Valley Health | (614) 555-0100 ext. ${digits(rnd, 4)}`;
}

/** One draft of about `chars` UTF-16 units: greeting, paragraphs, signature, sometimes a quoted earlier message. */
export function draftOfSize(rnd: Random, chars: number, recycled: readonly string[] = []): BenchDraft {
  const subject = fill(rnd, pick(rnd, ['Follow-up for {patient}', 'Re: {procedure} on {date}', 'Staff meeting {weekday}', 'Prior auth question', 'Fwd: referral', 'Schedule change for {month}']));
  const parts = [fill(rnd, pick(rnd, GREETING))];
  let length = parts[0]!.length;
  const sig = signature(rnd);
  while (length + sig.length < chars) {
    let p = paragraph(rnd, recycled);
    if (rnd() < 0.08) p = `On ${pick(rnd, WEEKDAY)}, ${pick(rnd, MONTH)} ${int(rnd, 1, 28)}, ${pick(rnd, FIRST)} ${pick(rnd, LAST)} wrote:\n> ${p.replace(/\n/g, '\n> ')}`;
    parts.push(p);
    length += p.length + 2;
  }
  parts.push(sig);
  return { subject, body: parts.join('\n\n').slice(0, Math.max(chars, 1)) };
}

/** Paragraphs of real corpus bodies, recombined into generated drafts. */
export function paragraphsOf(bodies: readonly string[]): string[] {
  return bodies.flatMap((b) => b.split(/\n\s*\n/)).map((p) => p.trim()).filter((p) => p.length >= 40);
}

/**
 * Drafts totalling about `totalChars`, each of a realistic size: log-uniform from 300 chars to 8 KB,
 * with one in fifty a long thread of up to 40 KB.
 */
export function generateDrafts(seed: number, totalChars: number, recycled: readonly string[] = []): BenchDraft[] {
  const rnd = seeded(seed);
  const drafts: BenchDraft[] = [];
  let total = 0;
  while (total < totalChars) {
    const size = rnd() < 0.02 ? int(rnd, 10_000, 40_000) : Math.round(300 * Math.exp(rnd() * Math.log(8192 / 300)));
    const d = draftOfSize(rnd, size, recycled);
    drafts.push(d);
    total += d.subject.length + d.body.length;
  }
  return drafts;
}
