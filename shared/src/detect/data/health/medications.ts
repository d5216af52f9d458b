import { termList } from './list.js';

// Hand-curated in this project from clinical knowledge: the most prescribed US generics, their
// common brand names, hospital drugs, vaccines and drug classes as people write them.

const GENERICS = termList(`
acetaminophen|paracetamol|ibuprofen|naproxen|naproxen sodium|aspirin|baby aspirin|celecoxib|meloxicam|diclofenac|
ketorolac|indomethacin|nabumetone|etodolac|ketoprofen|oxycodone|hydrocodone|hydrocodone/acetaminophen|
oxycodone/acetaminophen|morphine|hydromorphone|fentanyl|fentanyl citrate|codeine|tramadol|tapentadol|methadone|
buprenorphine|buprenorphine/naloxone|naloxone|naltrexone|oxymorphone|meperidine|nalbuphine|butorphanol|gabapentin|
pregabalin|cyclobenzaprine|methocarbamol|tizanidine|baclofen|carisoprodol|metaxalone|lisinopril|enalapril|ramipril|
benazepril|quinapril|captopril|fosinopril|perindopril|trandolapril|losartan|valsartan|irbesartan|olmesartan|
candesartan|telmisartan|azilsartan|sacubitril/valsartan|sacubitril|amlodipine|nifedipine|diltiazem|verapamil|
felodipine|nicardipine|metoprolol|metoprolol succinate|metoprolol tartrate|atenolol|carvedilol|propranolol|bisoprolol|
nebivolol|labetalol|nadolol|sotalol|esmolol|hydrochlorothiazide|chlorthalidone|furosemide|torsemide|bumetanide|
spironolactone|eplerenone|triamterene|triamterene/hydrochlorothiazide|indapamide|metolazone|acetazolamide|amiloride|
hydralazine|clonidine|guanfacine|doxazosin|terazosin|prazosin|minoxidil|methyldopa|isosorbide mononitrate|
isosorbide dinitrate|nitroglycerin|ranolazine|digoxin|amiodarone|dronedarone|dofetilide|flecainide|propafenone|
mexiletine|ivabradine|atorvastatin|rosuvastatin|simvastatin|pravastatin|lovastatin|pitavastatin|ezetimibe|fenofibrate|
gemfibrozil|niacin|icosapent ethyl|evolocumab|alirocumab|colesevelam|warfarin|apixaban|rivaroxaban|dabigatran|
edoxaban|heparin|enoxaparin|fondaparinux|clopidogrel|prasugrel|ticagrelor|cilostazol|dipyridamole|alteplase|
tenecteplase|argatroban|bivalirudin|metformin|metformin er|glipizide|glyburide|glimepiride|pioglitazone|sitagliptin|
linagliptin|saxagliptin|alogliptin|empagliflozin|dapagliflozin|canagliflozin|ertugliflozin|semaglutide|liraglutide|
dulaglutide|exenatide|tirzepatide|insulin|insulin glargine|insulin lispro|insulin aspart|insulin detemir|
insulin degludec|nph insulin|regular insulin|long-acting insulin|short-acting insulin|rapid-acting insulin|
basal insulin|sliding scale insulin|insulin drip|insulin/dextrose|glucagon|dextrose|d50|acarbose|repaglinide|
pramlintide|levothyroxine|liothyronine|methimazole|propylthiouracil|armour thyroid|prednisone|prednisolone|
methylprednisolone|dexamethasone|hydrocortisone|budesonide|fludrocortisone|triamcinolone|betamethasone|albuterol|
levalbuterol|ipratropium|ipratropium/albuterol|tiotropium|fluticasone|fluticasone/salmeterol|budesonide/formoterol|
salmeterol|formoterol|umeclidinium|montelukast|theophylline|mometasone|beclomethasone|roflumilast|benzonatate|
guaifenesin|dextromethorphan|pseudoephedrine|phenylephrine|cetirizine|levocetirizine|loratadine|desloratadine|
fexofenadine|diphenhydramine|hydroxyzine|promethazine|meclizine|epinephrine|epinephrine auto-injector|omeprazole|
esomeprazole|pantoprazole|lansoprazole|rabeprazole|dexlansoprazole|famotidine|ranitidine|cimetidine|sucralfate|
ondansetron|metoclopramide|prochlorperazine|dicyclomine|hyoscyamine|loperamide|diphenoxylate|docusate|senna|
sennosides|bisacodyl|polyethylene glycol|lactulose|linaclotide|lubiprostone|mesalamine|sulfasalazine|simethicone|
bismuth|misoprostol|ursodiol|rifaximin|sertraline|fluoxetine|escitalopram|citalopram|paroxetine|fluvoxamine|
venlafaxine|desvenlafaxine|duloxetine|bupropion|bupropion xl|bupropion sr|mirtazapine|trazodone|vortioxetine|
vilazodone|amitriptyline|nortriptyline|imipramine|doxepin|clomipramine|phenelzine|buspirone|aripiprazole|quetiapine|
olanzapine|risperidone|ziprasidone|lurasidone|paliperidone|haloperidol|clozapine|cariprazine|brexpiprazole|
chlorpromazine|fluphenazine|perphenazine|asenapine|iloperidone|lumateperone|lithium carbonate|lamotrigine|valproate|
divalproex|valproic acid|carbamazepine|oxcarbazepine|topiramate|levetiracetam|phenytoin|fosphenytoin|lacosamide|
zonisamide|phenobarbital|clobazam|primidone|alprazolam|lorazepam|clonazepam|diazepam|temazepam|chlordiazepoxide|
midazolam|zolpidem|eszopiclone|zaleplon|suvorexant|ramelteon|melatonin|methylphenidate|dexmethylphenidate|amphetamine|
dextroamphetamine|amphetamine salts|lisdexamfetamine|atomoxetine|viloxazine|modafinil|armodafinil|donepezil|memantine|
rivastigmine|galantamine|carbidopa/levodopa|carbidopa-levodopa|levodopa|pramipexole|ropinirole|rasagiline|selegiline|
amantadine|benztropine|sumatriptan|rizatriptan|zolmitriptan|eletriptan|naratriptan|ubrogepant|rimegepant|erenumab|
galcanezumab|fremanezumab|butalbital|amoxicillin|amoxicillin-clavulanate|amoxicillin/clavulanate|augmentin|penicillin|
penicillin vk|ampicillin|ampicillin-sulbactam|piperacillin-tazobactam|pip-tazo|cephalexin|cefazolin|cefdinir|
cefuroxime|ceftriaxone|cefepime|cefpodoxime|ceftazidime|cefadroxil|azithromycin|clarithromycin|erythromycin|
doxycycline|minocycline|tetracycline|ciprofloxacin|levofloxacin|moxifloxacin|trimethoprim-sulfamethoxazole|
trimethoprim/sulfamethoxazole|sulfamethoxazole-trimethoprim|sulfamethoxazole/trimethoprim|tmp-smx|smx-tmp|
trimethoprim|nitrofurantoin|metronidazole|clindamycin|vancomycin|linezolid|daptomycin|meropenem|ertapenem|imipenem|
gentamicin|tobramycin|amikacin|rifampin|isoniazid|fosfomycin|tinidazole|azithro|amox|amox-clav|vanc|vanco|doxy|cipro|
levo|pip/tazo|heparin gtt|insulin gtt|nitro gtt

fluconazole|nystatin|terbinafine|clotrimazole|ketoconazole|miconazole|voriconazole|itraconazole|acyclovir|
valacyclovir|famciclovir|oseltamivir|baloxavir|nirmatrelvir|nirmatrelvir/ritonavir|molnupiravir|remdesivir|ritonavir|
tenofovir|emtricitabine|emtricitabine/tenofovir|bictegravir|dolutegravir|raltegravir|efavirenz|abacavir|lamivudine|
darunavir|cabotegravir|rilpivirine|sofosbuvir|ledipasvir|velpatasvir|glecaprevir|entecavir|hydroxychloroquine|
methotrexate|leflunomide|azathioprine|mycophenolate|tacrolimus|cyclosporine|sirolimus|adalimumab|etanercept|
infliximab|certolizumab|golimumab|tocilizumab|abatacept|rituximab|ustekinumab|secukinumab|ixekizumab|guselkumab|
risankizumab|dupilumab|omalizumab|mepolizumab|benralizumab|tofacitinib|upadacitinib|baricitinib|apremilast|
vedolizumab|natalizumab|ocrelizumab|allopurinol|febuxostat|colchicine|probenecid|alendronate|risedronate|ibandronate|
zoledronic acid|denosumab|raloxifene|teriparatide|tamsulosin|finasteride|dutasteride|alfuzosin|oxybutynin|tolterodine|
solifenacin|mirabegron|sildenafil|tadalafil|vardenafil|phenazopyridine|bethanechol|estradiol|conjugated estrogens|
medroxyprogesterone|progesterone|norethindrone|levonorgestrel|ethinyl estradiol|drospirenone|testosterone|
testosterone cypionate|clomiphene|letrozole|anastrozole|exemestane|tamoxifen|leuprolide|goserelin|cabergoline|
bromocriptine|potassium chloride|kcl|potassium citrate|magnesium oxide|magnesium sulfate|calcium gluconate|
calcium carbonate|calcium acetate|sevelamer|sodium bicarbonate|ferrous sulfate|ferrous gluconate|iron sucrose|
ferric carboxymaltose|folic acid|cyanocobalamin|vitamin b12|b12 injection|b12 shots|vitamin d|vitamin d3|
cholecalciferol|ergocalciferol|vitamin k|phytonadione|thiamine|prenatal vitamin|prenatal vitamins|prenatals|
multivitamin|epoetin|epoetin alfa|darbepoetin|filgrastim|pegfilgrastim|carboplatin|cisplatin|oxaliplatin|paclitaxel|
docetaxel|nab-paclitaxel|pemetrexed|gemcitabine|capecitabine|fluorouracil|5-fu|cyclophosphamide|doxorubicin|etoposide|
irinotecan|vincristine|vinorelbine|bendamustine|bortezomib|lenalidomide|pomalidomide|imatinib|dasatinib|ibrutinib|
osimertinib|erlotinib|palbociclib|ribociclib|abemaciclib|olaparib|enzalutamide|abiraterone|bicalutamide|trastuzumab|
pertuzumab|bevacizumab|cetuximab|pembrolizumab|nivolumab|atezolizumab|durvalumab|ipilimumab|daratumumab|blinatumomab|
azacitidine|cytarabine|hydroxyurea|mercaptopurine|temozolomide|leucovorin|mesna|propofol|ketamine|etomidate|
dexmedetomidine|rocuronium|vecuronium|succinylcholine|sugammadex|neostigmine|glycopyrrolate|lidocaine|bupivacaine|
ropivacaine|dantrolene|norepinephrine|vasopressin|phenylephrine drip|dobutamine|milrinone|nitroprusside|atropine|
adenosine|lactated ringer's|normal saline|ns bolus|iv fluids|tranexamic acid|protamine|varenicline|nicotine patch|
fentanyl patch|lidocaine patch|estrogen patch|scopolamine patch|clonidine patch|nicotine gum|nicotine replacement|
disulfiram|acamprosate|ivermectin|permethrin|mupirocin|silver sulfadiazine|bacitracin|neomycin|hydrocortisone cream|
triamcinolone cream|clobetasol|tretinoin|isotretinoin|adapalene|benzoyl peroxide|spironolactone|latanoprost|timolol|
brimonidine|dorzolamide|prednisolone acetate|semaglutide injection|botulinum toxin|onabotulinumtoxina|chlorhexidine|
chlorhexidine rinse|fluoride varnish|silver diamine fluoride|articaine|scopolamine|calcitriol|paricalcitol|
doxercalciferol|cinacalcet|lanthanum|ferric citrate|patiromer|sodium zirconium cyclosilicate|
sodium polystyrene sulfonate|tolvaptan|desmopressin|somatropin|phentermine|phentermine/topiramate|
naltrexone/bupropion|orlistat|setmelanotide|finerenone|sotagliflozin|teplizumab|insulin icodec|midodrine|droxidopa|
pyridostigmine|riluzole|edaravone|tetrabenazine|valbenazine|deutetrabenazine|trihexyphenidyl|entacapone|opicapone|
safinamide|istradefylline|apomorphine|pimavanserin|lemborexant|daridorexant|solriamfetol|pitolisant|sodium oxybate|
cenobamate|brivaracetam|perampanel|eslicarbazepine|rufinamide|vigabatrin|ethosuximide|dimethyl fumarate|
diroximel fumarate|fingolimod|siponimod|ozanimod|ponesimod|teriflunomide|glatiramer|interferon beta|ofatumumab|
alemtuzumab|lecanemab|donanemab|eptinezumab|atogepant|lasmiditan|zavegepant|esketamine|brexanolone|zuranolone|
dextromethorphan-bupropion|olanzapine-samidorphan|xanomeline-trospium|loxapine|thiothixene|trifluoperazine|
desipramine|protriptyline|tranylcypromine|isocarboxazid|levomilnacipran|milnacipran|clorazepate|oxazepam|lofexidine|
methamphetamine|cyproheptadine|doxylamine|vericiguat|mavacamten|tafamidis|inclisiran|bempedoic acid|cangrelor|
eptifibatide|tirofiban|nesiritide|clevidipine|procainamide|ibutilide|isoproterenol|digoxin immune fab|andexanet alfa|
idarucizumab|prothrombin complex concentrate|aminocaproic acid|vitamin k1|pirfenidone|nintedanib|treprostinil|
epoprostenol|bosentan|ambrisentan|macitentan|riociguat|selexipag|ivacaftor|elexacaftor|dornase alfa|tezepelumab|
reslizumab|ensifentrine|azelastine|olopatadine|cromolyn|balsalazide|naloxegol|methylnaltrexone|alosetron|prucalopride|
eluxadoline|cholestyramine|colestipol|pancrelipase|fidaxomicin|nitazoxanide|albendazole|mebendazole|dicloxacillin|
cefprozil|cefixime|cefoxitin|ceftaroline|aztreonam|colistin|tigecycline|dalbavancin|oritavancin|rifabutin|ethambutol|
pyrazinamide|bedaquiline|dapsone|atovaquone|pentamidine|primaquine|chloroquine|mefloquine|artemether-lumefantrine|
ganciclovir|valganciclovir|foscarnet|letermovir|tecovirimat|posaconazole|isavuconazonium|amphotericin b|caspofungin|
micafungin|griseofulvin|ciclopirox|efinaconazole|atazanavir|lopinavir|zidovudine|nevirapine|doravirine|etravirine|
maraviroc|lenacapavir|methenamine|trospium|darifenacin|fesoterodine|vibegron|silodosin|avanafil|flibanserin|
ospemifene|pentosan polysulfate|mifepristone|methylergonovine|oxytocin|terbutaline|hydroxyprogesterone|
rho(d) immune globulin|misoprostol|dinoprostone|hydroquinone|tazarotene|azelaic acid|metronidazole gel|
clindamycin gel|calcipotriene|halobetasol|fluocinonide|desonide|imiquimod|fluorouracil cream|crisaborole|pimecrolimus|
tacrolimus ointment|ruxolitinib cream|acitretin|methoxsalen|tralokinumab|lebrikizumab|abrocitinib|bimekizumab|
brodalumab|tildrakizumab|mirikizumab|spesolimab|bimatoprost|travoprost|netarsudil|lifitegrast|difluprednate|
loteprednol|cyclopentolate|tropicamide|faricimab|aflibercept|ranibizumab|pegcetacoplan|fulvestrant|everolimus|
sunitinib|sorafenib|lenvatinib|cabozantinib|regorafenib|pazopanib|axitinib|alectinib|lorlatinib|crizotinib|dabrafenib|
trametinib|vemurafenib|encorafenib|niraparib|rucaparib|talazoparib|sacituzumab|tucatinib|neratinib|lapatinib|
ramucirumab|panitumumab|cemiplimab|dostarlimab|tremelimumab|avelumab|obinutuzumab|polatuzumab|brentuximab|carfilzomib|
ixazomib|elotuzumab|isatuximab|venetoclax|acalabrutinib|zanubrutinib|ruxolitinib|decitabine|cladribine|fludarabine|
chlorambucil|melphalan|busulfan|ifosfamide|dacarbazine|bleomycin|vinblastine|mitomycin|topotecan|eribulin|cabazitaxel|
apalutamide|darolutamide|relugolix|degarelix|triptorelin|octreotide|lanreotide|romiplostim|eltrombopag|luspatercept|
ferumoxytol|sodium ferric gluconate|deferasirox|hydroxocobalamin|acetylcysteine|n-acetylcysteine|flumazenil|
physostigmine|fomepizole|activated charcoal|pralidoxime|sodium thiosulfate|deferoxamine|methylene blue|
calcium chloride|d10|plasma-lyte|intralipid|droperidol|palivizumab|nirsevimab|articaine with epinephrine|mepivacaine|
prilocaine|minocycline microspheres
`);

