"""Importing authoritative place lists (GeoNames dump, OCHA admin CSV) into a gazetteer TSV.

The fixtures under tests/fixtures/ are tiny hand-written samples in each source format:
`geonames_SY_sample.txt` (the 19-column GeoNames dump: 6 Syrian rows with Arabic names, one
Syrian row without any Arabic name and one Turkish row) and `ocha_admin4_sample.csv` (OCHA
admin4 columns: 5 villages and one row whose Arabic name is empty).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sohr_nlp.cli.app import app
from sohr_nlp.lexicon import Lexicon, default_lexicon
from sohr_nlp.lexicon.importer import COLUMNS, import_file

FIXTURES = Path(__file__).parent / "fixtures"
GEONAMES = FIXTURES / "geonames_SY_sample.txt"
OCHA = FIXTURES / "ocha_admin4_sample.csv"


@pytest.fixture(autouse=True)
def _isolated_user_gazetteer(tmp_path, monkeypatch):
    """Keep the user's own gazetteer out of the nearest-seat lookup and out of the results."""
    monkeypatch.setenv("SOHR_NLP_GAZETTEER", str(tmp_path / "no_user_gazetteer.tsv"))
    default_lexicon.cache_clear()
    yield
    default_lexicon.cache_clear()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- GeoNames ----------------------------------------------------------------------------
def test_geonames_import_counts_and_rows(tmp_path):
    out = tmp_path / "places_geonames.tsv"
    added, skipped = import_file(GEONAMES, out)
    assert (added, skipped) == (6, 2)  # the Turkish row and the row without Arabic are skipped

    assert out.read_text(encoding="utf-8").splitlines()[0].split("\t") == list(COLUMNS)
    rows = {r["name"]: r for r in _rows(out)}
    assert set(rows) == {"الميادين", "كسرة الشيخ جمعة", "الغريبة الشرقية", "عين البوجمعة",
                         "كفرلاتا", "جبل عبد العزيز"}
    assert "أقجة قلعة" not in out.read_text(encoding="utf-8")
    assert "Tall" not in out.read_text(encoding="utf-8")
    kasra = rows["كسرة الشيخ جمعة"]
    assert kasra["variants"] == "كسرة شيخ جمعة"
    assert kasra["name_en"] == "Kasrat Shaykh Jum‘ah"
    assert (kasra["type"], kasra["governorate"]) == ("village", "Raqqa")
    assert (kasra["lat"], kasra["lon"]) == ("35.9167", "39.0333")
    assert rows["الميادين"]["type"] == "town"  # PPLA2
    assert rows["جبل عبد العزيز"]["type"] == "mountain"  # feature code MT
    assert {r["governorate"] for r in rows.values()} == {"Deir ez-Zor", "Raqqa", "Idlib",
                                                         "Hasakah"}
    assert rows["كفرلاتا"]["governorate"] == "Idlib"
    assert rows["عين البوجمعة"]["governorate"] == "Deir ez-Zor"


def test_geonames_import_twice_adds_nothing(tmp_path):
    out = tmp_path / "places.tsv"
    assert import_file(GEONAMES, out) == (6, 2)
    before = out.read_text(encoding="utf-8")
    assert import_file(GEONAMES, out) == (0, 8)
    assert out.read_text(encoding="utf-8") == before


def test_geonames_village_resolves_in_lexicon(tmp_path):
    out = tmp_path / "places.tsv"
    import_file(GEONAMES, out)
    lex = Lexicon(extra_places=[out])
    for surface in ("كسرة الشيخ جمعة", "كسرة شيخ جمعة", "قرية كسرة الشيخ جمعة",
                    "بلدة كسرة شيخ جمعة"):
        place = lex.place(surface)
        assert place is not None, surface
        assert place.governorate == "Raqqa"
        assert place.lat == pytest.approx(35.9167) and place.lon == pytest.approx(39.0333)
    place = lex.place("والغريبة الشرقية")
    assert place is not None and place.governorate == "Deir ez-Zor"
    assert place.lat == pytest.approx(35.1167) and place.lon == pytest.approx(40.4167)
    assert lex.governorate("بالغريبة الشرقية") == "Deir ez-Zor"
    # the shipped gazetteer wins for a name it already has
    assert lex.place("الميادين") == default_lexicon().place("الميادين")
    # without the extra file the imported village is unknown
    assert Lexicon().place("كسرة شيخ جمعة") is None


def test_geonames_village_with_proclitic_and_noun(tmp_path):
    out = tmp_path / "places.tsv"
    import_file(GEONAMES, out)
    lex = Lexicon(extra_places=[out])
    place = lex.place("بقرية كفرلاتا")
    assert place is not None and place.governorate == "Idlib" and place.lat is not None


