import { combine, termList } from './list.js';

// Hand-curated in this project: encounters, settings, levels of care, orders and the provider
// relationships that reveal someone receives care.

/** Specialties and services; as a bare word ("Cardiology") they are care only near a visit word. */
const SPECIALTIES = termList(`
cardiology|oncology|hematology|hematology/oncology|heme/onc|heme-onc|neurology|nephrology|pulmonology|
gastroenterology|GI|endocrinology|rheumatology|dermatology|urology|gynecology|obstetrics|OB/GYN|ob-gyn|obgyn|OB|
pediatrics|geriatrics|orthopedics|orthopaedics|ortho|podiatry|ophthalmology|optometry|otolaryngology|ENT|immunology|
infectious disease|psychiatry|psychology|neurosurgery|general surgery|surgical oncology|radiation oncology|
vascular surgery|cardiac surgery|cardiothoracic surgery|plastic surgery|colorectal surgery|hepatology|physiatry|PM&R|
sleep medicine|maternal-fetal medicine|MFM|neonatology|electrophysiology|EP|interventional radiology|radiology|
audiology|SLP|chiropractic|chiropractor|dentistry|periodontics|endodontics|oral surgery|orthodontics
`);

const SETTINGS = termList(`
emergency room|emergency department|er visit|ed visit|emergency visit|emergency room visit|urgent care visit|
walk-in clinic|hospitalization|hospitalizations|hospitalized|hospital stay|hospital admission|inpatient stay|
inpatient admission|admission|admissions|readmission|readmitted|direct admit|vol admit|voluntary admission|
involuntary admission|involuntary hold|psychiatric hold|72-hour hold|overnight observation|observation stay|obs stay|
placed in observation|intensive care|intensive care unit|step-down unit|stepdown|telemetry unit|tele unit|med-surg|
med/surg|labor and delivery|l and d|mother-baby unit|postpartum unit|psych unit|inpatient psych|
inpatient psychiatric unit|behavioral health unit|detox unit|inpatient rehab|rehab facility|acute rehab|
subacute rehab|skilled nursing facility|skilled nursing|snf|nursing home|nursing facility|long-term care|
long term care|ltc|ltach|assisted living|memory care|adult day care|group home|residential treatment|sober living|
halfway house|hospice|hospice care|home hospice|inpatient hospice|palliative care|comfort care|comfort measures|
end-of-life care|goals of care|goals-of-care|goals-of-care meeting|goals of care discussion|family meeting|
care conference|advance directive|advance directives|living will|polst|molst|dni|dnr/dni|full code|code status|
comfort measures only|home health|home health care|home health nurse|home health nursing|home health aide|home care|
home health services|visiting nurse|vna|skilled nursing visit|sn visit|home visit|home visits|home infusion|
private duty nursing|trauma activation|trauma alert|stroke alert|code stroke|stemi alert|code blue|rapid response|
rapid response team|sepsis alert|transfer to ed|transfer to er|transfer to the ed|transfer center|
interfacility transfer|ambulance transport|ems transport|life flight|medevac|discharge|discharged|discharges|
discharge summary|discharge instructions|discharge planning|discharge plan|d/c|d/c'd|dc'd|discharged home|
discharge to home|discharge to snf|against medical advice|left ama|post-discharge|after discharge|discharge date|
discharge diagnosis|dnr order|dnr status|do not resuscitate|do-not-resuscitate
`);

