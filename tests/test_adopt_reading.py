"""Markdown footnotes and legacy encodings, end to end (issue 15, point 7)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e import make_repo, run_tifa

# Think tanks keep their quotations in footnotes; reference definitions and code stay unread.
ARTICLE = """\
---
title: Notes on the plenum
---
# Notes on the plenum

The county office studied the communique[^quote] closely.

[^quote]: The communique urged all cadres to achieve the two maintenances
    and to build a model agency.

[source]: https://example.org/the-two-maintenances "two maintenances"

```text
the two maintenances, quoted in code
```

    the two maintenances, indented code
"""
CSV = "zh,en\n坚决做到两个维护。,Resolutely achieve the two maintenances.\n"


def test_footnotes_are_checked_at_their_place_and_code_is_not(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"notes.md": ARTICLE})
    result = run_tifa("check", "notes.md", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        'notes.md:8:58: TF101 [error] "two maintenances" is a literal or mistaken rendering of 两个维护; '
        'the standard rendering is "Two Upholds" → Two Upholds [*]',
        'notes.md:9:20: TF101 [error] "model agency" is a literal or mistaken rendering of 模范机关/模范机关建设; '
        'the standard rendering is "model institution" → model institution [*]',
        "2 findings (2 errors) in 1 file; 2 fixable with `--fix`.",
    ]
    fixed = run_tifa("check", "--fix", "notes.md", cwd=repo)
    assert fixed.returncode == 0, fixed.stdout
    expected = ARTICLE.replace("achieve the two maintenances\n", "achieve the Two Upholds\n")
    assert (repo / "notes.md").read_text(encoding="utf-8") == expected.replace("model agency", "model institution")


def test_a_gb18030_table_is_read_and_fixed_in_its_encoding(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"terms.csv": CSV.encode("gb18030")})
    refused = run_tifa("check", "terms.csv", cwd=repo)
    assert refused.returncode == 2
    assert refused.stderr == (
        "tifa: terms.csv:2: cannot decode as UTF-8 (byte 0xbc); save the file as UTF-8, "
        "or name its encoding with --encoding\n"
    )
    result = run_tifa("check", "--encoding", "gb18030", "--fix", "terms.csv", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = (repo / "terms.csv").read_bytes()
    assert fixed == CSV.replace("the two maintenances", "the Two Upholds").encode("gb18030")
    unknown = run_tifa("check", "--encoding", "gb-18030x", "terms.csv", cwd=repo)
    assert unknown.returncode == 2
    assert unknown.stderr == "tifa: --encoding: unknown encoding 'gb-18030x' (for example utf-8, gb18030, big5)\n"
