"""The docs stay true about the code they name, and never point outside the
repository."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")])
PLACE = re.compile(r"`(app/[\w/]+\.py)::([\w.]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _defined(path: Path) -> set[str]:
    """Top-level functions and classes of a module, and `Class.method` names."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.add(f"{node.name}.{item.name}")
    return names


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_place_a_doc_names_in_the_code_exists(doc: Path) -> None:
    missing = [
        f"{file}::{name}"
        for file, name in PLACE.findall(doc.read_text(encoding="utf-8"))
        if not (ROOT / file).is_file() or name not in _defined(ROOT / file)
    ]
    assert missing == [], f"{doc.name} names code that is not there: {missing}"


def test_the_rules_page_names_a_place_for_every_rule() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    rules = {section.split(":", 1)[0]: section for section in sections}
    assert sorted(rules, key=lambda r: int(r[1:])) == [f"R{n}" for n in range(1, 14)]
    assert [r for r, section in rules.items() if not PLACE.search(section)] == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_stay_inside_the_repository(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    outside = []
    for target in LINK.findall(text):
        if target.startswith(("http://127.0.0.1", "#")):
            continue
        path = (doc.parent / target.split("#", 1)[0]).resolve()
        if "://" in target or not path.is_relative_to(ROOT) or not path.exists():
            outside.append(target)
    assert outside == [], f"{doc.name} links outside the repository: {outside}"
    assert "../shared" not in text
    assert not re.search(r"(?<![\w/])(DESIGN|API)\.md", text), f"{doc.name} names DESIGN.md/API.md"