const ENCOUNTERS = termList(`
office visit|clinic visit|follow-up visit|follow up visit|followup visit|annual visit|annual physical|annual exam|
wellness visit|well visit|well-child visit|well child visit|well-child check|well baby visit|checkup|check-up|
physical exam|sports physical|preventive visit|telehealth visit|telehealth|telemedicine|video visit|virtual visit|
phone visit|e-visit|async visit|asynchronous visit|televisit|tele-visit|sick visit|urgent visit|same-day visit|
post-op visit|postop visit|post-operative visit|pre-op visit|preop visit|pre-operative visit|post-op check|
wound check|suture check|bp check|weight check|nurse visit|injection visit|prenatal visit|prenatal care|
postpartum visit|ob visit|dental visit|dental visits|hygiene visit|recall visit|therapy session|therapy sessions|
counseling session|counseling sessions|group session|appt|appts|intake appointment|re-eval|reeval|re-evaluation|
reevaluation|initial evaluation|initial eval|recert|re-cert|recertification|re-certification|plan of care|care plan|
treatment plan|plan of treatment|f/u|fu appt|return visit|return to clinic|missed appointment|missed appointments|
missed visit|cancelled appointment|late cancellation|rescheduled appointment|referral to|self-referral|admission note|
progress note|visit note|visit summary|after-visit summary|clinic note|office note|history and physical|consult note|
op note|operative note|operative report|nursing note|nurse's note|phone note|telephone encounter|chart note|
discharge summary|transfer summary|care coordination|care management|case management|disease management|
utilization review|authorized visits|authorized sessions|authorized units|seen here|seen in clinic|seen in the clinic|
seen in the er|seen in the ed|seen by|was seen|been seen|under the care of|our patient|your patient|mutual patient|
outpatient therapy|outpt therapy|outpt|iop|intensive outpatient|intensive outpatient program|partial hospitalization|
php program|day program|methadone clinic|suboxone clinic|opioid treatment program|pcp|primary care physician|
primary care provider|primary doctor|family doctor|pediatrician|cardiologist|oncologist|neurologist|nephrologist|
pulmonologist|gastroenterologist|endocrinologist|rheumatologist|dermatologist|urologist|gynecologist|obstetrician|
ob/gyn|orthopedist|orthopedic surgeon|ortho surgeon|podiatrist|ophthalmologist|optometrist|ent doctor|allergist|
psychiatrist|psychologist|neurosurgeon|his surgeon|her surgeon|hematologist|hepatologist|infectious disease doctor|
geriatrician|physiatrist|dietitian|maternal-fetal medicine specialist|perinatologist|oral surgeon|periodontist|
endodontist|orthodontist|physical therapist|occupational therapist|speech therapist|speech-language pathologist|
wound care orders|wound care order|home health orders|orders signed|signed orders|standing orders|dme order|
durable medical equipment|oxygen order|hygiene appointment|recall appointment|recare appointment|well-woman exam|
annual wellness visit|medicare wellness visit|mobile crisis|crisis line|1:1 sitter|fall precautions|
suicide precautions|seizure precautions|aspiration precautions|isolation precautions|contact precautions|
droplet precautions|airborne isolation|bed alarm|respite care|lactation consult|nurse triage|triage call
`);

/** Care words that are everyday words: care only near a clinical word. */
const AMBIGUOUS = termList(`
sitter|primary care|urgent care|behavioral health|mental health|pain management|family medicine|internal medicine|
social work|no-showed|no showed|letter of medical necessity|medical necessity|face-to-face|infusion|infusions|recheck|
re-check|no-show|no show|no-shows|second opinion|revisit|prior authorization|prior auth|precertification|
pre-authorization|DME|social worker|hygienist|dentist|chiropractor|midwife|nutritionist|case manager|care coordinator|
nurse navigator|ortho|LTC|RTC|visit|visits|session|sessions|groups|appointment|appointments|intake|consult|consults|
consultation|evaluation|assessment|follow-up|follow up|followup|treatment|treatments|therapy|counseling|outpatient|
inpatient|referral|referrals|referred|referring|specialist|surgeon|therapist|counselor|encounter|encounters|admission|
admissions|admit|admitted|discharge|discharged|discharges|observation|transferred|transfer|recheck|pre-op|post-op|
preop|postop|ltc|LTC|rtc|RTC|groups|palliative|nutrition|speech|plastics|psych|psychology|allergy|radiology|derm|peds|
OB|GI|ENT|EP|referred to|mutual client|rehab|EMS|DNR
`);

