"""More hostile input: encodings, narrow terminals, glossary forms that match nothing, a full cache disk.

The command cases run the installed ``tifa`` with a timeout and assert the exit status, the
one-line message (never a traceback), what else was checked, and that no file was damaged.
"""

from __future__ import annotations

import codecs
import errno
import os
import pickle
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MINI_GLOSSARY
from tests.e2e import tifa_command as _tifa
from tests.test_hostile_input import BAD, checked_bad_file, tifa
from tifa.glossary.cache import load_compiled_glossary

FIXED = BAD.replace("two maintenances", "Two Upholds")
NOT_UTF8 = os.fsdecode(b"caf\xe9.txt")


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    return path


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf32_with_a_bom_is_read_and_fixed_in_utf32(tmp_path: Path, bad: Path, bom: bytes, codec: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + BAD.encode(codec))
    checked = tifa("check", str(path), str(bad))
    assert checked.returncode == 1 and checked.stderr == ""
    assert checked_bad_file(checked, path) and checked_bad_file(checked, bad)
    fixed = tifa("check", "--fix", str(path))
    assert fixed.returncode == 0, fixed.stderr
    assert path.read_bytes() == bom + FIXED.encode(codec)


def test_utf16_is_still_utf16(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + BAD.encode("utf-16-le"))
    fixed = tifa("check", "--fix", str(path))
    assert fixed.returncode == 0, fixed.stderr
    assert path.read_bytes() == codecs.BOM_UTF16_LE + FIXED.encode("utf-16-le")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_chinese_gets_escapes_not_a_traceback(tmp_path: Path, encoding: str) -> None:
    (tmp_path / NOT_UTF8).write_text(BAD, encoding="utf-8")
    result = subprocess.run(
        [_tifa(), "check", NOT_UTF8],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": f"{encoding}:strict"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode(encoding)
    assert out.startswith("caf\\xe9.txt:1:41: TF101 [error]")
    assert "\\u4e24\\u4e2a\\u7ef4\\u62a4" in out  # 两个维护, escaped
    assert out.endswith("1 finding (1 error) in 1 file; 1 fixable with `--fix`.\n")


@pytest.mark.parametrize("form", ["\u2013", "- -", "\u2010 \u2011"])
def test_a_glossary_form_of_only_dashes_is_an_error_with_its_line(tmp_path: Path, bad: Path, form: str) -> None:
    glossary = tmp_path / "house.yaml"
    glossary.write_text(
        "entries:\n"
        "  - id: house-term\n"
        "    zh: 两个维护\n"
        "    en: Two Upholds\n"
        "    category: party\n"
        "    source: house style\n"
        "    confidence: high\n"
        "    wrong:\n"
        f'      - "{form}"\n',
        encoding="utf-8",
    )
    result = tifa("check", "--glossary", str(glossary), str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        f"tifa: {glossary}:9: a form in entry 'house-term': wrong: {form!r} is only dashes or spaces, "
        "which matching ignores\n"
    )
    assert bad.read_text(encoding="utf-8") == BAD


def test_a_cache_write_that_fails_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pickle, "dump", disk_full)
    compiled, errors = load_compiled_glossary([], shipped=[MINI_GLOSSARY], cache_dir=tmp_path)
    assert compiled is not None and errors == []
    assert list(tmp_path.iterdir()) == []


def test_a_cache_write_interrupted_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pickle, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_compiled_glossary([], shipped=[MINI_GLOSSARY], cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "hidden",
    [
        "two main\u200btenances",
        "two\u200d maintenances",
        "two\u2060 maintenances",
        "two \ufeffmaintenances",
        "\uff54\uff57\uff4f \uff4d\uff41\uff49\uff4e\uff54\uff45\uff4e\uff41\uff4e\uff43\uff45\uff53",  # full width
    ],
)
def test_invisible_and_full_width_characters_hide_no_wrong_rendering(tmp_path: Path, hidden: str) -> None:
    path = tmp_path / "hidden.txt"
    text = BAD.replace("two maintenances", hidden)
    path.write_text(text, encoding="utf-8")
    checked = tifa("check", "--format", "json", str(path))
    assert checked.returncode == 1, checked.stderr
    assert f'"column": 41,\n    "end_line": 1,\n    "end_column": {41 + len(hidden)},' in checked.stdout
    fixed = tifa("check", "--fix", str(path))
    assert fixed.returncode == 0, fixed.stderr
    assert path.read_text(encoding="utf-8") == FIXED
