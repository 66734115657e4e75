"""Manual verdicts merged into a report: what decides each cell, what is contested, what must
be checked again, and the rates that follow (recomputed here independently)."""

from __future__ import annotations

import copy

from rgaa_audit.conclude.manual import apply_verdicts, judged_fingerprint
from rgaa_audit.conclude.verdicts_file import SCHEMA, Verdicts, parse_verdicts
from rgaa_audit.referential import load_referential

REF = load_referential()
SITE = "https://www.example.fr"
IMG = {"test": "1.1.1", "selector": "main > img", "snippet": "<img  src=a.png>",
       "message": "Image sans alt", "source": "axe:image-alt", "kind": "failure"}
LABEL = {"test": "11.1.1", "selector": "#nom", "snippet": "<input id=nom>",
         "message": "Vérifier l'étiquette", "source": "rgaa-audit:x", "kind": "to-verify"}


def _cell(status: str, tests: dict[str, str], findings=(), to_verify=()) -> dict:
    return {"status": status, "tests": dict(tests), "findings": list(findings),
            "to_verify": list(to_verify)}


def _page(path: str, **cells) -> dict:
    criteria = {c.id: _cell("NT", {t.id: "NT" for t in c.tests}) for c in REF.criteria.values()}
    for criterion, cell in cells.items():
        criteria[criterion.replace("_", ".")] = cell
    return {"url": SITE + path, "final_url": SITE + path, "status": "audited", "http_status": 200,
            "title": path, "rate": None, "criteria": criteria,
            "fingerprints": {"content": "abc" + path,
                             "components": {"header": "h1", "footer": "f1"}}}


def _report(*pages) -> dict:
    return {"schema": "rgaa-audit/report/1", "pages": list(pages), "site_findings": {},
            "summary": {"eco": {"kept": True}}}


def _verdicts(body: str) -> Verdicts:
    return parse_verdicts(f'schema = "{SCHEMA}"\n' + body, "v.toml", REF)


def _v(page, target, status, **extra) -> str:
    key = "test" if target.count(".") == 2 else "criterion"
    lines = [f'page = "{page}"', f'{key} = "{target}"', f'status = "{status}"']
    lines += [f'{k} = "{v}"' for k, v in extra.items()]
    return "[[verdict]]\n" + "\n".join(lines) + "\n"


def test_a_manual_verdict_decides_an_nt_cell_and_says_who():
    report = _report(_page("/contact"))
    merged = apply_verdicts(report, _verdicts(_v("/contact", "11.1", "NC", auditor="A. Martin",
                                                 comment="Pas d'étiquette")), REF)
    cell = merged.report["pages"][0]["criteria"]["11.1"]
    assert (cell["status"], cell["source"], cell["decided_by"]) == ("NC", "manual", "A. Martin")
    assert cell["automatic_status"] == "NT" and cell["manual"]["comment"] == "Pas d'étiquette"
    other = merged.report["pages"][0]["criteria"]["1.1"]
    assert (other["source"], other["decided_by"]) == ("automatic", "rgaa-audit")
    assert report["pages"][0]["criteria"]["11.1"]["status"] == "NT"  # input left as it was


def test_a_manual_c_over_a_failure_is_contested_counted_and_keeps_the_finding():
    page = _page("/", **{"1_1": _cell("NC", {"1.1.1": "NC"}, [IMG])})
    merged = apply_verdicts(_report(page), _verdicts(_v(f"{SITE}/", "1.1", "C")), REF)
    cell = merged.report["pages"][0]["criteria"]["1.1"]
    assert cell["status"] == "C" and cell["contested"] is True and cell["findings"] == [IMG]
    assert merged.contested == 1
    assert merged.report["summary"]["criteria"]["1.1"] == "C"


def test_a_test_verdict_decides_its_test_and_the_criterion_follows():
    page = _page("/", **{"11_1": _cell("NT", {"11.1.1": "C", "11.1.2": "C", "11.1.3": "NT"})})
    merged = apply_verdicts(_report(page), _verdicts(_v("/", "11.1.3", "NA")), REF)
    cell = merged.report["pages"][0]["criteria"]["11.1"]
    assert cell["tests"]["11.1.3"] == "NA" and cell["status"] == "C"
    assert cell["source"] == "manual" and "11.1.3" in cell["manual_tests"]


