# ruff: noqa: E501 (a table: one row a line reads best)
"""Invented venues the corpus's listings meet at, and where the corpus's people live.

Names and streets are made up; postcodes are in the shape of the Ellesmere Port
districts the sample data uses, each with a point close to where such a postcode lies.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    name: str
    street: str
    town: str
    postcode: str
    latitude: float
    longitude: float


PLACES: dict[str, Place] = {
    "civic": Place("Westgate Civic Hall", "12 Civic Way", "Ellesmere Port", "CH65 0AZ", 53.2790, -2.9010),
    "library": Place("Marsh Lane Library", "3 Marsh Lane", "Ellesmere Port", "CH65 2AW", 53.2812, -2.8975),
    "stmarks": Place("St Mark's Church Hall", "40 Chapel Row", "Ellesmere Port", "CH65 4DS", 53.2745, -2.8921),
    "grange": Place("Grange Community Centre", "Grange Road", "Ellesmere Port", "CH65 5HL", 53.2701, -2.9088),
    "sutton": Place("Sutton Green Hub", "7 Ledsham Walk", "Great Sutton", "CH66 2JR", 53.2833, -2.9401),
    "whitby": Place("Whitby Pavilion", "Whitby Park, Pool Lane", "Whitby", "CH65 6QT", 53.2731, -2.9135),
    "rivacre": Place("Rivacre Visitor Hut", "Rivacre Road", "Hooton", "CH66 1LE", 53.2968, -2.9262),
    "leisure": Place("Portside Leisure Centre", "McGarva Way", "Ellesmere Port", "CH65 9HQ", 53.2760, -2.8852),
    "mosque": Place("Port Community Mosque", "21 Hope Street", "Ellesmere Port", "CH65 8BU", 53.2768, -2.8889),
    "polish": Place("St Anne's Parish Rooms", "2 Vale Road", "Ellesmere Port", "CH65 3LP", 53.2722, -2.9003),
    "allot": Place("Poole Hall Allotments", "Poole Hall Lane", "Ellesmere Port", "CH66 1ST", 53.2888, -2.9221),
    "garden": Place("Overbrook Community Garden", "Overbrook Lane", "Little Sutton", "CH66 4PF", 53.2874, -2.9467),
    "hospital": Place("Countess Road Health Centre", "Countess Road", "Ellesmere Port", "CH65 6EB", 53.2697, -2.9042),
    "deaf": Place("Deaf Community Rooms", "9 Station Parade", "Ellesmere Port", "CH65 4BW", 53.2805, -2.8930),
    "shed": Place("Canal Side Shed", "Unit 4, Lock Yard", "Ellesmere Port", "CH65 4FW", 53.2838, -2.8947),
    "pub": Place("The Swan Function Room", "88 Station Road", "Little Sutton", "CH66 1NS", 53.2855, -2.9420),
    "hooton": Place("Hooton Village Hall", "Village Road", "Hooton", "CH66 7NF", 53.2990, -2.9400),
    "college": Place("Port Adult Learning Centre", "Sutton Way", "Ellesmere Port", "CH65 7BF", 53.2760, -2.9150),
    "gurdwara": Place("Port Gurdwara", "5 Tower Street", "Ellesmere Port", "CH65 2HE", 53.2825, -2.9002),
    "foodbank": Place("Trinity Food Store", "Trinity Court", "Ellesmere Port", "CH65 1DD", 53.2800, -2.9060),
}  # fmt: skip

#: Where the people live: postcode and a point for it (the matching weighs distance).
HOMES: dict[str, tuple[float, float]] = {
    "CH65 0BA": (53.2785, -2.9020),
    "CH65 2BT": (53.2816, -2.8990),
    "CH65 3DW": (53.2730, -2.8970),
    "CH65 4EQ": (53.2750, -2.8930),
    "CH65 5JN": (53.2705, -2.9075),
    "CH65 6RU": (53.2725, -2.9120),
    "CH65 7AX": (53.2765, -2.9140),
    "CH65 8GZ": (53.2770, -2.8880),
    "CH65 9LD": (53.2755, -2.8860),
    "CH66 1PY": (53.2880, -2.9230),
    "CH66 2LB": (53.2830, -2.9390),
    "CH66 3RS": (53.2815, -2.9300),
    "CH66 4TE": (53.2870, -2.9460),
    "CH66 7PH": (53.2985, -2.9390),
}
