// Hand-written for PHI Guard (no third-party source). Lower case, whitespace separated.

/**
 * Words in the name lists that are more often ordinary words in email (Will, May, Hope, Brown, Care):
 * alone they need an anchor (title, comma form, family word, "pt"); next to a plain first name they count.
 */
export const STOP_WORDS = `
may june april august march
spring summer autumn fall winter christmas easter noel valentine holiday
will hope grace faith joy rose charity mercy patience prudence honor honesty justice liberty destiny
trinity genesis harmony melody serenity unity love precious unique miracle heaven angel baby star sky
rain storm stormy river ocean stone dawn sunny amber crystal diamond pearl ruby jade ivory jewel coral
opal iris lily daisy violet holly ivy hazel olive ginger pepper honey candy cherry berry brandy sherry
penny misty sandy rusty dusty windy golden silver royal king prince princess queen duke earl major
marshal general judge bishop deacon pastor lord lady sir dame baron chance bliss glory promise passion
karma essence journey legend blessing sincere divine heavenly lovely happy lucky merry gay
cookie muffin bunny kitty sugar peaches lemon cinnamon maple cedar willow aspen juniper magnolia
laurel sage clover fern heather poppy lotus blossom meadow forest canyon summit sierra delta echo
mark bill pat rob sue chase drew grant lance wade jack art buck chip guy cliff dale glen reed rich
skip ward chuck rod sonny woody bud don ray gene ken max miles rocky frank earnest
hunter mason cooper tucker porter foster carter turner baker miller fisher walker parker taylor
sawyer tanner archer carver thatcher gardner gardener butler chandler spencer booker barber price
young brown white black green gray grey long little short small large strong sharp sweet wise
early best good free fine nice real ready true fair bright swift quick smart noble hardy gentle
bell hall hill lane park wood woods field fields ford banks church house castle temple
brooks rivers lake bay glen vale ridge grove mills haven
care heart cough fever pain head hand foot bone blood brain sick nurse doctor health
rash burns cold sore ache back chest hip knee lung skin eye ear nose mouth tooth gum pill dose
drip scan test shot stroke chart bed room ward floor unit desk
call read key money word book case page post note list rule form
mercy memorial providence shepherd samaritan christian
america asia africa china india ireland england france paris london berlin rome georgia
virginia carolina dakota florida indiana montana nevada washington texas arizona tennessee kentucky
austin dallas houston denver phoenix orlando charlotte madison jackson lincoln clinton chester
tyler troy aurora camden salem dover columbia jersey boston
allegra lyrica
north south east west northern southern western eastern
cook wells rice hunt knight pierce fox carpenter weaver wheeler fuller lynch dean brewer graves chambers
watts hale bush parks curry powers barker ball cross moss farmer manning cannon potter flowers moody pope
gross stokes colon gill waters french bass marsh sparks lamb bridges summers hood gates clay roman wolf
combs wall bond snow garrison shields horn savage booth beard glass marks winters pace hull sellers
herring walls rush weeks bean spears branch frost moon roach meadows peck gamble battle petty stout
hopper bender crane mayo cotton holder stark fry riddle levy craft beach cash workman finch downs bird
foreman elder slaughter minor bland proctor bacon bunch camp villa dye law shoemaker gore harden pike
heard butts blue wills crow steward numbers bowling welsh crouch hurt couch groves self garland vigil
sterling lacy hatch billings peoples keys land crews smiley fish miner fountain bloom seals deal ash
funk singer painter swan rushing story street dodge lay cope butcher burger shook link peacock ham keen
stern rock hooks sheets person pack masters corona shaver chin block beaver dill bravo staples jolly
hammer root light mock bonds hare champion hawk ransom sands means friend darling askew flint carrier
brand dove gold driver champagne pool flood hills hay crook beam rector strange cheek handy kitchen
coats parish ring alley merchant blank weathers priest medley laws dent sample crisp gale fortune
scales hook high ponder cloud hacker helm burden urban monk main harp wing shell rider heck harms warden
seaman salmon trout coy spear wheat tan brothers meek motley power bull chestnut outlaw kinder harder
seal box vest thorn lively stump gallant brink forte mace rains chow shorter muse falcon peak edge
borders bills binder dial rust fort card worthy sweat slack shade coffin stamps rounds peek close cable
blunt daily cone counts guest cave low belt pond harness council strain haggard shin stack sales stock
pride register sell gist akin towns sessions song samples mount boss button mesa teal wooden pointer
peace settle ferry loving almond weed wild provost covert lavender lash styles messenger speed bolt worth
frame dollar pleasant held shore nation pounds click bible falls leak eagle sides nickel fellows place
peel fries marble steel guess null glaze apple irons hair bear chew shivers nail cage piazza folk race
lock gall fried banner treat waits straight palm tower fears luck marker fee drain angle brush blow bias
stocks pickle duty coffee bridge prior grim born brace shine herd winner neighbors chancellor sites favors
fix plant brake spikes showers humble gurney wisdom sink lien mix beer duck roll player patch flower roof
slate pine spell quirk grow corn copper pray music lawyer cool toy bare fudge constant pass grass fast
deck broom lent hang arena hash sand hack downer utter range tingle shiver red papa manor drum bash
barrier fell curl bump via goodnight blizzard struck wages toner surface plaza cruise board speaks peach
million mask sale orange core vice reader lamp valley paradise hazard gravely cover wine stamp springs
marrow reading hurdle finger walk shoulders pillow lines dash cancel boring session center severance
arms dull till marine force bent bank cutting thrift shows freeze crew lodge hobby rude leader jump begin
wash folks dryer western porch polite given comfort trail mountain creek work pound pink poor peer look
reason dark dance alter lack homes six coil standard swallow maiden heater bye profit cape baptist noon
ice hail garden wear straw harsh deeds cuff rode record delay bottom stuck ledger tutor proper files
corner works leaf trim locker felt dates bones wait lease tune rank cane trainer toll rolling port pan
walker huddle welcome kitchen linen english french german latino choice prime eagle atlas neptune vega
nova cast sling splint
abbey abbot able ace ad ado adore aerial aide albino alias ally aloha alpha amen amity angelic arch arrow
artist arty atom aura author ax axe axle azure bail bald bale ban bane bar barn base bat beautiful beauty
bee belle beret bless blithe blade blaze boot bran bray breeze breezy brew bride brig briny brook brownie
buddy burg burr buster butch cache cad cadence calypso camel cameo canon caprice car carry cart cashmere
chaise champ channel chariot charisma charm chastity cherish chic chick chosen christen clarity coda
colonel colt con coop cord corny court cove craggy creed crimson cull cutter daemon dare darn delight den
denim deny derby desire destine dew dimple divinity doc dock doe doll dot dream dud dun dung dynasty eh
else em ember emerald empress envy era eternity ether eureka fairy fan fancy fate fawn fax fedora felicity
fidelity fin forester freedom gala gauge genie glad glade goddess gram grange granny gun gust gusty gypsy
halo harbor harvest hasty haze heiress herald herb hero hew hung indigo infinity itch jet jewels jihad job
jubilee kin kit knowledge lark lean legacy lion loyal loyalty luster lyric magnum mahogany majesty man
manual marry mart marvel maven maverick mayor memory mil mile mill mister modesty nanny nap natal nature
navy nettle nil nirvana novella ode odyssey omega onyx oral ova pail pall pasha pearly pebbles peg pen pet
pharaoh pier piggy pip praise puff quest quill rabbi rainy ram ranger rebel reef reign remedy rhythm riot
rip rise rogue rosy row rowdy royalty ruddy rue rune rut sable sailor saint saw sax scarlet scout season
secret serene sergeant seven shadow sire sissy sly sparkle spike spirit starlet sultan sunshine symphony
tab tabby taffy tailor tally talon tamer tea temp temperance tempest terrace thatch thorny tiara tiger
timber tiny titan tome tore town trace trapper tray treasure trip truly truth tuck usher valor vanity veer
velvet verge verity vernal vesper victory viva waiter wake ware web whisper wilt win wit witty yank yard
zed zen zenith zephyr zeppelin
`;

/** Words that are never part of a person's name in email text: they end or refuse a name span. */
export const NOT_NAME_WORDS = `
january february july september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
today tomorrow tonight yesterday morning afternoon evening night week weekend month year day days
hi hello hey dear thanks thank regards cheers please sorry sure yes okay ok re fw fwd
subject from to cc bcc sent date update reminder urgent important question questions request
follow draft attached attachment per team all everyone staff
her his him she me we us our you your they them their it its this that these those there here
what when where who why how which while with without within about above after before between
had has have can could should would must shall might been being was were are is am be
as at by in of on or and but if then than not no nor only also even ever far near up down out off
over under again once say see said just still more way
the a an my any each every some most other another such same own
patient patients pt pts resident member members client caller
dob mrn id ssn
`;
