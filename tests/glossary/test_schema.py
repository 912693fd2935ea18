"""The JSON Schema for editors accepts every shipped glossary file and rejects malformed ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tifa.glossary import load
from tifa.glossary.load import ENTRY_KEYS, FORM_KEYS
from tifa.glossary.shipped import shipped_glossary_files

SCHEMA = json.loads((Path(load.__file__).parent / "glossary.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
ENTRY: dict[str, Any] = {
    "id": "sample-entry",
    "zh": "样例",
    "en": "sample rendering",
    "category": "test",
    "confidence": "high",
    "source": "Test data.",
}


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_knows_exactly_the_loaders_keys() -> None:
    assert set(SCHEMA["$defs"]["entry"]["properties"]) == ENTRY_KEYS
    assert set(SCHEMA["$defs"]["outdatedForm"]["oneOf"][1]["properties"]) == FORM_KEYS
    assert set(SCHEMA["$defs"]["form"]["oneOf"][1]["properties"]) == FORM_KEYS - {"until"}


@pytest.mark.parametrize("path", shipped_glossary_files(), ids=lambda path: Path(path).name)
def test_every_shipped_file_validates(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in VALIDATOR.iter_errors(document)]
    assert not errors, "\n".join(errors[:10])


def test_a_full_entry_validates() -> None:
    entry = {
        **ENTRY,
        "zh": ["样例", "樣例"],
        "accept": ["the sample"],
        "wrong": ["bad sample", {"form": "poor sample", "context": ["@party", "Party"], "not_before": ["x"]}],
        "wrong_if_source": ["odd sample"],
        "outdated": [{"form": "old sample", "until": 2015, "not_after": ["y"]}],
        "doubled": ["sample and sample"],
        "replace": True,
        "capitalized": False,
        "expand": "what it stands for",
        "note": "Notes.",
        "examples": {"bad": ["A bad sample."], "good": ["A sample rendering."]},
    }
    assert list(VALIDATOR.iter_errors({"contexts": {"party": ["Party"]}, "entries": [entry]})) == []


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"entries": [{**ENTRY, "colour": "red"}]}, "unknown entry key"),
        ({"entries": [{key: value for key, value in ENTRY.items() if key != "source"}]}, "missing source"),
        ({"entries": [{**ENTRY, "id": "Sample_Entry"}]}, "id not kebab-case"),
        ({"entries": [{**ENTRY, "confidence": "sure"}]}, "confidence outside the enum"),
        ({"entries": [{**ENTRY, "en": ""}]}, "empty rendering"),
        ({"entries": [{**ENTRY, "en": " padded "}]}, "leading white space"),
        ({"entries": [{**ENTRY, "zh": []}]}, "no Chinese form"),
        ({"entries": [{**ENTRY, "wrong": [{"context": ["x"]}]}]}, "form mapping without form"),
        ({"entries": [{**ENTRY, "wrong": [{"form": "x", "until": 2015}]}]}, "until on a wrong form"),
        ({"entries": [{**ENTRY, "outdated": [{"form": "x", "until": "2015"}]}]}, "until not a year"),
        ({"entries": [{**ENTRY, "replace": "yes"}]}, "replace not a boolean"),
        ({"entries": [{**ENTRY, "examples": {"ugly": ["x"]}}]}, "unknown examples key"),
        ({"entries": [ENTRY], "version": 2}, "unknown top-level key"),
        ({}, "neither entries nor contexts"),
        ([ENTRY], "not a mapping"),
    ],
)
def test_invalid_documents_do_not_validate(document: Any, problem: str) -> None:
    assert list(VALIDATOR.iter_errors(document)), problem
