"""SARIF 2.1.0 output, for code-scanning tools: one run, the rule table, one result per finding.

Regions use 1-based lines and columns counted in Unicode code points (the run says so with
``columnKind: unicodeCodePoints``); a region's ``endColumn`` is the column after its last
character. Fixes become ``fixes[].artifactChanges[].replacements[]``; a finding's
suggestions, glossary entry and fix safety go in its ``properties``. Files that could not be
read are reported as tool execution notifications of the run's invocation.

Inside a git repository, files are named relative to its top folder (``uriBaseId``
``SRCROOT``, which ``originalUriBaseIds`` resolves), however tifa was called, and each result
has a ``partialFingerprints`` entry made from that path, the rule, the glossary entry, the
flagged words and how many times the same words were flagged before in the file: code
scanning then matches an alert across runs even when lines move.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from tifa import __version__
from tifa.errors import TifaError, path_bytes
from tifa.model import Applicability, Finding, Fix, Severity, Span
from tifa.reporters import in_report_order
from tifa.repository import report_root, repository_path
from tifa.results import RunResult
from tifa.rules import ALL_RULES, RuleInfo
from tifa.text import LineIndex

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


SRCROOT = "SRCROOT"
FINGERPRINT = "tifaFinding/v1"


def artifact_location(path: str, root: Path | None) -> dict[str, str]:
    """The SARIF artifact location of ``path``: relative to the repository's top when inside it."""
    stable = repository_path(path, root)
    if stable is None:
        return {"uri": artifact_uri(path)}
    return {"uri": artifact_uri(stable), "uriBaseId": SRCROOT}


def fingerprint(uri: str, finding: Finding, text: str, seen: dict[tuple[str, ...], int]) -> str:
    """A hash that names ``finding`` in its file across runs (not its line): see the module's documentation."""
    words = " ".join(text[finding.span.start : finding.span.end].lower().split())
    identity = (uri, finding.code, finding.entry_id or "", words)
    occurrence = seen.get(identity, 0)
    seen[identity] = occurrence + 1
    return hashlib.sha256("\0".join((*identity, str(occurrence))).encode("utf-8", "surrogateescape")).hexdigest()[:32]


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


def _fix_object(location: dict[str, str], index: LineIndex, fix: Fix) -> dict[str, Any]:
    replacements: list[dict[str, Any]] = []
    for edit in sorted(fix.edits, key=lambda edit: edit.span):
        replacement: dict[str, Any] = {"deletedRegion": region(index, edit.span)}
        if edit.text:
            replacement["insertedContent"] = {"text": edit.text}
        replacements.append(replacement)
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.label},
    }


def _result_object(
    location: dict[str, str], index: LineIndex, finding: Finding, rule_index: dict[str, int]
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [{"physicalLocation": {"artifactLocation": location, "region": region(index, finding.span)}}]
    if finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY:
        result["fixes"] = [_fix_object(location, index, finding.fix)]
    properties: dict[str, Any] = {"suggestions": list(finding.suggestions)}
    if finding.entry_id is not None:
        properties["entry"] = finding.entry_id
    properties["applicability"] = None if finding.fix is None else finding.fix.applicability.label
    result["properties"] = properties
    return result


def _notification(error: TifaError, root: Path | None) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": "error", "message": {"text": str(error)}}
    if error.path is not None:
        location: dict[str, Any] = {"artifactLocation": artifact_location(error.path, root)}
        if error.line is not None:
            location["region"] = {"startLine": error.line}
        notification["locations"] = [{"physicalLocation": location}]
    return notification


def sarif_log(result: RunResult, *, show_suppressed: bool = False) -> dict[str, Any]:
    """Return the SARIF log of ``result`` as a JSON-ready dictionary.

    With ``show_suppressed`` the suppressed findings are included with an in-source ``suppressions`` entry.
    """
    rule_index = {rule.code: position for position, rule in enumerate(ALL_RULES)}
    root = report_root(file_result.document.path for file_result in result.files)
    results: list[dict[str, Any]] = []
    for file_result in result.files:
        location = artifact_location(file_result.document.path, root)
        index = LineIndex(file_result.document.text)
        seen: dict[tuple[str, ...], int] = {}
        groups = [(file_result.findings, False), (file_result.suppressed if show_suppressed else (), True)]
        for findings, suppressed in groups:
            for finding in in_report_order(findings):
                item = _result_object(location, index, finding, rule_index)
                item["partialFingerprints"] = {
                    FINGERPRINT: fingerprint(location["uri"], finding, file_result.document.text, seen)
                }
                if suppressed:
                    item["suppressions"] = [{"kind": "inSource"}]
                results.append(item)
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if result.errors:
        invocation["toolExecutionNotifications"] = [_notification(error, root) for error in result.errors]
    run = {
        "tool": {
            "driver": {
                "name": "tifa",
                "version": __version__,
                "rules": [_rule_object(rule) for rule in ALL_RULES],
            }
        },
        "invocations": [invocation],
        **({"originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}}} if root is not None else {}),
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(result: RunResult, *, show_suppressed: bool = False) -> str:
    """Return the SARIF 2.1.0 report of ``result`` (with ``show_suppressed``, suppressed results too)."""
    return json.dumps(sarif_log(result, show_suppressed=show_suppressed), ensure_ascii=False, indent=2) + "\n"
