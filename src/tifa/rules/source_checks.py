"""Checks of a translation against its source that translation QA tools (Xbench, Verifika) run.

Numbers (TF402), placeholders and inline tags (TF403) and untranslated text (TF404): each
compares what the source has with what the translation has, and reports what went missing.
They run only where a segment has its aligned source (PO, XLIFF, bilingual TSV/CSV).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from tifa.glossary.compile import CompiledGlossary
from tifa.model import Finding, Severity, Span
from tifa.rules.base import Example, RuleInfo
from tifa.segments import DocumentContext, Segment

NUMBERS = RuleInfo(
    "TF402",
    "number-mismatch",
    "a number or date of the source missing or changed in the translation: 3.5万 but not 35,000",
    Severity.WARNING,
    doc="""
    What it does
        Reads the numbers of the Chinese source written in digits, with their units (3.5万 =
        35,000, 2.6亿 = 260 million, 1.2万亿 = 1.2 trillion), percentages (5%, 百分之五) and months
        (3月 = March), and reports each one the translation does not have: in digits, in words
        ("five percent", "fourteenth") or with a scale word ("35 thousand").

    Why is this bad?
        A figure lost or changed in translation misreports the source: a growth target, a budget,
        a date. Machine translation misreads 万 and 亿 ("3.5 thousand" for 3.5万).

    Fix safety
        No fix: which figure is right is for the translator to check against the source.
    """,
    example=Example("Output grew to 3,500 tonnes.", source="产量增至3.5万吨。"),
)
PLACEHOLDERS = RuleInfo(
    "TF403",
    "placeholder-mismatch",
    "a placeholder or inline tag of the source missing from the translation, or one the source lacks",
    Severity.ERROR,
    doc="""
    What it does
        Compares the placeholders and tags of the source with those of the translation: printf
        placeholders (%s, %d, %(name)s, %1$s), brace placeholders ({name}, {0}, {{ name }}) and
        HTML-like tags written in the text, and in XLIFF the inline elements (<x/>, <g>, <ph>,
        <bpt>/<ept>, <pc>, <sc>/<ec> …, by name and id). Reports those the translation lacks and
        those it adds.

    Why is this bad?
        Software fills placeholders and restores inline codes when it builds the translated file:
        a missing or extra one breaks the message at run time or loses the formatting.

    Fix safety
        No fix: where the placeholder belongs in the translated sentence is for the translator.
    """,
    example=Example("The inspection team visited offices.", source="检查组走访了%d个单位。"),
)
UNTRANSLATED = RuleInfo(
    "TF404",
    "untranslated",
    "a segment left untranslated: the translation is the source, or still mostly Chinese",
    Severity.WARNING,
    doc="""
    What it does
        Reports a segment whose translation is its Chinese source again, or whose letters are
        still mostly Chinese characters.

    Why is this bad?
        A segment copied from the source, or one the machine translation skipped, reaches readers
        in Chinese.

    Fix safety
        No fix: the segment needs translating.
    """,
    example=Example("坚持和加强党的全面领导。", source="坚持和加强党的全面领导。"),
)
RULES = (NUMBERS, PLACEHOLDERS, UNTRANSLATED)

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
# The share of a translation's letters that may be Chinese characters (a name, a quoted term).
MAX_CHINESE_SHARE = 0.5


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield the findings of the source checks in a segment that has its aligned source."""
    if not segment.source or not segment.text.strip():
        return
    from tifa.bilingual.numbers import missing_quantities  # only for a segment with a source: start-up counts

    span = segment.file_span(0, len(segment.text))
    if _untranslated(segment.source, segment.text):
        yield Finding(
            UNTRANSLATED.code, span, "the segment is not translated: it is still Chinese", UNTRANSLATED.severity
        )
        return
    for quantity in missing_quantities(segment.source, segment.text):
        yield Finding(
            NUMBERS.code,
            span,
            f"the source has {quantity.written}"
            + (f" ({quantity.value:,.10g})" if quantity.written != f"{quantity.value:g}" else "")
            + ", which the translation does not have",
            NUMBERS.severity,
        )
    yield from _placeholder_findings(segment, span)


def _untranslated(source: str, target: str) -> bool:
    if not _HAN.search(target) or not _HAN.search(source):
        return False
    if " ".join(source.split()) == " ".join(target.split()):
        return True
    letters = _LETTER.findall(target)
    return bool(letters) and sum(1 for letter in letters if _HAN.match(letter)) > MAX_CHINESE_SHARE * len(letters)


def _placeholder_findings(segment: Segment, span: Span) -> Iterator[Finding]:
    from tifa.bilingual.placeholders import differences, placeholders

    assert segment.source is not None
    tags = segment.inline_codes is None
    compared = [differences(placeholders(segment.source, tags=tags), placeholders(segment.text, tags=tags))]
    if segment.inline_codes is not None:
        source_codes, target_codes = segment.inline_codes
        compared.append(differences(Counter(source_codes), Counter(target_codes)))
    for missing, added in compared:
        for code in dict.fromkeys(missing):
            yield Finding(
                PLACEHOLDERS.code, span, f"the source has {code}, which the translation lacks", PLACEHOLDERS.severity
            )
        for code in dict.fromkeys(added):
            yield Finding(
                PLACEHOLDERS.code, span, f"the translation has {code}, which the source lacks", PLACEHOLDERS.severity
            )