def test_page_glob_transverse_precedence_and_component():
    pages = [_page("/news/1"), _page("/news/2"), _page("/about")]
    pages[2]["fingerprints"]["components"] = {"footer": "f1"}  # no header here
    body = (_v("/news/*", "9.1", "C") + _v("/news/2", "9.1", "NC")
            + _v("transverse", "12.6", "C", component="header")
            + _v("transverse", "3.1", "NA"))
    merged = apply_verdicts(_report(*pages), _verdicts(body), REF)
    statuses = [(p["criteria"]["9.1"]["status"], p["criteria"]["12.6"]["status"],
                 p["criteria"]["3.1"]["status"]) for p in merged.report["pages"]]
    assert statuses == [("C", "C", "NA"), ("NC", "C", "NA"), ("NT", "NT", "NA")]
    assert merged.report["pages"][0]["criteria"]["12.6"]["transverse"] == "header"


def test_a_changed_page_turns_the_verdict_into_a_recheck_and_a_missing_page_orphans_it():
    page = _page("/", **{"1_1": _cell("NT", {"1.1.1": "NT"}, to_verify=[IMG | {
        "kind": "to-verify"}])})
    judged = judged_fingerprint(page, "1.1")
    assert judged.startswith("items:")
    same = apply_verdicts(_report(page), _verdicts(
        _v("/", "1.1", "C", fingerprint=judged) + _v("/gone", "1.1", "C")), REF)
    assert same.report["pages"][0]["criteria"]["1.1"]["status"] == "C"
    assert [v.page for v in same.orphaned] == ["/gone"]
    assert same.report["manual"]["orphaned"][0]["page"] == "/gone"
    changed = copy.deepcopy(page)
    changed["criteria"]["1.1"]["to_verify"][0]["snippet"] = "<img src=b.png>"
    again = apply_verdicts(_report(changed), _verdicts(_v("/", "1.1", "C", fingerprint=judged)),
                           REF)
    cell = again.report["pages"][0]["criteria"]["1.1"]
    assert cell["status"] == "NT" and cell["source"] == "automatic"
    assert cell["recheck"][0]["verdict"]["status"] == "C"
    assert cell["recheck"][0]["was"] == judged != cell["recheck"][0]["now"]
    assert len(again.recheck) == 1


def test_white_space_in_snippets_does_not_change_the_fingerprint():
    page = _page("/", **{"1_1": _cell("NC", {"1.1.1": "NC"}, [IMG])})
    spaced = copy.deepcopy(page)
    spaced["criteria"]["1.1"]["findings"][0]["snippet"] = " <img\n src=a.png> "
    assert judged_fingerprint(page, "1.1") == judged_fingerprint(spaced, "1.1")
    empty = _page("/x")
    assert judged_fingerprint(empty, "1.1") == "content:abc/x"


def test_rates_follow_and_a_fully_decided_audit_is_complete():
    pages = [_page("/a"), _page("/b")]
    body = "".join(_v(p, c, "C") for p in ("/a", "/b") for c in REF.criteria)
    body = body.replace(_v("/b", "8.5", "C"), _v("/b", "8.5", "NC"))
    body = body.replace(_v("/a", "4.1", "C"), _v("/a", "4.1", "NA"))
    merged = apply_verdicts(_report(*pages), _verdicts(body), REF)
    summary = merged.report["summary"]
    total = len(REF.criteria)
    rate_a = 100.0
    rate_b = round(100 * (total - 1) / total, 2)
    assert [p["rate"] for p in merged.report["pages"]] == [rate_a, rate_b]
    assert summary["average_rate"] == round((rate_a + rate_b) / 2, 2)
    # site: 8.5 NC (NC on one page), 4.1 C (C on /b, NA on /a), the rest C
    assert summary["global_rate"] == round(100 * (total - 1) / total, 2)
    assert summary["complete"] is True and summary["provisional"] is False
    assert summary["untested_cells"] == 0 and summary["eco"] == {"kept": True}
    assert merged.applied == 2 * total and merged.report["manual"]["applied"] == 2 * total


def test_without_verdicts_nothing_changes_but_provenance():
    page = _page("/", **{"1_1": _cell("NC", {"1.1.1": "NC"}, [IMG])})
    merged = apply_verdicts(_report(page), Verdicts(), REF)
    cell = merged.report["pages"][0]["criteria"]["1.1"]
    assert cell["status"] == "NC" and cell["source"] == "automatic"
    assert merged.report["summary"]["complete"] is False
    assert merged.report["summary"]["provisional"] is True
