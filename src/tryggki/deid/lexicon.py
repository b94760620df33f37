"""Word lists: gazetteers shipped in ``data/`` (see its README) and hand-written context words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal (keeps long lists compact in the source)."""
    return frozenset(text.split())


def _lines(name: str) -> list[str]:
    text = files("tryggki.deid").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


# Words that put a name right after them (lower case, Bokmål and Nynorsk). Weak words such as
# "og" are not here: "og" only counts when a name stands before it (see names.py).
TRIGGERS = _words(
    """
    dr dr. doktor lege legen lækjar overlege overlegen turnuslege lis lis1 lis2 lis-lege
    assistentlege fastlege fastlegen fastlækjar sykepleier sykepleieren sykepleiar
    sjukepleiar sjukepleiaren spl spl. jordmor jordmora fysioterapeut fysioterapeuten
    ergoterapeut psykolog psykologen psykiater spesialist spesialsykepleier helsesykepleier
    helsesøster prof prof. professor kirurg anestesilege radiolog sekretær koordinator
    kontaktperson kontaktpersonen pasient pasienten pas pas. pasientens pårørende pårørande
    pårørendes mor mora moren mamma far faren pappa foreldre kona kone mann mannen ektemann
    ektemannen ektefelle ektefellen samboer samboeren sambuar sambuaren kjæreste kjæresten
    datter datteren dotter dottera døtrene sønn sønnen son sonen bror broren brørne søster
    søsteren syster systera barnet onkel tante bestemor bestefar farmor farfar mormor morfar
    oldemor svigermor svigerfar svoger svigerinne nabo naboen venn vennen venninne venninna
    verge vergen hr hr. herr fru frk frk. heter heiter het hette heitte kalt kalla kalles
    navn namn sign sign. signert signatur mvh hilsen helsing vennlig beste kontakt kollega
    ansvarlig behandler behandlar saksbehandler hos v/ kjære
    """
)

# Capitalised at the start of a sentence these are ordinary words, never names.
STOPWORDS = _words(
    """
    Han Hun Ho Hen Den Det De Dei Dette Desse Disse Der Her Da Då Når Som Og Men Eller Om
    Etter Før Under Ved Med Mot Fra Frå Til For Av På I Hos Uten Utan Innen Innan Siden
    Sidan Pasienten Pasientens Pasient Pas Spesialist Spesialisten Pårørende Pårørande Mor
    Far Kona Mannen Datter Dotter Sønn Son Bror Søster Syster Lege Legen Sykepleier
    Sjukepleiar Dr Doktor Fastlege Kontaktperson Navn Namn Alder Dato Tlf Telefon Mobil
    Adresse Fødselsnummer Personnummer Diagnose Diagnoser Ingen Ikke Ikkje Ja Nei Vi Eg Jeg
    Du Meg Deg Seg Oss Dere Dykk Sin Sitt Sine Din Ditt Dine Min Mitt Mine Hans Hennar Hennes
    Hvis Viss Dersom Fordi
    Også Òg Bare Berre Kun Alle Noen Nokon Mange Flere Fleire Hver Kvar Hva Kva Hvem Kven
    Hvor Hvordan Korleis Mandag Måndag Tirsdag Tysdag Onsdag Torsdag Fredag Lørdag Laurdag
    Søndag Sundag Januar Februar Mars April Mai Juni Juli August September Oktober November
    Desember Status Plan Vurdering Konklusjon Anamnese Funn Behandling Epikrise Henvisning
    Tilvising Notat Journal Medisiner Medikamenter Legemiddel Tidligere Tidlegare Aktuelt
    Sosialt Familie Allergier Undersøkelse Undersøking Kontroll Innleggelse Innlegging
    Utskrivning Utskriving Oppfølging Oppfølgjing Blodprøver Lab Hb CRP Paracet Paracetamol
    Ibux Ibuprofen Albyl Marevan Metformin Insulin Morfin Zyrtec Norge Noreg Norsk Helse
    Sykehus Sjukehus Klinikk Avdeling Sengepost Poliklinikk Ny Nytt God Godt Bra Normal
    Normalt Stabil Ok Takk Hei Kjære Vennlig Hilsen Helsing Mvh Røde
    ASA NRS NEWS NIHSS LAD RCA BMI EKG CT MR KOLS Braden GCS VAS MEWS TSH II III IV VI VII VIII
    IX XI XII NAV IKT HF KI AI
    Parkinson Parkinsons Alzheimer Alzheimers Crohn Crohns Cushing Cushings Bechterew
    Bechterews Hodgkin Hodgkins Huntington Huntingtons Asperger Aspergers Tourette Tourettes
    Sjögren Sjögrens Raynaud Raynauds Ménière Ménières Meniere Menieres Apgar
    The This That These Those A An In On At For With From To Of And Or But If When Then We I
    You He She It They My Your His Her Our Their Is Are Was Were Be Been Can Could Would Should
    Will May Might Must Do Does Did Please Thanks Thank Dear Regards Best Hi Hello Yes No Not
    Patient Doctor Nurse Summary Plan History Findings Diagnosis Medication What Which Who How
    Why Where Write Summarise Summarize Translate Explain Make Give List
    """
)

