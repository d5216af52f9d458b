import { JOINTS_AND_BONES, ORGANS } from './anatomy.js';
import { combine, termList } from './list.js';

// Hand-curated in this project: diseases, injuries, symptoms and findings as clinicians,
// billers and patients write them in email. Abbreviations live in abbreviations.ts.

/** Names that are clinical in any email. */
const DISEASES = termList(`
hypertension|high blood pressure|elevated blood pressure|hypotension|low blood pressure|orthostatic hypotension|
atrial fibrillation|a-fib|afib|a fib|paroxysmal af|atrial flutter|heart failure|congestive heart failure|
systolic heart failure|diastolic heart failure|heart failure with reduced ejection fraction|
heart failure with preserved ejection fraction|chf exacerbation|cardiomyopathy|ischemic cardiomyopathy|
dilated cardiomyopathy|hypertrophic cardiomyopathy|coronary artery disease|coronary disease|
coronary artery calcification|coronary artery calcifications|heart disease|ischemic heart disease|heart attack|
myocardial infarction|acute myocardial infarction|inferior stemi|anterior stemi|stemi|nstemi|angina|unstable angina|
stable angina|acute coronary syndrome|arrhythmia|cardiac arrhythmia|bradycardia|tachycardia|sinus tachycardia|
supraventricular tachycardia|ventricular tachycardia|ventricular fibrillation|v-fib|v-tach|heart block|
complete heart block|long qt|long qt syndrome|prolonged qt|palpitations|heart murmur|murmur|aortic stenosis|
mitral regurgitation|mitral valve prolapse|aortic regurgitation|tricuspid regurgitation|valve disease|
valvular disease|endocarditis|pericarditis|myocarditis|pericardial effusion|cardiac arrest|sudden cardiac arrest|
cardiogenic shock|aortic aneurysm|abdominal aortic aneurysm|thoracic aortic aneurysm|aortic dissection|aneurysm|
brain aneurysm|deep vein thrombosis|deep venous thrombosis|blood clot|blood clots|pulmonary embolism|pulmonary emboli|
saddle embolus|peripheral artery disease|peripheral arterial disease|peripheral vascular disease|claudication|
varicose veins|venous insufficiency|carotid stenosis|raynaud's|vasculitis|hyperlipidemia|dyslipidemia|
hypercholesterolemia|high cholesterol|elevated cholesterol|hypertriglyceridemia|pulmonary hypertension

stroke|acute stroke|ischemic stroke|acute ischemic stroke|hemorrhagic stroke|mini stroke|mini-stroke|
transient ischemic attack|cerebrovascular accident|brain bleed|intracranial hemorrhage|subdural hematoma|
subarachnoid hemorrhage|intracerebral hemorrhage|cerebral infarct|acute infarct|acute infarcts|lacunar infarct|
facial droop|slurred speech|aphasia|expressive aphasia|receptive aphasia|dysarthria|hemiparesis|hemiplegia|paralysis|
quadriplegia|paraplegia|dementia|advanced dementia|alzheimer's|alzheimer's disease|alzheimers|vascular dementia|
lewy body dementia|frontotemporal dementia|cognitive impairment|mild cognitive impairment|cognitive decline|
memory loss|parkinson's|parkinson's disease|parkinsons|multiple sclerosis|amyotrophic lateral sclerosis|
lou gehrig's disease|huntington's disease|myasthenia gravis|guillain-barre|epilepsy|seizure|seizures|seizure disorder|
convulsions|status epilepticus|febrile seizure|migraine|migraines|migraine headaches|chronic migraine|
cluster headaches|tension headaches|headache|headaches|neuropathy|peripheral neuropathy|diabetic neuropathy|
radiculopathy|lumbar radiculopathy|cervical radiculopathy|sciatica|spinal stenosis|lumbar stenosis|cervical stenosis|
cauda equina|concussion|post-concussion syndrome|traumatic brain injury|brain injury|head injury|head strike|
spinal cord injury|cerebral palsy|hydrocephalus|bell's palsy|trigeminal neuralgia|restless legs syndrome|narcolepsy|
essential tremor|tremors|vertigo|dizziness|lightheadedness|syncope|fainting|fainted|passed out|loss of consciousness|
delirium|post-op delirium|postoperative delirium|encephalopathy|hepatic encephalopathy|altered mental status|
disoriented|disorientation|meningitis|encephalitis|brain tumor|glioblastoma|glioma|meningioma

asthma|asthma exacerbation|asthma attack|copd exacerbation|chronic obstructive pulmonary disease|emphysema|
centrilobular emphysema|chronic bronchitis|bronchitis|bronchiolitis|rsv bronchiolitis|bronchiectasis|pneumonia|
aspiration pneumonia|community-acquired pneumonia|walking pneumonia|pneumonitis|respiratory failure|
acute respiratory failure|hypoxic respiratory failure|hypoxia|hypoxemia|ards|acute respiratory distress syndrome|
respiratory distress|shortness of breath|short of breath|dyspnea|dyspnea on exertion|trouble breathing|
difficulty breathing|wheezing|wheeze|crackles|rales|rhonchi|stridor|pleural effusion|pneumothorax|collapsed lung|
atelectasis|pulmonary fibrosis|interstitial lung disease|sarcoidosis|cystic fibrosis|lung nodule|pulmonary nodule|
tuberculosis|latent tuberculosis|sleep apnea|obstructive sleep apnea|central sleep apnea|croup|whooping cough|
pertussis|influenza|influenza a|influenza b|covid|covid-19|long covid|coronavirus|sars-cov-2|rsv|
respiratory syncytial virus|upper respiratory infection|respiratory infection|chest infection|sinus infection|
sinusitis|strep throat|pharyngitis|tonsillitis|laryngitis|ear infection|ear infections|otitis media|
acute otitis media|otitis externa|swimmer's ear|conjunctivitis|pink eye|allergic rhinitis|hay fever

diabetes|diabetes mellitus|type 1 diabetes|type 2 diabetes|type i diabetes|type ii diabetes|type 1 diabetic|
type 2 diabetic|diabetic|prediabetes|pre-diabetes|prediabetic|borderline diabetes|gestational diabetes|
insulin-dependent diabetes|diabetic ketoacidosis|hyperosmolar|diabetic foot ulcer|diabetic retinopathy|
diabetic nephropathy|diabetic kidney disease|uncontrolled diabetes|poorly controlled diabetes|hypoglycemia|
hypoglycemic|hypoglycemic episode|low blood sugar|hyperglycemia|high blood sugar|insulin resistance|hypothyroidism|
hyperthyroidism|hashimoto's|hashimoto's thyroiditis|graves' disease|graves disease|thyroiditis|thyroid nodule|
thyroid nodules|goiter|thyroid cancer|obesity|morbid obesity|severe obesity|metabolic syndrome|
polycystic ovary syndrome|pcos|osteoporosis|osteopenia|gout|gout flare|pseudogout|adrenal insufficiency|
addison's disease|cushing's|cushing's syndrome|hyperparathyroidism|hypoparathyroidism|hyperkalemia|hypokalemia|
hyponatremia|hypernatremia|hypomagnesemia|hypocalcemia|hypercalcemia|dehydration|malnutrition|failure to thrive|
vitamin d deficiency|b12 deficiency|iron deficiency|anemia|iron deficiency anemia|acute blood loss anemia|
pernicious anemia|sickle cell|sickle cell disease|sickle cell anemia|thalassemia|hemophilia|thrombocytopenia|
neutropenia|febrile neutropenia|pancytopenia|leukocytosis|polycythemia|coagulopathy|bleeding disorder|
von willebrand disease|hemochromatosis|lymphedema

chronic kidney disease|kidney disease|renal disease|end-stage renal disease|end stage renal disease|
end-stage kidney disease|kidney failure|renal failure|acute kidney injury|acute renal failure|renal insufficiency|
kidney stone|kidney stones|nephrolithiasis|renal colic|polycystic kidney disease|nephrotic syndrome|
glomerulonephritis|urinary tract infection|bladder infection|kidney infection|pyelonephritis|cystitis|
interstitial cystitis|urinary incontinence|incontinence|urinary retention|overactive bladder|hematuria|proteinuria|
benign prostatic hyperplasia|enlarged prostate|prostatitis|erectile dysfunction|low testosterone|hypogonadism|
urosepsis|neurogenic bladder|acid reflux|gastroesophageal reflux|reflux disease|heartburn|peptic ulcer|stomach ulcer|
duodenal ulcer|gastric ulcer|gi bleed|gastrointestinal bleed|gastrointestinal bleeding|upper gi bleed|lower gi bleed|
rectal bleeding|melena|hematochezia|hematemesis|irritable bowel syndrome|inflammatory bowel disease|crohn's|
crohn's disease|crohns|ulcerative colitis|colitis|c. difficile|clostridium difficile|diverticulitis|diverticulosis|
gastroenteritis|stomach flu|stomach bug|food poisoning|norovirus|celiac disease|gastroparesis|esophagitis|
barrett's esophagus|hiatal hernia|hernia|inguinal hernia|umbilical hernia|ventral hernia|incisional hernia|hepatitis|
hepatitis a|hepatitis b|hepatitis c|hep c|hep b|cirrhosis|liver cirrhosis|fatty liver|fatty liver disease|nafld|
liver disease|liver failure|pancreatitis|acute pancreatitis|chronic pancreatitis|cholecystitis|gallstones|
gallbladder disease|cholelithiasis|choledocholithiasis|appendicitis|small bowel obstruction|bowel obstruction|ileus|
colon polyp|colon polyps|hemorrhoids|anal fissure|constipation|chronic constipation|diarrhea|nausea|nauseated|
nauseous|vomiting|nausea and vomiting|emesis|abdominal pain|epigastric pain|abdominal distension|bloating|dysphagia|
oropharyngeal dysphagia|trouble swallowing|difficulty swallowing|odynophagia|jaundice|ascites|fecal incontinence

rheumatoid arthritis|osteoarthritis|arthritis|psoriatic arthritis|juvenile arthritis|ankylosing spondylitis|lupus|
systemic lupus erythematosus|sjogren's|scleroderma|fibromyalgia|polymyalgia rheumatica|giant cell arteritis|
osteomyelitis|septic arthritis|bursitis|tendonitis|tendinitis|tendinopathy|plantar fasciitis|carpal tunnel|
carpal tunnel syndrome|trigger finger|frozen shoulder|adhesive capsulitis|rotator cuff tear|torn rotator cuff|
rotator cuff tendinopathy|labral tear|acl tear|torn acl|acl rupture|meniscus tear|torn meniscus|meniscal tear|
herniated disc|herniated disk|bulging disc|slipped disc|degenerative disc disease|spondylosis|spondylolisthesis|
scoliosis|kyphosis|back pain|low back pain|lower back pain|chronic back pain|neck pain|chronic pain|lumbar strain|
cervical strain|muscle strain|sprain|sprained ankle|ankle sprain|whiplash|dislocation|dislocated shoulder|fracture|
fractures|stress fracture|compression fracture|hip fracture|broken bone|broken hip|broken arm|broken leg|broken wrist|
broken ankle|broken foot|broken rib|broken ribs|broken nose|broken finger|broken toe|joint pain|muscle pain|
muscle weakness|muscle spasms|limited range of motion|mechanical fall|ground-level fall|she fell|he fell|mom fell|
dad fell|pt fell|patient fell|resident fell|orthopnea|paroxysmal nocturnal dyspnea|prematurity|preterm infant|
born premature|feeding difficulties|feeding problems|poor feeding|fell down|fell out of bed|fell and hit|
recently fell|had a fall|fall with injury|fall at home|fell at home|recent fall|frequent falls|multiple falls|
history of falls|fall risk|high fall risk|contusion|laceration|lacerations|abrasion|puncture wound|dog bite|
animal bite|second-degree burn|third-degree burn|frostbite|heat stroke|heat exhaustion|motor vehicle collision|
motor vehicle accident|amputation

cancer|breast cancer|lung cancer|prostate cancer|colon cancer|colorectal cancer|rectal cancer|pancreatic cancer|
ovarian cancer|cervical cancer|uterine cancer|endometrial cancer|bladder cancer|kidney cancer|renal cell carcinoma|
liver cancer|stomach cancer|esophageal cancer|thyroid cancer|skin cancer|head and neck cancer|oral cancer|
throat cancer|testicular cancer|brain cancer|bone cancer|blood cancer|metastatic cancer|metastatic disease|
stage iv cancer|carcinoma|adenocarcinoma|squamous cell carcinoma|basal cell carcinoma|ductal carcinoma|
ductal carcinoma in situ|dcis|invasive ductal carcinoma|small cell lung cancer|non-small cell lung cancer|nsclc|
melanoma|lymphoma|hodgkin lymphoma|non-hodgkin lymphoma|leukemia|acute myeloid leukemia|chronic lymphocytic leukemia|
acute lymphoblastic leukemia|multiple myeloma|myeloma|myelodysplastic syndrome|sarcoma|mesothelioma|neuroblastoma|
tumor|tumors|tumour|malignant tumor|benign tumor|malignancy|malignant neoplasm|neoplasm|metastasis|metastases|
cancer recurrence|breast mass|suspicious mass|spiculated mass|lung mass|adrenal nodule|adenoma|lipoma|fibroids|
uterine fibroids|ovarian cyst|ovarian cysts|breast cyst|lymphadenopathy|enlarged lymph node|enlarged lymph nodes

hiv|hiv positive|hiv infection|sepsis|septic shock|severe sepsis|bacteremia|septicemia|cellulitis|abscess|
skin abscess|tooth abscess|dental abscess|mrsa|mrsa infection|vre|wound infection|surgical site infection|
post-op infection|postoperative infection|fever|fevers|febrile|high fever|low-grade fever|chills|fever and chills|
herpes|herpes zoster|cold sores|genital herpes|chlamydia|gonorrhea|syphilis|trichomoniasis|
sexually transmitted infection|sexually transmitted disease|hpv|human papillomavirus|genital warts|lyme disease|
measles|mumps|rubella|chickenpox|chicken pox|scabies|lice|head lice|ringworm|yeast infection|bacterial vaginosis|
fungal infection|athlete's foot|impetigo|hand foot and mouth disease|mononucleosis|west nile|zika|
tuberculosis infection|monkeypox|mpox

eczema|atopic dermatitis|dermatitis|contact dermatitis|psoriasis|acne|cystic acne|rosacea|urticaria|skin rash|itching|
pruritus|pressure injury|pressure injuries|pressure ulcer|pressure ulcers|bedsore|bedsores|decubitus ulcer|
sacral wound|sacral ulcer|venous ulcer|venous stasis ulcer|leg ulcer|foot ulcer|ulcer|ulcers|wound dehiscence|
nonhealing wound|non-healing wound|chronic wound|skin tear|skin lesion|alopecia|hair loss|vitiligo|hidradenitis

pregnant|pregnancy|high-risk pregnancy|high risk pregnancy|ectopic pregnancy|twin pregnancy|miscarriage|
spontaneous abortion|stillbirth|preeclampsia|pre-eclampsia|eclampsia|hellp syndrome|placenta previa|
placental abruption|preterm labor|preterm contractions|premature labor|preterm birth|premature rupture of membranes|
hyperemesis|hyperemesis gravidarum|morning sickness|postpartum hemorrhage|postpartum|postpartum depression|
infertility|endometriosis|menopause|perimenopause|hot flashes|amenorrhea|missed period|irregular periods|
heavy periods|menorrhagia|dysmenorrhea|pelvic inflammatory disease|vaginitis|breast lump

glaucoma|cataract|cataracts|macular degeneration|age-related macular degeneration|retinal detachment|
diabetic eye disease|vision loss|blurred vision|blindness|legally blind|hearing loss|deafness|tinnitus|
meniere's disease

depression|depressive disorder|major depressive disorder|major depression|clinical depression|depressed mood|
treatment-resistant depression|anxiety disorder|generalized anxiety disorder|social anxiety|panic attack|
panic attacks|panic disorder|bipolar|bipolar disorder|bipolar i|bipolar ii|manic episode|mania|hypomania|
schizophrenia|schizoaffective disorder|psychosis|psychotic|psychotic features|psychotic episode|hallucinations|
auditory hallucinations|delusions|paranoia|ptsd|post-traumatic stress disorder|obsessive-compulsive disorder|adhd|
attention deficit|attention deficit hyperactivity disorder|autism|autism spectrum disorder|asperger's|eating disorder|
anorexia|anorexia nervosa|bulimia|binge eating disorder|insomnia|sleep disorder|substance use disorder|
alcohol use disorder|opioid use disorder|cannabis use disorder|stimulant use disorder|alcohol use d/o|substance abuse|
drug abuse|alcohol abuse|alcoholism|alcohol dependence|opioid dependence|addiction|opioid addiction|drug addiction|
alcohol withdrawal|opioid withdrawal|overdose|overdosed|overdosing|intentional overdose|accidental overdose|
opioid overdose|drug overdose|suicidal|suicidal ideation|suicidal thoughts|suicide attempt|attempted suicide|
self-harm|self harm|cutting herself|cutting himself|homicidal ideation|personality disorder|
borderline personality disorder|adjustment disorder|postpartum psychosis|dissociative|tobacco use|
tobacco use disorder|nicotine dependence|current smoker|former smoker

tooth decay|cavity|cavities|dental caries|caries|gum disease|periodontal disease|periodontitis|gingivitis|toothache|
tooth pain|cracked tooth|broken tooth|chipped tooth|fractured tooth|impacted tooth|impacted wisdom teeth|
impacted wisdom tooth|impacted canine|supernumerary tooth|mesiodens|dry socket|tmj|tmj disorder|bruxism|
teeth grinding|tooth sensitivity|malocclusion|bone loss|receding gums|gum recession|oral lesion|mouth sores|
canker sore|dental infection

chest pain|chest pressure|chest tightness|substernal chest pain|severe pain|acute pain|incisional pain|post-op pain|
postoperative pain|edema|ankle edema|leg swelling|lower extremity edema|pedal edema|unintentional weight loss|
generalized weakness|malaise|lethargy|lethargic|numbness|tingling|diaphoretic|diaphoresis|cool and clammy|clammy|
pallor|cyanosis|poor appetite|loss of appetite|decreased appetite|appetite loss|inadequate nutritional intake|
poor oral intake|failure to thrive|cough|chronic cough|productive cough|coughing up blood|hemoptysis|runny nose|
sore throat|nasal congestion|earache|ear pain|hemorrhage|bruising|easy bruising|blood in urine|blood in stool|
urinary frequency|dysuria|painful urination|frequent urination|night sweats|wound drainage|purulent drainage|
infected wound|open wound|surgical wound|incision|hip incision|allergy|allergies|allergic reaction|drug allergy|
penicillin allergy|sulfa allergy|anaphylaxis|anaphylactic|angioedema|st elevation|st depression|peaked t waves|
t wave inversion|qt prolongation|irregular heartbeat|irregular heart rhythm|elevated troponin|abnormal ekg|
abnormal mammogram|abnormal pap|abnormal results|abnormal labs|incidental finding|incidental findings|
terminal illness|terminally ill|frailty|debility|deconditioning|immobility|bedbound|bed-bound|wheelchair-bound|
contracture|contractures|sleep deprivation|can't sleep|cannot sleep|trouble sleeping|difficulty sleeping|nightmares|
flashbacks|mood swings|thinking about suicide|thinking about overdosing|thoughts of suicide|wants to die|
knee is getting stiff|stiff knee|sore spot|feeling depressed|feeling anxious|hypotensive|hypertensive|
hypertensive urgency|hypertensive emergency|tachycardic|bradycardic|hypoxic|febrile|afebrile|tremulous|jaundiced|
anemic|neutropenic|immunocompromised|obese|diabetic|asthmatic|epileptic|pregnant with twins|pregnant with triplets|
weeks pregnant|weeks gestation|periwound|macerated|maceration|slough|eschar|erythema|induration|wound tunneling|
wound undermining|serosanguinous drainage|serous drainage|purulent|purulence|foul odor|granulation tissue|
necrotic tissue|wound deterioration|wound deteriorating|flat affect|blunted affect|constricted affect|
affect constricted|labile affect|restricted affect|anxious mood|dysphoric mood|euthymic|poor insight|poor judgment|
impaired judgment|tangential|pressured speech|racing thoughts|flight of ideas|thought blocking|psychomotor agitation|
psychomotor retardation|responding to internal stimuli|word-finding difficulty|word finding difficulty|
word-finding difficulties|word finding difficulties|trouble finding words|difficulty finding words|trouble speaking|
difficulty speaking|garbled speech|laryngeal penetration|aspiration|silent aspiration|weak grip|
decreased grip strength|pronator drift|missed my period|missed her period|missed a period|late period|
positive pregnancy
${combine(termList('arm|leg|hand|foot|side|sided|facial|face'), termList('weakness|weaker|numbness|droop|drift')).join('|')}|
${combine(termList('pulling at|tugging at|pulling on|tugging on'), termList('ear|ears|his ear|her ear|r ear|l ear|right ear|left ear|the ear')).join('|')}|AIDS|NASH|GERD|TMD|MVA|hives|tremor|vomited|threw up|throwing up|
keratoconus|uveitis|iritis|blepharitis|stye|chalazion|dry eye|dry eye disease|diabetic macular edema|macular edema|
retinal vein occlusion|amblyopia|lazy eye|strabismus|optic neuritis|retinal tear|corneal abrasion|nasal polyps|
deviated septum|epistaxis|nosebleed|nosebleeds|vocal cord nodules|vocal cord paralysis|hoarseness|cholesteatoma|
cerumen impaction|ear wax impaction|impacted cerumen|eustachian tube dysfunction|labyrinthitis|vestibular neuritis|
bppv|benign paroxysmal positional vertigo|actinic keratosis|seborrheic dermatitis|seborrheic keratosis|melasma|
folliculitis|hidradenitis suppurativa|pemphigus|pemphigoid|alopecia areata|onychomycosis|tinea|tinea pedis|
tinea corporis|intertrigo|lichen planus|keloid|diaper rash|cradle cap|cardiomegaly|lvh|left ventricular hypertrophy|
pulmonary edema|orthostasis|POTS|postural orthostatic tachycardia syndrome|wolff-parkinson-white|brugada syndrome|
sick sinus syndrome|bicuspid aortic valve|patent foramen ovale|pfo|ventricular septal defect|atrial septal defect|
congenital heart disease|congenital heart defect|kawasaki disease|rheumatic heart disease|cardiac amyloidosis|
takotsubo|hypertensive heart disease|cardiac tamponade|hemothorax|empyema|lung abscess|pleurisy|bronchospasm|
reactive airway disease|hypercapnia|respiratory acidosis|esophageal varices|varices|portal hypertension|
hepatorenal syndrome|peritonitis|bowel perforation|volvulus|intussusception|pyloric stenosis|hirschsprung's disease|
anal fistula|perianal abscess|pilonidal cyst|gastritis|h. pylori|h pylori|helicobacter pylori|dyspepsia|achalasia|
eosinophilic esophagitis|microscopic colitis|short bowel syndrome|autoimmune hepatitis|primary biliary cholangitis|
primary sclerosing cholangitis|wilson's disease|hepatocellular carcinoma|hydronephrosis|renal artery stenosis|
nephritis|lupus nephritis|iga nephropathy|fsgs|renal cyst|metabolic acidosis|rhabdomyolysis|rhabdo|
contrast nephropathy|factor v leiden|antiphospholipid syndrome|hemolytic anemia|aplastic anemia|myelofibrosis|
polycythemia vera|essential thrombocythemia|amyloidosis|leukopenia|lymphopenia|neutropenic fever|candidiasis|
histoplasmosis|valley fever|coccidioidomycosis|aspergillosis|pneumocystis pneumonia|toxoplasmosis|cmv infection|
cytomegalovirus|ebv|epstein-barr virus|pinworms|giardia|salmonella|e. coli infection|shigella|rotavirus|fifth disease|
roseola|scarlet fever|rheumatic fever|rocky mountain spotted fever|babesiosis|ehrlichiosis|malaria|dengue|
rabies exposure|tetanus|diphtheria|polio|group b strep|gbs positive|postherpetic neuralgia|neuralgia|
complex regional pain syndrome|crps|myelopathy|syrinx|chiari malformation|spina bifida|dystonia|tic disorder|
tourette syndrome|tourette's|ataxia|myopathy|muscular dystrophy|spinal muscular atrophy|charcot-marie-tooth|cidp|
transverse myelitis|dysthymia|persistent depressive disorder|cyclothymia|catatonia|conversion disorder|
somatic symptom disorder|hoarding disorder|trichotillomania|body dysmorphic disorder|gender dysphoria|
reactive attachment disorder|oppositional defiant disorder|conduct disorder|intellectual disability|
learning disability|dyslexia|selective mutism|separation anxiety|agoraphobia|specific phobia|pmdd|
premenstrual dysphoric disorder|seasonal affective disorder|gambling disorder|arfid|night terrors|enuresis|encopresis|
bedwetting|placenta accreta|cervical insufficiency|oligohydramnios|polyhydramnios|breech|breech presentation|
fetal distress|gestational hypertension|cholestasis of pregnancy|rh incompatibility|molar pregnancy|ovarian torsion|
bartholin cyst|vulvodynia|vaginismus|uterine prolapse|pelvic organ prolapse|cystocele|rectocele|stress incontinence|
atrophic vaginitis|cervical dysplasia|abnormal uterine bleeding|postmenopausal bleeding|mastitis|breast abscess|
galactorrhea|fibrocystic breasts|gynecomastia|peyronie's disease|hydrocele|varicocele|testicular torsion|epididymitis|
orchitis|cryptorchidism|undescended testicle|phimosis|hypospadias|vesicoureteral reflux|costochondritis|epicondylitis|
lateral epicondylitis|tennis elbow|golfer's elbow|de quervain's|dupuytren's|ganglion cyst|baker's cyst|
patellofemoral pain|it band syndrome|shin splints|achilles tendonitis|achilles rupture|hamstring strain|groin strain|
turf toe|morton's neuroma|hallux valgus|bunion|bunions|hammer toe|hammertoe|flat feet|heel spur|osteonecrosis|
avascular necrosis|paget's disease|osteogenesis imperfecta|compartment syndrome|polymyositis|dermatomyositis|behcet's|
cppd|reactive arthritis|hip dysplasia|legg-calve-perthes|osgood-schlatter|spondylolysis|slap tear|bankart lesion|
ac joint separation|shoulder impingement|impingement syndrome|boxer's fracture|scaphoid fracture|colles fracture|
colic|developmental delay|speech delay|global developmental delay|tongue tie|plagiocephaly|torticollis|clubfoot|
down syndrome|trisomy 21|pku|lead poisoning|retinopathy of prematurity|patent ductus arteriosus|hypothermia|
near drowning|smoke inhalation|carbon monoxide poisoning|foreign body|bee sting allergy|peanut allergy|
tree nut allergy|food allergy|food allergies|latex allergy|shellfish allergy|egg allergy|milk allergy|
lactose intolerance|gluten intolerance|chronic fatigue syndrome|ehlers-danlos|ehlers-danlos syndrome|marfan syndrome
`);

