"""What the user can correct, as a specification: pin a name to a place,
exclude a mention, alias a spelling, hint the story's country; per folder
and per article (the article's file wins, flags win over both); and every
output says what was corrected."""

import csv
import io
import json
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from geomap.corrections import (Corrections, CorrectionsError, Pin, corrections_for, from_flags, load,
                                parse_alias, parse_pin)
from geomap.export import csv_rows, to_geojson, to_kml, to_record, to_table

BEIRUT = "BEIRUT (Reuters) - Clashes broke out in Tripoli on Monday, officials said.\n"
TRIPOLI_LIBYA = "geonames:2210247"
TRIPOLI_LEBANON = "geonames:266826"
UNDATED = "Clashes broke out in Tripoli on Monday.\n"


def geomap(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], input=stdin,
                          capture_output=True, text=True, cwd=cwd)


def place(story, name):
    return next(p for p in story.places if p.name == name)


def ids(story):
    return [p.id for p in story.places]


# -- pin ---------------------------------------------------------------------------
def test_a_pinned_name_is_that_place_with_confidence_1_and_says_it_was_pinned(mapper):
    story = mapper.geoparse(BEIRUT, corrections=from_flags(pins=[Pin("Tripoli", place=TRIPOLI_LIBYA)]))
    tripoli = place(story, "Tripoli")
    assert tripoli.id == TRIPOLI_LIBYA and tripoli.country_code == "LY"
    assert tripoli.confidence == 1.0 and not tripoli.doubtful
    assert tripoli.pinned and "pinned by hand" in tripoli.correction


def test_a_pin_to_coordinates_places_a_name_the_gazetteer_lacks(mapper):
    text = "Refugees reached Camp Hope near Tyre on Monday.\n"
    story = mapper.geoparse(text, corrections=from_flags(pins=[parse_pin("Camp Hope=33.27,35.2")]))
    camp = place(story, "Camp Hope")
    assert (camp.latitude, camp.longitude, camp.country_code) == (33.27, 35.2, "LB")
    assert camp.pinned and text[camp.mentions[0].start:camp.mentions[0].end] == "Camp Hope"


def test_a_pinned_place_keeps_its_roles_from_the_text(mapper):
    text = "Airstrikes hit Tripoli on Monday.\n"
    story = mapper.geoparse(text, corrections=from_flags(pins=[Pin("Tripoli", place=TRIPOLI_LEBANON)]))
    assert any("strike" in role for role in place(story, "Tripoli").role_names)


def test_a_pin_to_an_id_the_gazetteer_lacks_is_an_error(mapper):
    with pytest.raises(CorrectionsError, match="no place with id geonames:1"):
        mapper.geoparse(BEIRUT, corrections=from_flags(pins=[Pin("Tripoli", place="geonames:1")]))


# -- exclude -------------------------------------------------------------------------
def test_an_excluded_name_is_no_place_and_is_listed_as_excluded(mapper):
    text = "Fighters crossed into Jordan, said Jordan Smith, a resident of Amman.\n"
    story = mapper.geoparse(text, corrections=from_flags(exclude=["Jordan"]))
    assert "country:JO" not in ids(story)
    assert [m.text for m in story.excluded] == ["Jordan"]


def test_excluding_a_place_id_drops_the_place_whatever_the_text_calls_it(mapper):
    text = "Jordanian troops moved to the border, officials in Amman said.\n"
    story = mapper.geoparse(text, corrections=from_flags(exclude=["country:JO"]))
    assert "country:JO" not in ids(story) and [m.text for m in story.excluded] == ["Jordanian"]


# -- alias ---------------------------------------------------------------------------
def test_an_alias_reads_a_spelling_the_gazetteer_lacks_as_another_name(mapper):
    text = "Gunmen from Tikreet attacked Samarra.\n"
    assert "Tikr" not in " ".join(p.name for p in mapper.geoparse(text).places)
    story = mapper.geoparse(text, corrections=from_flags(alias=[parse_alias("Tikreet=Tikrit")]))
    tikrit = next(p for p in story.places if p.name.startswith("Tikr"))
    assert tikrit.country_code == "IQ" and [m.text for m in tikrit.mentions] == ["Tikreet"]
    assert "alias" in tikrit.correction


# -- country hint ---------------------------------------------------------------------
def test_a_country_hint_makes_the_story_about_that_country(mapper):
    assert ids(mapper.geoparse(UNDATED)) == [TRIPOLI_LIBYA]
    assert ids(mapper.geoparse(UNDATED, corrections=from_flags(country=["LB"]))) == [TRIPOLI_LEBANON]


