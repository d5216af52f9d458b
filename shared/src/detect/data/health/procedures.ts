import { JOINTS_AND_BONES } from './anatomy.js';
import { combine, termList } from './list.js';

// Hand-curated in this project: surgery, imaging, cardiac and GI studies, dental work, therapy,
// devices and bedside procedures as staff write them.

const SURGERY = termList(`
surgery|surgeries|surgical procedure|outpatient surgery|same-day surgery|emergency surgery|open heart surgery|
heart surgery|bypass surgery|back surgery|spine surgery|spinal surgery|knee surgery|hip surgery|shoulder surgery|
brain surgery|weight loss surgery|bariatric surgery|cataract surgery|eye surgery|oral surgery|sinus surgery|
foot surgery|hand surgery|gallbladder surgery|hernia surgery|cancer surgery|appendectomy|cholecystectomy|lap chole|
laparoscopic cholecystectomy|hysterectomy|total hysterectomy|mastectomy|double mastectomy|lumpectomy|
partial mastectomy|tonsillectomy|adenoidectomy|colectomy|hemicolectomy|bowel resection|prostatectomy|nephrectomy|
thyroidectomy|parathyroidectomy|splenectomy|gastrectomy|sleeve gastrectomy|gastric sleeve|gastric bypass|roux-en-y|
lap band|whipple|whipple procedure|esophagectomy|lobectomy|pneumonectomy|wedge resection|craniotomy|craniectomy|
laminectomy|discectomy|microdiscectomy|spinal fusion|lumbar fusion|cervical fusion|acdf|kyphoplasty|vertebroplasty|
joint replacement|total joint replacement|total knee|total hip|total knee replacement|total hip replacement|
total knee arthroplasty|total hip arthroplasty|knee arthroplasty|hip arthroplasty|shoulder arthroplasty|
reverse shoulder replacement|arthroscopy|knee arthroscopy|shoulder arthroscopy|hip arthroscopy|acl reconstruction|
acl repair|acl revision|meniscus repair|meniscectomy|partial meniscectomy|rotator cuff repair|labral repair|
tendon repair|achilles repair|carpal tunnel release|trigger finger release|bunionectomy|orif|
open reduction internal fixation|intramedullary nailing|im nailing|hip pinning|closed reduction|external fixation|
hardware removal|amputation|below-knee amputation|above-knee amputation|toe amputation|debridement|
surgical debridement|wound debridement|incision and drainage|skin graft|skin grafting|flap reconstruction|
breast reconstruction|breast augmentation|breast reduction|cesarean|vbac|dilation and curettage|d and c|hysteroscopy|
laparoscopy|diagnostic laparoscopy|exploratory laparotomy|ex-lap|ex lap|laparotomy|tubal ligation|vasectomy|
circumcision|myomectomy|oophorectomy|salpingectomy|endometrial ablation|leep|cone biopsy|hernia repair|
inguinal hernia repair|umbilical hernia repair|ventral hernia repair|fundoplication|hemorrhoidectomy|fistulotomy|
colostomy|ileostomy|ostomy|ostomy reversal|colostomy reversal|tracheostomy|trach|trach placement|gastrostomy|
peg placement|peg tube|g-tube|g tube|j-tube|feeding tube|ng tube|nasogastric tube|ngt|dobhoff|tube feed|tube feeds|
tube feeding|tube feedings|trickle feeds|trickle feeding|trickle tf|trickle tube feeds|enteral feeding|tpn|
total parenteral nutrition|central line|central line placement|picc|picc line|port placement|port-a-cath|mediport|
arterial line|chest tube|foley catheter|urinary catheter|catheter placement|suprapubic catheter|nephrostomy tube|
drain placement|jp drain|paracentesis|thoracentesis|pericardiocentesis|lumbar puncture|spinal tap|bone marrow biopsy|
biopsy|biopsies|core biopsy|core needle biopsy|needle biopsy|fine needle aspiration|fna|excisional biopsy|
punch biopsy|shave biopsy|skin biopsy|breast biopsy|prostate biopsy|liver biopsy|kidney biopsy|lung biopsy|
lymph node biopsy|sentinel node biopsy|ultrasound-guided biopsy|ultrasound-guided core biopsy|stereotactic biopsy|
tissue sampling|excision|wide local excision|mohs surgery|mohs|cryotherapy|cyst removal|mole removal|lesion removal|
wart removal|kidney transplant|liver transplant|heart transplant|lung transplant|bone marrow transplant|
stem cell transplant|organ transplant|cabg|coronary artery bypass|coronary bypass|triple bypass|quadruple bypass|
double bypass|valve replacement|aortic valve replacement|mitral valve repair|tavr|tavi|cardiac catheterization|
heart catheterization|cardiac cath|heart cath|cath lab|left heart cath|right heart cath|cath|pci|angioplasty|
balloon angioplasty|stent|stents|stent placement|stenting|coronary stent|drug-eluting stent|ablation|cardiac ablation|
catheter ablation|afib ablation|cardioversion|tee cardioversion|pacemaker|pacemaker placement|pacemaker implant|
defibrillator|icd placement|implantable cardioverter-defibrillator|aicd|crt-d|crt-p|biventricular pacemaker|
loop recorder|lvad|ecmo|balloon pump|iabp|carotid endarterectomy|endarterectomy|aneurysm repair|evar|fem-pop bypass|
thrombectomy|embolectomy|embolization|ivc filter|av fistula|fistula placement|av graft|dialysis access|dialysis|
hemodialysis|peritoneal dialysis|home dialysis|crrt|plasmapheresis|chemotherapy|chemo|chemo infusion|
chemotherapy infusion|immunotherapy|radiation therapy|radiotherapy|proton therapy|brachytherapy|sbrt|
stereotactic radiosurgery|gamma knife|targeted therapy|car-t|car t-cell therapy|hormone therapy|transfusion|
blood transfusion|transfused|transfuse|platelet transfusion|prbc|prbcs|packed red blood cells|ffp|iron infusion|ivig|
infusion therapy|iv therapy|iv fluids|iv hydration|large-bore iv|large-bore ivs|iv access|iv placement|peripheral iv|
piv|intubation|intubated|extubated|extubation|mechanical ventilation|ventilator|on the ventilator|bipap|cpap|
cpap therapy|cpap machine|cpap device|bipap machine|apap|high-flow oxygen|hfnc|home oxygen|supplemental oxygen|
oxygen therapy|o2 therapy|nasal cannula|oxygen concentrator|nebulizer|nebulizer machine|resuscitation|
spinal cord stimulator|nerve stimulator|vagus nerve stimulator|deep brain stimulation|deep brain stimulator|
cochlear implant|hearing aid|hearing aids|insulin pump|continuous glucose monitor|cgm|prosthesis|prosthetic|
prosthetic leg|prosthetic limb|orthotics|custom orthotics|power wheelchair|rolling walker|front-wheeled walker|four-wheeled walker|bedside commode|shower chair|rollator|
home oxygen equipment|sedation|iv sedation|conscious sedation|moderate sedation|general anesthesia|anesthesia|
spinal anesthesia|local anesthesia|epidural|epidural steroid injection|esi|nerve block|nerve ablation|
radiofrequency ablation|facet injection|trigger point injection|cortisone injection|cortisone shot|steroid shot|
joint injection|knee injection|hyaluronic acid injection|gel injection|prp injection|botox injection|botox injections|
suture|sutures|stitches|sutured|laceration repair|wound closure|staple removal|suture removal|stitches removed|
wound care|wound vac|negative pressure wound therapy|npwt|dressing change|dressing changes|wound packing|splint|
splinting|cast removal|walking boot|joint aspiration|arthrocentesis|mitraclip|pfo closure|asd closure|
pulmonary vein isolation|loop recorder implant|ILR|cardiac mri|coronary cta|calcium score|coronary calcium score|
cac score|ivus|FFR|atherectomy|maze procedure|lead extraction|vein ablation|endovenous ablation|sclerotherapy|
varicose vein surgery|carotid stent|carotid stenting|fistulogram|thrombolysis|variceal banding|hemorrhoid banding|
tips procedure|esophageal dilation|esophageal dilatation|nissen fundoplication|stoma|j-pouch|turp|ureteral stent|
stent removal|stent exchange|orchiectomy|hydrocelectomy|penile prosthesis|urodynamics|urodynamic testing|
bladder instillation|bcg treatment|bcg instillation|straight cath|straight catheterization|
intermittent catheterization|self-cath|self-catheterization|amniocentesis|cerclage|labor induction|induction of labor|
iud insertion|iud removal|nexplanon insertion|nexplanon removal|endometrial biopsy|egg retrieval|embryo transfer|ivf|
in vitro fertilization|iui|intrauterine insemination|egg freezing|abortion|medication abortion|surgical abortion|
hammertoe correction|viscosupplementation|vp shunt|shunt revision|video eeg|wada test|neuropsych testing|
neuropsychological testing|neuropsychological evaluation|cognitive testing|psychological testing|ear tubes|
myringotomy|tympanostomy tubes|septoplasty|FESS|turbinate reduction|parotidectomy|ear wax removal|cerumen removal|
lasik|PRK|vitrectomy|retinal detachment repair|intravitreal injection|eye injection|yag laser|trabeculectomy|
glaucoma surgery|corneal transplant|dilated eye exam|visual field test|phototherapy|laser treatment|chemical peel|
hyperbaric oxygen|hyperbaric oxygen therapy|hbot|compression therapy|lymphedema therapy|ostomy care|trach care|
catheter care|therapeutic phlebotomy|dot physical|pre-employment physical|cesarean section|c-section delivery|
scheduled c-section|emergency c-section
`);

