"""What a command that audits will do with its report, from its options and the configuration.

The command line wins over the configuration file, which wins over the built-in defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rgaa_audit.cli.config import Config, load_config
from rgaa_audit.cli.errors import FatalError
from rgaa_audit.cli.language import set_language
from rgaa_audit.cli.options import DEFAULT_OUT
from rgaa_audit.conclude.baseline import Baseline, load_baseline
from rgaa_audit.conclude.conclusion import ConclusionSettings
from rgaa_audit.conclude.gates import Gate
from rgaa_audit.conclude.verdicts_file import Verdicts, VerdictsError, load_verdicts
from rgaa_audit.conclude.waivers import Waiver
from rgaa_audit.referential import load_referential
from rgaa_audit.report.outputs import DEFAULT_FORMATS, UnknownFormat, parse_formats


@dataclass(frozen=True)
class RunPlan:
    """What to do with a finished report: outputs, waivers, baseline and gates."""

    out_dir: Path | None
    formats: tuple[str, ...]
    lang: str
    browser_path: str | None
    gates: tuple[Gate, ...]
    waivers: tuple[Waiver, ...]
    baseline: Baseline | None
    baseline_file: str
    exit_zero: bool
    config: Config
    verdicts: Verdicts | None = None
    verdicts_file: str = ""
    history_db: str | bool | None = None  # only `audit` records: see cli/recording.py
    record_history: bool = False

    @property
    def conclusion_settings(self) -> ConclusionSettings:
        return ConclusionSettings(self.gates, self.waivers, self.baseline, self.baseline_file,
                                  self.exit_zero, self.verdicts, self.verdicts_file)


def _formats(text: str | None, config: Config) -> tuple[str, ...]:
    if text is None:
        formats = config.formats or DEFAULT_FORMATS
    else:
        try:
            formats = parse_formats(text)
        except UnknownFormat as error:
            raise FatalError(cause=error) from None
    return formats if "json" in formats else ("json", *formats)


def make_plan(config_path: Path | None, out_dir: Path | None, formats: str | None,
              lang: str | None, browser_path: str | None, fail_under: float | None,
              baseline_path: Path | None, exit_zero: bool, *,
              verdicts_path: Path | None = None) -> RunPlan:
    """The plan of a run: the options given, else the configuration's, else the defaults."""
    set_language(lang)  # an error in the configuration is said in the language asked
    config = load_config(config_path)
    set_language(lang or config.lang)
    gates = tuple(g for g in config.gates if not (fail_under is not None
                                                   and g.name == "fail-under"))
    if fail_under is not None:
        gates = (Gate("fail-under", fail_under), *gates)
    baseline_file = baseline_path or config.baseline
    baseline = load_baseline(baseline_file) if baseline_file else None
    lang = lang or config.lang or "fr"
    verdicts_file = verdicts_path or config.verdicts
    verdicts = read_verdicts(verdicts_file, lang) if verdicts_file else None
    return RunPlan(
        out_dir=out_dir or config.out or Path(DEFAULT_OUT),
        formats=_formats(formats, config),
        lang=lang,
        browser_path=browser_path or config.browser_path,
        gates=gates,
        waivers=config.waivers,
        baseline=baseline,
        baseline_file=str(baseline_file or ""),
        exit_zero=exit_zero,
        config=config,
        verdicts=verdicts,
        verdicts_file=str(verdicts_file or ""),
    )


def read_verdicts(path: Path, lang: str) -> Verdicts:
    """The manual verdicts of a file the user named; a wrong file is a one-line error."""
    if not path.is_file():
        raise FatalError(VerdictsError(str(path), None, "missing").text(lang))
    try:
        return load_verdicts(path, load_referential())
    except VerdictsError as error:
        raise FatalError(error.text(lang)) from None
