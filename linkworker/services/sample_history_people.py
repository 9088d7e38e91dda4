"""Who the demo's year of history refers: invented people from many backgrounds, a
spread of ages, genders and postcode districts around Ellesmere Port, and who referred
them. Everyone is invented; NHS numbers are from the 999 test range."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from typing import TypeVar

from linkworker.domain.people import DEFAULT_REFERRAL_REASONS, PersonDraft, ReferrerKind
from linkworker.services.sample_people import SAMPLE_PRACTICES

T = TypeVar("T")

# Who is referred -------------------------------------------------------------------
#
# Names from many backgrounds, paired with an ethnicity as recorded (the weights make a
# spread like a town in the north west, with room for the people who are rarely referred).

#: (ethnicity as recorded, weight, women's names, men's names, family names): one line
#: a group, names separated by commas.
GROUPS: tuple[tuple[str, int, str, str, str], ...] = (
    (
        "White British",
        70,
        "Susan, Janet, Carol, Linda, Julie, Helen, Rachel, Emma, Gemma, Lauren, Sophie, "
        "Joyce, Maureen, Barbara, Christine, Hannah, Katie",
        "John, David, Paul, Mark, Steven, Ian, Neil, Craig, Lee, Jamie, Connor, Ben, Ronald, "
        "Kenneth, Geoffrey, Alan, Colin, Dylan",
        "Jones, Roberts, Hughes, Evans, Davies, Williams, Thomas, Edwards, Parry, Griffiths, "
        "Wright, Walker, Harrison, Cooper, Mills, Taylor, Bennett, Ashworth, Fletcher, Moss, "
        "Birch, Lloyd, Pritchard",
    ),
    (
        "White Irish",
        4,
        "Siobhan, Niamh, Bernadette, Aoife",
        "Sean, Declan, Padraig, Ciaran",
        "Murphy, Kelly, O'Brien, Doyle, Brennan, Quinn",
    ),
    (
        "White other: Polish",
        5,
        "Agnieszka, Katarzyna, Magdalena, Ewa",
        "Piotr, Krzysztof, Marek, Pawel",
        "Nowak, Kowalczyk, Wisniewska, Lewandowski, Zielinski",
    ),
    (
        "White other: Romanian",
        2,
        "Ioana, Elena",
        "Andrei, Mihai",
        "Popescu, Ionescu, Stan",
    ),
    (
        "Asian British: Indian",
        4,
        "Anjali, Sunita, Kavita, Meera",
        "Rajesh, Vikram, Sanjay, Arjun",
        "Sharma, Patel, Gill, Kaur, Mistry",
    ),
    (
        "Asian British: Pakistani",
        3,
        "Nadia, Saima, Farah",
        "Imran, Tariq, Bilal",
        "Hussain, Iqbal, Akhtar, Raza",
    ),
    (
        "Asian British: Bangladeshi",
        2,
        "Rehana, Shirin",
        "Abdul, Rafiq",
        "Miah, Rahman, Uddin",
    ),
    (
        "Asian British: Chinese",
        2,
        "Mei, Li Na",
        "Wei, Jian",
        "Chen, Wong, Lam",
    ),
    (
        "Black British: African",
        3,
        "Chiamaka, Amara, Grace",
        "Emeka, Kwame, Tunde",
        "Okafor, Mensah, Adeyemi, Boateng",
    ),
    (
        "Black British: Caribbean",
        2,
        "Marcia, Beverley",
        "Winston, Delroy",
        "Campbell, Francis, Clarke",
    ),
    (
        "Mixed: White and Black Caribbean",
        2,
        "Jade, Tia",
        "Reece, Tyler",
        "Brown, Smith, Johnson",
    ),
    (
        "Arab",
        1,
        "Layla, Huda",
        "Omar, Yusuf",
        "Haddad, Khalil, Nasser",
    ),
    (
        "Other ethnic group: Kurdish",
        1,
        "Shilan, Rozhin",
        "Dilan, Hiwa",
        "Ahmadi, Rasul",
    ),
    (
        "",
        4,
        "Michelle, Donna, Amy",
        "Gareth, Wayne, Adam",
        "Jackson, Ward, Marsh, Holt",
    ),
)

#: Postcode districts around the demo's area: mostly Ellesmere Port and Great Sutton.
DISTRICTS = (("CH65", 46), ("CH66", 40), ("CH64", 5), ("CH2", 5), ("CH62", 4))
STREETS = (
    "Rossmore Road",
    "Stanney Lane",
    "Hope Farm Road",
    "Chester Road",
    "Overpool Road",
    "Princes Road",
    "Whitby Road",
    "Sutton Way",
    "Childer Crescent",
    "Hawthorn Avenue",
    "Marina Drive",
    "Old Chester Road",
    "Westminster Road",
    "Cambridge Road",
)
#: (lowest age, highest age, weight): social prescribing sees more older people.
AGES = ((18, 29, 13), (30, 44, 17), (45, 64, 27), (65, 79, 26), (80, 96, 17))
GENDERS = (("Woman", 55), ("Man", 41), ("Non-binary", 2), ("", 2))
REFERRERS = (
    (ReferrerKind.GP, 42, ("Dr Shah", "Dr Whitfield", "Dr Okoro", "Dr Lyons")),
    (ReferrerKind.NURSE, 16, ("Practice nurse Carol", "Nurse Bibi", "District nurse Tom")),
    (ReferrerKind.PHARMACIST, 10, ("Pharmacist at Grange Pharmacy", "Practice pharmacist")),
    (ReferrerKind.SELF, 18, ("",)),
    (
        ReferrerKind.OTHER_SERVICE,
        12,
        ("Citizens Advice", "Adult social care", "Age UK", "Housing officer", "Job Centre"),
    ),
    (ReferrerKind.OTHER, 2, ("Church minister", "Neighbour")),
)
REASON_WEIGHTS = dict(
    zip(DEFAULT_REFERRAL_REASONS, (30, 24, 16, 9, 10, 6, 8, 10, 8, 4, 7, 3), strict=True)
)


def nhs_numbers(start: int, taken: set[str]) -> Iterator[str]:
    """NHS numbers in the 999 test range from ``start`` on, with valid Modulus 11 check
    digits, skipping any in ``taken``."""
    body = start
    while True:
        digits = f"999{body:06d}"
        body += 1
        total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 10:
            continue
        number = digits + str(0 if check == 11 else check)
        if number not in taken:
            yield number


def pick(rng: random.Random, weighted: Sequence[tuple[T, int]]) -> T:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


def invented_person(rng: random.Random, today: dt.date, nhs: str) -> PersonDraft:
    groups = [(g, g[1]) for g in GROUPS]
    ethnicity, _w, women_names, men_names, family_names = pick(rng, groups)
    women, men = women_names.split(", "), men_names.split(", ")
    gender = pick(rng, GENDERS)
    given = rng.choice(men if gender == "Man" else women if gender == "Woman" else women + men)
    low, high = pick(rng, [((lo, hi), w) for lo, hi, w in AGES])
    born = today - dt.timedelta(days=rng.randint(low * 365 + 10, high * 365 + 300))
    district = pick(rng, DISTRICTS)
    postcode = f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" + rng.choice(
        "ABDEFGHJLNPQRSTUWXYZ"
    )
    return PersonDraft(
        given_name=given,
        family_name=rng.choice(family_names.split(", ")),
        date_of_birth=born,
        nhs_number=nhs,
        address=f"{rng.randint(1, 140)} {rng.choice(STREETS)}, Ellesmere Port",
        postcode=postcode,
        gender=gender,
        ethnicity=ethnicity,
        first_language="English" if ethnicity in ("White British", "White Irish", "") else "",
        gp_practice=SAMPLE_PRACTICES["millbrook" if district == "CH65" else "larkspur_lane"],
    )
