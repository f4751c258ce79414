"""The vocabulary of the demo data: kinds of learning environment and the themes they teach.

Each theme fixes what its offers may say and who they are for, so that titles, texts, grades,
subjects and subject areas agree (a fysik/kemi theme only offers 7.–9. klasse). Slugs refer to the
reference data loaded by ``load_reference_data`` (curriculum and environment types).
"""

from __future__ import annotations

from dataclasses import dataclass

# Subject areas (fagområder), by slug.
ART = "kunst-design-og-arkitektur"
CULTURAL_MUSEUMS = "kulturhistoriske-museer"
CULTURAL_SITES = "kulturhistoriske-miljoeer"
PERFORMING = "scenekunst-musik-film-og-bevaegelse"
NATURE = "naturfag-og-naturvidenskab"
LOCAL_HISTORY = "lokalhistoriske-museer"
SOCIETY = "kultur-udvikling-og-samfund"
STEM = "teknologi-innovation-og-stem"
BUSINESS = "erhverv-og-virksomheder"

# Grade bands as (from, to) grade slugs.
NURSERY = ("vuggestue", "boernehave")
KINDERGARTEN = ("boernehave", "boernehave")
KINDERGARTEN_START = ("boernehave", "0-klasse")
EARLY = ("0-klasse", "3-klasse")
EARLY_LATE = ("1-klasse", "3-klasse")
MIDDLE = ("4-klasse", "6-klasse")
EARLY_MIDDLE = ("2-klasse", "5-klasse")
MIDDLE_UPPER = ("5-klasse", "8-klasse")
UPPER = ("7-klasse", "9-klasse")
UPPER_TENTH = ("7-klasse", "10-klasse")
UPPER_LATE = ("8-klasse", "10-klasse")
YOUTH = ("stx", "hf")
VOCATIONAL = ("eud", "eux")
UPPER_YOUTH = ("8-klasse", "stx")

# Months (1–12) by season profile. Offers pick most of the months of their profile.
SEASONS: dict[str, tuple[int, ...]] = {
    "school_year": (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12),
    "outdoor": (4, 5, 6, 8, 9, 10),
    "spring": (3, 4, 5, 6),
    "autumn": (8, 9, 10, 11),
    "winter": (11, 12, 1, 2, 3),
    "christmas": (11, 12),
    "summer_edge": (5, 6, 8, 9),
}


@dataclass(frozen=True)
class Theme:
    key: str
    titles: tuple[str, ...]
    teasers: tuple[str, ...]
    paragraphs: tuple[str, ...]
    areas: tuple[str, ...]
    subjects: tuple[str, ...]
    grades: tuple[tuple[str, str], ...]
    sdgs: tuple[int, ...] = ()
    season: str = "school_year"
    # Formats the theme's ordinary offers have; material, online and courses are derived variants.
    formats: tuple[str, ...] = ("besoeg",)


@dataclass(frozen=True)
class Name:
    """One way an environment of a profile is named, with the themes that fit that very place.

    A cyclists' association teaches traffic, not democracy; a waterworks drinking water, not waste.
    Empty ``themes``: every theme of the profile fits.
    """

    template: str
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """A kind of learning environment: its type, how common it is, its names and its themes."""

    key: str
    type_slug: str
    weight: int
    names: tuple[str | Name, ...]
    descriptions: tuple[str, ...]
    themes: tuple[str, ...]
    roles: tuple[str, ...]
    offer_weight: float = 4.0
    free_share: float = 0.5
    travels_share: float = 0.15
    # How often the name uses the local town rather than the kommune's name (big places use the kommune).
    town_share: float = 0.6

    def name_options(self) -> tuple[Name, ...]:
        return tuple(name if isinstance(name, Name) else Name(name) for name in self.names)


