"""How text becomes search terms, and how many a product must hold."""

from app.discovery import rules


def test_a_title_is_found_by_its_characters_pairs_and_latin_prefixes():
    assert rules.index_terms("安溪铁观音乌龙") == {
        "安", "溪", "铁", "观", "音", "乌", "龙",
        "安溪", "溪铁", "铁观", "观音", "音乌", "乌龙"}
    assert rules.index_terms("Oolong 500g，乌龙") == {
        "oo", "ool", "oolo", "oolon", "oolong", "500", "g", "乌", "龙", "乌龙"}


def test_full_width_and_upper_case_fold_to_the_same_terms():
    assert rules.index_terms("ＯＯＬＯＮＧ") == rules.index_terms("oolong")
    assert rules.query_terms("ＯＯＬＯＮＧ") == ["oolong"]


def test_a_query_is_its_pairs_or_its_one_character_and_its_words():
    assert rules.query_terms("铁观音") == ["铁观", "观音"]
    assert rules.query_terms("龙井") == ["龙井"]
    assert rules.query_terms("茶") == ["茶"]
    assert rules.query_terms("乌龙 tea 乌龙") == ["乌龙", "tea"]
    assert rules.query_terms("安溪·乌龙") == ["安溪", "乌龙"]
    assert rules.query_terms("!!! ，。") == []


def test_longjing_is_no_term_of_oolong():
    assert not set(rules.query_terms("龙井")) & rules.index_terms("安溪铁观音乌龙")


def test_two_thirds_of_the_terms_rounded_up_must_match():
    assert [rules.needed(n) for n in range(1, 7)] == [1, 2, 2, 3, 4, 4]


def test_a_query_keeps_at_most_24_terms():
    forty = "".join(chr(0x4E00 + i) for i in range(40))  # 39 distinct pairs
    assert rules.query_terms(forty) == [forty[i:i + 2] for i in range(24)]
