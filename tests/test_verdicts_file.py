"""The verdicts file: what a person writes is read back exactly, and every mistake is named."""

from __future__ import annotations

import os

import pytest

from rgaa_audit.conclude.verdicts_file import (
    SCHEMA,
    Derogation,
    ManualVerdict,
    Verdicts,
    VerdictsError,
    dump_verdicts,
    load_verdicts,
    parse_verdicts,
    write_verdicts,
)
from rgaa_audit.referential import load_referential

REF = load_referential()
HEAD = f'schema = "{SCHEMA}"\n'


def _parse(body: str) -> Verdicts:
    return parse_verdicts(HEAD + body, "v.toml", REF)


def _error(body: str, text: str | None = None) -> VerdictsError:
    with pytest.raises(VerdictsError) as caught:
        parse_verdicts(text if text is not None else HEAD + body, "v.toml", REF)
    return caught.value


def test_a_full_verdict_round_trips_and_the_layout_is_stable(tmp_path):
    verdicts = [
        ManualVerdict(page="https://www.example.fr/contact", criterion="11.1", status="NC",
                      comment='Le champ « Nom » n\'a pas d\'étiquette.\nVoir "capture".',
                      impact="major", recommendation="Ajouter un label.", auditor="A. Martin",
                      date="2026-12-03", fingerprint="sha256:ab", tool="rgaa-audit 0.3"),
        ManualVerdict(page="transverse", criterion="12.6", status="C"),
        ManualVerdict(page="https://www.example.fr/actualites/*", criterion="1.1", test="1.1.1",
                      status="NA", derogation=Derogation("Archives", "2027-06-30", "Sur demande")),
        ManualVerdict(page="https://www.example.fr/contact", criterion="1.2", status="C"),
    ]
    path = tmp_path / "verdicts.toml"
    write_verdicts(path, verdicts)
    first = path.read_bytes()
    loaded = load_verdicts(path, REF)
    assert set(loaded) == set(verdicts)
    assert next(v.page for v in loaded) == "transverse"  # transverse first, then by page
    contact = [v.target for v in loaded if v.page.endswith("/contact")]
    assert contact == ["1.2", "11.1"]  # RGAA order, not string order
    write_verdicts(path, reversed(list(loaded)))
    assert path.read_bytes() == first
    assert 'derogation = { justification = "Archives", until = "2027-06-30"' in first.decode()


def test_a_missing_file_holds_no_verdicts(tmp_path):
    assert len(load_verdicts(tmp_path / "none.toml", REF)) == 0


def test_a_toml_date_is_accepted_as_a_date():
    verdicts = _parse('[[verdict]]\npage = "transverse"\ncriterion = "3.1"\nstatus = "C"\n'
                      "date = 2026-12-03\n")
    assert next(iter(verdicts)).date == "2026-12-03"


def test_a_test_verdict_gets_its_criterion():
    verdict = next(iter(_parse('[[verdict]]\npage = "https://a.fr/"\ntest = "11.1.1"\n'
                               'status = "NC"\n')))
    assert (verdict.criterion, verdict.target) == ("11.1", "11.1.1")


@pytest.mark.parametrize(("body", "line", "words"), [
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "11.1"\nstatus = "OK"\n', 5, "OK"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "14.1"\nstatus = "C"\n', 4, "14.1"),
    ('[[verdict]]\npage = "https://a.fr/"\ntest = "1.1.9"\nstatus = "C"\n', 4, "1.1.9"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.2"\ntest = "1.1.1"\nstatus = "C"\n',
     4, "1.1.1"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "C"\ncolour = "x"\n', 6,
     "colour"),
    ('[[verdict]]\npage = "contact.html"\ncriterion = "1.1"\nstatus = "C"\n', 3, "contact.html"),
    ('[[verdict]]\ncriterion = "1.1"\nstatus = "C"\n', 2, "page"),
    ('[[verdict]]\npage = "https://a.fr/"\nstatus = "C"\n', 2, "criterion"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "C"\nimpact = "major"\n',
     6, "NC"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "NC"\nimpact = "huge"\n',
     6, "huge"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "C"\ndate = "3/12/2026"\n',
     6, "3/12/2026"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "NA"\n'
     'derogation = { until = "2027-01-01" }\n', 6, "justification"),
    ('[[verdict]]\npage = "https://a.fr/"\ncriterion = 1.1\nstatus = "C"\n', 4, "criterion"),
    ('\n[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "C"\n'
     '\n[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "NC"\n', 8, "ligne 3"),
])
def test_each_mistake_is_one_line_naming_the_file_and_line(body, line, words):
    error = _error(body)
    assert str(error).startswith(f"v.toml:{line}: ")
    assert words in str(error)
    assert "\n" not in str(error)


def test_not_toml_wrong_schema_and_stray_keys_name_their_line():
    assert str(_error("", HEAD + "[[verdict]\n")).startswith("v.toml:2: ")
    assert "schema" in str(_error("", 'schema = "rgaa-audit/report/1"\n'))
    assert str(_error("", HEAD + 'pages = 3\n')).startswith("v.toml:2: ")


def test_the_error_speaks_the_language_asked():
    error = _error('[[verdict]]\npage = "https://a.fr/"\ncriterion = "1.1"\nstatus = "OK"\n')
    assert "doit être C, NC ou NA" in error.text("fr")
    english = error.text("en")
    assert "must be C, NC or NA" in english and "doit" not in english


def test_not_utf8_and_not_a_file(tmp_path):
    binary = tmp_path / "v.toml"
    binary.write_bytes(b"\xff\xfe\x00schema")
    with pytest.raises(VerdictsError, match=r"v\.toml:1: .*UTF-8"):
        load_verdicts(binary, REF)
    with pytest.raises(VerdictsError, match="fichier"):
        load_verdicts(tmp_path, REF)


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "verdicts.toml"
    write_verdicts(path, [ManualVerdict(page="transverse", criterion="1.1", status="C")])
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_verdicts(path, [ManualVerdict(page="transverse", criterion="1.1", status="NC")])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["verdicts.toml"]


def test_pages_globs_and_upsert():
    verdicts = _parse(
        '[[verdict]]\npage = "https://a.fr/news/*"\ncriterion = "1.1"\nstatus = "C"\n'
        '[[verdict]]\npage = "https://a.fr/news/1"\ncriterion = "1.1"\nstatus = "NC"\n'
        '[[verdict]]\npage = "transverse"\ncriterion = "12.6"\nstatus = "C"\n')
    assert [v.status for v in verdicts.for_page("https://a.fr/news/1")] == ["NC", "C"]
    assert [v.status for v in verdicts.for_page("https://a.fr/news/2")] == ["C"]
    assert verdicts.for_page("https://a.fr/about") == ()
    assert [v.criterion for v in verdicts.transverse()] == ["12.6"]
    updated, replaced = verdicts.upsert(
        ManualVerdict(page="https://a.fr/news/1", criterion="1.1", status="NA"))
    assert replaced is not None and replaced.status == "NC"
    assert len(updated) == 3 and {v.status for v in updated.for_page("https://a.fr/news/1")} == {
        "NA", "C"}
    assert dump_verdicts(updated).count("\n[[verdict]]\n") == 3


def test_the_documented_example_reads() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs/verdicts.md").read_text("utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    verdicts = list(parse_verdicts(example, "docs/verdicts.md", REF))
    assert [(v.page, v.target, v.status) for v in verdicts] == [
        ("/contact", "11.1", "NC"), ("transverse", "12.6", "C")]
    assert verdicts[0].derogation is not None and verdicts[1].component == "header"
