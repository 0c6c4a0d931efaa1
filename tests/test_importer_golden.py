"""Golden files: each raw case in tests/golden/importer/ → the exact post and report.

`pytest --update-golden` rewrites the expected files; review every diff before committing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bitacora.importer import ImportOptions, import_sources
from bitacora.plugin.config import load_settings

GOLDEN = Path(__file__).parent / "golden" / "importer"
# Inputs: .txt and .html cases, and Markdown cases named <case>.fuente.md (so that they are
# told apart from the expected <case>.md outputs).
SOURCE_MD = ".fuente.md"
CASES = sorted(
    p for p in GOLDEN.iterdir() if p.suffix in (".txt", ".html") or p.name.endswith(SOURCE_MD)
)


def _case_name(case: Path) -> str:
    return case.name[: -len(SOURCE_MD)] if case.name.endswith(SOURCE_MD) else case.stem


FIXED_DAY = dt.date(2024, 1, 15)


def _import_case(case: Path, repo_root: Path, tmp_path: Path) -> tuple[str, dict[str, object]]:
    settings = replace(load_settings(repo_root / "mkdocs.yml"), docs_dir=tmp_path / "docs")
    options = ImportOptions(fallback_date=FIXED_DAY, today=FIXED_DAY)
    [result] = import_sources([case], settings, options)
    assert result.report.output is not None, result.report.errors
    post_text = Path(result.report.output).read_text(encoding="utf-8")
    report = result.report.to_dict()
    report["source"] = case.name
    report["output"] = Path(result.report.output).name
    return post_text, report


def _check(expected_path: Path, actual: str, update: bool) -> None:
    if update or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
        return
    expected = expected_path.read_text(encoding="utf-8")
    if expected != actual:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(expected_path),
                tofile="obtenido",
            )
        )
        pytest.fail(f"el resultado no coincide con {expected_path.name}:\n{diff}")


@pytest.mark.parametrize("case", CASES, ids=[_case_name(case) for case in CASES])
def test_import_matches_golden(
    case: Path, repo_root: Path, tmp_path: Path, update_golden: bool
) -> None:
    post_text, report = _import_case(case, repo_root, tmp_path)
    name = _case_name(case)
    _check(GOLDEN / f"{name}.md", post_text, update_golden)
    report_text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    _check(GOLDEN / f"{name}.report.json", report_text, update_golden)


def test_golden_cases_exist() -> None:
    # The five seed articles plus hand-made noise cases; an empty glob must not pass silently.
    assert len(CASES) >= 10
    assert {case.suffix for case in CASES} == {".txt", ".html", ".md"}
