"""SARIF 2.1.0 output, for code-scanning tools: one run, the rule table, one result per finding.

Regions use 1-based lines and columns counted in Unicode code points (the run says so with
``columnKind: unicodeCodePoints``); a region's ``endColumn`` is the column after its last
character. Fixes become ``fixes[].artifactChanges[].replacements[]``; a finding's
suggestions, glossary entry and fix safety go in its ``properties``. Files that could not be
read are reported as tool execution notifications of the run's invocation.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from tifa import __version__
from tifa.errors import TifaError, path_bytes
from tifa.model import Applicability, Finding, Fix, Severity, Span
from tifa.reporters import in_report_order
from tifa.results import RunResult
from tifa.rules import ALL_RULES, RuleInfo
from tifa.text import LineIndex

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """Return ``path`` as a SARIF URI: relative stays relative (with ``/``), absolute becomes a ``file:`` URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(path_bytes(path.replace(os.sep, "/")), safe="/-._~")


def region(index: LineIndex, span: Span) -> dict[str, int]:
    """Return the SARIF region of ``span`` (1-based, code-point columns, end column exclusive)."""
    start_line, start_column = index.position(span.start)
    end_line, end_column = index.position(span.end)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _rule_object(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.documentation},
        "help": {"text": _help_text(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _help_text(rule: RuleInfo) -> str:
    """The rule's documentation and its example: the bad text and, where the rule fixes it, the fixed one."""
    example = rule.example
    lines = [rule.documentation, "", "Example"]
    if example.source is not None:
        lines.append(f"    Chinese source: {example.source}")
    lines.append(f"    {example.text}")
    if example.fixed is not None:
        lines += ["", "After the fix", f"    {example.fixed}"]
    return "\n".join(lines)


def _fix_object(uri: str, index: LineIndex, fix: Fix) -> dict[str, Any]:
    replacements: list[dict[str, Any]] = []
    for edit in sorted(fix.edits, key=lambda edit: edit.span):
        replacement: dict[str, Any] = {"deletedRegion": region(index, edit.span)}
        if edit.text:
            replacement["insertedContent"] = {"text": edit.text}
        replacements.append(replacement)
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.label},
    }


def _result_object(uri: str, index: LineIndex, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [
        {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(index, finding.span)}}
    ]
    if finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY:
        result["fixes"] = [_fix_object(uri, index, finding.fix)]
    properties: dict[str, Any] = {"suggestions": list(finding.suggestions)}
    if finding.entry_id is not None:
        properties["entry"] = finding.entry_id
    properties["applicability"] = None if finding.fix is None else finding.fix.applicability.label
    result["properties"] = properties
    return result


def _notification(error: TifaError) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": "error", "message": {"text": str(error)}}
    if error.path is not None:
        location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(error.path)}}
        if error.line is not None:
            location["region"] = {"startLine": error.line}
        notification["locations"] = [{"physicalLocation": location}]
    return notification


def sarif_log(result: RunResult, *, show_suppressed: bool = False) -> dict[str, Any]:
    """Return the SARIF log of ``result`` as a JSON-ready dictionary.

    With ``show_suppressed`` the suppressed findings are included with an in-source ``suppressions`` entry.
    """
    rule_index = {rule.code: position for position, rule in enumerate(ALL_RULES)}
    results: list[dict[str, Any]] = []
    for file_result in result.files:
        uri = artifact_uri(file_result.document.path)
        index = LineIndex(file_result.document.text)
        results.extend(
            _result_object(uri, index, finding, rule_index) for finding in in_report_order(file_result.findings)
        )
        if show_suppressed:
            for finding in in_report_order(file_result.suppressed):
                results.append(
                    {**_result_object(uri, index, finding, rule_index), "suppressions": [{"kind": "inSource"}]}
                )
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if result.errors:
        invocation["toolExecutionNotifications"] = [_notification(error) for error in result.errors]
    run = {
        "tool": {
            "driver": {
                "name": "tifa",
                "version": __version__,
                "rules": [_rule_object(rule) for rule in ALL_RULES],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(result: RunResult, *, show_suppressed: bool = False) -> str:
    """Return the SARIF 2.1.0 report of ``result`` (with ``show_suppressed``, suppressed results too)."""
    return json.dumps(sarif_log(result, show_suppressed=show_suppressed), ensure_ascii=False, indent=2) + "\n"