def test_an_unknown_country_code_is_an_error(mapper):
    with pytest.raises(CorrectionsError, match="'XX'"):
        mapper.geoparse(UNDATED, corrections=from_flags(country=["XX"]))


# -- files ---------------------------------------------------------------------------
def test_the_schema_reads_every_kind_of_correction(tmp_path):
    path = tmp_path / "corrections.toml"
    path.write_text('country = ["lb"]\nexclude = ["Jordan"]\n[alias]\n"Tikreet" = "Tikrit"\n'
                    '[[pin]]\nname = "Tripoli"\nplace = "geonames:266826"\n'
                    '[[pin]]\nname = "Camp Hope"\nlat = 33.27\nlon = 35.2\n', encoding="utf-8")
    read = load(path)
    assert read.country == ("LB",) and read.exclude == ("Jordan",) and read.alias == (("Tikreet", "Tikrit"),)
    assert read.pins == (Pin("Tripoli", place="geonames:266826"), Pin("Camp Hope", latitude=33.27, longitude=35.2))
    assert read.sources == (str(path),)


@pytest.mark.parametrize("content, reason", [
    ("pins = []\n", "unknown key 'pins'"),
    ("[[pin]]\nname = \"Tripoli\"\n", "needs place"),
    ("[[pin]]\nname = \"X\"\nlat = 91\nlon = 0\n", "within -90..90"),
    ("country = [\"Lebanon\"]\n", "two-letter"),
    ("exclude = [\"Jordan\"]\n[[pin]]\nname = \"Jordan\"\nplace = \"country:JO\"\n", "correct a name once"),
    ("country = \n", "not valid TOML"),
])
def test_a_bad_corrections_file_says_what_is_wrong_in_one_line(tmp_path, content, reason):
    path = tmp_path / "corrections.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorrectionsError, match=reason) as error:
        load(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_the_folder_file_corrects_every_article_in_the_folder(tmp_path, mapper):
    (tmp_path / "corrections.toml").write_text('country = ["LB"]\n', encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(UNDATED, encoding="utf-8")
        assert ids(mapper.geoparse_file(tmp_path / name)) == [TRIPOLI_LEBANON]


def test_the_article_file_wins_over_the_folder_file(tmp_path, mapper):
    (tmp_path / "corrections.toml").write_text(
        '[[pin]]\nname = "Tripoli"\nplace = "geonames:266826"\n', encoding="utf-8")
    (tmp_path / "story.corrections.toml").write_text(
        '[[pin]]\nname = "Tripoli"\nplace = "geonames:2210247"\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "other.txt").write_text(UNDATED, encoding="utf-8")
    assert ids(mapper.geoparse_file(tmp_path / "story.txt")) == [TRIPOLI_LIBYA]
    assert ids(mapper.geoparse_file(tmp_path / "other.txt")) == [TRIPOLI_LEBANON]


def test_flags_win_over_the_files(tmp_path):
    (tmp_path / "corrections.toml").write_text('country = ["LB"]\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text(UNDATED, encoding="utf-8")
    flags = from_flags(pins=[Pin("Tripoli", place=TRIPOLI_LIBYA)], country=["LY"])
    merged = corrections_for(tmp_path / "story.txt", flags)
    assert merged.country == ("LY",) and merged.sources == (str(tmp_path / "corrections.toml"), "command line")


def test_a_later_layer_replaces_an_earlier_correction_of_the_same_name():
    folder = Corrections(exclude=("Jordan",))
    article = Corrections(pins=(Pin("jordan", place="country:JO"),))
    assert article.over(folder) == Corrections(pins=(Pin("jordan", place="country:JO"),))


# -- the command line --------------------------------------------------------------------
def test_the_correction_flags_work_on_the_command_line(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(UNDATED, encoding="utf-8")
    result = geomap("places", article, "--format", "json", "--country", "LB", "--exclude", "Beirut",
                    "--alias", "Tikreet=Tikrit", "--pin", "Camp Hope=33.27,35.2")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert [p["id"] for p in record["places"]] == [TRIPOLI_LEBANON]
    assert record["corrections"] == {"sources": ["command line"], "country": ["LB"], "exclude": ["Beirut"],
                                     "alias": {"Tikreet": "Tikrit"},
                                     "pin": [{"name": "Camp Hope", "lat": 33.27, "lon": 35.2}]}


@pytest.mark.parametrize("flag", ["--pin=Tripoli", "--pin=Tripoli=somewhere", "--alias=Tikreet",
                                  "--country=LBN"])
def test_a_malformed_correction_flag_is_a_usage_error(tmp_path, flag):
    result = geomap("places", tmp_path / "story.txt", flag)
    assert result.returncode == 2 and f"argument {flag.split('=')[0]}:" in result.stderr


def test_a_bad_corrections_file_fails_its_articles_only_with_exit_code_1(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir(), bad.mkdir()
    (good / "a.txt").write_text(UNDATED, encoding="utf-8")
    (bad / "b.txt").write_text(UNDATED, encoding="utf-8")
    (bad / "corrections.toml").write_text("country = \n", encoding="utf-8")
    result = geomap("places", good / "a.txt", bad / "b.txt", "--format", "jsonl")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "not valid TOML" in result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["places"] and "error" in second


def test_build_rebuilds_a_map_when_its_corrections_change(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "maps"
    seeds.mkdir()
    (seeds / "story.txt").write_text(UNDATED, encoding="utf-8")
    assert "1 built" in geomap("build", seeds, "-o", out, "-q").stdout
    assert "0 built, 1 unchanged" in geomap("build", seeds, "-o", out, "-q").stdout
    (seeds / "story.corrections.toml").write_text('country = ["LB"]\n', encoding="utf-8")
    assert "1 built, 0 unchanged" in geomap("build", seeds, "-o", out, "-q").stdout
    assert TRIPOLI_LEBANON in (out / "story.geojson").read_text(encoding="utf-8")
    assert "1 built, 0 unchanged" in geomap("build", seeds, "-o", out, "-q", "--country", "LY").stdout


# -- recorded in every output ------------------------------------------------------------
@pytest.fixture(scope="module")
def corrected(mapper):
    text = BEIRUT.replace("officials said", "officials in Jordan said")
    return mapper.geoparse(text, corrections=from_flags(pins=[Pin("Tripoli", place=TRIPOLI_LIBYA)],
                                                        exclude=["Jordan"], country=["LB"]))


def test_the_json_record_holds_the_corrections_and_what_they_excluded(corrected):
    record = to_record(corrected)
    assert record["corrections"]["pin"] == [{"name": "Tripoli", "place": TRIPOLI_LIBYA}]
    assert [e["text"] for e in record["excluded"]] == ["Jordan"]
    tripoli = next(p for p in record["places"] if p["name"] == "Tripoli")
    assert tripoli["pinned"] is True and "pinned by hand" in tripoli["correction"]


def test_an_uncorrected_record_says_so(mapper):
    record = to_record(mapper.geoparse(UNDATED))
    assert record["corrections"] is None and record["excluded"] == []


def test_every_geojson_feature_says_which_corrections_it_was_read_with(corrected):
    features = to_geojson(corrected)["features"]
    assert {f["properties"]["corrections"] for f in features} == {
        "pin Tripoli=geonames:2210247; exclude Jordan; country LB; from command line"}
    tripoli = next(f for f in features if f["properties"].get("name") == "Tripoli")
    assert tripoli["properties"]["pinned"] is True


def test_the_csv_has_the_place_correction_and_the_article_corrections(corrected):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(csv_rows(corrected)[0]))
    writer.writeheader()
    writer.writerows(csv_rows(corrected))
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(buffer.getvalue()))}
    assert rows["Tripoli"]["correction"].startswith("pinned by hand")
    assert rows["Beirut"]["article_corrections"].startswith("pin Tripoli=")


def test_the_table_shows_the_pin_the_exclusion_and_the_corrections(corrected):
    table = to_table(corrected)
    assert "(pinned by hand" in table and "excluded by the corrections: 'Jordan'" in table
    assert "corrections: pin Tripoli=geonames:2210247" in table


def test_the_kml_describes_the_corrections(corrected):
    document = ET.fromstring(to_kml(corrected)).find("{http://www.opengis.net/kml/2.2}Document")
    assert "Corrected by hand: pin Tripoli" in document.findtext("{http://www.opengis.net/kml/2.2}description")


def test_the_story_exposes_its_corrections_for_the_map(corrected):
    assert corrected.corrections.summary().startswith("pin Tripoli=")


def test_a_pinned_place_says_so_in_its_map_popup_and_the_caption_lists_the_corrections(mapper):
    from geomap.corrections import from_flags, parse_pin
    from geomap.render import caption_text, map_html
    corrections = from_flags(pins=[parse_pin("Tripoli=geonames:266826")])
    story = mapper.geoparse("Clashes broke out in Tripoli on Monday.", corrections=corrections)
    assert "Corrected by hand" in map_html(story)
    assert "corrected by hand: pin Tripoli=geonames:266826" in caption_text(story)