THEMES: tuple[Theme, ...] = (
    # --- Cultural history ---
    Theme(
        "stone-age",
        ("Stenalderjægere", "Livet i stenalderen", "Flint og fangst", "Fra jæger til bonde"),
        (
            "Eleverne prøver stenalderens redskaber og undersøger, hvordan jægere og bønder levede.",
            "Hvordan overlevede man i stenalderen? Eleverne slår flint, tænder ild og tolker fund.",
        ),
        (
            "Vi tager udgangspunkt i fund fra egnen og ser på, hvordan menneskene levede af jagt, "
            "fiskeri og senere agerbrug.",
            "Eleverne arbejder i små grupper med kopier af redskaber og prøver selv at bore, skrabe og slibe.",
            "Forløbet træner elevernes kronologiske overblik og deres evne til at stille spørgsmål til kilder.",
        ),
        (CULTURAL_MUSEUMS,),
        ("historie", "natur-teknologi"),
        (EARLY_MIDDLE, MIDDLE),
        season="outdoor",
    ),
    Theme(
        "vikings",
        ("Vikingetiden", "Vikinger på togt", "Runer og rejser", "Handel og håndværk i vikingetiden"),
        (
            "Mød vikingetiden gennem fund, runer og fortællinger om rejser, handel og hverdagsliv.",
            "Eleverne undersøger, hvem vikingerne var, og skriver deres egen runesten.",
        ),
        (
            "Vi ser på vikingernes skibe, handelsruter og håndværk og spørger, hvad vi egentlig ved, "
            "og hvad der er myter.",
            "Eleverne afkoder runer, prøver vikingetidens lege og arbejder med kildekritik ud fra rigtige fund.",
            "Forløbet kan kobles til dansk med nordisk mytologi og fortælling.",
        ),
        (CULTURAL_MUSEUMS,),
        ("historie", "dansk"),
        (EARLY_MIDDLE, MIDDLE, MIDDLE_UPPER),
    ),
    Theme(
        "middle-ages",
        ("Middelalderens by", "Munke, klostre og reformation", "Borgen i middelalderen"),
        (
            "Hvordan var det at leve i en middelalderby? Eleverne følger en købmand, en munk og en håndværker.",
            "Eleverne undersøger kirkens magt og reformationen gennem bygninger, billeder og kilder.",
        ),
        (
            "Med udgangspunkt i byens gader og bygninger undersøger eleverne magt, tro og handel i middelalderen.",
            "Eleverne arbejder med kilder fra perioden og diskuterer, hvorfor reformationen ændrede Danmark.",
        ),
        (CULTURAL_MUSEUMS, CULTURAL_SITES),
        ("historie", "kristendomskundskab"),
        (MIDDLE, UPPER),
    ),
    Theme(
        "1864",
        ("1864 og grænselandet", "Genforeningen 1920", "Sønderjylland og grænsen"),
        (
            "Krigen i 1864 og genforeningen i 1920 fortalt gennem breve, billeder og steder i landskabet.",
            "Eleverne undersøger, hvordan en grænse flyttes, og hvad det betød for mennesker på begge sider.",
        ),
        (
            "Forløbet følger almindelige menneskers liv før, under og efter krigen og grænsedragningen.",
            "Eleverne diskuterer nationalfølelse, mindretal og erindring dengang og i dag.",
        ),
        (CULTURAL_MUSEUMS, SOCIETY),
        ("historie", "samfundsfag", "tysk"),
        (UPPER, UPPER_YOUTH),
        sdgs=(16,),
    ),
    Theme(
        "occupation",
        ("Besættelsen 1940–45", "Modstand og samarbejde", "Flugten over Øresund"),
        (
            "Hvad ville du have gjort? Eleverne undersøger valg og dilemmaer under besættelsen.",
            "Eleverne møder modstandsfolk, flygtninge og almindelige familier under besættelsen.",
        ),
        (
            "Ud fra dagbøger, illegale blade og genstande arbejder eleverne med de svære valg under besættelsen.",
            "Forløbet lægger op til diskussion af demokrati, ytringsfrihed og menneskerettigheder.",
        ),
        (CULTURAL_MUSEUMS, SOCIETY),
        ("historie", "samfundsfag", "dansk"),
        (MIDDLE_UPPER, UPPER, UPPER_YOUTH),
        sdgs=(16,),
    ),
    Theme(
        "industry",
        ("Industrialiseringen", "Fra mark til fabrik", "Arbejderliv omkring 1900", "Dampmaskinen og det moderne"),
        (
            "Eleverne oplever, hvordan maskiner, fabrikker og jernbaner forandrede arbejde og familieliv.",
            "Hvordan var det at være barn på en fabrik i 1900? Eleverne undersøger arbejderlivet.",
        ),
        (
            "Forløbet viser, hvordan industrialiseringen ændrede byen, arbejdet og familien.",
            "Eleverne sammenligner arbejdsvilkår dengang og nu og diskuterer børns rettigheder.",
        ),
        (CULTURAL_MUSEUMS, SOCIETY),
        ("historie", "samfundsfag", "fysik-kemi"),
        (MIDDLE, UPPER),
        sdgs=(8, 9),
    ),
    Theme(
        "school-old-days",
        ("Skolen i gamle dage", "En skoledag i 1920", "Griffel og tavle"),
        (
            "Eleverne sidder ved gamle pulte og oplever en skoledag, som den var for 100 år siden.",
            "Med griffel, tavle og streng lærer oplever eleverne en skoledag fra bedsteforældrenes tid.",
        ),
        (
            "I den gamle skolestue spiller vi skole som i 1920: morgensang, skønskrift og regning på tavle.",
            "Bagefter taler vi om, hvad der er forandret, og hvad der er det samme i skolen i dag.",
        ),
        (CULTURAL_SITES, LOCAL_HISTORY),
        ("historie", "dansk"),
        (EARLY, EARLY_MIDDLE),
    ),
    Theme(
        "local-town",
        ("Byens historie", "Da byen voksede", "Historiske spor i byen", "Byvandring i {by}"),
        (
            "Eleverne går på opdagelse i {by} og finder sporene af byens historie i gader og huse.",
            "En byvandring med opgaver, hvor eleverne finder spor fra fortiden i deres egen by.",
        ),
        (
            "Vi starter på museet og går derefter ud i byen med kort, gamle fotografier og opgaver.",
            "Eleverne sammenligner gamle og nye billeder og fortæller, hvordan og hvorfor byen har forandret sig.",
        ),
        (LOCAL_HISTORY,),
        ("historie", "dansk", "geografi"),
        (EARLY_MIDDLE, MIDDLE, UPPER),
        season="outdoor",
    ),
    Theme(
        "farm-life",
        ("Livet på landet", "Bondegården omkring 1900", "Fra korn til brød"),
        (
            "På den gamle gård oplever eleverne, hvordan man levede af jorden før traktoren.",
            "Eleverne tærsker, maler mel og bager brød som på en gård for 150 år siden.",
        ),
        (
            "Eleverne hjælper til med dagens gøremål på gården og prøver redskaber fra dengang.",
            "Vi taler om, hvor maden kommer fra, og hvordan landbruget har ændret sig.",
        ),
        (CULTURAL_SITES,),
        ("historie", "natur-teknologi", "madkundskab"),
        (KINDERGARTEN_START, EARLY, MIDDLE),
        sdgs=(2, 12),
        season="outdoor",
    ),
    Theme(
        "christmas-old",
        ("Jul i gamle dage", "Julen på herregården", "Juletraditioner før og nu"),
        (
            "Eleverne oplever julens skikke, som de var i bedsteforældrenes barndom.",
            "Hvorfor har vi nisser og juletræ? Eleverne undersøger julens traditioner.",
        ),
        (
            "Vi klipper julepynt, synger gamle julesange og hører om julen i et hjem omkring 1900.",
            "Forløbet kan kobles til kristendomskundskab og samtaler om traditioner i klassen.",
        ),
        (CULTURAL_SITES, LOCAL_HISTORY),
        ("historie", "kristendomskundskab"),
        (KINDERGARTEN_START, EARLY),
        season="christmas",
    ),
    Theme(
        "source-criticism",
        ("Kildekritik og historiebrug", "Historien som brugsgenstand", "Hvem skriver historien?"),
        ("Eleverne arbejder med kilder fra samlingerne og diskuterer, hvordan historie bruges i dag.",),
        (
            "Forløbet træner kildekritik og historiebrug med autentiske kilder fra samlingerne.",
            "Eleverne formulerer en problemstilling og præsenterer den for klassen.",
        ),
        (CULTURAL_MUSEUMS, SOCIETY),
        ("historie", "samfundsfag"),
        (YOUTH, UPPER_YOUTH),
    ),
    Theme(
        "museum-play",
        (
            "Museumsleg for de mindste",
            "Små opdagere på museet",
            "Sanserne på museum",
            "Med børnehaven på museum",
            "Skattejagt på museet",
        ),
        ("En legende tur på museet for børnehavebørn med sang, sanser og spændende genstande.",),
        (
            "Børnene rører ved genstande, lytter, dufter og leger sig gennem museets rum.",
            "Forløbet understøtter de pædagogiske læreplanstemaer kultur, æstetik og fællesskab.",
        ),
        (CULTURAL_MUSEUMS, LOCAL_HISTORY),
        (),
        (KINDERGARTEN, NURSERY, KINDERGARTEN_START),
    ),
    # --- Art ---
    Theme(
        "image-analysis",
        ("Billedanalyse på museet", "Se godt efter!", "Kunstens sprog", "Billeder der fortæller"),
        (
            "Eleverne lærer at se, beskrive og tolke kunst foran de originale værker.",
            "Hvad fortæller et billede? Eleverne analyserer værker og skaber deres egne.",
        ),
        (
            "Foran værkerne arbejder eleverne med farve, komposition og fortælling.",
            "Efter samtalen i udstillingen arbejder eleverne selv i værkstedet med det, de har set.",
        ),
        (ART,),
        ("billedkunst", "dansk"),
        (EARLY, MIDDLE, UPPER),
    ),
    Theme(
        "golden-age",
        ("Guldalderens malerkunst", "Landskaber fra guldalderen", "Danmark malet"),
        ("Eleverne undersøger, hvordan guldalderens malere skabte billedet af Danmark.",),
        (
            "Vi ser på landskaber og portrætter fra 1800-tallet og taler om nationalromantik.",
            "Eleverne skitserer selv et landskab og sammenligner med guldalderens idealer.",
        ),
        (ART,),
        ("billedkunst", "historie", "dansk"),
        (MIDDLE, UPPER, YOUTH),
    ),
    Theme(
        "contemporary-art",
        ("Samtidskunst i øjenhøjde", "Kunst der undrer", "Installation og rum", "Kunst og klima"),
        (
            "Eleverne møder aktuel kunst og taler om, hvad kunst kan i dag.",
            "Eleverne undersøger udstillingens værker og bygger selv en installation.",
        ),
        (
            "Vi går på opdagelse i udstillingen og taler om, hvad kunstnerne vil sige med deres værker.",
            "I værkstedet arbejder eleverne med materialer, rum og idéer fra udstillingen.",
        ),
        (ART,),
        ("billedkunst", "dansk", "samfundsfag"),
        (EARLY, MIDDLE, UPPER, YOUTH),
        sdgs=(13,),
    ),
    Theme(
        "art-workshop",
        ("Kunstværksted", "Farver og former", "Leg med ler", "Tryk og grafik"),
        ("Eleverne arbejder som kunstnere i værkstedet med farver, ler og tryk.",),
        (
            "Med udstillingen som inspiration prøver eleverne teknikker, som kunstnerne bruger.",
            "Alle elever går hjem med et værk, og klassen kan arbejde videre på skolen.",
        ),
        (ART,),
        ("billedkunst", "haandvaerk-og-design"),
        (KINDERGARTEN_START, EARLY, MIDDLE),
    ),
    Theme(
        "design-architecture",
        ("Design og arkitektur", "Byg en by", "Stole, lamper og dansk design", "Arkitektur for børn"),
        ("Eleverne undersøger dansk design og arkitektur og bygger selv modeller.",),
        (
            "Vi ser på klassikere i dansk design og taler om form, funktion og bæredygtige materialer.",
            "Eleverne arbejder i grupper med at skitsere og bygge en model.",
        ),
        (ART,),
        ("haandvaerk-og-design", "billedkunst", "matematik"),
        (MIDDLE, UPPER),
        sdgs=(11, 12),
    ),
    # --- Nature ---
    Theme(
        "pond-life",
        ("Liv i vandhullet", "Smådyr i søen", "Vandets små dyr", "Ketsjer og lup"),
        (
            "Eleverne fanger smådyr med ketsjer og undersøger vandhullets liv med lup.",
            "Hvem lever i vandhullet? Eleverne fanger, bestemmer og tegner smådyr.",
        ),
        (
            "Med ketsjer, bakker og bestemmelsesark undersøger eleverne vandets små dyr.",
            "Vi taler om fødekæder og om, hvad smådyrene fortæller om vandkvaliteten.",
        ),
        (NATURE,),
        ("natur-teknologi", "biologi"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(6, 15),
        season="outdoor",
    ),
    Theme(
        "forest",
        ("Skovens dyr og planter", "En dag i skoven", "Træernes år", "Spor i skoven"),
        (
            "Eleverne går på opdagelse i skoven og finder spor efter dyr og planter.",
            "Eleverne undersøger skovens økosystem med målebånd, lup og bestemmelsesnøgler.",
        ),
        (
            "Vi følger sporene i skovbunden og lærer at kende de almindelige træer og dyr.",
            "Eleverne måler, tæller og sammenligner og lærer om biodiversitet i praksis.",
        ),
        (NATURE,),
        ("natur-teknologi", "biologi", "matematik"),
        (KINDERGARTEN_START, EARLY, MIDDLE, UPPER),
        sdgs=(15,),
        season="outdoor",
    ),
    Theme(
        "birds",
        ("Fugle omkring os", "Trækfugle", "Fuglekig med kikkert", "Ugler og rovfugle"),
        ("Eleverne lærer at kende og bestemme fugle med kikkert og fuglebog.",),
        (
            "Eleverne lærer at bruge kikkert og bestemmer de almindelige fugle i området.",
            "Vi taler om trækfugle, redebygning og fuglenes tilpasning til levestedet.",
        ),
        (NATURE,),
        ("natur-teknologi", "biologi"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(15,),
        season="spring",
    ),
    Theme(
        "coast",
        ("Stranden og havet", "Tidevand og vadehav", "Livet i strandkanten", "Klitter og kyst"),
        (
            "Eleverne undersøger livet i strandkanten og kystens landskab.",
            "Eleverne fanger krabber og rejer og undersøger, hvordan havet former kysten.",
        ),
        (
            "Med waders og net undersøger eleverne dyr og planter i strandkanten.",
            "Vi ser på kystens landformer og taler om klimaændringer og havets stigning.",
        ),
        (NATURE,),
        ("natur-teknologi", "biologi", "geografi"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(13, 14),
        season="summer_edge",
    ),
    Theme(
        "climate",
        (
            "Klima og bæredygtighed",
            "Klimaet forandrer sig",
            "CO2 og vores hverdag",
            "Grøn omstilling",
            "Klimadetektiver",
            "Fremtidens klima",
        ),
        ("Eleverne undersøger klimaforandringer og regner på deres egen hverdags CO2-aftryk.",),
        (
            "Forløbet kobler naturfagene: eleverne måler, regner og diskuterer løsninger.",
            "Eleverne arbejder med konkrete data og fremlægger forslag til grøn omstilling.",
        ),
        (NATURE, SOCIETY),
        ("geografi", "biologi", "fysik-kemi", "natur-teknologi"),
        (MIDDLE, UPPER, UPPER_TENTH, YOUTH),
        sdgs=(7, 12, 13),
    ),
    Theme(
        "outdoor-life",
        ("Friluftsliv og bål", "Bålmad i det fri", "Overlevelse i naturen", "Kano og friluftsliv"),
        ("Eleverne tænder bål, laver mad over ild og lærer friluftslivets grundregler.",),
        (
            "Vi arbejder med bål, knob og samarbejde i naturen.",
            "Eleverne prøver kræfter med friluftsliv og taler om at færdes ansvarligt i naturen.",
        ),
        (NATURE, PERFORMING),
        ("idraet", "madkundskab", "natur-teknologi"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(3,),
        season="outdoor",
    ),
    Theme(
        "nature-play",
        (
            "Naturens små dyr",
            "Små naturdetektiver",
            "Leg og læring i naturen",
            "Mini-naturforskere",
            "Sanseleg i naturen",
        ),
        ("Børnene leger sig til viden om naturens små dyr med lup, spand og sange.",),
        (
            "En rolig dag i naturen med tid til at undre sig, lege og undersøge.",
            "Forløbet understøtter de pædagogiske læreplanstemaer natur, udeliv og science.",
        ),
        (NATURE,),
        (),
        (KINDERGARTEN, NURSERY, KINDERGARTEN_START),
        sdgs=(15,),
        season="outdoor",
    ),
    Theme(
        "fossils",
        ("Dinosaurer og fossiler", "Danmarks urtid", "Fossiljagt", "Istiden i Danmark"),
        ("Eleverne møder dinosaurer og fossiler og lærer, hvordan jorden har forandret sig.",),
        (
            "Eleverne undersøger fossiler og hører om livet på jorden for millioner af år siden.",
            "Vi ser på, hvordan istiden formede det danske landskab.",
        ),
        (NATURE,),
        ("natur-teknologi", "geografi", "biologi"),
        (EARLY, MIDDLE, UPPER),
    ),
    Theme(
        "evolution",
        ("Evolution og tilpasning", "Arternes udvikling", "Dyrenes tilpasning"),
        ("Eleverne undersøger, hvordan dyr er tilpasset deres levesteder.",),
        (
            "Eleverne observerer dyrene og diskuterer tilpasning, arv og naturlig udvælgelse.",
            "Forløbet giver et fælles grundlag for arbejdet med evolution i natur/teknologi og biologi.",
        ),
        (NATURE,),
        ("biologi", "natur-teknologi"),
        (MIDDLE, UPPER, YOUTH),
        sdgs=(15,),
    ),
    Theme(
        "zoo-animals",
        ("Dyrenes verden", "Rovdyr og byttedyr", "Truede dyr", "Dyr fra hele verden"),
        (
            "Eleverne kommer tæt på dyrene og lærer om deres levevis og trusler.",
            "Hvorfor er nogle dyr truede? Eleverne undersøger biodiversitet og naturbevarelse.",
        ),
        (
            "Sammen med en underviser observerer eleverne dyrene og taler om føde, levesteder og adfærd.",
            "Vi taler om, hvordan zoologiske haver arbejder med bevarelse af truede arter.",
        ),
        (NATURE,),
        ("natur-teknologi", "biologi", "geografi"),
        (KINDERGARTEN_START, EARLY, MIDDLE, UPPER),
        sdgs=(15,),
    ),
    Theme(
        "sea-life",
        ("Havets dyr", "Livet i havet", "Plastik i havet", "Fisk og fiskeri"),
        ("Eleverne møder havets dyr og undersøger, hvordan vi passer på havet.",),
        (
            "Ved akvarierne undersøger eleverne fiskenes tilpasning og havets fødekæder.",
            "Vi taler om plastik, overfiskeri og hvad vi selv kan gøre.",
        ),
        (NATURE,),
        ("natur-teknologi", "biologi", "geografi"),
        (KINDERGARTEN_START, EARLY, MIDDLE, UPPER),
        sdgs=(14,),
    ),
    # --- Science and technology ---
    Theme(
        "energy",
        ("Energi og elektricitet", "Fra vind til strøm", "Fremtidens energi", "Strøm og kredsløb"),
        ("Eleverne bygger kredsløb og undersøger, hvordan vi producerer og bruger energi.",),
        (
            "Eleverne eksperimenterer med solceller, vindmøller og batterier.",
            "Vi regner på energiforbrug og diskuterer fremtidens energiforsyning.",
        ),
        (STEM, NATURE),
        ("fysik-kemi", "natur-teknologi"),
        (MIDDLE, UPPER),
        sdgs=(7, 13),
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "chemistry-lab",
        ("Kemi i laboratoriet", "Syrer og baser", "Kemiske reaktioner", "Stoffer i hverdagen"),
        ("Eleverne arbejder i et rigtigt laboratorium med forsøg og kittel på.",),
        (
            "Eleverne udfører forsøg med syrer, baser og reaktioner efter sikkerhedsinstruktion.",
            "Forløbet understøtter arbejdet med fysik/kemi og den fælles prøve i naturfagene.",
        ),
        (STEM, NATURE),
        ("fysik-kemi",),
        (UPPER, UPPER_TENTH),
        sdgs=(6,),
    ),
    Theme(
        "programming",
        ("Programmering og robotter", "Kod en robot", "Teknologiforståelse i praksis", "Byg og programmér"),
        ("Eleverne programmerer robotter og undersøger, hvordan teknologi former vores hverdag.",),
        (
            "Eleverne arbejder i teams med at bygge og programmere en robot til en opgave.",
            "Vi taler om, hvordan algoritmer påvirker os, og hvem der bestemmer over teknologien.",
        ),
        (STEM,),
        ("teknologiforstaaelse", "matematik", "natur-teknologi"),
        (MIDDLE, UPPER),
        sdgs=(9,),
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "light-sound",
        ("Lys og lyd", "Sansernes fysik", "Spejle, linser og farver"),
        ("Eleverne eksperimenterer med lys, lyd og sanser i interaktive forsøg.",),
        (
            "Gennem forsøg undersøger eleverne, hvordan lys og lyd bevæger sig.",
            "Eleverne formulerer hypoteser og tester dem sammen.",
        ),
        (STEM, NATURE),
        ("natur-teknologi", "fysik-kemi"),
        (EARLY, MIDDLE, UPPER),
    ),
    Theme(
        "space",
        ("Rummet og universet", "Planeter og stjerner", "Rejsen til Mars"),
        ("Eleverne rejser ud i rummet og undersøger planeter, stjerner og tyngdekraft.",),
        (
            "Vi bruger modeller og planetarium til at forstå solsystemets størrelse.",
            "Eleverne diskuterer, hvad der skal til for at mennesker kan leve på Mars.",
        ),
        (STEM, NATURE),
        ("natur-teknologi", "fysik-kemi", "geografi"),
        (EARLY_MIDDLE, MIDDLE, UPPER),
    ),
    Theme(
        "everyday-math",
        ("Matematik i hverdagen", "Mål og vægt", "Geometri i byen", "Statistik på stedet"),
        ("Eleverne bruger matematik til at løse virkelige opgaver ude i verden.",),
        (
            "Eleverne måler, vejer og regner på rigtige problemer fra stedet.",
            "Forløbet viser, hvordan matematik bruges i arbejdsliv og hverdag.",
        ),
        (STEM,),
        ("matematik",),
        (EARLY_LATE, MIDDLE, UPPER),
    ),
    Theme(
        "innovation",
        ("Innovation og opfindelser", "Fra idé til produkt", "Opfinderværksted"),
        ("Eleverne arbejder som opfindere og udvikler løsninger på virkelige problemer.",),
        (
            "Med en innovationsproces går eleverne fra problem til prototype på en dag.",
            "Eleverne præsenterer deres løsning for en rigtig opdragsgiver.",
        ),
        (STEM, BUSINESS),
        ("haandvaerk-og-design", "teknologiforstaaelse", "matematik", "uddannelse-og-job"),
        (MIDDLE, UPPER, UPPER_TENTH),
        sdgs=(9,),
    ),
    # --- Archives and libraries ---
    Theme(
        "family-history",
        ("Slægtsforskning for begyndere", "Min families historie", "Kirkebøger og folketællinger"),
        ("Eleverne finder spor af tidligere generationer i kirkebøger og folketællinger.",),
        (
            "Eleverne lærer at læse gamle kilder og søge i arkivets registre.",
            "Vi taler om, hvad arkiver gemmer, og hvorfor.",
        ),
        (LOCAL_HISTORY, SOCIETY),
        ("historie", "dansk"),
        (MIDDLE, UPPER),
    ),
    Theme(
        "archive-detectives",
        ("Arkivdetektiver", "Gamle fotografier fortæller", "Skrevet i gotisk"),
        ("Eleverne løser en historisk gåde med kilder fra arkivets magasiner.",),
        (
            "Eleverne arbejder som detektiver med breve, fotografier og protokoller.",
            "Forløbet træner kildekritik og viser, hvordan historikere arbejder.",
        ),
        (LOCAL_HISTORY,),
        ("historie", "dansk"),
        (EARLY_MIDDLE, MIDDLE, UPPER),
    ),
    Theme(
        "reading",
        ("Læselyst", "Historier i biblioteket", "Bogstavjagt", "Fortællinger og billedbøger"),
        ("Eleverne møder bøger, fortællinger og lege, der vækker lysten til at læse.",),
        (
            "En bibliotekar fortæller, læser op og hjælper eleverne med at finde bøger, der passer til dem.",
            "Vi leger med ord og bogstaver og slutter med at låne bøger med hjem.",
        ),
        (SOCIETY,),
        ("dansk",),
        (KINDERGARTEN_START, EARLY, EARLY_MIDDLE),
    ),
    Theme(
        "information-literacy",
        ("Kildekritik på nettet", "Falske nyheder", "Søg smartere", "Algoritmer og nyheder"),
        ("Eleverne lærer at søge, vurdere og bruge information kritisk.",),
        (
            "Eleverne afprøver søgestrategier og vurderer kilder på nettet.",
            "Vi diskuterer falske nyheder og hvordan algoritmer former det, vi ser.",
        ),
        (SOCIETY, STEM),
        ("dansk", "samfundsfag", "teknologiforstaaelse"),
        (MIDDLE, UPPER, YOUTH),
        sdgs=(4, 16),
        formats=("besoeg", "online"),
    ),
    Theme(
        "maker-space",
        ("Makerspace", "3D-print og laserskærer", "Byg med elektronik"),
        ("Eleverne designer og bygger i bibliotekets makerspace.",),
        (
            "Eleverne prøver 3D-print, laserskærer og enkel elektronik.",
            "Forløbet arbejder med teknologiforståelse og innovation.",
        ),
        (STEM,),
        ("teknologiforstaaelse", "haandvaerk-og-design", "natur-teknologi"),
        (MIDDLE, UPPER),
        sdgs=(9,),
    ),
    # --- Performing arts, music and film ---
    Theme(
        "theatre-play",
        ("Teaterforestilling og samtale", "Bag kulisserne", "Teatrets verden", "Forestilling for skoler"),
        (
            "Klassen ser en forestilling og får bagefter en samtale med skuespillerne.",
            "Eleverne kommer bag kulisserne og oplever, hvordan en forestilling bliver til.",
        ),
        (
            "Efter forestillingen taler eleverne med skuespillerne om temaer og virkemidler.",
            "Vi sender et lærermateriale, så klassen kan forberede sig og arbejde videre.",
        ),
        (PERFORMING,),
        ("dansk", "musik"),
        (KINDERGARTEN_START, EARLY, MIDDLE, UPPER),
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "drama-workshop",
        ("Dramaworkshop", "Krop og stemme", "Improvisation", "Fra tekst til scene"),
        ("Eleverne arbejder med krop, stemme og improvisation sammen med professionelle skuespillere.",),
        (
            "Eleverne spiller scener og lærer teatrets grundgreb.",
            "Workshoppen styrker fællesskabet og elevernes mod til at stå frem.",
        ),
        (PERFORMING,),
        ("dansk", "idraet"),
        (EARLY, MIDDLE, UPPER),
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "music",
        ("Syng og spil", "Rytmer fra hele verden", "Skriv en sang", "Orkestret på besøg"),
        ("Eleverne synger, spiller og skriver musik sammen med professionelle musikere.",),
        (
            "Vi spiller på rytmeinstrumenter og lærer sange fra forskellige kulturer.",
            "Eleverne skriver tekst og melodi og optager deres egen sang.",
        ),
        (PERFORMING,),
        ("musik", "dansk"),
        (KINDERGARTEN_START, EARLY, MIDDLE),
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "dance",
        ("Dans og bevægelse", "Kroppen som instrument", "Hiphop i skolen"),
        ("Eleverne danser og arbejder med krop og bevægelse sammen med en professionel danser.",),
        (
            "Gennem leg og koreografi arbejder eleverne med rytme, rum og samarbejde.",
            "Forløbet slutter med en lille forestilling for hinanden.",
        ),
        (PERFORMING,),
        ("idraet", "musik"),
        (EARLY, MIDDLE, UPPER),
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "film",
        ("Filmanalyse", "Lav din egen film", "Animation med tablets", "Dokumentar og virkelighed"),
        (
            "Eleverne analyserer film og laver selv en kortfilm.",
            "Eleverne lærer filmens virkemidler og animerer deres egen historie.",
        ),
        (
            "Vi ser klip fra film og taler om, hvordan billede, lyd og klipning skaber fortælling.",
            "Eleverne skriver manuskript, optager og klipper en kort film i grupper.",
        ),
        (PERFORMING,),
        ("dansk", "billedkunst", "engelsk"),
        (EARLY, MIDDLE, UPPER, YOUTH),
        formats=("besoeg", "udebesoeg"),
    ),
    # --- Associations ---
    Theme(
        "sports",
        ("Prøv en sport", "Idrætsdag med foreningen", "Boldspil for alle", "Bevægelse med foreningen"),
        ("Eleverne prøver en ny sport sammen med instruktører fra den lokale forening.",),
        (
            "Foreningens instruktører planlægger en aktiv dag med leg, teknik og spil.",
            "Forløbet giver eleverne kendskab til foreningslivet i lokalområdet.",
        ),
        (PERFORMING, SOCIETY),
        ("idraet",),
        (EARLY, MIDDLE, UPPER),
        sdgs=(3,),
        season="summer_edge",
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "first-aid",
        ("Førstehjælp for børn", "Hjertestart", "Hjælp en kammerat"),
        ("Eleverne lærer grundlæggende førstehjælp og hjertelungeredning.",),
        (
            "Med dukker og rollespil træner eleverne, hvad de skal gøre ved en ulykke.",
            "Forløbet knytter sig til det obligatoriske emne sundheds- og seksualundervisning og familiekundskab.",
        ),
        (SOCIETY,),
        ("sundheds-og-seksualundervisning-og-familiekundskab", "idraet"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(3,),
        formats=("udebesoeg", "besoeg"),
    ),
    Theme(
        "traffic",
        ("Sikker i trafikken", "Cyklistprøven", "Trafikleg i skolegården", "Se og blive set"),
        ("Eleverne træner trafikregler og cykelfærdigheder i praksis.",),
        (
            "Vi bygger en trafikbane i skolegården, og eleverne øver tegn, regler og hensyn.",
            "Forløbet dækker det obligatoriske emne færdselslære.",
        ),
        (SOCIETY,),
        ("faerdselslaere", "idraet"),
        (KINDERGARTEN_START, EARLY, MIDDLE),
        sdgs=(3, 11),
        season="spring",
        formats=("udebesoeg",),
    ),
    Theme(
        "scouting",
        ("Spejderdag", "Knob, kort og kompas", "Orienteringsløb"),
        ("Eleverne prøver spejderlivet med knob, kort og samarbejdsopgaver.",),
        (
            "Spejderne fra foreningen leder en dag med orientering og samarbejde i naturen.",
            "Forløbet kan kobles til matematik og geografi gennem kort og målestok.",
        ),
        (NATURE, SOCIETY),
        ("idraet", "geografi", "matematik"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(3,),
        season="outdoor",
    ),
    Theme(
        "democracy",
        ("Demokrati i praksis", "Børns rettigheder", "Verden i klassen", "Frivillighed og fællesskab"),
        ("Eleverne undersøger demokrati, rettigheder og fællesskab gennem dialog og rollespil.",),
        (
            "Med rollespil og cases diskuterer eleverne rettigheder, pligter og medbestemmelse.",
            "Forløbet giver eleverne indblik i, hvordan frivillige foreninger arbejder.",
        ),
        (SOCIETY,),
        ("samfundsfag", "kristendomskundskab", "dansk"),
        (MIDDLE, UPPER, YOUTH),
        sdgs=(4, 10, 16),
        formats=("udebesoeg", "besoeg"),
    ),
    # --- Companies and education ---
    Theme(
        "farm-to-table",
        ("Fra jord til bord", "Besøg på gården", "Mælk, korn og kød", "Økologi i praksis"),
        ("Eleverne besøger et moderne landbrug og følger fødevarerne fra jord til bord.",),
        (
            "Landmanden viser rundt, og eleverne møder dyrene, maskinerne og markerne.",
            "Vi taler om fødevareproduktion, dyrevelfærd og bæredygtigt landbrug.",
        ),
        (BUSINESS, NATURE),
        ("natur-teknologi", "madkundskab", "biologi", "uddannelse-og-job"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(2, 12),
        season="outdoor",
    ),
    Theme(
        "production",
        ("Virksomhedsbesøg: produktion", "Sådan laves det", "Fra råvare til produkt", "Robotter i produktionen"),
        ("Eleverne ser, hvordan en moderne virksomhed producerer, og møder medarbejderne.",),
        (
            "Eleverne følger produktionen og løser opgaver om kvalitet, logistik og økonomi.",
            "Medarbejderne fortæller om deres uddannelse og arbejdsdag.",
        ),
        (BUSINESS, STEM),
        ("uddannelse-og-job", "matematik", "fysik-kemi"),
        (UPPER, UPPER_TENTH, VOCATIONAL),
        sdgs=(8, 9, 12),
    ),
    Theme(
        "waste",
        ("Affald og genbrug", "Hvor bliver skraldet af?", "Cirkulær økonomi", "Sortér og genbrug"),
        ("Eleverne følger affaldet og lærer, hvordan det bliver til nye ressourcer.",),
        (
            "På genbrugsanlægget ser eleverne sorteringen og prøver selv at sortere.",
            "Vi taler om cirkulær økonomi og om, hvad eleverne selv kan gøre.",
        ),
        (BUSINESS, NATURE),
        ("natur-teknologi", "geografi", "samfundsfag"),
        (EARLY, MIDDLE, UPPER),
        sdgs=(11, 12),
        formats=("besoeg", "udebesoeg"),
    ),
    Theme(
        "water-supply",
        ("Rent drikkevand", "Fra grundvand til vandhane", "Spildevand og rensning"),
        ("Eleverne undersøger, hvor drikkevandet kommer fra, og hvordan spildevand renses.",),
        (
            "På vandværket ser eleverne boringer, filtre og laboratoriet.",
            "Eleverne måler vandkvalitet og diskuterer, hvordan vi beskytter grundvandet.",
        ),
        (BUSINESS, NATURE),
        ("natur-teknologi", "geografi", "fysik-kemi", "biologi"),
        (MIDDLE, UPPER),
        sdgs=(6,),
    ),
    Theme(
        "harbour",
        ("Havnen og logistik", "Containere og skibe", "Et job på havnen"),
        ("Eleverne oplever havnens liv og de mange jobs, der får varerne frem.",),
        (
            "Eleverne ser, hvordan varer losses, opbevares og sendes videre.",
            "Vi taler om global handel og om uddannelserne bag havnens jobs.",
        ),
        (BUSINESS,),
        ("geografi", "samfundsfag", "uddannelse-og-job"),
        (UPPER, UPPER_TENTH),
        sdgs=(8, 9),
    ),
    Theme(
        "careers",
        ("Uddannelse og job", "En dag som lærling", "Jobs i fremtiden", "Mød en faglært"),
        ("Eleverne møder medarbejdere og lærlinge og hører om vejen til deres job.",),
        (
            "Eleverne prøver praktiske opgaver fra arbejdsdagen og interviewer medarbejderne.",
            "Forløbet understøtter det obligatoriske emne uddannelse og job.",
        ),
        (BUSINESS,),
        ("uddannelse-og-job",),
        (UPPER, UPPER_TENTH, UPPER_LATE),
        sdgs=(4, 8),
    ),
    Theme(
        "money",
        ("Privatøkonomi for unge", "Penge og forbrug", "Min første løn"),
        ("Eleverne lærer om budget, løn og forbrug gennem praktiske cases.",),
        (
            "Med cases fra virkeligheden regner eleverne på budget, skat og lån.",
            "Vi diskuterer forbrug og bæredygtighed.",
        ),
        (BUSINESS, SOCIETY),
        ("matematik", "samfundsfag"),
        (UPPER, UPPER_TENTH, YOUTH),
        sdgs=(8, 12),
        formats=("udebesoeg", "online"),
    ),
    Theme(
        "vocational-taster",
        ("Prøv en erhvervsuddannelse", "Brobygning: håndværk og teknik", "Værkstedsdag"),
        ("Eleverne prøver værkstedet på en erhvervsuddannelse sammen med elever og lærere.",),
        (
            "Eleverne arbejder med værktøj og materialer i skolens værksteder.",
            "Dagen giver et realistisk billede af erhvervsuddannelserne.",
        ),
        (BUSINESS, STEM),
        ("uddannelse-og-job", "haandvaerk-og-design", "matematik"),
        (UPPER, UPPER_LATE, UPPER_TENTH),
        sdgs=(4, 8),
    ),
    Theme(
        "university-lab",
        ("Åbent laboratorium", "Forskning for gymnasier", "Naturvidenskab på universitetet"),
        ("Eleverne arbejder i universitetets laboratorier sammen med forskere og studerende.",),
        (
            "Eleverne udfører eksperimenter, som forskerne bruger i deres arbejde.",
            "Vi taler om studievalg og livet som studerende.",
        ),
        (STEM, NATURE),
        ("fysik-kemi", "biologi", "uddannelse-og-job"),
        (UPPER_LATE, YOUTH, UPPER_YOUTH),
        sdgs=(4, 9),
    ),
    # --- Churches and civic places ---
    Theme(
        "church",
        ("Kirkens rum", "Kirken og kirkeåret", "Påske i kirken", "Kalkmalerier fortæller"),
        ("Eleverne undersøger kirkerummet, kirkeårets højtider og kalkmalerierne.",),
        (
            "I kirken taler vi om symboler, fortællinger og traditioner.",
            "Eleverne tegner og fortæller ud fra kalkmalerierne.",
        ),
        (CULTURAL_SITES,),
        ("kristendomskundskab", "historie"),
        (EARLY, MIDDLE),
    ),
    Theme(
        "town-hall",
        ("Demokrati på rådhuset", "Byrådet og dig", "Hvem bestemmer i kommunen?"),
        ("Eleverne besøger rådhuset og spiller byrådsmøde om en sag fra kommunen.",),
        (
            "Eleverne forbereder partiernes holdninger og debatterer en lokal sag.",
            "Vi taler om, hvordan kommunen træffer beslutninger.",
        ),
        (SOCIETY,),
        ("samfundsfag", "dansk"),
        (UPPER, UPPER_TENTH, YOUTH),
        sdgs=(16,),
    ),
)

THEMES_BY_KEY: dict[str, Theme] = {theme.key: theme for theme in THEMES}

# Titles that place a theme in the environment's own town ({by}; {by_gen} is its genitive). An offer
# takes one of these or one of the theme's own titles, so forty museums do not all offer "Vikingetiden".
LOCAL_TITLES: dict[str, tuple[str, ...]] = {
    "stone-age": ("Stenalderen omkring {by}", "Stenalderjægere ved {by}"),
    "vikings": ("Vikingetiden omkring {by}", "Vikinger på egnen ved {by}"),
    "middle-ages": ("Middelalderen i {by}", "Munke og købmænd i middelalderens {by}"),
    "1864": ("1864 set fra {by}", "Grænselandet og {by} 1864–1920"),
    "occupation": ("Besættelsen i {by}", "{by} under besættelsen"),
    "industry": ("Industrialiseringen i {by}", "Fabrikker og arbejderliv i {by}"),
    "school-old-days": ("Skolen i gamle dage i {by}", "En skoledag i {by} i 1920"),
    "local-town": ("{by} før og nu", "Spor af fortiden i {by}"),
    "farm-life": ("Livet på landet ved {by}", "Bondegården ved {by} omkring 1900"),
    "christmas-old": ("Jul i gamle dage i {by}", "Gammeldags jul i {by}"),
    "source-criticism": ("Kildekritik: {by_gen} historie", "Historiebrug i {by}"),
    "museum-play": ("Små opdagere på museet i {by}", "Museumsleg i {by}"),
    "image-analysis": ("Se kunsten i {by}", "Billedanalyse i {by}"),
    "golden-age": ("Guldalderen i {by}", "Guldalderens landskaber i {by}"),
    "contemporary-art": ("Samtidskunst i {by}", "Ny kunst i {by}"),
    "art-workshop": ("Kunstværksted i {by}", "Farver og former i {by}"),
    "design-architecture": ("Arkitektur i {by}", "Design og arkitektur i {by}"),
    "pond-life": ("Vandhullets liv ved {by}", "Smådyr i søerne ved {by}"),
    "forest": ("Skoven ved {by}", "Skovens dyr ved {by}"),
    "birds": ("Fugle ved {by}", "Fuglekig ved {by}"),
    "coast": ("Stranden ved {by}", "Kysten ved {by}"),
    "climate": ("Klima og bæredygtighed i {by}", "Klimaforandringer set fra {by}"),
    "outdoor-life": ("Friluftsliv ved {by}", "Bål og friluftsliv i {by}"),
    "nature-play": ("Små naturdetektiver i {by}", "Naturleg ved {by}"),
    "fossils": ("Fossiljagt ved {by}", "Urtiden omkring {by}"),
    "evolution": ("Evolution og tilpasning i {by}", "Dyrenes tilpasning i {by}"),
    "zoo-animals": ("Dyrene i {by}", "Truede dyr i {by}"),
    "sea-life": ("Havets dyr ved {by}", "Livet i havet ved {by}"),
    "energy": ("Energi i {by}", "Fra vind til strøm i {by}"),
    "chemistry-lab": ("Kemilaboratoriet i {by}", "Kemi i {by}"),
    "programming": ("Kod en robot i {by}", "Programmering i {by}"),
    "light-sound": ("Lys og lyd i {by}", "Lysets og lydens fysik i {by}"),
    "space": ("Rummet set fra {by}", "Stjernehimlen over {by}"),
    "everyday-math": ("Matematik i {by}", "Mål og regn i {by}"),
    "innovation": ("Opfindere i {by}", "Innovation i {by}"),
    "family-history": ("Slægtsforskning i {by}", "Familiens historie i {by}"),
    "archive-detectives": ("Arkivdetektiver i {by}", "Gamle fotografier fra {by}"),
    "reading": ("Læselyst i {by}", "Historier og bøger i {by}"),
    "information-literacy": ("Søg smartere i {by}", "Falske nyheder: workshop i {by}"),
    "maker-space": ("Makerspace i {by}", "Byg med elektronik i {by}"),
    "theatre-play": ("Teater for skoler i {by}", "Bag kulisserne i {by}"),
    "drama-workshop": ("Dramaworkshop i {by}", "Krop og stemme i {by}"),
    "music": ("Musik i {by}", "Syng og spil i {by}"),
    "dance": ("Dans i {by}", "Dans og bevægelse i {by}"),
    "film": ("Film i {by}", "Lav film i {by}"),
    "sports": ("Idræt med foreningen i {by}", "Prøv en sport i {by}"),
    "first-aid": ("Førstehjælp i {by}", "Hjertestart i {by}"),
    "traffic": ("Sikker i trafikken i {by}", "Cykel og trafik i {by}"),
    "scouting": ("Spejderdag i {by}", "Orientering ved {by}"),
    "democracy": ("Demokrati i {by}", "Fællesskab og rettigheder i {by}"),
    "farm-to-table": ("Fra jord til bord i {by}", "Gården ved {by}"),
    "production": ("Produktion i {by}", "Sådan laves det i {by}"),
    "waste": ("Affald og genbrug i {by}", "Hvor bliver skraldet af i {by}?"),
    "water-supply": ("Drikkevand i {by}", "Vandet i {by}"),
    "harbour": ("Havnen i {by}", "Skibe og containere i {by}"),
    "careers": ("Job og uddannelse i {by}", "Fremtidens job i {by}"),
    "money": ("Privatøkonomi i {by}", "Penge og forbrug i {by}"),
    "vocational-taster": ("Værkstedsdag i {by}", "Prøv en erhvervsuddannelse i {by}"),
    "university-lab": ("Laboratoriet i {by}", "Naturvidenskab i {by}"),
    "church": ("Kirken i {by}", "Kirkens rum i {by}"),
    "town-hall": ("Rådhuset i {by}", "Byrådet i {by} og dig"),
}

# The teaser's second sentence: where and for whom, by the kind of place (environment type slug).
# {env}/{env_gen}: the environment's name (and its genitive), {by}/{by_gen}: its town, {trin}: the
# grades, {fag}: the offer's subjects (only used when it has subjects).
TYPE_CLOSINGS: dict[str, tuple[str, ...]] = {
    "museum": (
        "{env} tilpasser forløbet til {trin}.",
        "Forløbet foregår i {env_gen} udstillinger.",
        "Et forløb i {fag} med {env_gen} samlinger som udgangspunkt.",
    ),
    "kunsthal": (
        "Forløbet tager udgangspunkt i den aktuelle udstilling på {env}.",
        "{env} tilpasser samtalen til {trin}.",
        "Et forløb i {fag} i {env_gen} udstillingsrum.",
    ),
    "naturcenter": (
        "Vi mødes ved {env} og går ud i naturen omkring {by}.",
        "Naturvejlederne på {env} tilpasser dagen til {trin}.",
        "Et forløb i {fag} i naturen ved {by}.",
    ),
    "zoo-akvarium": (
        "Forløbet foregår blandt dyrene i {env}.",
        "{env_gen} undervisere tilpasser forløbet til {trin}.",
        "Et forløb i {fag} med {env_gen} dyr tæt på.",
    ),
    "science-center": (
        "Forløbet foregår i {env_gen} udstillinger og værksteder.",
        "{env} tilpasser forsøgene til {trin}.",
        "Et forløb i {fag} med praktiske forsøg i {by}.",
    ),
    "arkiv": (
        "Eleverne arbejder med kilder fra {env}.",
        "{env} udvælger kilder, der passer til {trin}.",
        "Et forløb i {fag} med kilder til {by_gen} historie.",
    ),
    "bibliotek": (
        "Forløbet foregår på {env}.",
        "Bibliotekarerne på {env} tilpasser forløbet til {trin}.",
        "Et forløb i {fag} på biblioteket i {by}.",
    ),
    "teater": (
        "Forløbet ledes af kunstnere fra {env}.",
        "{env} tilpasser forløbet til {trin}.",
        "Et forløb i {fag} med scenekunst fra {by}.",
    ),
    "musik": (
        "Forløbet ledes af musikere fra {env}.",
        "{env} tilpasser forløbet til {trin}.",
        "Et forløb i {fag} med levende musik fra {by}.",
    ),
    "film": (
        "Forløbet ledes af filmformidlere fra {env}.",
        "{env} tilpasser forløbet til {trin}.",
        "Et forløb i {fag} med film fra {by}.",
    ),
    "forening": (
        "Frivillige fra {env} står for forløbet.",
        "{env} tilpasser aktiviteterne til {trin}.",
        "Et forløb i {fag} med en lokal forening i {by}.",
    ),
    "virksomhed": (
        "Medarbejdere fra {env} tager imod klassen.",
        "{env} tilpasser besøget til {trin}.",
        "Et forløb i {fag} hos en virksomhed i {by}.",
    ),
    "uddannelsesinstitution": (
        "Lærere og elever fra {env} tager imod klassen.",
        "{env} tilpasser forløbet til {trin}.",
        "Et forløb i {fag} på en uddannelse i {by}.",
    ),
    "andet": (
        "{env} tager imod klassen.",
        "{env} tilpasser forløbet til {trin}.",
        "Et forløb i {fag} i {by}.",
    ),
}
# Offers that are no visit close with what they are instead (always naming the environment).
KIND_CLOSINGS: dict[str, str] = {
    "material": "Materialet er udviklet af {env} til {trin}.",
    "online": "Undervisningen foregår online med en underviser fra {env}.",
    "course": "Et kursus for lærere og pædagoger hos {env}.",
}


PROFILES: tuple[Profile, ...] = (
    Profile(
        "cultural-museum",
        "museum",
        40,
        ("{by} Museum", "Museum {by}", "Kulturhistorisk Museum {by}", "{by} Historiske Museum", "Museet i {by}"),
        (
            "{name} fortæller egnens historie fra oldtiden til i dag gennem udstillinger, fund og levende formidling.",
            "Museet har en stor skoletjeneste, der hvert år tager imod tusindvis af elever.",
        ),
        ("stone-age", "vikings", "middle-ages", "occupation", "1864", "industry", "source-criticism", "museum-play"),
        ("Museumsformidler", "Skoletjenesteansvarlig", "Museumsinspektør"),
        offer_weight=6.0,
        free_share=0.45,
    ),
    Profile(
        "art-museum",
        "museum",
        30,
        ("{by} Kunstmuseum", "Kunstmuseet i {by}", "{by} Kunstmuseum og Skulpturpark"),
        (
            "{name} viser dansk og international kunst fra guldalderen til i dag.",
            "Museets formidlere tager imod børn fra dagtilbud til gymnasium i udstillinger og værksted.",
        ),
        ("image-analysis", "golden-age", "contemporary-art", "art-workshop", "design-architecture", "museum-play"),
        ("Kunstformidler", "Underviser", "Formidlingschef"),
        offer_weight=6.0,
        free_share=0.5,
        town_share=0.15,
    ),
    Profile(
        "local-museum",
        "museum",
        35,
        ("{by} Lokalhistoriske Museum", "{by} Bymuseum", "Egnsmuseet i {by}", "{by} Egnsmuseum"),
        (
            "{name} samler og formidler historien om {by} og omegn.",
            "Museet drives af fagfolk og frivillige og tilbyder forløb til skoler i hele kommunen.",
        ),
        ("local-town", "school-old-days", "christmas-old", "farm-life", "occupation", "museum-play"),
        ("Museumsformidler", "Museumsleder", "Frivillig formidler"),
        offer_weight=4.0,
        free_share=0.6,
        travels_share=0.2,
    ),
    Profile(
        "natural-history-museum",
        "museum",
        12,
        (
            "Naturhistorisk Museum {by}",
            "{by} Naturmuseum",
            Name("Geologisk Museum {by}", ("fossils", "evolution", "climate")),
        ),
        (
            "{name} viser naturen og landskabet fra urtiden til i dag.",
            "Skoletjenesten tilbyder forløb i udstillingerne og ude i naturen.",
        ),
        ("fossils", "evolution", "birds", "climate", "nature-play"),
        ("Naturformidler", "Biolog", "Skoletjenesteansvarlig"),
        offer_weight=6.0,
        free_share=0.4,
        town_share=0.15,
    ),
    Profile(
        "open-air-museum",
        "museum",
        13,
        ("Frilandsmuseet {by}", "{by} Landbrugsmuseum", "Den Gamle Gård i {by}", "Herregården {by}"),
        (
            "{name} er et levende kulturhistorisk miljø med gamle huse, dyr og haver.",
            "Eleverne oplever historien med alle sanser og prøver selv dagliglivets gøremål.",
        ),
        ("farm-life", "school-old-days", "christmas-old", "middle-ages", "museum-play"),
        ("Museumsformidler", "Skolelærer i den gamle skole", "Formidlingsansvarlig"),
        offer_weight=5.0,
        free_share=0.35,
    ),
    Profile(
        "technical-museum",
        "museum",
        10,
        (
            "Industrimuseet {by}",
            "{by} Tekniske Museum",
            Name("Energimuseet {by}", ("energy", "light-sound", "innovation", "careers")),
            Name("Jernbanemuseet {by}", ("industry", "innovation", "careers")),
        ),
        (
            "{name} fortæller teknikkens og industriens historie med maskiner, der stadig kører.",
            "Skoletjenesten kobler historie, naturfag og teknologi.",
        ),
        ("industry", "energy", "innovation", "light-sound", "careers"),
        ("Museumsformidler", "Teknisk formidler", "Skoletjenesteansvarlig"),
        offer_weight=5.0,
        free_share=0.4,
        town_share=0.15,
    ),
    Profile(
        "art-hall",
        "kunsthal",
        22,
        ("Kunsthal {by}", "{by} Kunsthal", "Kunstforeningen {by}", "Udstillingsstedet {by}"),
        (
            "{name} viser skiftende udstillinger med samtidskunst.",
            "Kunsthallens formidlere inviterer skoler og dagtilbud til samtaler og værkstedsforløb.",
        ),
        ("contemporary-art", "image-analysis", "art-workshop", "design-architecture"),
        ("Kunstformidler", "Kurator", "Underviser"),
        offer_weight=5.0,
        free_share=0.6,
    ),
    Profile(
        "nature-school",
        "naturcenter",
        40,
        ("Naturskolen {by}", "{by} Naturskole", "Naturcenter {by}", "Naturværkstedet {by}", "Skovskolen {by}"),
        (
            "{name} er kommunens naturskole med naturvejledere, bålhytte og værksted midt i naturen.",
            "Naturvejlederne tager imod dagtilbud og skoleklasser hele året.",
        ),
        ("pond-life", "forest", "birds", "outdoor-life", "climate", "nature-play"),
        ("Naturvejleder", "Leder af naturskolen", "Naturformidler"),
        offer_weight=6.0,
        free_share=0.65,
        travels_share=0.3,
    ),
    Profile(
        "coastal-centre",
        "naturcenter",
        22,
        ("Naturcenter {by} Strand", "Vadehavscentret {by}", "Kystcenter {by}", "Fjordcentret {by}"),
        (
            "{name} ligger ved kysten og formidler livet i havet, på stranden og i fjorden.",
            "Skoleklasser kan låne waders, net og laboratorium.",
        ),
        ("coast", "sea-life", "birds", "climate", "nature-play"),
        ("Naturvejleder", "Biolog", "Centerleder"),
        offer_weight=5.5,
        free_share=0.5,
        travels_share=0.2,
    ),
    Profile(
        "zoo",
        "zoo-akvarium",
        8,
        ("{by} Zoo", "Dyreparken {by}", "Zoologisk Have {by}"),
        (
            "{name} har dyr fra hele verden og en skoletjeneste med undervisere og klasselokaler.",
            "Zoologisk have arbejder med bevarelse af truede arter og formidling af biodiversitet.",
        ),
        ("zoo-animals", "evolution", "climate", "nature-play"),
        ("Zoopædagog", "Underviser", "Skoletjenesteleder"),
        offer_weight=7.0,
        free_share=0.25,
        town_share=0.15,
    ),
    Profile(
        "aquarium",
        "zoo-akvarium",
        6,
        ("Akvariet {by}", "{by} Akvarium", "Havets Hus {by}"),
        (
            "{name} viser livet i de danske farvande og verdenshavene.",
            "Skoleklasser kan komme tæt på fisk, krabber og søstjerner i berøringsbassinet.",
        ),
        ("sea-life", "evolution", "coast", "nature-play"),
        ("Akvarieformidler", "Biolog", "Underviser"),
        offer_weight=6.0,
        free_share=0.25,
        town_share=0.15,
    ),
    Profile(
        "science-centre",
        "science-center",
        22,
        (
            "Science Center {by}",
            "{by} Science Center",
            "Eksperimentarium {by}",
            "Videnscenter {by}",
            Name("Planetarium {by}", ("space", "light-sound", "everyday-math")),
        ),
        (
            "{name} er et oplevelsescenter for naturvidenskab og teknologi med hundredvis af forsøg.",
            "Skoletjenesten tilbyder forløb, der understøtter naturfagene og teknologiforståelse.",
        ),
        ("energy", "chemistry-lab", "programming", "light-sound", "space", "everyday-math", "innovation"),
        ("Science-formidler", "Underviser", "Skoletjenesteansvarlig"),
        offer_weight=7.0,
        free_share=0.3,
        travels_share=0.25,
        town_share=0.15,
    ),
    Profile(
        "archive",
        "arkiv",
        18,
        ("{by} Stadsarkiv", "Lokalhistorisk Arkiv {by}", "{by} Byhistoriske Arkiv", "Arkivet i {by}"),
        (
            "{name} bevarer kilder om {by}s historie: protokoller, fotografier, kort og breve.",
            "Arkivets formidlere hjælper elever med at bruge kilderne i undervisningen.",
        ),
        ("family-history", "archive-detectives", "local-town", "source-criticism"),
        ("Arkivar", "Arkivformidler", "Arkivleder"),
        offer_weight=3.5,
        free_share=0.85,
        town_share=0.15,
    ),
    Profile(
        "library",
        "bibliotek",
        25,
        ("{by} Bibliotek", "Biblioteket i {by}", "{by} Hovedbibliotek", "Kulturhuset {by} – Bibliotek"),
        (
            "{name} er et åbent kultur- og læringssted med bøger, makerspace og fagpersoner.",
            "Biblioteket samarbejder med skoler og dagtilbud om læselyst og informationskompetence.",
        ),
        ("reading", "information-literacy", "maker-space", "programming"),
        ("Bibliotekar", "Børnebibliotekar", "Skolesamarbejdskonsulent"),
        offer_weight=4.0,
        free_share=0.9,
        travels_share=0.2,
        town_share=0.15,
    ),
    Profile(
        "theatre",
        "teater",
        24,
        ("{by} Teater", "Børneteatret {by}", "Egnsteatret {by}", "Scenen i {by}", "Teatret ved {by}"),
        (
            "{name} spiller forestillinger for børn og unge og har et tæt samarbejde med skolerne.",
            "Teatret tilbyder forestillinger, workshops og lærermateriale.",
        ),
        ("theatre-play", "drama-workshop", "dance"),
        ("Skoleansvarlig", "Teaterpædagog", "Producent"),
        offer_weight=4.0,
        free_share=0.2,
        travels_share=0.35,
    ),
    Profile(
        "music-venue",
        "musik",
        14,
        ("{by} Musikskole", "Spillestedet {by}", "{by} Musikhus", "Levende Musik i Skolen {by}"),
        (
            "{name} bringer levende musik til børn og unge i skolen og på scenen.",
            "Musikerne tilbyder koncerter og workshops tilpasset klassetrinnet.",
        ),
        ("music", "dance"),
        ("Musikformidler", "Musikskoleleder", "Koordinator"),
        offer_weight=3.5,
        free_share=0.4,
        travels_share=0.4,
    ),
    Profile(
        "film",
        "film",
        10,
        ("Biografen i {by}", "{by} Filmværksted", "Filmhuset {by}", "Animationsværkstedet {by}"),
        (
            "{name} viser film for skoler og har værksted, hvor eleverne selv kan lave film.",
            "Filmformidlerne hjælper klasser med filmanalyse og produktion.",
        ),
        ("film",),
        ("Filmformidler", "Værkstedsleder", "Biografleder"),
        offer_weight=3.5,
        free_share=0.5,
        travels_share=0.2,
    ),
    Profile(
        "sports-club",
        "forening",
        25,
        (
            "{by} Idrætsforening",
            "{by} Roklub",
            "{by} Håndboldklub",
            "{by} Atletikklub",
            Name("{by} Kajakklub", ("sports", "first-aid", "outdoor-life")),
        ),
        (
            "{name} er en frivillig forening med aktiviteter for børn, unge og voksne.",
            "Foreningen samarbejder med skolerne om åben skole og idræt i skoletiden.",
        ),
        ("sports", "first-aid"),
        ("Formand", "Frivillig træner", "Foreningskonsulent"),
        offer_weight=2.5,
        free_share=0.9,
        travels_share=0.3,
    ),
    Profile(
        "outdoor-club",
        "forening",
        20,
        (
            Name("Spejderne i {by}", ("scouting", "outdoor-life", "forest", "nature-play")),
            Name("{by} Naturfredningsforening", ("forest", "birds", "outdoor-life", "nature-play")),
            Name("{by} Ornitologiske Forening", ("birds", "forest")),
            Name("Friluftsrådet {by}", ("outdoor-life", "forest", "scouting", "nature-play")),
        ),
        (
            "{name} er en forening af frivillige, der vil give børn og unge gode oplevelser i naturen.",
            "Foreningens frivillige står for forløb i naturen for skoler og dagtilbud.",
        ),
        ("scouting", "birds", "forest", "outdoor-life", "nature-play"),
        ("Frivillig naturvejleder", "Formand", "Kontaktperson for skoler"),
        offer_weight=3.0,
        free_share=0.85,
        travels_share=0.3,
    ),
    Profile(
        "civic-club",
        "forening",
        30,
        (
            Name("Røde Kors {by}", ("first-aid", "democracy")),
            Name("Dansk Cyklist Forbund {by}", ("traffic",)),
            Name("Ungdomsklubben {by}", ("democracy", "sports")),
            Name("{by} Foreningsråd", ("democracy", "sports")),
            Name("Frivilligcenter {by}", ("democracy", "first-aid")),
        ),
        (
            "{name} arbejder med fællesskab, sikkerhed og sundhed for børn og unge.",
            "Foreningens frivillige kommer gerne ud på skolerne.",
        ),
        ("first-aid", "traffic", "democracy", "sports"),
        ("Frivillig instruktør", "Koordinator", "Skolekonsulent"),
        offer_weight=2.5,
        free_share=0.9,
        travels_share=0.6,
    ),
    Profile(
        "farm",
        "virksomhed",
        16,
        (
            "{by} Gård",
            "Økogården {by}",
            Name("{by} Mejeri", ("farm-to-table", "careers")),
            Name("Gartneriet {by}", ("farm-to-table", "climate", "careers")),
            "Kvæggården ved {by}",
        ),
        (
            "{name} er en landbrugsvirksomhed, der åbner stalden og markerne for skoleklasser.",
            "Besøgene er gratis og arrangeres i samarbejde med kommunens åben skole-konsulent.",
        ),
        ("farm-to-table", "careers", "climate"),
        ("Landmand", "Ejer", "Besøgskoordinator"),
        offer_weight=2.5,
        free_share=0.9,
    ),
    Profile(
        "manufacturer",
        "virksomhed",
        20,
        (
            Name("{by} Maskinfabrik", ("production", "careers", "innovation")),
            Name("{by} Plast A/S", ("production", "careers", "innovation")),
            "{by} Elektronik ApS",
            "Vindmøllefabrikken {by}",
            Name("{by} Træindustri", ("production", "careers", "innovation")),
        ),
        (
            "{name} er en produktionsvirksomhed, der gerne viser unge, hvad moderne industri er.",
            "Besøgene giver indblik i uddannelser og jobs i lokalområdet.",
        ),
        ("production", "careers", "innovation", "energy"),
        ("HR-partner", "Lærlingeansvarlig", "Produktionschef"),
        offer_weight=2.5,
        free_share=0.95,
    ),
    Profile(
        "utility",
        "virksomhed",
        16,
        (
            "{by} Forsyning",
            Name("{by} Affald og Genbrug", ("waste", "climate")),
            Name("Vandværket {by}", ("water-supply", "climate")),
            Name("{by} Fjernvarme", ("energy", "climate")),
            Name("Renseanlægget {by}", ("water-supply", "climate")),
        ),
        (
            "{name} sørger for vand, varme og affaldshåndtering i kommunen.",
            "Forsyningen har en skoletjeneste med besøg og materialer om ressourcer og miljø.",
        ),
        ("waste", "water-supply", "energy", "climate"),
        ("Miljøformidler", "Skoletjenestemedarbejder", "Kommunikationsansvarlig"),
        offer_weight=3.5,
        free_share=0.95,
        travels_share=0.3,
    ),
    Profile(
        "service-business",
        "virksomhed",
        8,
        (
            Name("{by} Havn", ("harbour", "careers")),
            Name("{by} Sparekasse", ("money", "careers")),
            Name("{by} Logistikcenter", ("harbour", "careers")),
            Name("{by} IT-hus", ("programming", "careers")),
        ),
        (
            "{name} åbner dørene for elever, der vil vide mere om job og uddannelse.",
            "Virksomheden deltager i kommunens åben skole-samarbejde.",
        ),
        ("harbour", "money", "careers", "programming"),
        ("HR-konsulent", "Elevansvarlig", "Kommunikationsmedarbejder"),
        offer_weight=2.5,
        free_share=0.95,
    ),
    Profile(
        "vocational-school",
        "uddannelsesinstitution",
        14,
        ("{by} Tekniske Skole", "Erhvervsskolen {by}", "{by} Handelsskole", "Uddannelsescenter {by}"),
        (
            "{name} uddanner unge og voksne til faglærte jobs og tilbyder brobygning for grundskolen.",
            "Skolens værksteder og lærere står klar til at vise eleverne erhvervsuddannelserne.",
        ),
        ("vocational-taster", "careers", "programming", "innovation"),
        ("Brobygningskoordinator", "Faglærer", "Studievejleder"),
        offer_weight=4.0,
        free_share=0.95,
    ),
    Profile(
        "university",
        "uddannelsesinstitution",
        10,
        ("{by} Gymnasium", "Professionshøjskolen {by}", "Universitetscenter {by}", "{by} Naturvidenskabelige Center"),
        (
            "{name} åbner laboratorier og undervisning for elever fra grundskolen og gymnasiet.",
            "Forskere og studerende underviser og fortæller om uddannelserne.",
        ),
        ("university-lab", "chemistry-lab", "careers", "climate"),
        ("Koordinator for skolesamarbejde", "Lektor", "Studerende underviser"),
        offer_weight=4.0,
        free_share=0.85,
        town_share=0.15,
    ),
    Profile(
        "church",
        "andet",
        8,
        ("{by} Kirke", "{by} Sogn – Kirke og Skole", "Skolekirketjenesten {by}"),
        (
            "{name} tilbyder skolekirketjeneste med forløb om kirkerum, højtider og kulturarv.",
            "Forløbene er ikke forkyndende og tilrettelægges efter Fælles Mål.",
        ),
        ("church", "christmas-old"),
        ("Skolekirkekonsulent", "Præst", "Kirke- og kulturmedarbejder"),
        offer_weight=3.0,
        free_share=0.95,
    ),
    Profile(
        "civic-place",
        "andet",
        7,
        ("Rådhuset i {by}", "{by} Kommunes Demokrativærksted", "Ungdomsrådet {by}"),
        (
            "{name} inviterer elever indenfor i det lokale demokrati.",
            "Forløbene foregår på rådhuset og tilrettelægges sammen med skolerne.",
        ),
        ("town-hall", "democracy"),
        ("Demokratikonsulent", "Kommunikationsmedarbejder", "Ungdomskonsulent"),
        offer_weight=3.0,
        free_share=1.0,
        town_share=0.15,
    ),
)

ACCESSIBILITY_NOTES = (
    "Der er elevator til alle etager og handicaptoilet.",
    "Rampe ved indgangen; enkelte udstillingsrum har trin.",
    "Vi tilpasser gerne forløbet til elever med særlige behov. Kontakt os før besøget.",
    "Stierne er grusbelagte og kan være svære med kørestol i regnvejr.",
    "Tilgængelig indgang og toilet. Teleslynge i foredragssalen.",
    "",
)

OUTDOOR_MEETING_POINTS = (
    "Mødested ved P-pladsen",
    "Mødested ved skovens indgang",
    "Mødested ved stranden",
    "Mødested ved søen",
    "Mødested ved fugletårnet",
)

BOOKING_DEADLINES = (
    "Senest 3 uger før besøget",
    "Senest 14 dage før",
    "Tilmelding åbner 1. august",
    "Først til mølle",
    "Book senest 1. oktober for efterårets forløb",
    "Senest en måned før",
)

DATES_NOTES = (
    "Tirsdage og torsdage kl. 9–12",
    "Mandag til fredag efter aftale",
    "Alle hverdage kl. 9–14",
    "Onsdage kl. 10–13",
    "Efter aftale",
)

PREPARATION = (
    "<p>Vi sender et forberedelsesark med ord og begreber, klassen kan arbejde med inden besøget.</p>",
    "<p>Se den korte introduktionsvideo med klassen, og tal om, hvad eleverne allerede ved.</p>",
    "<p>Husk tøj efter vejret og madpakke. Del gerne klassen i grupper på forhånd.</p>",
)

FOLLOW_UP = (
    "<p>Efter besøget kan klassen arbejde videre med opgaverne i lærervejledningen.</p>",
    "<p>Vi sender forslag til efterbearbejdning og en evaluering til læreren.</p>",
    "<p>Eleverne kan fremlægge deres resultater for en anden klasse eller forældrene.</p>",
)

STANDARD_PAGES = (
    (
        "om-skoletjenesten",
        "Om Skoletjenesten",
        "<p>Skoletjenesten er et nationalt videncenter for eksterne læringsmiljøer: museer, kunsthaller, "
        "naturcentre, zoologiske haver, arkiver, biblioteker, foreninger, science centre og virksomheder, "
        "der underviser børn og unge uden for skolen.</p>",
        (
            "Åben skole",
            "Folkeskoleloven pålægger skolerne at samarbejde med det omgivende samfund. På platformen finder "
            "lærere og pædagoger undervisningstilbud i egen kommune, i nabokommunen og i hele landet.",
        ),
    ),
)