# Norse name elements that end given names ("Ingebjørg", "Torgunn", "Asmund", "Sigfrid"): a
# capitalised word in no list that ends in one is a given name, so names the lists lack are
# still found. Each ends at most two Norwegian common words in Debian's wnorwegian lists
# (checked by hand: "fingerbjørg", "atgeir"); "-bjørn", "-laug", "-borg", "-dis", "-vald" and
# "-vard" end dozens ("isbjørn", "handelslaug", "kjendis", "boulevard") and are left out.
GIVEN_NAME_ENDINGS = (
    "bjørg", "finn", "frid", "geir", "gerd", "grim", "gunn", "gvild", "hild", "hilde", "leif",
    "mund", "trud", "ulf", "veig",
)  # fmt: skip

# Endings of lakes, fjords, mountains, valleys, islands and streets ("Jølstravatnet",
# "Sognefjorden"): a capitalised word in no list that ends in one is a place.
PLACE_ENDINGS = (
    "breen", "dalen", "elva", "elven", "fjellet", "fjorden", "halvøya", "sjøen", "skogen",
    "tinden", "toppen", "vannet", "vatnet", "vidda", "øya",
    "gata", "gaten", "veien", "vegen",  # streets named without a house number
)  # fmt: skip

# Places the lists of towns and postal places lack: regions, districts and counties; city
# districts of Oslo, Bergen, Trondheim and Stavanger; places abroad that patients come from or
# travel to. Written by hand; a place that is also a listed person name is left out at load
# time, so that the name keeps needing no context ("Sofia").
REGIONS = _words(
    """
    Agder Akershus Buskerud Finnmark Hadeland Hallingdal Hardanger Hedmark Helgeland Hordaland
    Innlandet Jæren Lofoten Midhordland Nordfjord Nordhordland Nordland Nordmøre Numedal
    Oppland Ringerike Rogaland Romerike Romsdal Ryfylke Setesdal Sogn Sunnfjord Sunnhordland
    Sunnmøre Telemark Toten Troms Trøndelag Valdres Vestfold Vesterålen Vestland Viken Østfold
    Gudbrandsdalen Østerdalen Sørlandet Vestlandet Østlandet Nord-Norge Finnskogen Sotra Askøy
    Tøyen Grünerløkka Majorstuen Frogner Sagene Grønland Lambertseter Holmlia Furuset Grorud
    Stovner Nordstrand Ullern Vinderen Sinsen Torshov Vålerenga Tjuvholmen Bislett Skøyen Røa
    Bøler Manglerud Ryen Romsås Mortensrud Bogerud Haugerud Tveita Hellerud Ekeberg
    Nordnes Bryggen Sandviken Fana Åsane Laksevåg Fyllingsdalen Loddefjord Landås Møhlenpris
    Sandsli Nesttun Kronstad Solheimsviken Danmarksplass Ytrebygda Årstad Bergenhus Kalfaret
    Fløyen Ulriken Gløshaugen Moholt Byåsen Tiller Møllenberg Bakklandet Singsaker Lerkendal
    Saupstad Ranheim Hillevåg Hundvåg Madla Eiganes Tasta Storhaug Våland Hinna Forus
    København Stockholm Göteborg Goteborg Malmö Helsingfors Helsinki Reykjavik Tallinn Riga
    Vilnius Gdańsk Gdansk Kraków Krakow Warszawa Berlin Hamburg München Amsterdam Brussel
    Paris London Dublin Edinburgh Madrid Barcelona Lisboa Porto Roma Milano Napoli Wien Praha
    Budapest Beograd Zagreb Sarajevo Athen Istanbul Ankara Kyiv Kiev Moskva Minsk Bucuresti
    Madeira Mallorca Tenerife Kreta Rhodos Kypros Malta Sicilia Toscana Provence Patagonia
    Kabul Teheran Bagdad Damaskus Beirut Kairo Mogadishu Hargeisa Asmara Nairobi Kampala Lagos
    Accra Dakar Tunis Alger Casablanca Marrakech Karachi Lahore Islamabad Delhi Mumbai Kolkata
    Colombo Dhaka Kathmandu Bangkok Phuket Hanoi Saigon Manila Jakarta Bali Singapore Beijing
    Shanghai Tokyo Seoul Sydney Melbourne Auckland Toronto Vancouver Montreal Chicago Boston
    Seattle Miami Houston Havana Bogotá Lima
    """
)
# Multi-word places of the same kinds.
MULTIWORD_REGIONS = (
    "Sogn og Fjordane", "Møre og Romsdal", "Gamle Oslo", "Aker Brygge", "St. Hanshaugen",
    "Buenos Aires", "New York", "Los Angeles", "San Francisco", "Gran Canaria",
    "Addis Abeba", "Ytre Sula", "Cape Town", "Rio de Janeiro",
)  # fmt: skip

