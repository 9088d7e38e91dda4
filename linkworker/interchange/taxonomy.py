"""Open Referral taxonomy terms, accessibility text and language codes in the directory's terms.

* :func:`classify_terms`: taxonomy terms become directory categories (by keywords
  in the term, or else its parent) and tags (every term's own name). Terms of
  the taxonomies a Link Worker export writes ("Link Worker categories" and
  "Link Worker tags") come back exactly as the category or tag they were.
* :func:`accessibility_features`: free-text accessibility notes become the
  directory's accessibility features; sentences that name none are handed back.
* :func:`language_name`: ISO 639 codes (``ur``, ``pol``, ``bsl``) become English names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from linkworker.domain.directory import ACCESSIBILITY_FEATURES
from linkworker.interchange.oruk3_write import CATEGORY_TAXONOMY, TAG_TAXONOMY
from linkworker.interchange.text_clean import clean_text, one_line

#: Longest tag (and category) the importer keeps.
MAX_TAG = 100


class TaxonomyTerm(NamedTuple):
    """One term a service is tagged with: its text, its vocabulary and its parent's name."""

    name: str
    vocabulary: str = ""
    parent: str = ""


def _rule(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)


#: Keywords for each directory category, matched at the start of a word.
CATEGORY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Walking and exercise",
        _rule(
            r"walk",
            r"exercis",
            r"sports?\b",
            r"fitness",
            r"physical activit",
            r"keep fit",
            r"swim",
            r"yoga",
            r"pilates",
            r"tai chi",
            r"danc",
            r"football",
            r"cycl",
            r"running",
            r"gym\b",
            r"bowls\b",
            r"badminton",
            r"tennis",
            r"ramblers?",
            r"strength and balance",
        ),
    ),
    (
        "Befriending",
        _rule(
            r"befriend",
            r"friendship",
            r"loneliness",
            r"isolation",
            r"social group",
            r"social club",
            r"companionship",
        ),
    ),
    (
        "Advice",
        _rule(
            r"debt",
            r"benefits?\b",
            r"money",
            r"housing",
            r"advice",
            r"legal",
            r"welfare",
            r"financ",
            r"homeless",
            r"citizens advice",
            r"tenanc",
            r"energy bills?",
            r"budget",
        ),
    ),
    ("Gardening", _rule(r"garden", r"allotment", r"horticult", r"growing\b")),
    ("Carers", _rule(r"carers?\b", r"caring\b", r"respite")),
    ("Library", _rule(r"librar", r"book club", r"reading group")),
    ("Volunteering", _rule(r"volunteer")),
    (
        "Community cafe",
        _rule(r"caf[eé]", r"lunch club", r"coffee", r"tea and chat", r"community meal"),
    ),
    (
        "Arts and crafts",
        _rule(
            r"arts?\b",
            r"crafts?\b",
            r"knit",
            r"sewing",
            r"crochet",
            r"painting",
            r"drawing",
            r"pottery",
            r"creative",
            r"photograph",
        ),
    ),
    ("Music", _rule(r"music", r"choir", r"singing", r"sing\b", r"ukulele", r"band\b")),
    ("Sheds", _rule(r"men'?s shed", r"men’s shed", r"sheds?\b", r"woodwork")),
    (
        "Faith and culture",
        _rule(
            r"faith",
            r"church",
            r"mosque",
            r"gurdwara",
            r"temple",
            r"synagogue",
            r"religio",
            r"spiritual",
            r"cultur",
            r"heritage",
            r"museum",
        ),
    ),
    (
        "Learning",
        _rule(
            r"learn",
            r"course",
            r"educat",
            r"english\b",
            r"esol",
            r"digital",
            r"computer",
            r"skills?\b",
            r"training",
            r"literacy",
            r"numeracy",
            r"maths\b",
            r"employment",
            r"jobs?\b",
            r"work club",
        ),
    ),
    (
        "Peer support",
        _rule(
            r"support groups?",
            r"peer",
            r"mental health support",
            r"self[- ]help",
            r"bereave",
            r"recovery",
            r"wellbeing group",
        ),
    ),
    (
        "Practical help",
        _rule(
            r"shopping",
            r"transport",
            r"prescription",
            r"food ?banks?",
            r"practical",
            r"handyperson",
            r"handyman",
            r"home help",
            r"equipment",
            r"food parcels?",
            r"meals on wheels",
            r"food pantr",
        ),
    ),
)

