"""Figures the proof suites report (cases generated, races run, faults
survived); tests/conftest.py prints them together at the end of the run."""

from __future__ import annotations

LINES: list[str] = []


def proof(line: str) -> None:
    LINES.append(line.strip())