const BRANDS = termList(`
Tylenol|Advil|Motrin|Aleve|Excedrin|Celebrex|Mobic|Toradol|Voltaren|Percocet|Vicodin|OxyContin|Roxicodone|Dilaudid|
MS Contin|Ultram|Nucynta|Suboxone|Subutex|Sublocade|Zubsolv|Narcan|Vivitrol|Methadose|Neurontin|Gralise|Lyrica|
Flexeril|Robaxin|Zanaflex|Skelaxin|Zestril|Prinivil|Vasotec|Altace|Lotensin|Accupril|Cozaar|Hyzaar|Diovan|Avapro|
Benicar|Atacand|Micardis|Edarbi|Entresto|Norvasc|Procardia|Cardizem|Calan|Toprol|Toprol XL|Lopressor|Tenormin|Coreg|
Inderal|Bystolic|Microzide|Lasix|Demadex|Bumex|Aldactone|Inspra|Catapres|Imdur|Nitrostat|Ranexa|Lanoxin|Cordarone|
Pacerone|Multaq|Tikosyn|Lipitor|Crestor|Zocor|Pravachol|Livalo|Zetia|Vytorin|Tricor|Lopid|Vascepa|Repatha|Praluent|
Leqvio|Coumadin|Jantoven|Eliquis|Xarelto|Pradaxa|Savaysa|Lovenox|Arixtra|Plavix|Effient|Brilinta|Pletal|Glucophage|
Glucotrol|Amaryl|Actos|Januvia|Janumet|Tradjenta|Onglyza|Jardiance|Farxiga|Invokana|Steglatro|Synjardy|Xigduo|
Glyxambi|Ozempic|Wegovy|Rybelsus|Victoza|Saxenda|Trulicity|Byetta|Bydureon|Mounjaro|Zepbound|Lantus|Basaglar|Toujeo|
Semglee|Levemir|Tresiba|Humalog|Novolog|Admelog|Apidra|Fiasp|Lyumjev|Humulin|Novolin|Afrezza|Soliqua|Xultophy|Baqsimi|
Gvoke|KwikPen|KwikPens|FlexPen|FlexPens|Omnipod|Freestyle Libre|Synthroid|Levoxyl|Unithroid|Tirosint|Cytomel|Tapazole|
Deltasone|Medrol|Medrol Dosepak|Decadron|Solu-Medrol|Cortef|Entocort|Uceris|ProAir|Ventolin|Proventil|Xopenex|
Combivent|DuoNeb|Atrovent|Spiriva|Advair|Symbicort|Breo|Breo Ellipta|Trelegy|Anoro|Incruse|Flovent|Pulmicort|Qvar|
Asmanex|Dulera|Singulair|Daliresp|Tessalon|Mucinex|Sudafed|Delsym|Zyrtec|Xyzal|Claritin|Clarinex|Benadryl|Atarax|
Vistaril|Phenergan|Antivert|Flonase|Nasonex|Nasacort|EpiPen|Auvi-Q|Xolair|Nucala|Fasenra|Dupixent|Tezspire|Prilosec|
Nexium|Protonix|Prevacid|Aciphex|Dexilant|Pepcid|Zantac|Tagamet|Carafate|Zofran|Reglan|Compazine|Bentyl|Levsin|
Imodium|Lomotil|Colace|Senokot|Dulcolax|Miralax|Linzess|Amitiza|Trulance|Lialda|Asacol|Apriso|Pentasa|Xifaxan|
Actigall|Zoloft|Prozac|Lexapro|Celexa|Paxil|Luvox|Effexor|Effexor XR|Pristiq|Cymbalta|Wellbutrin|Wellbutrin XL|Zyban|
Remeron|Desyrel|Trintellix|Viibryd|Elavil|Pamelor|Buspar|Abilify|Seroquel|Zyprexa|Risperdal|Geodon|Latuda|Invega|
Invega Sustenna|Haldol|Clozaril|Vraylar|Rexulti|Saphris|Caplyta|Lithobid|Lamictal|Depakote|Tegretol|Trileptal|Topamax|
Keppra|Dilantin|Vimpat|Onfi|Xanax|Ativan|Klonopin|Valium|Restoril|Librium|Ambien|Lunesta|Belsomra|Rozerem|Adderall|
Adderall XR|Ritalin|Concerta|Focalin|Vyvanse|Strattera|Qelbree|Intuniv|Provigil|Nuvigil|Aricept|Namenda|Razadyne|
Sinemet|Rytary|Mirapex|Requip|Azilect|Cogentin|Imitrex|Maxalt|Zomig|Relpax|Nurtec|Ubrelvy|Aimovig|Emgality|Ajovy|
Fioricet|Botox|Amoxil|Augmentin|Keflex|Omnicef|Ceftin|Rocephin|Zithromax|Z-Pak|Zpak|Biaxin|Vibramycin|Cipro|Levaquin|
Avelox|Bactrim|Bactrim DS|Septra|Macrobid|Macrodantin|Flagyl|Cleocin|Vancocin|Zyvox|Diflucan|Lamisil|Valtrex|Zovirax|
Famvir|Tamiflu|Xofluza|Paxlovid|Lagevrio|Veklury|Biktarvy|Truvada|Descovy|Genvoya|Triumeq|Dovato|Juluca|Cabenuva|
Apretude|Odefsey|Symtuza|Prezcobix|Epclusa|Harvoni|Mavyret|Sovaldi|Vemlidy|Baraclude|Plaquenil|Trexall|Otrexup|Rasuvo|
Arava|Imuran|CellCept|Prograf|Neoral|Sandimmune|Rapamune|Humira|Enbrel|Remicade|Inflectra|Cimzia|Simponi|Actemra|
Orencia|Rituxan|Stelara|Cosentyx|Taltz|Tremfya|Skyrizi|Xeljanz|Rinvoq|Olumiant|Otezla|Entyvio|Tysabri|Ocrevus|
Kesimpta|Tecfidera|Gilenya|Aubagio|Copaxone|Zyloprim|Uloric|Colcrys|Mitigare|Krystexxa|Fosamax|Actonel|Boniva|Reclast|
Prolia|Xgeva|Forteo|Tymlos|Evenity|Flomax|Proscar|Propecia|Avodart|Uroxatral|Ditropan|Detrol|Vesicare|Myrbetriq|
Gemtesa|Viagra|Cialis|Levitra|Pyridium|Premarin|Estrace|Vivelle|Climara|Prempro|Provera|Depo-Provera|Prometrium|
Nexplanon|Paragard|NuvaRing|Yaz|Loestrin|Sprintec|Ortho Tri-Cyclen|Lo Loestrin|Clomid|Femara|Arimidex|Aromasin|
Nolvadex|Lupron|Zoladex|AndroGel|Depo-Testosterone|Dostinex|Klor-Con|K-Dur|Mag-Ox|Slow-Mag|Tums|Os-Cal|Renvela|
Renagel|Phoslo|Velphoro|Auryxia|Feosol|Venofer|Injectafer|Epogen|Procrit|Retacrit|Aranesp|Neupogen|Neulasta|Udenyca|
Zarxio|Keytruda|Opdivo|Tecentriq|Imfinzi|Yervoy|Herceptin|Perjeta|Kadcyla|Enhertu|Avastin|Erbitux|Alimta|Taxol|
Taxotere|Abraxane|Gemzar|Xeloda|Adriamycin|Cytoxan|Velcade|Revlimid|Pomalyst|Darzalex|Gleevec|Sprycel|Tasigna|
Imbruvica|Calquence|Venclexta|Tagrisso|Tarceva|Ibrance|Kisqali|Verzenio|Lynparza|Xtandi|Zytiga|Erleada|Nubeqa|Casodex|
Temodar|Hydrea|Diprivan|Precedex|Ketalar|Bridion|Xylocaine|Marcaine|Exparel|Levophed|Pitocin|Methergine|RhoGAM|
Chantix|Nicorette|NicoDerm|Antabuse|Campral|Lumigan|Xalatan|Travatan|Timoptic|Alphagan|Cosopt|Combigan|Restasis|
Xiidra|Eylea|Lucentis|Vabysmo|Beovu|Retin-A|Accutane|Absorica|Differin|Epiduo|Aczone|Soolantra|Finacea|Elidel|
Protopic|Eucrisa|Opzelura|Bactroban|Silvadene|Lidoderm|Peridex|PerioGard|Prevident|Mounjaro pen|Ozempic pen|
insulin pen|insulin pens|Zosyn|Unasyn|Ancef|Merrem|Cardene|Cleviprex|Activase|TNKase|Cathflo|Kcentra|Andexxa|Praxbind|
Kayexalate|Lokelma|Veltassa|Sensipar|Zemplar|Hectorol|Rocaltrol|Fosrenol|Samsca|DDAVP|Genotropin|Norditropin|Adipex|
Qsymia|Contrave|Xenical|Imcivree|Kerendia|Verquvo|Camzyos|Vyndaqel|Vyndamax|Nexletol|Nexlizet|Corlanor|Tekturna|
Exforge|Azor|Tribenzor|Lotrel|BiDil|Ziac|Caduet|Inpefa|Tzield|Rezdiffra|Ocaliva|Viberzi|Motegrity|Relistor|Movantik|
Ibsrela|Lotronex|Dificid|Vowst|Creon|Zenpep|Pancreaze|Northera|Mestinon|Rilutek|Radicava|Austedo|Ingrezza|Xenazine|
Ongentys|Xadago|Nourianz|Nuplazid|Dayvigo|Quviviq|Sunosi|Wakix|Xyrem|Xywav|Xcopri|Briviact|Fycompa|Aptiom|Banzel|
Sabril|Zarontin|Vumerity|Mayzent|Zeposia|Ponvory|Lemtrada|Leqembi|Kisunla|Vyepti|Qulipta|Reyvow|Zavzpret|Spravato|
Zulresso|Zurzuvae|Auvelity|Lybalvi|Cobenfy|Lucemyra|Desoxyn|Emsam|Fetzima|Savella|Adempas|Opsumit|Tracleer|Letairis|
Uptravi|Orenitram|Tyvaso|Remodulin|Ofev|Esbriet|Trikafta|Kalydeco|Pulmozyme|Ohtuvayre|Cinqair|Astelin|Patanase|
Pataday|Colazal|Xeljanz XR|Sotyktu|Bimzelx|Adbry|Ebglyss|Cibinqo|Zoryve|Vtama|Siliq|Ilumya|Omvoh|Spevigo|Lumigan|
Vyzulta|Rhopressa|Rocklatan|Durezol|Lotemax|Zylet|Tobradex|Vigamox|Ocuflox|Cyclogyl|Syfovre|Izervay|Faslodex|Afinitor|
Sutent|Nexavar|Lenvima|Cabometyx|Stivarga|Votrient|Inlyta|Alecensa|Lorbrena|Xalkori|Tafinlar|Mekinist|Zelboraf|
Braftovi|Mektovi|Zejula|Rubraca|Talzenna|Trodelvy|Tukysa|Nerlynx|Tykerb|Cyramza|Vectibix|Libtayo|Jemperli|Imjudo|
Bavencio|Gazyva|Polivy|Adcetris|Kyprolis|Ninlaro|Empliciti|Sarclisa|Brukinsa|Jakafi|Inrebic|Dacogen|Vidaza|Leukeran|
Alkeran|Ifex|Blenoxane|Hycamtin|Halaven|Jevtana|Firmagon|Orgovyx|Trelstar|Sandostatin|Somatuline|Nplate|Promacta|
Reblozyl|Feraheme|Ferrlecit|Exjade|Jadenu|Cyanokit|Acetadote|Mucomyst|Romazicon|Antizol|DigiFab|Synagis|Beyfortus|
Mifeprex|Cytotec|Cervidil|Makena|Addyi|Osphena|Elmiron|Hiprex|Sanctura|Enablex|Toviaz|Rapaflo|Stendra|Tri-Luma|
Tazorac|Finacea|Dovonex|Ultravate|Lidex|Aldara|Efudex|Soriatane|Oxsoralen|Arestin|Atridox|Periostat|Septocaine|
Carbocaine|Citanest|Oraqix|Prevnar|Prevnar 20|Pneumovax|Vaxneuvance|Gardasil|Boostrix|Adacel|Havrix|Vaqta|Engerix-B|
Heplisav-B|Twinrix|Arexvy|Abrysvo|mResvia|RotaTeq|Rotarix|Pediarix|Pentacel|Vaxelis|Kinrix|Quadracel|ProQuad|Varivax|
Menactra|MenQuadfi|Menveo|Bexsero|Trumenba|Comirnaty|Spikevax|Fluzone|Flublok|FluMist|Fluad|Flucelvax|Afluria|Orapred|
Pedialyte|Poly-Vi-Sol|Children's Tylenol|Children's Motrin|Infants' Tylenol
`);

