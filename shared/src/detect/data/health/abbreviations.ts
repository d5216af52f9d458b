import { termList } from './list.js';

// Hand-curated in this project: clinical shorthand mapped to the kind of health information it
// names. All-caps entries of up to five letters match only as written (PhraseIndex), so "ED" is
// not "ed" and "MS" is not "Ms". Entries in `weak` are also everyday abbreviations (PE, RA, MS,
// OT, PT) and need a clinical word nearby.

export interface AbbreviationTiers {
  readonly strong: readonly string[];
  readonly weak: readonly string[];
}

export const CONDITION_ABBREVIATIONS: AbbreviationTiers = {
  strong: termList(`
HTN|DM1|DM2|DMII|T1DM|T2DM|T1D|T2D|IDDM|NIDDM|GDM|CHF|HFrEF|HFpEF|HFREF|HFPEF|ASCVD|ASHD|COPD|CKD|CKD3|CKD4|CKD5|ESRD|
ESKD|AKI|ARF|Afib|AFib|A-fib|a-flutter|AFL|CVA|TIA|STEMI|NSTEMI|ACS|PAD|PVD|DVT|VTE|OSA|UTI|CAUTI|GERD|IBS|IBD|SBO|
BPH|HLD|HCV|HBV|HIV|AIDS|MRSA|VRE|PNA|SOB|PND|N/V|N/V/D|NVD|LBP|SLE|TBI|AMS|AVH|MDD|PTSD|ADHD|SUD|OUD|ETOH|EtOH|DKA|
HCAP|SSTI|AOM|PUD|NASH|NAFLD|PCOS|PIH|PPROM|IUGR|IUFD|VZV|LTBI|ARDS|PTX|SVT|LBBB|RBBB|CHB|ILD|PAH|DJD|FTT|BRCA+|SIRS|
NSCLC|SCLC|CLL|CML|AML|DCIS|IDC|HCC|RCC|GBM|MGUS|ITP|TTP|DIC|SAH|SDH|ICH|NPH|ALS|GBS|MCI|CP/SOB|OCD|GAD|BPAD
`),
  weak: termList(`
AF|MI|PE|CP|HA|OA|RA|MS|PD|LOC|SI|HI|ASD|BPD|AUD|HHS|CAP|OM|TB|VT|VF|CTS|SAB|PID|STD|STI|CIN|SCI|DM|CAD|AAA|DOE|DDD|
NEC|RLS|URI|HSV
`),
};

export const MEDICATION_ABBREVIATIONS: AbbreviationTiers = {
  strong: termList(`
NTG|KCl|HCTZ|MTX|TMP-SMX|TMP/SMX|SMX-TMP|APAP|NSAID|NSAIDs|ACEi|ACE-I|SSRI|SNRI|LMWH|UFH|DOAC|DOACs|NOAC|TXA|D5W|D5NS|
D50|MMF|HCQ|6-MP|5-FU|OCP|OCPs|TRT|MOUD|NRT|PCN|ICS/LABA|LABA|LAMA|SABA|Premed|premeds
`),
  weak: termList(`
ASA|ARB|PPI|IVF|NS|LR|HRT|MAT|TPA|EPO|ABX|ICS|MDI
`),
};

export const PROCEDURE_ABBREVIATIONS: AbbreviationTiers = {
  strong: termList(`
TKA|THA|TKR|THR|BKA|ORIF|CABG|PCI|TAVR|TAVI|EGD|ERCP|PICC|CPAP|BIPAP|BiPAP|MRI|MRA|CTA|EKG|ECG|TTE|TEE|EEG|EMG|PSG|
DEXA|DXA|CXR|KUB|NGT|TPN|PRBC|PRBCs|FFP|ECT|FMX|FCE|ACDF|LEEP|EVAR|CRRT|ECMO|LVAD|IABP|AICD|CRT-D|CRT-P|w/u|PT/OT|
OT/PT|PT/OT/SLP|FNA|EBUS|TURP|TURBT|VATS
`),
  weak: termList(`
CT|PET|IVs|IV|AKA|TF|TFs|SRP|HEP|CBT|DBT|TMS|CPR|NST|PFT|PFTs|EUS|NCS|MBS|LP|PEG
`),
};

export const CARE_ABBREVIATIONS: AbbreviationTiers = {
  strong: termList(`
ER|ICU|MICU|SICU|CCU|CVICU|NICU|PICU|PACU|SNF|PCP|VNA|IOP|DNI|DNR/DNI|POLST|MOLST|f/u|F/U|d/c|D/C|d/c'd|LTACH|IRF|
OB/GYN|MFM|SLP
`),
  weak: termList(`
ED|LTC|HH|OBS|BH|POD|GI|ENT|EP|OB|AMA|RD|RTC
`),
};

/**
 * Words that mark clinical writing (history, status post, complains of, diagnosis, prescription):
 * not health information by themselves, but they make a nearby ambiguous term clinical.
 */
export const CLINICAL_MARKERS: readonly string[] = termList(`
patient|pt|his|her|hx|h/o|s/p|c/o|dx|diagnosed|rx|prn|d/t
`);