# --- OCHA --------------------------------------------------------------------------------
def test_ocha_import_counts_and_rows(tmp_path):
    out = tmp_path / "places_ocha.tsv"
    added, skipped = import_file(OCHA, out)
    assert (added, skipped) == (5, 1)  # Jalma has no Arabic name
    rows = {r["name"]: r for r in _rows(out)}
    assert set(rows) == {"كفرلاتا", "الغريبة الغربية", "الغريبة الشرقية", "كسرة شيخ جمعة", "ذكير"}
    assert {n: r["governorate"] for n, r in rows.items()} == {
        "كفرلاتا": "Idlib", "الغريبة الغربية": "Deir ez-Zor", "الغريبة الشرقية": "Deir ez-Zor",
        "كسرة شيخ جمعة": "Raqqa", "ذكير": "Daraa"}
    dhakir = rows["ذكير"]
    assert (dhakir["name_en"], dhakir["type"], dhakir["district"]) == ("Thakir", "village", "Izra'")
    assert (dhakir["lat"], dhakir["lon"]) == ("33.0167", "36.4333")


def test_ocha_import_twice_adds_nothing(tmp_path):
    out = tmp_path / "places.tsv"
    assert import_file(OCHA, out) == (5, 1)
    assert import_file(OCHA, out) == (0, 6)
    assert len(_rows(out)) == 5


def test_ocha_village_resolves_in_lexicon(tmp_path):
    out = tmp_path / "places.tsv"
    import_file(OCHA, out)
    lex = Lexicon(extra_places=[out])
    for surface, gov, lat, lon in [
        ("قرية الغريبة الغربية", "Deir ez-Zor", 35.1372, 40.3969),
        ("بالغريبة الغربية", "Deir ez-Zor", 35.1372, 40.3969),
        ("بلدة كفرلاتا", "Idlib", 35.7764, 36.6153),
        ("قرية ذكير", "Daraa", 33.0167, 36.4333),
    ]:
        place = lex.place(surface)
        assert place is not None, surface
        assert place.governorate == gov
        assert (place.lat, place.lon) == (pytest.approx(lat), pytest.approx(lon))


def test_ocha_village_with_proclitic_and_noun(tmp_path):
    out = tmp_path / "places.tsv"
    import_file(OCHA, out)
    assert Lexicon(extra_places=[out]).governorate("بقرية ذكير") == "Daraa"


def test_both_sources_into_one_gazetteer(tmp_path):
    out = tmp_path / "places.tsv"
    assert import_file(GEONAMES, out) == (6, 2)
    # كفرلاتا and الغريبة الشرقية are already there with the same governorate
    assert import_file(OCHA, out) == (3, 3)
    assert len(_rows(out)) == 9


def test_explicit_source_and_unknown_source(tmp_path):
    assert import_file(OCHA, tmp_path / "a.tsv", source="ocha") == (5, 1)
    with pytest.raises(ValueError, match="E061"):
        import_file(OCHA, tmp_path / "b.tsv", source="osm")
    with pytest.raises(ValueError, match="E060"):
        import_file(GEONAMES, tmp_path / "c.tsv", source="ocha")


# --- CLI ---------------------------------------------------------------------------------
def test_cli_gazetteer_import_geonames(tmp_path):
    out = tmp_path / "cli_places.tsv"
    result = CliRunner().invoke(app, ["gazetteer", "import", str(GEONAMES), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "added 6 places" in result.output
    assert "2 rows skipped" in result.output
    assert len(_rows(out)) == 6
    again = CliRunner().invoke(app, ["gazetteer", "import", str(GEONAMES), "--output", str(out)])
    assert again.exit_code == 0, again.output
    assert "added 0 places" in again.output


def test_cli_gazetteer_import_ocha(tmp_path):
    out = tmp_path / "cli_places.tsv"
    result = CliRunner().invoke(app, ["gazetteer", "import", str(OCHA), "--output", str(out),
                                      "--from", "ocha"])
    assert result.exit_code == 0, result.output
    assert "added 5 places" in result.output
    assert Lexicon(extra_places=[out]).governorate("قرية كسرة شيخ جمعة") == "Raqqa"


def test_cli_gazetteer_import_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["gazetteer", "import", str(tmp_path / "nope.txt"),
                                      "--output", str(tmp_path / "out.tsv")])
    assert result.exit_code == 1
    assert not (tmp_path / "out.tsv").exists()


def test_cli_default_output_is_the_user_gazetteer(tmp_path, monkeypatch):
    target = tmp_path / "user" / "places_user.tsv"
    monkeypatch.setenv("SOHR_NLP_GAZETTEER", str(target))
    default_lexicon.cache_clear()
    result = CliRunner().invoke(app, ["gazetteer", "import", str(OCHA)])
    assert result.exit_code == 0, result.output
    assert target.exists()
    # the default lexicon now loads the imported places
    assert default_lexicon().governorate("قرية ذكير") == "Daraa"
