"""Words for matching: tokens, a light stemmer, stop words, and a small synonym table.

People say "gardening", "my garden", "the allotment"; assets say "gardeners",
"Gardening". Both sides are cut into lower-case letter-only tokens and reduced to
stems ("garden"), and the stems are compared. The stemmer only ever strips letters
off the end, so a stem is always the start of the word it came from: the matching
service can use stems as prefix terms in a full-text query and find the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")

#: Words that keep their own stem (or a shorter start of themselves), because the
#: rules would merge them with an unrelated word: "caring" is not "car".
STEM_EXCEPTIONS: dict[str, str] = {
    "care": "care",
    "cares": "care",
    "cared": "care",
    "caring": "caring",
    "carer": "carer",
    "carers": "carer",
    "housing": "housing",
    "news": "news",
    "anxiety": "anxi",
    "anxieties": "anxi",
    "children": "child",
    "letter": "letter",
    "letters": "letter",
    "business": "business",
    "ready": "ready",
    "early": "early",
}

# Suffix, and the shortest stem it may leave. One is stripped, the first that fits.
_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("ation", 3),
    ("ness", 3),
    ("ment", 4),
    ("ing", 3),
    ("ion", 4),
    ("ous", 4),
    ("ate", 4),
    ("ed", 3),
    ("er", 3),
)


def stem(word: str) -> str:
    """The stem of a lower-case word: gardening, gardens, gardener -> garden; walks -> walk."""
    known = STEM_EXCEPTIONS.get(word)
    if known is not None:
        return known
    if len(word) <= 3:
        return word
    w = word
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) >= 6:
        w = w[:-3]  # hobbies -> hobb, as hobby -> hobb below
    elif w.endswith(("ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    # Only a plural "ies" (for a "y") counts as stripped: "staffs" keeps its "ff" as "staff" does.
    stripped = w != word and word.endswith("ies")
    for suffix, shortest in _SUFFIXES:
        if w.endswith(suffix) and not w.endswith("eer"):  # volunteer, career
            rest = w[: -len(suffix)]
            if len(rest) >= shortest and _VOWELS.intersection(rest):
                w = rest
                stripped = True
            break
    if len(w) >= 4 and w[-1] == "y" and w[-2] not in _VOWELS:
        w = w[:-1]  # lonely -> lonel, as loneliness -> loneli -> lonel
        stripped = True
    elif len(w) > 4 and w[-1] == "i":
        w = w[:-1]
        stripped = True
    if len(w) > 3 and w[-1] == "e" and w[-2] != "e":
        w = w[:-1]  # bake, baking -> bak; dance, dancing -> danc
        stripped = True
    if stripped and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouylrsz":
        w = w[:-1]  # knitting -> knitt -> knit
    return w


def fold(text: str) -> str:
    """Lower case with accents removed, so "Café" and "cafe" are one word."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    # Case-folded after decomposing: "𝕬" becomes "A" only then.
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def tokens(text: str) -> list[str]:
    """The letter-only words of ``text``, folded: "Men's shed!" -> ["men", "s", "shed"]."""
    return _LETTERS.findall(fold(text))