#: Headings too broad for any one category (LGA and ORUK vocabularies, ORUK v1
#: ``deliverable_type``): kept as tags, and not reported as unmatched.
BROAD_TERMS = frozenset(
    {
        "activities", "activity", "adults", "advice and support", "assessment", "children",
        "community", "community groups", "counselling", "families", "general", "groups",
        "health", "health and wellbeing", "health and well-being", "information",
        "leisure", "leisure and culture", "mental health", "older people", "other",
        "permission", "services", "social prescribing", "support", "wellbeing",
        "young people",
    }
)  # fmt: skip
#: A broad heading that is nonetheless more one category than another.
_BROAD_OVERRIDES = {"leisure and culture": (), "advice and support": ("Advice",)}


def categories_for(text: str) -> tuple[str, ...]:
    """The directory categories whose keywords ``text`` holds, in the directory's order."""
    key = " ".join(text.lower().split())
    if key in _BROAD_OVERRIDES:
        return _BROAD_OVERRIDES[key]
    return tuple(name for name, rule in CATEGORY_RULES if rule.search(text))


def _tag(text: str) -> str:
    tag = one_line(clean_text(text).text)
    if len(tag) > MAX_TAG:
        cut = tag[:MAX_TAG].rsplit(" ", 1)[0]
        tag = cut if len(cut) > MAX_TAG // 2 else tag[:MAX_TAG]
    return tag.strip()


class _TermFacts(NamedTuple):
    """What one term gives a service (the same term always gives the same)."""

    tag: str = ""
    categories: tuple[str, ...] = ()
    #: Said every time the term is met (a term cut short).
    warnings: tuple[str, ...] = ()
    #: Said once however often it is met (matched no category).
    unmatched: str = ""
    #: The categories are the term itself, from a Link Worker export: kept in their order.
    exact: bool = False


_OWN_TAXONOMY = {" ".join(t.casefold().split()): t for t in (CATEGORY_TAXONOMY, TAG_TAXONOMY)}
_KNOWN_CATEGORY = {name.casefold(): name for name, _ in CATEGORY_RULES}
_CATEGORY_ORDER = {name: i for i, name in enumerate(_KNOWN_CATEGORY.values())}
_NO_FACTS = _TermFacts()


@functools.lru_cache(maxsize=2048)
def _term_facts(name: str, vocabulary: str, parent: str) -> _TermFacts:
    text = one_line(clean_text(name).text)
    if not text:
        return _NO_FACTS
    tag = _tag(text)
    cut = (
        (f"taxonomy term '{tag}...' is longer than {MAX_TAG} characters; cut short",)
        if len(tag) < len(text)
        else ()
    )
    own = _OWN_TAXONOMY.get(" ".join(vocabulary.casefold().split()))
    if own == CATEGORY_TAXONOMY:
        # A category of another Link Worker directory: that category, nothing more.
        return _TermFacts("", (_KNOWN_CATEGORY.get(tag.casefold(), tag),), cut, exact=True)
    if own == TAG_TAXONOMY:
        return _TermFacts(tag, (), cut)
    found = categories_for(text)
    if not found and parent:
        found = categories_for(one_line(clean_text(parent).text))
    unmatched = ""
    if not found and " ".join(text.lower().split()) not in BROAD_TERMS:
        unmatched = f"taxonomy term '{tag}' matched no directory category; kept as a tag"
    return _TermFacts(tag, found, cut, unmatched)


