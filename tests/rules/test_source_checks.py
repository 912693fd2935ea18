"""TF403 with XLIFF inline elements: the reader lists each side's inline codes, the rule compares them."""

from __future__ import annotations

from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.linter import lint_document
from tifa.selection import RuleSelection

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a" source-language="zh-CN" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>做到<g id="1">两个维护</g><x id="2"/></source>
<target>achieve the <g id="1">Two Upholds</g><x id="2"/></target></trans-unit>
<trans-unit id="2"><source>做到<g id="1">两个维护</g><x id="2"/></source>
<target>achieve the Two Upholds<x id="2"/><x id="3"/></target></trans-unit>
</body></file></xliff>
"""


def test_inline_elements_missing_or_added_in_the_target(mini_glossary: CompiledGlossary) -> None:
    document = read_document("a.xlf", XLIFF.encode("utf-8"))
    assert document.segments[0].inline_codes == (("g#1", "x#2"), ("g#1", "x#2"))
    findings = lint_document(document, mini_glossary, RuleSelection.from_options(["TF403"]))
    assert [(document.text.count("\n", 0, finding.span.start) + 1, finding.message) for finding in findings] == [
        (7, "the source has g#1, which the translation lacks"),
        (7, "the translation has x#3, which the source lacks"),
    ]