/** Drug classes and lay names that say a person takes something ("on a blood thinner"). */
const CLASSES = termList(`
antibiotic|antibiotics|abx|iv antibiotics|oral antibiotics|antiviral|antivirals|antifungal|antifungals|antidepressant|
antidepressants|ssri|ssris|snri|snris|tricyclic|maoi|antipsychotic|antipsychotics|mood stabilizer|mood stabilizers|
anxiolytic|benzodiazepine|benzodiazepines|benzo|benzos|sedative|sedatives|sleeping pill|sleeping pills|sleep aid|
sleep aids|stimulant medication|adhd medication|adhd meds|opioid|opioids|opiate|opiates|narcotic pain medication|
pain pills|painkiller|painkillers|pain reliever|muscle relaxant|muscle relaxants|nsaid|nsaids|anti-inflammatory|
anti-inflammatories|corticosteroid|corticosteroids|oral steroids|steroid taper|prednisone taper|steroid injection|
statin|statins|beta blocker|beta blockers|beta-blocker|beta-blockers|ace inhibitor|ace inhibitors|
angiotensin receptor blocker|calcium channel blocker|calcium channel blockers|diuretic|diuretics|water pill|
water pills|loop diuretic|blood thinner|blood thinners|anticoagulant|anticoagulants|anticoagulation|anticoag|
antiplatelet|antiplatelets|dual antiplatelet therapy|antiarrhythmic|antihypertensive|antihypertensives|
blood pressure medication|blood pressure medications|blood pressure meds|bp meds|bp medication|heart medication|
heart medications|heart meds|cholesterol medication|cholesterol meds|diabetes medication|diabetes medications|
diabetes meds|diabetic medication|thyroid medication|thyroid meds|seizure medication|seizure medications|seizure meds|
anticonvulsant|anticonvulsants|antiepileptic|psych meds|psychiatric medication|psychiatric medications|
anxiety medication|depression medication|pain medication|pain medications|pain meds|narcotics|inhaler|inhalers|
rescue inhaler|maintenance inhaler|nebulizer treatment|nebulizer treatments|neb treatment|nebs|insulin pump|
insulin injections|insulin shots|glp-1 agonist|glp-1 receptor agonist|glp-1 medication|sglt2 inhibitor|
sglt2 inhibitors|dpp-4 inhibitor|sulfonylurea|biologic|biologics|biologic medication|immunosuppressant|
immunosuppressants|dmard|dmards|chemotherapy drug|chemo drug|chemo drugs|hormone therapy|hormone replacement therapy|
testosterone replacement|testosterone therapy|birth control|birth control pill|birth control pills|oral contraceptive|
oral contraceptives|contraceptive|contraceptives|emergency contraception|morning-after pill|antihistamine|
antihistamines|decongestant|decongestants|antacid|antacids|laxative|laxatives|stool softener|stool softeners|
bowel prep|antiemetic|anti-nausea medication|proton pump inhibitor|thrombolytic|thrombolytics|clot buster|vasopressor|
vasopressors|pressors|medication-assisted treatment|opioid agonist|nicotine replacement therapy|eye drops|ear drops|
antibiotic ointment|topical steroid|steroid cream|premed|premedication|pre-medication|iron supplement|
iron supplements|iron pills|iron infusion|antibiotic prophylaxis|med list|medication list|home meds|home medications|
discharge meds|discharge medications
`);