# Function words; words people use in "what matters" answers that say nothing about
# what they would like to do; time words (free times are asked for apart); and words
# nearly every listing uses.
_STOP_TEXT = """
    a about above after again against ago all almost along already also although always
    am among an and another any anymore anyone anything anyway anywhere are aren around
    as at away back be because been before being below best better between both but by
    can cannot cant could couldn did didn do does doesn doing don done down during each
    either else enough even ever every everybody everyone everything everywhere few for
    from further get gets getting got gone had hadn has hasn have haven having he her
    here hers herself him himself his how however i if in into is isn it its itself just
    least less let like liked likes ll lot lots made make makes many may maybe me might
    mine more most much must my myself near need needed needs neither never no nobody
    none nor not nothing now of off often on once one only onto or other others our ours
    ourselves out over own per perhaps quite rather re really s same say said says see
    seeing seem seems shall she should shouldn since so some somebody someone something
    sometimes somewhere still such t than that the their theirs them themselves then
    there these they thing things this those though through thus to together too toward
    towards under until up upon us used using ve very was wasn way ways we well went
    were weren what whatever when where whether which while who whom whose why will with
    within without won would wouldn yes yet you your yours yourself yourselves d m o y
    able ask asked bit find found hour hours stay staying stayed behind come comes
    coming enjoy enjoyed enjoys feel feeling feelings feels felt give gives go goes
    going good great happen hope hoped keep kept know knew look looking love loved loves
    lovely miss missed nice okay ok put right start started stuff sure take taking tell
    think thought told try trying use want wanted wants wish wished gave stop stopped
    except till leave leaving left
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    sixty seventy eighty ninety hundred
    day days week weeks weekly month months monthly year years time times today tonight
    tomorrow yesterday morning mornings afternoon afternoons evening evenings night
    nights weekend weekends weekday weekdays monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed weds thu thur thurs fri sat sun
    people person life live lives living lived home house flat place places area new old
    first last next little big long term usual usually plenty
    group groups club clubs community session sessions local support supported help
    helps helped helping friendly friendlier welcome welcomed welcoming free join joined
    drop bring centre center hall room rooms run runs held meet meets meeting offer
    offers offered provide provided available chance family families
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

#: Stems of the stop words, so "wanted" and "feelings" are caught as well.
STOP_STEMS: frozenset[str] = frozenset(stem(w) for w in STOP_WORDS) - {
    # Stems of stop words that are also the stems of content words: only the listed
    # forms stop ("run by volunteers", "Sun"), not "running" or "sunny".
    "run",
    "sun",
}


def is_content(token: str, token_stem: str) -> bool:
    """True for a word worth matching: three letters or more and not a stop word."""
    return len(token_stem) >= 3 and token not in STOP_WORDS and token_stem not in STOP_STEMS


def content_words(text: str) -> Iterator[tuple[str, str]]:
    """(stem, word as written, folded) for each content word of ``text``, in order."""
    for token in tokens(text):
        token_stem = stem(token)
        if is_content(token, token_stem):
            yield token_stem, token


def stem_sequence(text: str) -> str:
    """Every word's stem, stop words included, with a space either side of each.

    A phrase is found in a text when its sequence is a substring of the text's:
    " tea and cak " is in " love a cup of tea and cak ".
    """
    return " " + " ".join(stem(t) for t in tokens(text)) + " "


def _stems(words: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(stem(t) for w in words.split(",") for t in tokens(w)))


# A person's word -> other words an asset might use for the same thing. Written as
# plain words and stemmed once here. Matches through these count for less than the
# person's own word and the reason says which word the person used.
_SYNONYMS_TEXT: dict[str, str] = {
    "allotment, veg, vegetables, grow, growing, plants, flowers": "garden, vegetables, allotment",
    "garden, gardening": "allotment, vegetables, plants",
    "walk, walking, hike, hiking, rambling, ramble, stroll": "walking, stroll",
    "exercise, fitness, fit, active, gym, keep fit": "exercise, fitness, walking",
    "weight, overweight": "fitness, exercise",
    "breath, breathless, breathing, copd, lungs": "breathing, lung",
    "lonely, loneliness, alone, isolated, company, friends, friendship": (
        "companionship, chatting, friends, loneliness"
    ),
    # Not "talks" the other way: those are often talks someone gives.
    "chat, natter, talk, talking, conversation": "chatting, natter, conversation",
    "brew, cuppa, tea, coffee": "tea, coffee",
    "sad, depressed, depression, mood": "mood, depression, mental",
    "anxious, anxiety, worry, worried, worries, nervous, nerves, panic": (
        "anxiety, stress, calm, relaxation, mental"
    ),
    "stress, stressed": "relaxation, calm, stress",
    "fix, fixing, mend, mending, repair, repairs, diy, hands, tools, joiner, joinery, "
    "carpenter, carpentry, woodwork, wood": "repairs, mending, woodwork, diy",
    "knit, knitting, crochet, sew, sewing, craft, crafts": "crafts, knitting, sewing, crochet",
    "paint, painting, draw, drawing, art, arts, sketch, sketching": "art, painting, drawing",
    "sing, singing, choir, music, songs, song": "music, singing, choir",
    "read, reading, books, book, novels, stories": "reading, books, library",
    "computer, computers, internet, online, tablet, digital, email": (
        "computers, internet, digital"
    ),
    "money, debt, debts, bills, skint, broke, rent, arrears": "debt, budgeting, bills, benefits",
    "job, jobs, work, employment, unemployed, redundant, career": "employment, jobs",
    "cook, cooking, bake, baking, recipes, food": "cooking, food, baking",
    "useful, volunteer, volunteering": "volunteering",
    "church, faith, pray, prayer, mosque, chapel": "faith, church, chapel",
    "birds, wildlife, nature, countryside": "nature, wildlife, birdwatching, outdoors",
    "outdoors, outside": "outdoors, nature",
    "football, sport, sports": "football, sport",
    "swim, swimming": "swimming",
    "widow, widowed, widower, bereaved, bereavement, grief, died, funeral": "bereavement, grief",
    "dementia, alzheimers, memory": "dementia, memory",
    "kids, toddler, baby, babies": "children, babies, parents, toddlers",
    "confidence, confident, shy": "confidence",
    "housebound, stuck": "housebound",
    "carer, caring": "carers",
    "drink, drinking, alcohol, sober, drugs": "addiction",
    "english": "esol, conversation",
}

SYNONYMS: dict[str, tuple[str, ...]] = {}
for _said, _also in _SYNONYMS_TEXT.items():
    for _key in _stems(_said):
        _extra = SYNONYMS.get(_key, ())
        SYNONYMS[_key] = tuple(dict.fromkeys(_extra + tuple(s for s in _stems(_also) if s != _key)))

# Phrases a person might use -> words an asset would use. Matched on stem sequences.
_PHRASE_SYNONYMS_TEXT: dict[str, str] = {
    "give back, giving back, help others, helping others, helping people, do my bit": (
        "volunteering"
    ),
    "fresh air": "outdoors, nature",
    "with my hands, with his hands, with her hands, with their hands": (
        "woodwork, repairs, making things"
    ),
    "make friends, making friends, meet people, meet new people, meeting people": (
        "making friends, chatting, companionship"
    ),
    "on my own, by myself, on her own, on his own, live alone, lives alone": (
        "loneliness, companionship, alone"
    ),
}

PHRASE_SYNONYMS: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (
        stem_sequence(phrase),
        phrase.strip(),
        tuple(s for s in _stems(also) if s not in STOP_STEMS),
    )
    for phrases, also in _PHRASE_SYNONYMS_TEXT.items()
    for phrase in phrases.split(",")
)


# What a person's words say against, and about their life ------------------------------

#: Words that turn what follows round: "not keen on", "can't read", "never liked",
#: "no longer". ("t" is what is left of "don't", "can't", "isn't" once cut into words.)
NEGATION_CUES = frozenset(
    [
        "not",
        "t",
        "no",
        "never",
        "cannot",
        "nor",
        "neither",
        "hate",
        "hates",
        "dislike",
        "dislikes",
        "avoid",
    ]
)
#: After a cue, these say the person lacks something rather than does not want it
#: ("I don't see anyone", "no one to talk to", "haven't got any friends"): the wish is
#: still theirs, so nothing is turned round.
_LACKING = frozenset(
    [
        "have",
        "has",
        "had",
        "got",
        "get",
        "see",
        "seen",
        "know",
        "knew",
        "one",
        "body",
        "anyone",
        "anybody",
        "someone",
        "many",
        "much",
        "enough",
        "any",
        "money",
        "friends",
        "friend",
        "company",
        "where",
        "who",
    ]
)
#: Words that end what a cue turns round.
_CLAUSE_ENDS = frozenset(
    [
        "but",
        "though",
        "although",
        "except",
        "apart",
        "because",
        "so",
        "whereas",
        "yet",
        "since",
        "as",
        "when",
        "after",
        "till",
        "until",
    ]
)
#: Words between a cue and what it turns round that are not themselves turned round.
_STANCE = frozenset(
    [
        "keen",
        "fan",
        "big",
        "into",
        "interested",
        "bothered",
        "sure",
        "fussed",
        "mad",
        "able",
        "like",
        "want",
        "fancy",
        "really",
        "very",
        "too",
        "much",
        "that",
        "thing",
        "things",
        "person",
        "sort",
        "type",
        "kind",
        "anymore",
        "any",
        "more",
        "longer",
        "go",
        "going",
        "do",
        "doing",
        "bit",
        "great",
    ]
)
#: A cue turns round at most this many content words after it.
NEGATED_MOST = 3
#: Sayings that mean the opposite of a word without a cue: "all my marbles" (no
#: memory problems), "sharp as a tack". Stem sequence -> stems said against.
_SAYINGS_TEXT: dict[str, str] = {
    "all my marbles, all his marbles, all her marbles, sharp as a tack, "
    "nothing wrong with my memory, memory is fine, memory's fine": "dementia, memory, alzheimers",
}
SAYINGS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (stem_sequence(phrase), frozenset(_stems(against)))
    for phrases, against in _SAYINGS_TEXT.items()
    for phrase in phrases.split(",")
)
#: Words that, turned round, say the person would rather not be in a group.
GROUP_WORDS = frozenset({"group", "groups", "crowd", "crowds", "crowded", "busy"})
_PUNCTUATION = re.compile(r"[.;:!?,\n()]+|\s-\s")


@dataclass(frozen=True, slots=True)
class Against:
    """What one of the person's sayings is against: stems, and the saying as written."""

    stems: frozenset[str]
    said: str
    #: they would rather not be in a group
    groups: bool = False


