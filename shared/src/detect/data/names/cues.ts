// Hand-written for PHI Guard (no third-party source): the words around a name that tell whose it is.

/** Relatives and household members: HIPAA Safe Harbor covers their names too (45 CFR 164.514(b)(2)). */
export const FAMILY_WORDS = [
  'wife', 'husband', 'spouse', 'partner', 'son', 'daughter', 'dtr', 'dau', 'mother', 'mom', 'mum', 'mommy', 'father', 'dad',
  'daddy', 'sister', 'brother', 'sibling', 'aunt', 'uncle', 'niece', 'nephew', 'cousin', 'grandson', 'granddaughter',
  'grandmother', 'grandfather', 'grandma', 'grandpa', 'granny', 'stepson', 'stepdaughter', 'stepmother', 'stepfather',
  'stepmom', 'stepdad', 'fiance', 'fiancé', 'fiancee', 'fiancée', 'boyfriend', 'girlfriend', 'roommate', 'caregiver',
  'guardian', 'proxy', 'neighbor', 'neighbour', 'parent', 'child', 'twin', 'emergency contact',
];

/** Words that put a patient (or member, client, resident) name right after them. */
export const PATIENT_WORDS = [
  'pt', 'patient', 'resident', 'client', 'claimant', 'member', 'beneficiary', 'subscriber', 'insured', 'enrollee',
  'guarantor', 'caller', 'name', 're', 'regarding', 'message from', 'infant', 'newborn', 'student', 'employee',
];

/** Titles before a provider's or staff member's name: "Dr. Kulkarni", "NP HELGA MORROW". */
export const PROVIDER_TITLES = ['dr', 'drs', 'doctor', 'prof', 'professor', 'np', 'rn', 'lpn', 'pa', 'nurse'];

/** Labels (with a colon) before a provider's name: "Attending: Anand Kulkarni, MD". */
export const PROVIDER_LABELS = [
  'attending', 'ordering', 'ordered by', 'prescriber', 'provider', 'physician', 'surgeon', 'pcp', 'referring',
  'referring provider', 'hospitalist', 'pharmacist', 'therapist', 'presenter', 'presenters', 'speaker', 'discussant',
  'signed', 'electronically signed', 'signed by', 'author', 'cc',
];

/** Credentials after a name (case-sensitive): "Anand Kulkarni, MD", "Oscar Lindell, RN". */
export const CREDENTIALS = [
  'MD', 'DO', 'MBBS', 'RN', 'BSN', 'MSN', 'LPN', 'LVN', 'NP', 'APRN', 'FNP', 'FNP-C', 'FNP-BC', 'ANP', 'AGNP', 'AGACNP',
  'PMHNP', 'PMHNP-BC', 'DNP', 'CNS', 'CNM', 'CRNA', 'PA', 'PA-C', 'PT', 'DPT', 'PTA', 'OT', 'OTR', 'OTR/L', 'COTA', 'SLP',
  'CCC-SLP', 'DDS', 'DMD', 'RDH', 'PharmD', 'RPh', 'BCPS', 'CPhT', 'LCSW', 'LICSW', 'LMSW', 'LSW', 'MSW', 'LPC', 'LMFT',
  'LMHC', 'PhD', 'PsyD', 'EdD', 'MA', 'CMA', 'CPC', 'CCS', 'CHPC', 'RHIA', 'RHIT', 'MPH', 'MBA', 'MHA', 'MS', 'CNA', 'NRP',
  'EMT', 'EMT-P', 'RD', 'LD', 'RDN', 'CDE', 'CDCES', 'CCM', 'WCC', 'CWOCN', 'FACP', 'FACC', 'FACS', 'FAAP', 'DC', 'OD', 'DPM',
  'DVM', 'RRT', 'CRT', 'RT', 'MT', 'MLS', 'CCRN', 'CEN', 'CPNP', 'IBCLC', 'LAc', 'ATC', 'CSCS',
];