/** Everyday words that are clinical only near a clinical word (cold, fall, depression, pain score). */
const AMBIGUOUS = termList(`
cold|flu|fall|falls|episode|episodes|flare|flare-up|flare up|shock|depression|depressed|anxiety|anxious|mass|masses|
lesion|lesions|nodule|nodules|lump|lumps|cyst|cysts|polyp|polyps|bump|bumps|swollen|sore|sores|ache|aches|aching|hurt|
hurts|pain|painful|injury|injured|injuries|bite|bites|sting|stings|blister|blisters|infection|infections|virus|sick|
sickness|illness|unwell|trauma|torn|strain|spasm|spasms|cramps|cramping|shaking|shakes|dizzy|faint|collapse|collapsed|
blackout|blackouts|addicted|drinking|relapse|relapsed|sober|sobriety|withdrawal|manic|paranoid|hearing voices|OCD|
reflux|constipated|bloated|diapers|wet diapers|contractions|bleed|bleeding|drainage|rash|itchy|redness|swelling|stiff|
stiffness|numb|tingly|pins and needles|sneezing|fussy|irritable|calcification|calcifications|opacity|infiltrate|
infiltrates|consolidation|effusion|thickening|enlarged|abnormality|twins|triplets|late period|wound|wounds|burn|burns|
fatigue|weakness|confusion|confused|agitation|agitated|combative|congestion|weight loss|weight gain|overweight|
disability|end-stage|end stage|grief|vaping|smoker|septic|shingles|mono|mets|remission|recurrence|mole|thrush|sweats|
car accident|MVC|STD|STI|dehydrated|lymph node|lymph nodes|penetration|floaters|drowning|choking|poisoning|ingestion|
teething|pica|shunt|induced|premature|warts|c diff|c. diff|fistula|fistulas
`);

