"""The server finds the newest migrations by reading the scripts, not running them."""

from __future__ import annotations

from pathlib import Path

from app.db.schema_version import head_revisions


def _script(folder: Path, revision: str, down: str) -> None:
    (folder / f"{revision}.py").write_text(
        f'"""{revision}\n\nRevision ID: {revision}\nRevises: {down}\n"""\n\n'
        f'revision = "{revision}"\ndown_revision = {down}\nbranch_labels = None\n',
        encoding="utf-8",
    )


def test_the_head_is_the_revision_no_other_script_revises(tmp_path: Path) -> None:
    _script(tmp_path, "aaa", "None")
    _script(tmp_path, "bbb", '"aaa"')
    assert head_revisions(tmp_path) == {"bbb"}


def test_two_branches_have_two_heads_until_a_merge_revises_both(tmp_path: Path) -> None:
    _script(tmp_path, "aaa", "None")
    _script(tmp_path, "bbb", '"aaa"')
    _script(tmp_path, "ccc", '"aaa"')
    assert head_revisions(tmp_path) == {"bbb", "ccc"}
    _script(tmp_path, "ddd", '("bbb", "ccc")')
    assert head_revisions(tmp_path) == {"ddd"}