def clauses(text: str) -> list[str]:
    """``text`` cut where a sentence or a clause ends."""
    return [c.strip(" ,") for c in _PUNCTUATION.split(text) if c.strip(" ,")]


def against(text: str) -> list[Against]:
    """What the person's words say they do not want or can no longer do.

    "Not keen on talking groups" is against talk and groups; "can't read the paper
    any more" against reading; "I've got all my marbles" against dementia groups.
    "I've no one to talk to" is not against talk: it is what they lack.
    """
    found: list[Against] = []
    for clause in clauses(text):
        words = tokens(clause)
        sequence = " " + " ".join(stem(w) for w in words) + " "
        for phrase, saying_stems in SAYINGS:
            if phrase in sequence:
                found.append(Against(saying_stems, " ".join(clause.split())))
        i = 0
        while i < len(words):
            word = words[i]
            # "no longer" and "not any more" turn round what they go with, as "not" does.
            if word not in NEGATION_CUES:
                i += 1
                continue
            j = i + 1
            while j < len(words) and words[j] in NEGATION_CUES | _STANCE | {"on", "a", "the"}:
                j += 1
            if j < len(words) and words[j] in _LACKING:
                i = j
                continue
            stems: set[str] = set()
            groups = False
            while j < len(words) and len(stems) < NEGATED_MOST:
                w = words[j]
                if w in _CLAUSE_ENDS or w in NEGATION_CUES:
                    break
                if w in GROUP_WORDS:
                    groups = True
                s = stem(w)
                if w not in _STANCE and is_content(w, s):
                    stems.add(s)
                j += 1
            if stems or groups:
                found.append(Against(frozenset(stems), _from_cue(clause), groups))
            i = j
    return found