# A word ending in one of these and followed by a house number is a street name.
STREET_SUFFIXES = tuple(
    sorted(
        _words(
            """
    gate gata gaten gt gt. vei veien veg vegen vn vn. allé alle plass plassen stien stig
    bakken brygge brygga kaia kaien torg torget tunet ringen svingen lia lien haugen løkka
    jordet myra sletta terrasse park parken kroken vollen åsen haugane bakkane
    """
        )
    )
)

# A capitalised word followed by one of these (or containing one) names a health-care unit.
UNIT_WORDS = _words(
    """
    sykehus sykehuset sjukehus sjukehuset universitetssykehus universitetssjukehus hospital
    hospitalet legekontor legekontoret legesenter legesenteret helsesenter helsesenteret
    helsestasjon helsestasjonen sykehjem sykehjemmet sjukeheim sjukeheimen omsorgssenter dps
    bup vop ara legevakt legevakta legevakten klinikk klinikken poliklinikk poliklinikken
    rehabiliteringssenter behandlingssenter distriktspsykiatrisk hospice hospicet
    """
)
UNIT_STEMS = tuple(
    sorted(
        _words(
            """
    sykehus sjukehus hospital klinikk legesenter legekontor sykehjem sjukeheim helsesenter
    legevakt helseforetak helsehus
    """
        )
    )
)
# Well-known hospitals and health trusts by the short names staff write.
KNOWN_UNITS = _words(
    """
    Haukeland Haraldsplass Ullevål Rikshospitalet Riksen Radiumhospitalet Ahus Diakonhjemmet
    Lovisenberg Sunnaas Betanien UNN OUS HUS SUS AHUS Kalnes Gaustad Dikemark
    Helgelandssykehuset Nordlandssykehuset Finnmarkssykehuset
    """
)
# Generic units (no name) that some corpora count as health-care units; low confidence.
GENERIC_UNITS = tuple(
    sorted(
        _words(
            """
    akuttmottak akuttmottaket poliklinikk poliklinikken polklinikk polklinikken legevakt
    legevakta legevakten intensivavdeling intensivavdelingen intensiven sengepost
    sengeposten fødeavdeling fødeavdelinga fødeavdelingen barneavdeling barneavdelinga
    barneavdelingen
    """
        )
    )
)

COUNTRIES = _words(
    """
    Norge Noreg Sverige Danmark Finland Island Tyskland Polen Litauen Latvia Estland
    Russland Ukraina Somalia Eritrea Etiopia Syria Irak Iran Afghanistan Pakistan India Kina
    Thailand Filippinene Vietnam Spania Portugal Frankrike Italia Hellas Tyrkia England
    Skottland Storbritannia Irland USA Canada Brasil Chile Marokko Egypt Nigeria Kenya Kongo
    Sudan
    """
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The shipped lists, loaded once."""

    given: frozenset[str]
    family: frozenset[str]
    ambiguous: frozenset[str]
    places: frozenset[str]
    multiword_places: dict[str, tuple[str, ...]]
    units: dict[str, tuple[str, ...]]
    postal: dict[str, str]
    surrogate_given: tuple[str, ...]
    female: frozenset[str]
    male: frozenset[str]
    surrogate_female: tuple[str, ...]
    surrogate_male: tuple[str, ...]
    surrogate_family: tuple[str, ...]
    surrogate_places: tuple[str, ...]
    surrogate_units: tuple[str, ...]


def _by_first_word(entries: list[str]) -> dict[str, tuple[str, ...]]:
    """Entries grouped by their first word, longest first, for longest-match lookups."""
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(entry.split()[0].rstrip(","), []).append(entry)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in grouped.items()}


@cache
def lexicon() -> Lexicon:
    """The lists, read from the package data on first use."""
    places = _lines("places.txt")
    given = frozenset(_lines("given_names.txt"))
    family = frozenset(_lines("family_names.txt"))
    regions = sorted(p for p in REGIONS if p not in given and p not in family)
    single = [p for p in places if " " not in p] + sorted(COUNTRIES) + regions
    multi = [p for p in places if " " in p] + list(MULTIWORD_REGIONS)
    postal: dict[str, str] = {}
    for row in _lines("postal_codes.tsv"):
        code, place = row.split("\t")[:2]
        postal[code] = place
    units = _lines("health_units.txt")
    return Lexicon(
        given=given,
        family=family,
        ambiguous=frozenset(_lines("ambiguous.txt")) | {"Lie", "Li", "Ask", "Moe", "Mo"},
        places=frozenset(single),
        multiword_places=_by_first_word(multi),
        units=_by_first_word(units),
        postal=postal,
        surrogate_given=tuple(_lines("surrogate_given.txt")),
        female=frozenset(_lines("female_given.txt")),
        male=frozenset(_lines("male_given.txt")),
        surrogate_female=tuple(_lines("surrogate_female.txt")),
        surrogate_male=tuple(_lines("surrogate_male.txt")),
        surrogate_family=tuple(_lines("surrogate_family.txt")),
        surrogate_places=tuple(p for p in single if p not in COUNTRIES and p not in REGIONS),
        surrogate_units=tuple(units),
    )
