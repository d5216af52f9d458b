import { termList } from './list.js';

// Hand-curated in this project. Body parts that combine with findings ("knee pain", "wrist fracture")
// and procedures ("knee replacement", "MRI lumbar spine").

/** Bones and joints that break, sprain, get replaced or repaired. */
export const JOINTS_AND_BONES = termList(`
hip|knee|ankle|wrist|elbow|shoulder|spine|spinal|neck|foot|hand|finger|thumb|toe|heel|jaw|nose|rib|ribs|pelvis|pelvic|
femur|femoral|tibia|tibial|fibula|humerus|radius|ulna|clavicle|collarbone|scapula|sternum|skull|vertebral|vertebra|
compression|cervical|thoracic|lumbar|sacral|coccyx|tailbone|patella|kneecap|metatarsal|metacarpal|intertrochanteric|
leg|arm|forearm|orbital|facial|mandible|mandibular
`);

/** Organs and regions that hurt, get infected or carry a tumour. */
export const ORGANS = termList(`
breast|lung|colon|rectal|colorectal|prostate|pancreatic|pancreas|liver|kidney|renal|bladder|ovarian|ovary|uterine|
cervical|thyroid|adrenal|skin|brain|stomach|gastric|esophageal|throat|head and neck|bone|blood|testicular|oral|tongue|
bile duct|gallbladder|spleen|lymph node|pulmonary|bronchial|endometrial|vulvar|anal|small bowel|bowel|intestinal|
heart|pituitary|parotid|salivary gland|eye|ear|sinus|tooth|gum|chest|abdominal|groin|scalp|flank|perineal|axillary|
inguinal|umbilical|incisional|hiatal|ventral
`);

/** Regions an imaging study is ordered for ("CT head", "MRI of the lumbar spine"). */
export const IMAGING_REGIONS = termList(`
head|brain|neck|face|facial bones|sinus|sinuses|orbits|chest|abdomen|pelvis|abdomen and pelvis|abdomen/pelvis|spine|
c-spine|t-spine|l-spine|cervical spine|thoracic spine|lumbar spine|lumbosacral spine|sacrum|shoulder|elbow|wrist|hand|
finger|hip|knee|ankle|foot|heel|toe|femur|tibia|humerus|forearm|leg|arm|pelvis and hips|heart|cardiac|coronary|
coronary arteries|carotid|carotids|aorta|renal|kidney|kidneys|liver|gallbladder|RUQ|right upper quadrant|thyroid|
breast|breasts|bilateral breasts|scrotum|testicles|transvaginal|pelvic|obstetric|OB|lower extremity|upper extremity|
lower extremities|upper extremities|venous|arterial|soft tissue|joint|prostate|bladder|bone|whole body|skull|
left knee|right knee|left shoulder|right shoulder|left hip|right hip|left ankle|right ankle|left wrist|right wrist|
left foot|right foot|left hand|right hand|left elbow|right elbow|left breast|right breast
`);