def classify_terms(
    terms: Iterable[TaxonomyTerm],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(categories, tags, warnings)`` for a service's taxonomy terms.

    A term's categories come from its own text, or else from its parent's; its
    own name is always a tag. A term that is neither a category nor a broad
    heading gets one warning, but is kept as a tag. A term of the "Link Worker
    categories" taxonomy is exactly that category (no tag, no warning), first and
    in the order given; one of "Link Worker tags" is exactly that tag.
    """
    exact: list[str] = []
    categories: list[str] = []
    tags: list[str] = []
    warnings: list[str] = []
    seen_tags: set[str] = set()
    for term in terms:
        tag, found, cut, unmatched, own = _term_facts(term.name, term.vocabulary, term.parent)
        if cut:
            warnings.extend(cut)
        if tag:
            key = tag.casefold()
            if key not in seen_tags:
                seen_tags.add(key)
                tags.append(tag)
        if found:
            into = exact if own else categories
            for category in found:
                if category not in into:
                    into.append(category)
        if unmatched and unmatched not in warnings:
            warnings.append(unmatched)
    if len(categories) > 1:
        categories.sort(key=_CATEGORY_ORDER.__getitem__)
    if exact:
        categories = [*exact, *(c for c in categories if c not in exact)]
    return tuple(categories), tuple(tags), tuple(warnings)


# Accessibility ---------------------------------------------------------------

_FEATURE_RULES: dict[str, re.Pattern[str]] = {
    "step_free": _rule(
        r"wheel ?chairs?", r"step[- ]free", r"level access", r"ramps?\b", r"lifts?\b", r"no steps"
    ),
    "accessible_toilet": _rule(
        r"accessible (?:toilet|loo|wc)", r"disabled (?:toilet|loo|wc)", r"changing places"
    ),
    "hearing_loop": _rule(r"induction loop", r"hearing loop", r"loop system", r"t-?coil"),
    "parking": _rule(r"(?<!badge )(?<!disabled )(?<!accessible )parking", r"car ?park"),
    "blue_badge_parking": _rule(r"blue badge", r"disabled parking", r"accessible parking"),
    "seating": _rule(r"seat(?:s|ing)?\b", r"chairs\b", r"benches"),
    "quiet_space": _rule(r"quiet (?:room|space|area)", r"calm (?:room|space)", r"sensory room"),
    "large_print": _rule(r"large print", r"easy read"),
    "bsl": _rule(r"bsl\b", r"sign language", r"signers?\b"),
    "dementia_friendly": _rule(r"dementia"),
    "assistance_dogs": _rule(r"assistance dogs?", r"guide dogs?", r"hearing dogs?"),
    "public_transport": _rule(
        r"bus(?:es)?\b",
        r"bus stop",
        r"trains?\b",
        r"railway",
        r"public transport",
        r"trams?\b",
        r"metro\b",
    ),
}
# "No step-free access", "parking is not available": such a sentence names no feature.
_NEGATION = re.compile(
    r"\b(?:no|not|none|without|unfortunately|unable|cannot)\b|n't\b|n’t\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|;\s*")


def accessibility_features(texts: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(features, leftover)``: feature keys the texts name, and sentences that name none.

    A sentence with a negation ("no lift", "not step-free") is never read as a
    feature; it is handed back with the leftovers so nobody loses it.
    """
    found: frozenset[str] = frozenset()
    leftover: list[str] = []
    seen: set[str] = set()
    for text in texts:
        features, sentences = (
            _features_in(text) if type(text) is str else _features_in.__wrapped__(text)
        )
        found = found | features if found else features
        for sentence in sentences:
            key = sentence.casefold()
            if key not in seen:
                seen.add(key)
                leftover.append(sentence)
    return _in_order(found), tuple(leftover)


@functools.lru_cache(maxsize=512)
def _in_order(found: frozenset[str]) -> tuple[str, ...]:
    """The features in the directory's order."""
    return tuple(k for k in ACCESSIBILITY_FEATURES if k in found)


_NO_STEPS = re.compile(r"(?i)\bno steps\b")


@functools.lru_cache(maxsize=2048)
def _features_in(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The features one text names, and its sentences that name none (feeds repeat texts)."""
    found: set[str] = set()
    leftover: list[str] = []
    for sentence in _SENTENCE.split(clean_text(text).text):
        sentence = one_line(sentence)
        if not sentence:
            continue
        # "no steps" is a feature, not a negation.
        negated = _NEGATION.search(_NO_STEPS.sub("", sentence))
        matches = [] if negated else [k for k, r in _FEATURE_RULES.items() if r.search(sentence)]
        if matches:
            found.update(matches)
        else:
            leftover.append(sentence)
    return frozenset(found), tuple(leftover)


# Languages -------------------------------------------------------------------

_LANGUAGES: dict[str, tuple[str, ...]] = {
    "English": ("en", "eng"),
    "Welsh": ("cy", "cym", "wel"),
    "Polish": ("pl", "pol"),
    "Urdu": ("ur", "urd"),
    "Punjabi": ("pa", "pan", "pnb"),
    "Bengali": ("bn", "ben"),
    "Sylheti": ("syl",),
    "Gujarati": ("gu", "guj"),
    "Hindi": ("hi", "hin"),
    "Arabic": ("ar", "ara", "arb"),
    "Romanian": ("ro", "ron", "rum"),
    "Portuguese": ("pt", "por"),
    "Spanish": ("es", "spa"),
    "Somali": ("so", "som"),
    "Turkish": ("tr", "tur"),
    "Tamil": ("ta", "tam"),
    "Chinese": ("zh", "zho", "chi"),
    "Cantonese": ("yue",),
    "Mandarin": ("cmn",),
    "Persian (Farsi)": ("fa", "fas", "per", "pes"),
    "Dari": ("prs",),
    "Pashto": ("ps", "pus", "pbt"),
    "Kurdish": ("ku", "kur"),
    "Kurdish (Sorani)": ("ckb",),
    "Kurdish (Kurmanji)": ("kmr",),
    "Tigrinya": ("ti", "tir"),
    "Amharic": ("am", "amh"),
    "Lithuanian": ("lt", "lit"),
    "Latvian": ("lv", "lav"),
    "Bulgarian": ("bg", "bul"),
    "Russian": ("ru", "rus"),
    "Ukrainian": ("uk", "ukr"),
    "Slovak": ("sk", "slk", "slo"),
    "Czech": ("cs", "ces", "cze"),
    "Hungarian": ("hu", "hun"),
    "Albanian": ("sq", "sqi", "alb"),
    "Greek": ("el", "ell", "gre"),
    "Italian": ("it", "ita"),
    "French": ("fr", "fra", "fre"),
    "German": ("de", "deu", "ger"),
    "Dutch": ("nl", "nld", "dut"),
    "Nepali": ("ne", "nep"),
    "Malayalam": ("ml", "mal"),
    "Telugu": ("te", "tel"),
    "Tagalog": ("tl", "tgl", "fil"),
    "Vietnamese": ("vi", "vie"),
    "Yoruba": ("yo", "yor"),
    "Igbo": ("ig", "ibo"),
    "Twi": ("tw", "twi"),
    "Swahili": ("sw", "swa", "swh"),
    "Irish": ("ga", "gle"),
    "Scottish Gaelic": ("gd", "gla"),
    "Cornish": ("kw", "cor"),
    "Hebrew": ("he", "heb"),
    "Japanese": ("ja", "jpn"),
    "Korean": ("ko", "kor"),
    "Thai": ("th", "tha"),
    "British Sign Language": ("bsl", "bfi", "sgn"),
}
_BY_CODE = {code: name for name, codes in _LANGUAGES.items() for code in codes}


def language_name(code_or_name: str) -> str:
    """``ur`` -> Urdu, ``pol`` -> Polish, ``en-GB`` -> English; names pass through
    (``polish`` -> Polish), keeping a capitalisation the source chose."""
    if type(code_or_name) is str:
        return _language_name(code_or_name)  # feeds name the same few languages
    return _language_name.__wrapped__(code_or_name)


_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})[-_][a-z0-9]{2,8}$")


@functools.lru_cache(maxsize=1024)
def _language_name(code_or_name: str) -> str:
    text = one_line(clean_text(code_or_name).text)
    key = text.lower()
    if key in _BY_CODE:
        return _BY_CODE[key]
    base = _LANGUAGE_TAG.match(key)
    if base and base.group(1) in _BY_CODE:
        return _BY_CODE[base.group(1)]
    if text == key or text == text.upper():
        return text.title()
    return text