const IMAGING = termList(`
mri|mri scan|mra|fmri|ct scan|cat scan|cta|ct angiography|ct angiogram|ct urogram|ct colonography|pet scan|pet/ct|
pet-ct|spect|x-ray|x-rays|xray|xrays|x ray|radiograph|radiographs|chest x-ray|cxr|kub|ultrasound|ultrasounds|sonogram|
venous doppler|carotid doppler|carotid ultrasound|echocardiogram|echocardiography|transthoracic echo|
transesophageal echo|stress echo|nuclear stress test|treadmill stress test|exercise stress test|cardiac stress test|
lexiscan|myocardial perfusion|ekg|ecg|electrocardiogram|12-lead|12 lead ekg|12-lead ekg|12-lead ecg|holter|
holter monitor|event monitor|zio patch|cardiac monitor|mammogram|mammograms|mammography|diagnostic mammogram|
screening mammogram|3d mammogram|breast ultrasound|breast mri|dexa|dexa scan|dxa|bone density|bone density scan|
bone scan|angiogram|angiography|coronary angiogram|cerebral angiogram|venogram|fluoroscopy|barium swallow|
modified barium swallow|mbss|vfss|swallow study|barium enema|upper gi series|hida scan|ct chest|low-dose ct|
lung cancer screening|nuclear medicine scan|thyroid scan|thyroid uptake|transvaginal ultrasound|pelvic ultrasound|
obstetric ultrasound|anatomy scan|nuchal translucency|fetal ultrasound|biophysical profile|non-stress test|
fetal monitoring|follow-up imaging|repeat imaging|contrast study|eeg|emg|nerve conduction study|
nerve conduction studies|emg/ncs|sleep study|home sleep study|home sleep test|polysomnography|polysomnogram|psg|mslt|
cpap titration|pft|pfts|pulmonary function test|pulmonary function tests|spirometry|methacholine challenge|
colonoscopy|screening colonoscopy|diagnostic colonoscopy|endoscopy|upper endoscopy|egd|sigmoidoscopy|
flexible sigmoidoscopy|capsule endoscopy|ercp|endoscopic ultrasound|bronchoscopy|ebus|cystoscopy|ureteroscopy|
lithotripsy|colposcopy|pap smear|pap test|laryngoscopy|nasal endoscopy|polypectomy|polyp removal|
removed laparoscopically
`);

