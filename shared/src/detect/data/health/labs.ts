import { termList } from './list.js';

// Hand-curated in this project: lab tests, panels, screening instruments and vital signs as they
// appear in nursing notes, lab printouts and patient letters.

/** Tests that are clinical on their own; a value after them joins the span ("A1c of 9.4%"). */
export const LAB_TESTS: readonly string[] = termList(`
H/H|h&h|cbc|CBC|CMP|BMP|complete blood count|cbc with diff|cbc w/ diff|cbc with differential|basic metabolic panel|
comprehensive metabolic panel|metabolic panel|chem 7|chem-7|chem panel|chem 10|lytes|lipid panel|lipid profile|
fasting lipid panel|cholesterol panel|lfts|lft|liver function tests|liver function test|liver panel|
hepatic function panel|renal panel|renal function panel|thyroid panel|thyroid function tests|free t4|ft4|a1c|hba1c|
hgba1c|hemoglobin a1c|hgb a1c|glycated hemoglobin|glycosylated hemoglobin|fasting glucose|fasting blood sugar|
fasting blood glucose|fingerstick glucose|poc glucose|point-of-care glucose|accucheck|accuchecks|accu-chek|
glucose tolerance test|oral glucose tolerance test|ogtt|one-hour glucose test|glucose challenge test|pt/inr|ptt|aptt|
coags|coagulation panel|coagulation studies|d-dimer|ddimer|troponin|troponin i|troponin t|hs-troponin|
high-sensitivity troponin|trop|trops|nt-probnp|probnp|pro-bnp|ck-mb|cpk|lactic acid|lipase|amylase|procalcitonin|crp|
c-reactive protein|hs-crp|esr|sed rate|rheumatoid factor|anti-ccp|uric acid|ferritin|iron studies|iron panel|tibc|
b12 level|folate level|vitamin d level|25-oh vitamin d|cea|ca-125|ca 125|ca 19-9|afp|beta hcg|beta-hcg|
quantitative hcg|serum hcg|urine hcg|pregnancy test|urine pregnancy test|home pregnancy test|positive pregnancy test|
negative pregnancy test|upt|urinalysis|ua with reflex|ua w/ reflex|ua w reflex|urine culture|urine cultures|
blood culture|blood cultures|wound culture|sputum culture|throat culture|culture and sensitivity|rapid strep|
rapid strep test|strep test|covid test|covid-19 test|covid swab|pcr test|rapid antigen test|flu test|flu swab|
rsv test|rsv swab|respiratory panel|viral panel|hiv test|hiv viral load|viral load|cd4|cd4 count|hepatitis panel|
hepatitis c antibody|hep c antibody|std testing|sti testing|std panel|sti panel|gc/chlamydia|urine drug screen|
tox screen|toxicology screen|serum toxicology|blood alcohol|blood alcohol level|abg|arterial blood gas|vbg|
venous blood gas|blood gas|digoxin level|lithium level|lithium levels|depakote level|valproic acid level|
valproate level|vanc trough|vancomycin trough|vanco trough|drug level|drug levels|therapeutic level|tacrolimus level|
dilantin level|phenytoin level|tegretol level|morning cortisol|acth|testosterone level|estradiol level|prolactin|fsh|
amh|semen analysis|pap results|pap smear results|hpv test|hpv testing|biopsy results|biopsy result|pathology|
pathology report|pathology results|path report|surgical pathology|cytology|histology|frozen section|tumor markers|
genetic testing|genetic test|genetic screening|brca testing|brca test|brca1|brca2|karyotype|newborn screen|
newborn screening|cologuard|fecal immunochemical test|fecal occult blood test|fobt|ifobt|stool test|stool culture|
stool studies|c. diff test|c diff test|h. pylori test|h pylori test|urea breath test|urine microalbumin|microalbumin|
uacr|albumin/creatinine ratio|urine protein|egfr|gfr|creatinine clearance|24-hour urine|hemoglobin electrophoresis|
peripheral smear|blood smear|reticulocyte count|retic count|type and screen|type and cross|blood type|crossmatch|
antibody screen|total bilirubin|direct bilirubin|alk phos|alkaline phosphatase|ggt|total protein|prealbumin|
magnesium level|phosphorus level|calcium level|ionized calcium|potassium level|sodium level|glucose level|
blood sugar level|blood glucose level|a1c level|tsh level|thyroid levels|ekg results|ecg results|echo results|
mri results|ct results|creatinine|serum creatinine|hemoglobin|hematocrit|platelets|platelet count|white count|
white blood cell count|wbc count|white cell count|neutrophil count|absolute neutrophil count|bun/creatinine|bilirubin|
liver enzymes|kidney function|renal function|thyroid function|lab work|labwork|lab results|lab result|lab values|
lab tests|lab test|blood work|bloodwork|blood test|blood tests|blood draw|blood results|abnormal labs|critical value|
critical lab|critical result|critical labs|panic value|am labs|morning labs|repeat labs|stat labs|fasting labs|
pre-op labs|labs back|vital signs|VSS|orthostatic vitals|orthostatics|pain score|gcs|glasgow coma scale|apgar|
apgar score|ejection fraction|lvef|body mass index|PHQ-9|phq9|PHQ-2|phq2|GAD-7|gad7|mmse|audit-c|ciwa|ciwa score|
ciwa scores|c-ssrs|epds|m-chat|braden score|morse fall score|bi-rads|birads|gleason score|fev1|fvc|dlco|peak flow|qtc|
nihss|chads2|cha2ds2-vasc|meld score|child-pugh|sofa score|qsofa|moca score|hearing test|vision test|audiogram|
eye pressure|sleep study results|mrsa swab|nasal swab|group b strep test|glucose screen|one-hour glucose|
three-hour glucose|3-hour glucose test|quad screen|nipt|cell-free dna|triple screen|rh factor|rubella titer|
varicella titer|hepatitis b titer|antibody titer|hbsag|hepatitis b surface antigen|quantiferon|t-spot|afb smear|
sputum culture|fecal calprotectin|calprotectin|celiac panel|ttg|hla-b27|RPR|vdrl|naat|gc/ct|wet mount|koh prep|
sperm count|progesterone level|thyroid antibodies|tpo antibodies|aldosterone|renin|metanephrines|catecholamines|igf-1|
pth|transferrin|haptoglobin|coombs|coombs test|flow cytometry|anti-xa|fibrinogen|lupus anticoagulant|serum osmolality|
urine osmolality|urine sodium|upcr|protein/creatinine ratio|stone analysis|urine cytology|beta-2 microglobulin|spep|
upep|free light chains|oncotype|genetic panel|carrier screening|ige|allergy panel|rast|gentamicin level|
carbamazepine level|ethanol level|acetaminophen level|salicylate level|urine tox|urine toxicology|head circumference|
fetal heart rate|fetal heart tones|fundal height|gastric residual|gastric residuals|TSH|vital signs|vitals signs
`);