def _from_cue(clause: str) -> str:
    """The clause as written, up to where what it turns round ends, at most ten words."""
    kept: list[str] = []
    for word in clause.split():
        if kept and fold(word).strip(",'") in _CLAUSE_ENDS:
            break
        kept.append(word)
    return " ".join(kept[:10])


# Needs said in words ----------------------------------------------------------------

_RELATIVE = (
    r"(?:mum|mam|mother|dad|father|wife|husband|partner|son|daughter|brother|sister|"
    r"nan|gran|grandad|grandma|granddad|mother-in-law|father-in-law|other half|"
    r"fiance|fiancee|friend|neighbour|child|children|kids|boy|girl|parents)"
)
_POSSESSIVE = r"(?:my|his|her|their|our)"
#: Each situation: the pattern that says it. A saying preceded by a cue
#: ("I'm not a carer") does not count.
SITUATION_PATTERNS: dict[str, re.Pattern[str]] = {
    "carer": re.compile(
        rf"\b(?:look(?:s|ing|ed)? after|car(?:e|es|ing) for|nurs(?:e|es|ing)|"
        rf"see(?:s|ing)? to) {_POSSESSIVE} (?:\w+ )?{_RELATIVE}\b"
        r"|\b(?:i'm|i am|im|i've been|ive been|being|as|she's|he's|she is|he is)"
        r" (?:a |an |the )?(?:unpaid |full[- ]time |young |main |sole )?carer\b"
        r"|\b(?:unpaid|full[- ]time|young|sole) carer\b"
        r"|\bcarer for\b|\bcaring role\b"
    ),
    "bereaved": re.compile(
        rf"\b(?:lost {_POSSESSIVE} (?:\w+ )?{_RELATIVE}"
        rf"|{_POSSESSIVE} (?:\w+ )?{_RELATIVE} (?:died|passed(?: away| on)?)"
        r"|widow|widowed|widower|bereaved|bereavement|grieving|funeral)\b"
    ),
    "deaf": re.compile(r"\b(?:deaf|bsl|sign language|hard of hearing)\b"),
    "new to the country": re.compile(
        r"\b(?:new to (?:the|this) country|new to (?:the )?(?:uk|england|britain|wales|scotland)"
        r"|(?:recently|just) arrived|refugee|asylum|came to (?:the uk|england|britain)"
        r"|moved (?:here )?(?:to|from) (?:the uk|england|britain|abroad|overseas))\b"
    ),
    "strain": re.compile(
        r"\b(?:worn out|exhausted|shattered|knackered|at the end of (?:my|her|his) tether"
        r"|can't cope|cannot cope|not coping|struggling to cope|no break|need a break"
        r"|needs a break|time (?:to|for) (?:myself|herself|himself)|breaking point|burn(?:ed|t) out"
        r"|strain|run ragged|on (?:my|her|his) knees)\b"
    ),
    "free only": re.compile(
        r"\b(?:(?:only|just) (?:go to |do |manage |afford )?free"
        r"|free (?:things|stuff|ones|groups|activities) only|free only"
        r"|(?:can't|cannot|can not|couldn't) afford|no money|skint|nothing that costs"
        r"|has to be free|have to be free|needs to be free)\b"
    ),
}
#: Words about someone else's life: "his stroke", "my husband's dementia", "mum has
#: COPD". ``what`` is the word that follows; "his"/"her" count only in the person's own
#: words (a note by the link worker says "her" of the person themselves).
_SOMEONE_ELSES = rf"(?:{_POSSESSIVE} {_RELATIVE}'?s?|{_RELATIVE} (?:has|had|with|got|'s got))"
OTHERS_IN_NOTES = re.compile(
    rf"\b{_SOMEONE_ELSES} (?:(?:a|an|the|bad|mild|recent|new|second) )*(?P<what>[a-z]+)"
)
OTHERS_IN_THEIR_WORDS = re.compile(
    rf"\b(?:{_SOMEONE_ELSES}|his|her|their) (?:(?:a|an|the|bad|mild|recent|new|second) )*"
    r"(?P<what>[a-z]+)"
)