const DENTAL = termList(`
dental cleaning|teeth cleaning|deep cleaning|prophy|adult prophy|child prophy|prophylaxis|dental prophylaxis|
scaling and root planing|periodontal scaling|periodontal maintenance|perio maintenance|dental exam|periodic exam|
comprehensive exam|oral exam|composite filling|amalgam filling|porcelain crown|zirconia crown|ceramic crown|
gold crown|temporary crown|crown prep|crown seat|crown lengthening|core buildup|core build-up|post and core|
dental bridge|dental implant|dental implants|implant crown|bone graft|sinus lift|ridge augmentation|gum graft|
gingival graft|root canal|root canal therapy|root canal treatment|endodontic treatment|retreatment|apicoectomy|
pulpotomy|pulpectomy|tooth extraction|simple extraction|surgical extraction|wisdom teeth removal|
wisdom tooth extraction|third molar extraction|denture|dentures|partial denture|full denture|denture reline|
night guard|nightguard|mouthguard|occlusal guard|fluoride treatment|fluoride varnish|silver diamine fluoride|
orthodontics|orthodontic treatment|invisalign|clear aligners|palatal expander|bitewings|bitewing x-rays|fmx|
full mouth x-rays|full-mouth series|panoramic x-ray|panoramic image|panoramic images|pano|periapical|periapical x-ray|
periapical images|pa x-ray|cbct|cone beam ct|dental x-rays|nitrous oxide|laughing gas|gum surgery|osseous surgery|
frenectomy|space maintainer|stainless steel crown|pulp cap|bite adjustment|occlusal adjustment|implant placement|
all-on-4|immediate denture|denture adjustment|periodontal charting|perio charting|bwx|4bwx|tmj splint
`);