/** Analytes and lay terms: a lab with a value after them, otherwise only near a clinical word. */
export const LAB_ANALYTES: readonly string[] = termList(`
sodium|potassium|chloride|bicarbonate|calcium|magnesium|phosphorus|phosphate|glucose|blood sugar|blood glucose|
cholesterol|total cholesterol|ldl|hdl|triglycerides|lactate|albumin|iron|vitamin d|b12|folate|cortisol|ammonia|
electrolytes|cultures|drug screen|drug test|test results|rapid test|PSA|BNP|BMI|ANA|UA|CK|testosterone|estrogen|
estradiol|oxygen saturation|o2 saturation|heart rate|blood pressure|blood pressures|labs|INR|vitals
`);

/** Abbreviations and vitals that are a lab only with a value after them ("K 3.3", "BP 142/88", "T 37.9"). */
export const LAB_VALUE_ONLY: readonly string[] = termList(`
bp|SBP|DBP|systolic|diastolic|HR|RR|resp|resp rate|respiratory rate|T|Temp|Tmax|T max|SpO2|SaO2|O2 sat|O2 sats|
pulse ox|pulse oximetry|Wt|weight|BS|BG|BGL|CBG|FSBS|FSBG|POCT|UOP|urine output|EF|AHI|K|Na|Cl|Ca|Mg|Phos|CO2|HCO3|
Bicarb|Cr|Creat|BUN|Hgb|Hb|Hct|Plt|Plts|WBC|RBC|MCV|ANC|ALT|AST|LDH|LDL|HDL|TG|pH|pCO2|pO2|Lac|TnI|T3|T4|LH|AG|
anion gap|MoCA|COWS|PHQ|Gleason|sugar|sugars|sat|sats|saturation|pulse|O2|oxygen|oxygen level|oxygen levels|
temperature
`);

export type ValueShape = 'ratio' | 'temperature' | 'decimal' | 'percent' | 'saturation' | 'whole' | 'weight' | 'sodium' | 'any';

/** What a value must look like after a name; anything not listed takes any number. */
export const VALUE_SHAPES: Readonly<Record<string, ValueShape>> = {
  bp: 'ratio', 'blood pressure': 'ratio', 'blood pressures': 'ratio',
  t: 'temperature', temp: 'temperature', tmax: 'temperature', 't max': 'temperature', temperature: 'temperature',
  k: 'decimal', mg: 'decimal', ca: 'decimal', cr: 'decimal', creat: 'decimal', phos: 'decimal', ph: 'decimal', inr: 'decimal',
  spo2: 'saturation', sao2: 'saturation', 'o2 sat': 'saturation', 'o2 sats': 'saturation', 'pulse ox': 'saturation', 'pulse oximetry': 'saturation',
  sats: 'saturation', sat: 'saturation', saturation: 'saturation', 'oxygen saturation': 'saturation', 'o2 saturation': 'saturation',
  oxygen: 'saturation', o2: 'saturation', 'oxygen level': 'saturation', 'oxygen levels': 'saturation', ef: 'percent',
  hr: 'whole', rr: 'whole', 'heart rate': 'whole', pulse: 'whole', 'resp rate': 'whole', 'respiratory rate': 'whole',
  cl: 'whole', bs: 'whole', bg: 'whole', cbg: 'whole', bun: 'whole', plt: 'whole', plts: 'whole',
  wt: 'weight', weight: 'weight',
  sugar: 'whole', sugars: 'whole', na: 'sodium',
};