/** "<qualifier> clinic|center|…": "heart failure clinic", "Stillwater Sleep Center", "wound clinic referral". */
const CLINIC_QUALIFIERS = termList(`
heart failure|heart|cardiac|cardiology|anticoagulation|coumadin|warfarin|diabetes|endocrine|kidney|renal|dialysis|
cancer|oncology|infusion|chemo|chemotherapy|radiation|breast|breast health|women's health|sleep|sleep disorders|wound|
wound care|pain|pain management|spine|orthopedic|orthopaedic|ortho|sports medicine|stroke|neurology|memory|epilepsy|
headache|migraine|movement disorders|ms|lung|pulmonary|copd|asthma|allergy|travel|std|hiv|infectious disease|
hepatitis|liver|gi|digestive|endoscopy|colorectal|urology|fertility|ivf|prenatal|maternal-fetal medicine|
high-risk pregnancy|obstetric|ob|gyn|ob/gyn|pediatric|pediatrics|well-child|behavioral health|mental health|
psychiatric|psychiatry|counseling|addiction|substance use|methadone|suboxone|eating disorder|weight management|
bariatric|obesity|nutrition|lipid|hypertension|transplant|vascular|vein|podiatry|foot|hand|eye|retina|glaucoma|
hearing|audiology|ent|dental|oral surgery|rehab|rehabilitation|physical therapy|cardiac rehab|pulmonary rehab|
lymphedema|dermatology|skin|geriatric|palliative|hospice|walk-in|imaging|radiology|mri|surgery|surgical|
outpatient surgery|ambulatory surgery|pre-op|pre-admission testing|coagulation|blood|transfusion|sickle cell|
hemophilia
`);

export const CARE_TERMS: readonly string[] = [
  ...SETTINGS,
  ...ENCOUNTERS,
  ...combine(CLINIC_QUALIFIERS, termList('clinic|center|centre|program|unit|service|specialist')),
  ...combine(SPECIALTIES, termList('consult|referral|follow-up|f/u|appointment|appt|visit|eval|re-eval|note')),
];
export const CARE_NEED_CONTEXT: readonly string[] = [...AMBIGUOUS, ...SPECIALTIES];

/** Everyday phrases around care words. */
export const CARE_BLOCK: readonly string[] = termList(`
site visit|site visits|visit our|visit us|visit our website|campus visit|customer visit|vendor visit|sales visit|
follow-up meeting|follow up meeting|follow-up email|follow up email|follow-up call with the vendor|session timeout|
session expired|session id|session cookie|session token|login session|training session|info session|
information session|q&a session|brainstorming session|working session|strategy session|breakout session|
sessions table|session_id|admission price|admission ticket|admission tickets|free admission|college admission|
admissions office|admissions committee|university admissions|battery discharge|static discharge|discharge rate|
honorable discharge|dishonorable discharge|discharge permit|wastewater discharge|transfer funds|wire transfer|
bank transfer|file transfer|data transfer|transfer ownership|transfer the call|transfer the ticket|zone transfer|
knowledge transfer|balance transfer|transfer pricing|observation deck|field observation|observations|tax treatment|
water treatment|special treatment|silent treatment|intake form|intake forms|air intake|water intake|caloric intake|
intake and output|evaluation period|performance evaluation|program evaluation|vendor evaluation|self-evaluation|
assessment period|risk assessment|self-assessment|needs assessment|security assessment|consult with legal|
legal consult|appointment calendar|appointment reminders|appointment reminder template|referral bonus|
employee referral|referral program|referral fee|referral link|referral code|encounter an error|encounters an error|
speech recognition|speech-to-text|text-to-speech|freedom of speech|keynote speech|allergy season|nutrition facts|
nutrition label|nutrition information|radiology department meeting|admission controller|admission controllers|
admission webhook|ER diagram|ER diagrams|ER model|ER modeling
`);
