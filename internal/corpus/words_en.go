package corpus

import "strings"

// The English word lists, written for this generator. Within each list the
// order is the frequency rank: the generator draws from them with a Zipf
// distribution, so the first words are the common ones.

var enNouns = strings.Fields(`
government minister talks border country report officials year people week
troops election economy security agreement policy deal region plan city
market forces war president parliament court law month state union
price crisis sanctions energy oil gas water food health budget
army village coast island river bridge port railway road airport
vote campaign party leader coalition opposition reform tax debt bank
trade exports imports tariff factory workers wages strike jobs industry
company shares investors currency inflation growth recession loan fund
school university students teachers hospital doctors patients vaccine virus
climate drought flood storm fire harvest farmers cattle grain rain
police protest crowd arrest prison judge trial verdict lawyer witness
ministry embassy ambassador envoy summit delegation treaty ceasefire truce
negotiation mediator proposal statement interview spokesman newspaper broadcast
refugees migrants camp aid shelter convoy supplies medicine blanket tent
missile drone tank artillery shell rocket warship submarine aircraft fighter
soldier general commander officer unit battalion brigade division front line
pipeline grid reactor turbine panel battery mine copper lithium steel
railway station terminal harbour fleet cargo container ship route corridor
census survey poll result turnout ballot district seat candidate mandate
constitution amendment referendum decree bill motion debate session chamber
archive document record letter memo file source analyst expert researcher
history century decade generation legacy tradition culture language religion
festival museum library theatre film music artist writer poet painter
mountain valley desert forest lake plain frontier province capital suburb
neighbourhood street square market stall shop farm orchard vineyard mill
morning evening night dawn winter summer spring autumn season calendar
question answer problem solution risk threat chance option choice decision
family children parents women men youth elders community tribe clan
satellite network signal cable server data software platform app device
journalist editor reporter correspondent photographer camera microphone studio
council mayor governor senator deputy clerk inspector auditor commission panel
insurance pension subsidy grant benefit welfare housing rent mortgage land
`)

var enVerbs = strings.Fields(`
said announced reported warned agreed rejected approved signed met visited
launched opened closed raised cut increased reduced expanded blocked delayed
accused denied confirmed suggested argued claimed insisted promised pledged threatened
moved crossed entered left returned reached captured seized released freed
built repaired destroyed damaged hit struck attacked defended protected secured
voted elected appointed dismissed resigned replaced named nominated backed supported
traded sold bought exported imported shipped delivered supplied funded paid
studied examined reviewed measured tested counted recorded published revealed leaked
planned prepared organised managed led directed coordinated ordered demanded urged
welcomed criticised condemned praised questioned challenged ignored doubted feared hoped
`)

var enPresent = strings.Fields(`
says expects plans needs wants faces seeks offers holds keeps
shows suggests remains appears depends matters changes grows falls rises
`)

var enAdjectives = strings.Fields(`
new local national regional foreign military economic political public private
major small large long short early late recent former current
key strong weak high low heavy light rapid slow steady
northern southern eastern western central coastal rural urban remote border
senior junior official independent joint rival allied hostile neutral friendly
fragile stable uncertain difficult serious modest sharp broad narrow deep
annual monthly weekly daily temporary permanent formal informal secret open
financial legal technical social cultural environmental medical industrial digital
crucial careful bold cautious quiet loud bitter fierce calm tense
`)

var enAdverbs = strings.Fields(`
also still already now then again later soon often rarely
quickly slowly sharply largely mostly nearly partly fully openly quietly
`)

var enPreps = strings.Fields(`
in on at near across along behind beyond inside outside
after before during since until despite without within between among
`)

var enConnectors = []string{
	"However,", "Meanwhile,", "In the end,", "By contrast,", "For now,", "Even so,",
	"At the same time,", "As a result,", "In practice,", "On paper,", "Until then,",
}

// enPhrases are collocations inserted as units, so that phrase queries have
// something to find.
var enPhrases = []string{
	"supply lines", "border talks", "prime minister", "peace talks", "central bank",
	"interest rates", "front line", "air defence", "trade deal", "state media",
	"civil society", "human rights", "foreign minister", "security council", "power grid",
	"food prices", "opposition leader", "election campaign", "public health", "armed forces",
}

var enPlaces = strings.Fields(`
Aldmoor Brevik Calderra Dunmarsh Estavia Farholt Galvenia Harrowgate Istrel Jorvania
Kestria Lunmere Marovia Norbeck Ostrava Pellmoor Quenlow Ravensk Selvany Torvald
Ulmenthal Varnsea Westholm Yarrowby Zelvania Ardencourt Belmarsh Coldharbour Drumlee Emberfell
`)

var enFirstNames = strings.Fields(`
Anna Boris Clara Daniel Elena Farid Grace Hiro Ines Jonas
Kamala Lars Mina Nikolai Olga Pavel Quinn Rosa Samir Tomas
Uma Viktor Wen Ximena Yusuf Zora Amara Bruno Chen Dalia
`)

var enLastNames = strings.Fields(`
Abbott Brennan Castellan Dorsey Ekwueme Falkner Grimaldi Hallward Ivanova Jansen
Kowalski Lindqvist Moreau Nakamura Okafor Petrov Quiroga Rasmussen Sato Tanaka
Umarov Vasquez Whitlock Xu Yilmaz Zeller Achterberg Bakshi Coelho Delacroix
`)

var enOrgs = []string{
	"the Ministry of Defence", "the Finance Ministry", "the central bank", "the election commission",
	"the Red Crescent", "the port authority", "the national railway", "the farmers' union",
	"the supreme court", "the state broadcaster", "the energy regulator", "the coast guard",
}

var months = strings.Fields(`January February March April May June July August September October November December`)

// tagWords are front-matter tags.
var tagWords = strings.Fields(`
politics economy defence diplomacy energy climate health trade elections security
migration agriculture transport technology media justice education finance labour housing
europe asia africa americas middle-east arctic pacific balkans caucasus baltic
analysis explainer timeline profile interview briefing backgrounder data opinion review
`)

var headingNouns = strings.Fields(`
Background Context Timeline Outlook Stakes Options Risks Reactions Numbers Players
Origins Consequences Costs Alternatives Scenarios Lessons Questions Evidence Impact Response
`)