def theirs_only(said: Iterable[tuple[str, bool]]) -> frozenset[str]:
    """Stems of words said only about someone else ("since his stroke"), never of the
    person: (text, whether the person's own words) for each thing recorded."""
    about_others: dict[str, int] = {}
    everywhere: dict[str, int] = {}
    for text, own in said:
        folded = fold(text).replace("\u2019", "'")
        for word_stem, _ in content_words(folded):
            everywhere[word_stem] = everywhere.get(word_stem, 0) + 1
        pattern = OTHERS_IN_THEIR_WORDS if own else OTHERS_IN_NOTES
        for match in pattern.finditer(folded):
            word_stem = stem(match.group("what"))
            about_others[word_stem] = about_others.get(word_stem, 0) + 1
    return frozenset(s for s, n in about_others.items() if n >= everywhere.get(s, 0) > 0)


#: Situations whose own words carry a negation: "can't afford" says it, not against it.
_NEGATIVE_SAYINGS = frozenset({"free only"})


def situations(text: str) -> dict[str, str]:
    """The situations the person's words say they are in, each with the words that say it.

    "Looking after my mum" -> {"carer": "Looking after my mum"}; "I'm not a carer" -> {}.
    """
    folded = fold(text).replace("\u2019", "'")
    found: dict[str, str] = {}
    for name, pattern in SITUATION_PATTERNS.items():
        for match in pattern.finditer(folded):
            before = tokens(folded[max(0, match.start() - 24) : match.start()])[-3:]
            if name not in _NEGATIVE_SAYINGS and NEGATION_CUES.intersection(before):
                continue
            # Quoted as they wrote it, when folding kept every letter in its place.
            written = text.replace("\u2019", "'") if len(text) == len(folded) else folded
            found.setdefault(name, _clause_around(written, match.start(), match.end()))
            break
    return found


def _clause_around(text: str, start: int, end: int) -> str:
    """The words of the clause a match is in, at most eight of them."""
    left = max(text.rfind(c, 0, start) for c in ".;:!?,\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".;:!?,\n") if i >= 0]
    right = min(rights) if rights else len(text)
    words = text[left:right].split()
    return " ".join(words[:8])


_YOURS = {
    "i": "you",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "ive": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "am": "are",
    "we": "you",
    "our": "your",
    "us": "you",
}


def as_told(words: str) -> str:
    """The person's words turned to speak to them: "I look after my mum" -> "you look after
    your mum"."""
    told = [_YOURS.get(w.casefold(), w) for w in words.replace("\u2019", "'").split()]
    if told and not (len(told[0]) > 1 and told[0].isupper()):
        told[0] = told[0][:1].lower() + told[0][1:]  # mid-sentence, but "BSL" stays
    return " ".join(told)
