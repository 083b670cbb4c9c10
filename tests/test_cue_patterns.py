"""The role rules' cue patterns: a whole word in any case, found exactly as
written, however they are compiled for speed."""

import re

import pytest

from geomap.roles.clauses import alternation, starting_letters

TEXT = ("Rebels SHELLED the town; an Air strike hit a depot. A 24-hour strike closed ports, "
        "then bombed-out houses, re-shelled roads, Bombers raided Idlib and the raids went on.")
PATTERNS = ["shell(?:ed|ing)", "air ?strikes?", "(?:bomb|raid)(?:ed|s)?", "24-hour", "hit"]


def test_a_cue_is_found_in_any_case_and_only_as_a_whole_word():
    found = [m.group(0) for m in alternation(PATTERNS).finditer(TEXT)]
    assert found == ["SHELLED", "Air strike", "hit", "24-hour", "bombed", "shelled", "raided", "raids"]


def test_the_letter_gate_changes_no_match():
    ungated = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in PATTERNS) + r")\b", re.IGNORECASE)
    gated = alternation(PATTERNS)
    assert "(?=" in gated.pattern
    assert [m.span() for m in gated.finditer(TEXT)] == [m.span() for m in ungated.finditer(TEXT)]


def test_the_gate_admits_each_first_letter_of_alternatives_and_groups():
    assert starting_letters(["Shelled", "(?:bomb|Raid)ed", "24-hour"]) == "(?=[2brs])"


@pytest.mark.parametrize("pattern", ["s?helled", r"\w+ed", "[ab]x", "(?:bomb|raid)?ed", "", "(?!)"])
def test_no_gate_where_a_pattern_may_start_with_anything(pattern):
    assert starting_letters(["shelled", pattern]) == ""


def test_a_group_with_a_pipe_inside_a_character_class_is_read_whole():
    assert starting_letters(["(?:a[|b]c|d)e"]) == "(?=[ad])"