/** Drug words that are also everyday words: shown only near a dose or a clinical word. */
const AMBIGUOUS = termList(`
prescription|prescriptions|refill|refills|steroid|steroids|nitrate|nitrates|IUD|PPIs|dopamine|Exelon|Versed|Norco|
Jalyn|Dexcom|Evista|lithium|iron|zinc|magnesium|potassium|calcium|oxygen|nicotine|marijuana|cannabis|cbd|vitamin|
vitamins|supplement|supplements|fish oil|probiotic|probiotics|neb|nebs|meds|medication|medications|medicine|medicines|
drug|drugs|pill|pills|tablet|tablets|dose|doses|injection|injections|drip|ASA|MAT|PPI|IUD|DAPT|Allegra|Sonata|Ella|
Soma|Yasmin|Mirena|Skyla|Kyleena|Plan B|Nitro|Tums|Pepcid|Zantac
`);

/** Words that stand before a dose but are not drugs ("take 20 mg", "total 40 mg"). */
export const NOT_DRUG_BEFORE_DOSE = termList(`
take|takes|taking|took|taken|give|gives|given|gave|giving|dose|doses|dosed|dosing|total|about|approx|approximately|
only|from|with|than|then|daily|each|every|increase|increased|increasing|decrease|decreased|decreasing|reduce|reduced|
reducing|cut|start|started|starting|restart|restarted|weight|weighs|weighed|lift|lifts|bolus|push|over|under|least|
most|mixed|contains|containing|added|plus|were|was|also|before|after|extra|another|additional|received|receive|
receiving|transfuse|transfused|transfusing|infuse|infused|bolus|prescribed|ordered|order|orders|dispensed|dispense|
filled|fill|refill|supply|same|current|currently|new|old|high|higher|low|lower|max|maximum|min|minimum|usual|home|
last|next|first|second|third|once|twice|times|hours|hour|days|week|weeks|month|months|year|years|each|per|every|
around|nearly|almost|have|contains|provides|sodium|protein|sugar|sugars|fiber|fibre|carbs|carbohydrate|carbohydrates|
fat|fats|cholesterol|calories|caffeine|salt|serving|servings|portion|over|under|up|down|into|onto|until|through|
during|across|lost|gained|gain|loss|drank|drink|drinks|ate|eat|eats|juice|water|fluids|fluid|bag|bags|vial|vials|
bottle|bottles|box|boxes|case|cases|pack|syringe|syringes|ampule|ampules|cartridge|cartridges|pen|pens|tube|tubes|
strip|strips|kit|kits|needles
`);

