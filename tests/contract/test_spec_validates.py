"""The committed OpenAPI document is valid and holds what generated clients rely on.

openapi/openapi.json is what client generators read (clients/typescript, and
whatever a customer points their tooling at), so it is checked as a document
here, independently of the app that wrote it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from openapi_spec_validator.shortcuts import get_validator_cls

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROBLEM_JSON = "application/problem+json"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return document


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def refs(node: Any, where: str = "#") -> Iterator[tuple[str, str]]:
    """Every `$ref` in the document, with the JSON pointer of where it sits."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from refs(value, f"{where}/{escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from refs(value, f"{where}/{index}")


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def resolve(spec: dict[str, Any], ref: str) -> Any:
    """Follow a local JSON pointer (`#/components/...`); KeyError if it leads nowhere."""
    if not ref.startswith("#"):
        raise KeyError(f"not a local reference: {ref}")
    node: Any = spec
    for raw in ref[1:].split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(token)]
        elif isinstance(node, dict):
            node = node[token]
        else:
            raise KeyError(token)
    return node


def deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = resolve(spec, node["$ref"])
    return node


def is_error_status(status: str) -> bool:
    return status[:1] in {"4", "5"}  # "404", "4XX", "503", "5XX"


def test_validates_as_openapi_3_1(spec: dict[str, Any]) -> None:
    version = spec.get("openapi", "")
    assert version.startswith("3.1."), f"openapi is {version!r}; this suite expects 3.1.x"
    # The validator that openapi-spec-validator would pick for this document.
    assert get_validator_cls(spec) is OpenAPIV31SpecValidator

    errors = [
        f"{'/'.join(str(part) for part in error.absolute_path) or '<root>'}: {error.message}"
        for error in OpenAPIV31SpecValidator(spec).iter_errors()
    ]
    assert not errors, "openapi/openapi.json is not valid OpenAPI 3.1:\n" + "\n".join(errors)
    validate(spec, cls=OpenAPIV31SpecValidator)  # the public entry point agrees


def test_every_operation_has_a_unique_operation_id(spec: dict[str, Any]) -> None:
    found = list(operations(spec))
    assert found, "no operations in the document"
    missing = [f"{method} {path}" for method, path, op in found if not op.get("operationId")]
    assert not missing, f"operations without an operationId: {missing}"
    counts = Counter(op["operationId"] for _, _, op in found)
    duplicated = sorted(op_id for op_id, count in counts.items() if count > 1)
    assert not duplicated, f"operationIds used more than once: {duplicated}"


def test_every_ref_resolves(spec: dict[str, Any]) -> None:
    found = list(refs(spec))
    assert found, "no $ref in the document: the walk found nothing to check"
    broken: list[str] = []
    for where, ref in found:
        try:
            resolve(spec, ref)
        except (KeyError, IndexError, ValueError) as exc:
            broken.append(f"{where}: $ref {ref!r} ({exc})")
    assert not broken, "unresolvable $ref:\n" + "\n".join(broken)


def is_a_problem(schema: dict[str, Any], problem: dict[str, Any]) -> bool:
    """Problem itself, or a refinement of it (SeatsExhaustedProblem): every member
    of Problem, typed the same, required the same, and optional members besides."""
    if schema is problem:
        return True
    properties = schema.get("properties", {})
    return (
        schema.get("required") == problem.get("required")
        and all(properties.get(name) == prop for name, prop in problem["properties"].items())
        and schema.get("additionalProperties") == problem.get("additionalProperties")
    )


def test_every_error_response_is_problem_json(spec: dict[str, Any]) -> None:
    problem_schema = spec["components"]["schemas"].get("Problem")
    assert problem_schema is not None, "components.schemas.Problem is missing"
    checked = 0
    wrong: list[str] = []
    for method, path, op in operations(spec):
        for status, response in op.get("responses", {}).items():
            if not is_error_status(status):
                continue
            checked += 1
            content = deref(spec, response).get("content", {})
            where = f"{method} {path} {status}"
            if set(content) != {PROBLEM_JSON}:
                wrong.append(f"{where}: content types {sorted(content)}, want [{PROBLEM_JSON!r}]")
                continue
            schema = content[PROBLEM_JSON].get("schema", {})
            if not is_a_problem(deref(spec, schema), problem_schema):
                wrong.append(f"{where}: schema {schema} is not a Problem")
    assert checked, "no 4xx/5xx responses in the document: the walk found nothing to check"
    assert not wrong, "error responses that are not Problem documents:\n" + "\n".join(wrong)
