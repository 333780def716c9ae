"""Which region codes freight may name: the one check freight templates and
the checkout ask, so the administrative divisions dataset can stand behind
it by changing this function alone.

`is_region_code` checks the 6-digit GB/T 2260 shape: six ASCII digits whose
first two name a province-level division (11-15, 21-23, 31-37, 41-46, 50-54,
61-65, 71, 81, 82). It does not look the code up in a list of divisions (the
Hong Kong and Macao districts, 810001 and 820001 on, have a "00" city part).
"""

from __future__ import annotations

PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
})


def is_region_code(code: object) -> bool:
    """A 6-digit code of the shape of a province, city or district."""
    return (isinstance(code, str) and len(code) == 6 and code.isascii() and code.isdigit()
            and code[:2] in PROVINCES)
