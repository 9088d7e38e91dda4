"""Open Referral taxonomy terms, accessibility text and language codes in the directory's terms.

* :func:`classify_terms`: taxonomy terms become directory categories (through the
  team's table, :mod:`linkworker.domain.taxonomy_map`) and tags (every term's own name). Terms of
  the taxonomies a Link Worker export writes ("Link Worker categories" and
  "Link Worker tags") come back exactly as the category or tag they were.
* :func:`accessibility_features`: free-text accessibility notes become the
  directory's accessibility features; sentences that name none are handed back.
* :func:`language_name`: ISO 639 codes (``ur``, ``pol``, ``bsl``) become English names.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable

from linkworker.domain.directory import ACCESSIBILITY_FEATURES
from linkworker.domain.taxonomy_map import (
    DEFAULT_TABLE,
    DIRECTORY_CATEGORIES,
    TaxonomyTable,
    TaxonomyTerm,
    TermMeaning,
)

__all__ = [
    "MAX_TAG",
    "TaxonomyTerm",
    "accessibility_features",
    "classify_terms",
    "language_name",
    "term_meaning",
]
from linkworker.interchange.oruk3_write import CATEGORY_TAXONOMY, TAG_TAXONOMY
from linkworker.interchange.text_clean import clean_text, one_line

#: Longest tag (and category) the importer keeps.
MAX_TAG = 100


def _rule(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)


def _tag(text: str) -> str:
    tag = one_line(clean_text(text).text)
    if len(tag) > MAX_TAG:
        cut = tag[:MAX_TAG].rsplit(" ", 1)[0]
        tag = cut if len(cut) > MAX_TAG // 2 else tag[:MAX_TAG]
    return tag.strip()


_OWN_TAXONOMY = {" ".join(t.casefold().split()): t for t in (CATEGORY_TAXONOMY, TAG_TAXONOMY)}
_KNOWN_CATEGORY = {name.casefold(): name for name in DIRECTORY_CATEGORIES}


def _own(vocabulary: str) -> str | None:
    return _OWN_TAXONOMY.get(" ".join(vocabulary.casefold().split()))


@functools.lru_cache(maxsize=2048)
def _clean_term(name: str, vocabulary: str, parent: str) -> tuple[TaxonomyTerm, str, bool]:
    """The term with its text cleaned, its tag, and whether the tag was cut short."""
    text = one_line(clean_text(name).text)
    if not text:
        return TaxonomyTerm(""), "", False
    tag = _tag(text)
    return (
        TaxonomyTerm(text, vocabulary, one_line(clean_text(parent).text)),
        tag,
        len(tag) < len(text),
    )


def classify_terms(
    terms: Iterable[TaxonomyTerm], table: TaxonomyTable = DEFAULT_TABLE
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(categories, tags, warnings)`` for a service's taxonomy terms, through ``table``.

    A term's categories are what the table says it means (or else its parent);
    its own name is always a tag. A term of the "Link Worker categories" taxonomy
    is exactly that category (no tag), first and in the order given; one of
    "Link Worker tags" is exactly that tag. A term the table does not know is
    kept as a tag; :func:`term_meaning` says which those are.
    """
    categories, tags, warnings, _ = _classified(terms, table)
    return categories, tags, warnings


def term_meaning(terms: Iterable[TaxonomyTerm], table: TaxonomyTable) -> TermMeaning:
    """What ``terms`` mean through ``table``, the exact categories of our own exports first."""
    return _classified(terms, table)[3]


def _classified(
    terms: Iterable[TaxonomyTerm], table: TaxonomyTable
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], TermMeaning]:
    exact: list[str] = []
    mapped: list[TaxonomyTerm] = []
    tags: list[str] = []
    warnings: list[str] = []
    seen_tags: set[str] = set()
    for term in terms:
        clean, tag, cut = _clean_term(term.name, term.vocabulary, term.parent)
        if not tag:
            continue
        if cut:
            warnings.append(
                f"taxonomy term '{tag}...' is longer than {MAX_TAG} characters; cut short"
            )
        own = _own(term.vocabulary)
        if own == CATEGORY_TAXONOMY:
            # A category of another Link Worker directory: that category, nothing more.
            category = _KNOWN_CATEGORY.get(tag.casefold(), tag)
            if category not in exact:
                exact.append(category)
            continue
        key = tag.casefold()
        if key not in seen_tags:
            seen_tags.add(key)
            tags.append(tag)
        if own != TAG_TAXONOMY:
            mapped.append(clean)
    meaning = table.meaning(mapped)
    categories = [*exact, *(c for c in meaning.categories if c not in exact)]
    if exact:
        meaning = dataclasses.replace(meaning, categories=tuple(categories))
    return tuple(categories), tuple(tags), tuple(warnings), meaning


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
