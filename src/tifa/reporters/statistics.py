"""``--statistics``: how many findings each rule reported, most frequent first (like ``ruff --statistics``)."""

from __future__ import annotations

from collections import Counter

from tifa.results import RunResult
from tifa.rules import RULES_BY_CODE

COUNT_WIDTH = 4


def render(result: RunResult) -> str:
    """Return one line per rule code, ``   7  TF101  wrong-rendering``, sorted by count then code."""
    counts = Counter(finding.code for file_result in result.files for finding in file_result.findings)
    if not counts:
        return ""
    width = max(COUNT_WIDTH, len(str(max(counts.values()))))
    code_width = max(len(code) for code in counts)
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = RULES_BY_CODE.get(code)
        name = rule.name if rule else ""
        lines.append(f"{count:>{width}}  {code:<{code_width}}  {name}".rstrip())
    return "".join(line + "\n" for line in lines)