const THERAPY = termList(`
physical therapy|pt eval|pt evaluation|pt/ot|pt and ot|ot and pt|occupational therapy|ot eval|ot evaluation|
pt sessions|pt visits|pt referral|pt recommends|weeks of pt|speech therapy|speech-language therapy|
speech language pathology|swallow therapy|vestibular therapy|pelvic floor therapy|hand therapy|aquatic therapy|
cardiac rehab|cardiac rehabilitation|pulmonary rehab|pulmonary rehabilitation|vestibular rehab|inpatient rehab|
home exercise program|home exercises|therapeutic exercise|manual therapy|dry needling|gait training|balance training|
work conditioning|work hardening|functional capacity evaluation|fce|range of motion exercises|psychotherapy|
talk therapy|cognitive behavioral therapy|dialectical behavior therapy|emdr|group therapy|family therapy|
couples therapy|play therapy|electroconvulsive therapy|transcranial magnetic stimulation|ketamine infusion|esketamine|
detoxification|medical detox|safety plan|safety planning|crisis plan|dietary counseling|nutrition counseling|
diabetes education|insulin teaching|wound teaching|vaccination|vaccinations|vaccine|vaccines|immunization|
immunizations|flu shot|flu shots|flu vaccine|covid vaccine|covid shot|covid booster|booster shot|tetanus shot|tdap|
mmr|hpv vaccine|shingrix|pneumonia vaccine|pneumococcal vaccine|hepatitis b vaccine|rsv vaccine|allergy shots|
allergy testing|skin test|tuberculin skin test|feeding therapy|aba therapy|applied behavior analysis|vision therapy|
smoking cessation counseling
`);

/** Care-adjacent words that are procedures only near a clinical word. */
const AMBIGUOUS = termList(`
hospital bed|wheelchair|cane|commode|crutches|foley|Foley|staples|cpr|CPR|watchman|radiation|casting|echo|
telemetry|doppler|crown|bridge|implant|implants|buildup|build-up|retainer|retainers|sealant|sealants|fluoride|braces|
partials|nitrous|veneer|veneers|inlay|onlay|abutment|panoramic|SRP|HEP|CBT|DBT|TMS|booster|PPD|NST|scans|PET|cleaning|
cleanings|scaling|shot|shots|injection|injections|procedure|procedures|op|therapy|treatment|treatments|screening|
screenings|exam|scan|implant|bridge|crown|crowns|filling|fillings|cast|boot|brace|sling|LP|IVs|IV|CT|echo|images|
imaging|evaluation|assessment|work-up|workup|banding|phlebotomy|light therapy|early intervention|limited exam|
c-section|transplant|detox|stress test|tb test|extraction|extractions|rehab|rehabilitation
`);

export const PROCEDURES: readonly string[] = [
  ...SURGERY,
  ...IMAGING,
  ...DENTAL,
  ...THERAPY,
  ...combine(JOINTS_AND_BONES, termList('replacement|arthroplasty|arthroscopy|surgery|repair|reconstruction|fusion|injection|x-ray|mri|scope')),
];
/** Imaging modalities that take a region after them ("CT head", "MRI of the lumbar spine"); "US" only as written. */
export const IMAGING_MODALITIES: readonly string[] = termList(`
MRI|MRA|CT|CTA|CT scan|MRI scan|CAT scan|x-ray|x-rays|xray|ultrasound|US|doppler|duplex|PET/CT|PET scan|PET-CT|
CT angiography|CT angiogram|venous duplex|arterial duplex|bone scan|nuclear scan
`);
export const PROCEDURES_NEED_CONTEXT: readonly string[] = AMBIGUOUS;

/** Everyday phrases around procedure words. */
export const PROCEDURE_BLOCK: readonly string[] = termList(`
data cleaning|spring cleaning|cleaning crew|cleaning service|cleaning services|cleaning supplies|cleaning cart|
cleaning schedule|house cleaning|office cleaning|carpet cleaning|window cleaning|deep cleaning of the|cleaning up|
database cleaning|list cleaning|crown molding|crown royal|triple crown|bridge call|bridge line|conference bridge|
bridge loan|bridge program|shot clock|big shot|mug shot|moon shot|long shot|screen shot|cast list|treatment of data|
tax treatment|water treatment|special treatment|echo chamber|echo command|echo back|echoes|procedure manual|
downtime procedure|standard operating procedure|procedure binder|scan and email|barcode scan|badge scan|security scan|
virus scan|qr code scan|scan to email|network scan|port scan|exam room|board exam|exam prep|exam schedule|
licensing exam|screening room|film screening|background screening|assessment period|risk assessment|self-assessment|
needs assessment|performance evaluation|program evaluation|vendor evaluation|implant device serial|boot camp|boot up|
sling shot|sql injection|dependency injection|code injection|prompt injection|fault injection|data extraction|
feature extraction|web vitals|core web vitals
`);
