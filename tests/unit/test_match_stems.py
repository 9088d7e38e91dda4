"""Words as the matching reads them: stems, folding, content words; an asset's texts digested."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.directory import Day, OpeningTime
from linkworker.domain.match_assets import (
    digest,
    gender_group,
    language_key,
    lower_first,
    part_of,
    single_sex,
)
from linkworker.domain.match_words import content_words, fold, stem, stem_sequence, tokens
from linkworker.domain.matching import AssetFacts, PartOfDay

# Stems ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ("class", "classes"),
        ("witness", "witnesses"),
        ("fly", "flyer", "flyers"),
        ("church", "churches"),
        ("dish", "dishes"),
        ("box", "boxes"),
        ("baby", "babies"),
        ("hobby", "hobbies"),
        ("story", "stories"),
        ("ice", "ices"),
        ("staff", "staffs"),
        ("cliff", "cliffs"),
        ("bus", "buses"),
        ("walk", "walked"),
        ("empty", "emptiness"),
        ("add", "adding"),
        ("sit", "sitting"),
        ("shop", "shopping", "shoppers"),
        ("run", "running", "runners"),
        ("dance", "dancing"),
        ("garden", "gardens", "gardener", "gardening"),
    ],
)
def test_the_forms_of_a_word_share_a_stem(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1, {w: stem(w) for w in words}


@pytest.mark.parametrize(
    ("word", "kept"),
    [
        # Three letters or fewer stay whole.
        ("gas", "gas"),
        ("ads", "ads"),
        # A suffix goes only when what is left is long enough and has a vowel ...
        ("string", "string"),
        ("sing", "sing"),
        # ... and only the first suffix that fits is tried: "station" is not "stat".
        ("station", "station"),
        ("tennis", "tennis"),
        ("focus", "focus"),
        ("taxi", "taxi"),
        ("coffee", "coffee"),
        ("ties", "tie"),
        ("flies", "fli"),
        ("volunteer", "volunteer"),
        ("career", "career"),
        ("spaghetti", "spaghet"),
        ("giraffe", "giraf"),
    ],
)
def test_what_a_stem_keeps(word: str, kept: str) -> None:
    assert stem(word) == kept


def test_words_that_only_look_alike_keep_apart() -> None:
    assert stem("caring") != stem("car")
    assert stem("station") != stem("state")
    assert stem("coffee") != stem("coffer")


def test_folding_takes_off_accents_and_case() -> None:
    assert fold("Café") == "cafe"
    assert fold("CAFÉ Zoë") == "cafe zoe"
    assert fold("Ysgol Ddŵr") == "ysgol ddwr"
    assert fold("PLAIN") == "plain"
    assert tokens("Men's shed! Café 2") == ["men", "s", "shed", "cafe"]


def test_content_words_leave_out_short_and_stop_words() -> None:
    assert list(content_words("IT help with my PC and the TV")) == []
    assert list(content_words("I'd love to try Gardening")) == [("garden", "gardening")]


def test_a_stem_sequence_has_a_space_either_side_of_each_stem() -> None:
    assert stem_sequence("Tea and cake") == " tea and cak "
    assert stem_sequence("") == "  "


# An asset's texts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("A food voucher.", "a food voucher"),
        ("GP surgery only", "GP surgery only"),
        ("CH65 residents", "CH65 residents"),
        ("  Carers   welcome. ", "carers welcome"),
        ("", ""),
    ],
)
def test_lower_first_is_for_text_inside_a_sentence(text: str, lowered: str) -> None:
    assert lower_first(text) == lowered


@pytest.mark.parametrize(
    ("hour", "minute", "part"),
    [
        (0, 0, PartOfDay.MORNING),
        (11, 59, PartOfDay.MORNING),
        (12, 0, PartOfDay.AFTERNOON),
        (16, 59, PartOfDay.AFTERNOON),
        (17, 0, PartOfDay.EVENING),
        (23, 59, PartOfDay.EVENING),
    ],
)
def test_the_part_of_the_day_a_time_is_in(hour: int, minute: int, part: PartOfDay) -> None:
    assert part_of(dt.time(hour, minute)) is part


def test_british_sign_language_by_either_name() -> None:
    assert language_key(" BSL ") == language_key("British Sign Language") == "british sign language"
    assert language_key("Polish") == "polish"


def asset(**fields: object) -> AssetFacts:
    return AssetFacts(id=uuid.uuid4(), name="Hub", **fields)  # type: ignore[arg-type]


def test_its_times_in_order_for_a_concern_and_all_of_them_for_the_list() -> None:
    times = (
        OpeningTime(Day.THURSDAY, dt.time(10)),
        OpeningTime(Day.MONDAY, dt.time(14)),
        OpeningTime(Day.MONDAY, dt.time(9, 30)),
        OpeningTime(note="and by appointment"),
        OpeningTime(Day.TUESDAY),
        OpeningTime(Day.SATURDAY, dt.time(11)),
    )
    found = digest(asset(opening_times=times))
    assert found.runs == "Mon 09:30, Mon 14:00, ..."
    assert found.when == "Thu 10:00, Mon 14:00, Mon 09:30, and by appointment, ..."
    assert [s.words for s in found.slots] == [
        "Mondays 09:30",
        "Mondays 14:00",
        "Tuesdays",
        "Thursdays 10:00",
        "Saturdays 11:00",
    ]
    assert found.arranged


def test_a_long_note_is_cut_to_the_width_of_the_list() -> None:
    note = "Meets in the church hall " * 10
    when = digest(asset(opening_times=(OpeningTime(note=note),))).when
    assert len(when) == 120 and when.endswith("...")


def test_only_weekly_slots_count_as_weekly() -> None:
    times = (
        OpeningTime(Day.MONDAY, dt.time(10)),
        OpeningTime(Day.WEDNESDAY),
        OpeningTime(Day.FRIDAY, note="first Friday of the month"),
        OpeningTime(Day.SUNDAY, note="fortnightly"),
        OpeningTime(note="every week, by arrangement"),
    )
    assert digest(asset(opening_times=times)).weekly == 2


def test_an_asset_with_no_categories_is_of_no_kind() -> None:
    assert digest(asset()).text.main_kind == ""
    assert digest(asset(categories=("Volunteering", "Gardening"))).text.main_kind == "gardening"
    assert digest(asset(categories=(" ", "Gardening"))).text.main_kind == "gardening"
    assert digest(asset(categories=("Volunteering",))).text.main_kind == "volunteering"
    assert digest(asset(categories=("Volunteering", ""))).text.main_kind == "volunteering"


def test_an_eligibility_that_starts_for_limits_who_can_go() -> None:
    assert digest(asset(eligibility="For people in Ellesmere Port")).text.restricted
    assert not digest(asset(eligibility="Everyone in Ellesmere Port welcome")).text.restricted


# Stems, as property and examples ---------------------------------------------------


@given(st.text(max_size=30))
def test_a_stem_is_always_the_start_of_its_word(text: str) -> None:
    for token in tokens(text):
        assert token.startswith(stem(token))


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("walk", "walks", "walking", "walked", "walker"), "walk"),
        (("knit", "knitting", "knitter"), "knit"),
        (("bake", "baking", "baked"), "bak"),
        (("lonely", "loneliness"), "lonel"),
        (("volunteer", "volunteers", "volunteering"), "volunteer"),
        (("carer", "carers"), "carer"),
        (("worry", "worried", "worrying"), "worr"),
    ],
)
def test_word_forms_share_a_stem(words: tuple[str, ...], same: str) -> None:
    assert {stem(w) for w in words} == {same}
    assert stem("caring") != stem("car")


# Groups for women only or men only ------------------------------------------


@pytest.mark.parametrize(
    ("name", "eligibility", "only_for"),
    [
        ("Women's Workshop", "For women aged 18 and over", "women"),
        ("Sisters' Circle", "For women", "women"),
        ("Great Sutton Men's Shed", "For men aged 18 and over", "men"),
        ("Dads and Kids Saturday Club", "For dads and male carers with children", "men"),
        ("Port Community Shed", "Men and women welcome", ""),
        ("Walking Football", "Men and women welcome", ""),
        ("Knit and Natter", "", ""),
        ("Craft club", "for women", "women"),
        ("Sisters’ Circle", "", "women"),
        ("Dads and kids club", "Everyone welcome", ""),
        ("Walking group", "for men", "men"),
    ],
)
def test_single_sex_groups_are_read_from_name_and_eligibility(
    name: str, eligibility: str, only_for: str
) -> None:
    assert single_sex(name, eligibility) == only_for


@pytest.mark.parametrize(
    ("gender", "group"),
    [
        ("Male", "men"),
        ("m", "men"),
        ("Female", "women"),
        ("woman", "women"),
        ("", ""),
        ("Non-binary", ""),
        ("Prefer not to say", ""),
        ("female (trans woman)", "women"),
    ],
)
def test_only_a_clearly_recorded_gender_counts(gender: str, group: str) -> None:
    assert gender_group(gender) == group