export const MEDICATIONS: readonly string[] = [...GENERICS, ...BRANDS, ...CLASSES, 'home oxygen'];
export const MEDICATIONS_NEED_CONTEXT: readonly string[] = AMBIGUOUS;

/** Everyday phrases around drug words. */
export const MEDICATION_BLOCK: readonly string[] = termList(`
lithium battery|lithium batteries|lithium-ion|lithium ion|lithium mine|lithium mining|iron man|cast iron|oxygen tank|
oxygen supply chain|drug test policy|drug-free workplace|drug free workplace|alcohol pads|shot clock|big shot|
mug shot|moon shot|long shot|parting shot|screen shot|give it a shot|give this a shot|worth a shot|shot at|
shot of espresso|drip campaign|drip email|drip emails|pill button|pill-shaped|tablet computer|tablets and laptops|
tablet device|magnesium alloy|calcium carbonate scale|zinc oxide sunscreen|medicine cabinet|sports medicine|
internal medicine|family medicine|emergency medicine|hospital medicine|department of medicine|school of medicine|
medicine service|preventive medicine|nuclear medicine|sleep medicine|addiction medicine|pulmonary medicine|
medicine grand rounds|medicine residency|drug formulary|drug shortage|drug shortages|drug pricing|drug recall|
drug recalls|drug rep|medication safety|medication safety committee|medication safety officer|medication safety alert|
medication reconciliation policy|infusion center|infusion centre|infusion suite|infusion pump|infusion pumps|ASA 48
`);