/** Finding words that follow a body part: "knee pain", "wrist fracture", "breast cancer". */
const BODY_FINDINGS = [
  ...combine(JOINTS_AND_BONES, termList('fracture|fx|injury|pain|sprain|swelling|arthritis|weakness')),
  ...combine(termList('broken|fractured|sprained|swollen'), JOINTS_AND_BONES),
  ...combine(ORGANS, termList('cancer|tumor|mass|nodule|cyst|lesion|infection|pain|bleed|failure|disease')),
];

export const CONDITIONS: readonly string[] = [...DISEASES, ...BODY_FINDINGS];
export const CONDITIONS_NEED_CONTEXT: readonly string[] = AMBIGUOUS;

/** Everyday phrases that hold a condition word but are not about a person's health. */
export const CONDITION_BLOCK: readonly string[] = termList(`
cold chain|cold-chain|cold storage|cold call|cold calls|cold calling|cold brew|cold weather|cold front|cold room|
cold email|cold outreach|cold start|cold snap|cold case|fall semester|fall season|fall term|fall offsite|fall meeting|
fall newsletter|fall campaign|fall schedule|fall back|fall through|fall behind|falls behind|falls on|fall on|
falls under|fall under|fall within|falls within|fall short|falls short|free fall|fall festival|fall open enrollment|
niagara falls|great depression|economic depression|tropical depression|depression era|stroke of luck|brush stroke|
key stroke|shock absorber|sticker shock|culture shock|mass email|mass emails|mass mailing|mass mailings|mass text|
mass notification|mass update|critical mass|mass casualty drill|computer virus|virus scan|discharge checklist|
pain point|pain points|growing pains|cabin fever|spring fever|septic tank|septic system|analysis paralysis|
roof shingles|infection control|infection prevention|depression screening tool|flu season|weight loss program|
stroke width|stroke-width|stroke color|stroke of|asset seizure|seizure of|premature optimization|warts and all|
c diff tool
`);