/** Last words of organisations and places: a "name" followed by one of these is not a person. */
export const ORG_WORDS = [
  'health', 'healthcare', 'hospital', 'hospitals', 'medical', 'medicine', 'center', 'centre', 'clinic', 'clinics',
  'clinical', 'pharmacy', 'pharmacies', 'associates', 'group', 'partners', 'services', 'service', 'counseling',
  'therapy', 'imaging', 'radiology', 'laboratories', 'laboratory', 'labs', 'dental', 'dentistry', 'orthodontics',
  'family', 'home', 'homes', 'rehab', 'rehabilitation', 'nursing', 'institute', 'university', 'college', 'school',
  'academy', 'society', 'foundation', 'plan', 'insurance', 'bank', 'inc', 'llc', 'ltd', 'corp', 'corporation', 'company',
  'co', 'street', 'st', 'road', 'rd', 'avenue', 'ave', 'blvd', 'boulevard', 'drive', 'dr', 'ln', 'way', 'court', 'ct',
  'parkway', 'pkwy', 'place', 'pl', 'circle', 'cir', 'terrace', 'trail', 'highway', 'hwy', 'loop', 'falls', 'hills',
  'hollow', 'creek', 'springs', 'mesa', 'valley', 'bend', 'harbor', 'harbour', 'heights', 'county', 'township',
  'beach', 'island', 'mountain', 'meadows', 'gardens', 'square', 'plaza', 'tower', 'pavilion', 'building', 'wing',
  'suite', 'auditorium', 'office', 'offices', 'department', 'dept', 'committee', 'council', 'board', 'network',
  'system', 'systems', 'regional', 'community', 'memorial', 'vascular', 'cancer', 'oncology', 'cardiology',
  'orthopedics', 'pediatrics', 'kidney', 'sleep', 'spine', 'surgery', 'surgical', 'ambulatory', 'physical',
  'behavioral', 'respiratory', 'supply', 'print', 'mail', 'delivery', 'portal', 'billing', 'view', 'practice',
  'cooperative', 'care', 'hospice', 'pediatric', 'urgent', 'emergency', 'wellness', 'fitness', 'lodge', 'inn', 'hotel',
  'church', 'chapel', 'cemetery', 'airport', 'station', 'mall', 'market', 'store', 'shop', 'pharmaceuticals', 'labs',
  'diagnostics', 'solutions', 'technologies', 'consulting', 'agency', 'county', 'city', 'village', 'park', 'point',
  'ridge', 'lake', 'grove', 'mills', 'hill', 'woods', 'ferry', 'crossing', 'landing', 'junction', 'estates', 'manor',
  'apartments', 'apts', 'club', 'center', 'children', 'women', 'kids', 'advantage', 'medicare', 'medicaid',
  // Eponyms: "Addison disease", "Bell palsy", "Apgar score".
  'disease', 'syndrome', 'palsy', 'sign', 'maneuver', 'method', 'score', 'scale', 'criteria', 'lymphoma', 'procedure',
  'award', 'awards', 'fund', 'scholarship', 'prize', 'lecture', 'lectureship', 'ministries', 'cup', 'program', 'trust',
];

/** Org words that are also common surnames (Hill, Park, Mills): only a place when no first name leads. */
export const PLACE_SURNAMES = ['park', 'point', 'ridge', 'lake', 'grove', 'mills', 'hill', 'woods', 'ferry', 'manor', 'church', 'chapel', 'way', 'court', 'hollow', 'banks', 'brooks'];

/** Leading words of place names: "St. Agnes", "Lake Placid", "San Jose". */
export const PLACE_PREFIXES = ['st', 'saint', 'mount', 'mt', 'lake', 'port', 'fort', 'ft', 'san', 'santa', 'los', 'las', 'el', 'new', 'north', 'south', 'east', 'west', 'upper', 'lower', 'camp', 'cape', 'glen'];

/** Verbs that follow a patient's first name in notes and messages: "Philippa called about...". */
export const PATIENT_VERBS = [
  'called', 'calls', 'phoned', 'emailed', 'messaged', 'texted', 'asked', 'asks', 'says', 'said', 'states', 'stated',
  'reports', 'reported', 'wants', 'wanted', 'needs', 'needed', 'missed', 'misses', 'had', 'has', 'was', 'presented',
  'presents', 'complains', 'complained', 'denies', 'denied', 'fell', 'died', 'passed', 'came', 'comes', 'went', 'got',
  'started', 'stopped', 'declined', 'refused', 'requested', 'requests', 'prefers', 'lives', 'lived', 'takes', 'took',
  'tested', 'received', 'underwent', 'developed', 'agreed', 'cancelled', 'canceled', 'rescheduled', 'arrived', 'returned',
  'paid', 'owes', 'feels', 'felt', 'tolerated', 'tolerates', 'endorses', 'admits', 'admitted', 'discharged',
];

/** Person titles before a name; the title itself is not reported. */
export const PERSON_TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'mister', 'madam'];
