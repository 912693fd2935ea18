"""Hostile input through the installed command: special files, size limits, unreadable folders.

Every case runs ``tifa`` as a process with its own timeout, so that a regression that blocks
(on a named pipe, say) fails the test instead of hanging the suite. Each asserts the exit
status, the exact one-line message and that the other files were still checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e import tifa_command
from tifa.reading import format_size, parse_size

BAD = "The meeting urged cadres to achieve the two maintenances.\n"
TIMEOUT = 30


def tifa(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command (standard input closed unless given) with a timeout."""
    return subprocess.run(
        [tifa_command(), *args],
        capture_output=True,
        input=stdin.decode("latin-1") if stdin is not None else None,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=TIMEOUT,
        check=False,
        cwd=cwd,
    )


def checked_bad_file(result: subprocess.CompletedProcess[str], path: Path) -> bool:
    """True when ``result`` reported the finding of the file with :data:`BAD` text at ``path``."""
    return f"{path}:1:41: TF101 [error]" in result.stdout


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_a_named_pipe_named_on_the_command_line_is_refused_at_once(tmp_path: Path, bad: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = tifa("check", str(fifo), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {fifo}: not a regular file (a named pipe)\n"
    assert checked_bad_file(result, bad)
    assert result.stdout.endswith("1 finding (1 error) in 1 file; 1 fixable with `--fix`.\n")


def test_a_named_pipe_met_in_a_folder_is_refused_and_the_folder_still_checked(tmp_path: Path, bad: Path) -> None:
    (tmp_path / "sub").mkdir()
    fifo = tmp_path / "sub" / "pipe.md"
    os.mkfifo(fifo)
    other = tmp_path / "sub" / "z.txt"
    other.write_text(BAD, encoding="utf-8")
    result = tifa("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {fifo}: not a regular file (a named pipe)\n"
    assert checked_bad_file(result, bad) and checked_bad_file(result, other)


def test_a_named_pipe_in_parallel_processes_is_refused(tmp_path: Path, bad: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = tifa("check", "-j", "2", str(bad), str(fifo), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {fifo}: not a regular file (a named pipe)\n"
    assert result.stdout.count(f"{bad}:1:41: TF101") == 2


def test_consistency_refuses_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.po"
    os.mkfifo(fifo)
    po = tmp_path / "ok.po"
    po.write_text('msgid "两个维护"\nmsgstr "the two maintenances"\n', encoding="utf-8")
    result = tifa("consistency", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {fifo}: not a regular file (a named pipe)\n"
    assert "source terms rendered inconsistently" in result.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_without_reading_it(device: str, bad: Path) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    result = tifa("check", device, str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {device}: not a regular file (a character device)\n"
    assert checked_bad_file(result, bad)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--glossary", "cannot read glossary: not a regular file (a named pipe)"),
        ("--config", "cannot read configuration file: not a regular file (a named pipe)"),
    ],
)
def test_a_named_pipe_as_glossary_or_configuration_is_one_line(
    tmp_path: Path, bad: Path, option: str, message: str
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = tifa("check", option, str(fifo), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {fifo}: {message}\n"


def test_a_file_over_the_size_limit_is_refused_and_the_limit_can_be_raised(tmp_path: Path, bad: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The county held a meeting. " * 100, encoding="utf-8")  # 2,700 bytes
    refused = tifa("check", "--max-file-size", "2KB", str(big), str(bad))
    assert refused.returncode == 2
    assert refused.stderr == f"tifa: {big}: larger than 2 KB (raise the limit with --max-file-size)\n"
    assert checked_bad_file(refused, bad)
    assert refused.stdout.endswith("in 1 file; 1 fixable with `--fix`.\n")
    raised = tifa("check", "--max-file-size", "3000", str(big), str(bad))
    assert raised.returncode == 1 and raised.stderr == ""
    assert raised.stdout.endswith("in 2 files; 1 fixable with `--fix`.\n")


def test_standard_input_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    result = tifa("check", "--max-file-size", "1KB", "-", stdin=b"The county held a meeting. " * 100)
    assert result.returncode == 2
    assert result.stderr == "tifa: -: larger than 1 KB (raise the limit with --max-file-size)\n"


def test_the_size_limit_from_the_configuration_and_the_command_line_over_it(tmp_path: Path, bad: Path) -> None:
    (tmp_path / "tifa.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("The county held a meeting. " * 100, encoding="utf-8")
    refused = tifa("check", str(tmp_path))
    assert refused.returncode == 2
    assert refused.stderr == f"tifa: {big}: larger than 1 KB (raise the limit with --max-file-size)\n"
    assert checked_bad_file(refused, bad)
    allowed = tifa("check", "--max-file-size", "1MB", str(tmp_path))
    assert allowed.returncode == 1 and allowed.stderr == ""


SIZE_ADVICE = 'max-file-size must be a number of bytes or a size such as "200MB" or "1GB"'


@pytest.mark.parametrize(
    ("config", "option", "message"),
    [
        (None, "12 parsecs", "--max-file-size: not a size: '12 parsecs' (use bytes, or a number with KB, MB or GB)"),
        ("max-file-size = -5\n", None, f"tifa.toml:1: {SIZE_ADVICE}"),
        ('max-file-size = "huge"\n', None, f"tifa.toml:1: {SIZE_ADVICE}"),
    ],
)
def test_an_invalid_size_limit_is_one_line(
    tmp_path: Path, bad: Path, config: str | None, option: str | None, message: str
) -> None:
    if config is not None:
        (tmp_path / "tifa.toml").write_text(config, encoding="utf-8")
    result = tifa("check", *(("--max-file-size", option) if option else ()), "bad.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"tifa: {message}\n"


def test_a_symbolic_link_loop_in_a_folder_is_named(tmp_path: Path, bad: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    result = tifa("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {loop}: symbolic link loop\n"
    assert checked_bad_file(result, bad)


def test_a_folder_without_read_permission_is_an_error(tmp_path: Path, bad: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(BAD, encoding="utf-8")
    locked.chmod(0)
    try:
        result = tifa("check", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr == f"tifa: {locked}: cannot read directory: Permission denied\n"
    assert checked_bad_file(result, bad)


# Runs tifa in a process where one function of os fails for paths with a given last component,
# as listing a folder without read permission, or looking at a file in a folder without search
# permission, does for anyone but root.
_FAILING_OS_CALL = """
import errno, os, sys
function, failing_name = sys.argv.pop(1), sys.argv.pop(1)
real = getattr(os, function)
def failing(path=".", *args, **kwargs):
    if os.path.basename(os.fspath(path)) == failing_name:
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
    return real(path, *args, **kwargs)
setattr(os, function, failing)
from tifa.cli import main
sys.argv[0] = "tifa"
main()
"""


def tifa_where_os_fails(function: str, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run tifa in a child Python where ``os.<function>`` fails for any path ending in ``name``."""
    return subprocess.run(
        [sys.executable, "-c", _FAILING_OS_CALL, function, name, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT,
        check=False,
    )


def tifa_with_a_locked_folder(*args: str) -> subprocess.CompletedProcess[str]:
    """Run tifa where listing any folder named ``locked`` fails."""
    return tifa_where_os_fails("scandir", "locked", *args)


def test_a_named_file_that_cannot_be_looked_at_is_one_line(tmp_path: Path, bad: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(BAD, encoding="utf-8")
    result = tifa_where_os_fails("stat", "secret.txt", "check", str(secret), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {secret}: cannot read: Permission denied\n"
    assert checked_bad_file(result, bad)


def test_a_folder_that_cannot_be_listed_is_an_error_even_for_root(tmp_path: Path, bad: Path) -> None:
    locked = tmp_path / "sub" / "locked"
    locked.mkdir(parents=True)
    (locked / "hidden.txt").write_text(BAD, encoding="utf-8")
    result = tifa_with_a_locked_folder("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {locked}: cannot read directory: Permission denied\n"
    assert checked_bad_file(result, bad)


def test_a_named_folder_that_cannot_be_listed_is_not_zero_files_checked(tmp_path: Path, bad: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(BAD, encoding="utf-8")
    result = tifa_with_a_locked_folder("check", str(locked), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {locked}: cannot read directory: Permission denied\n"
    assert checked_bad_file(result, bad)
    consistency = tifa_with_a_locked_folder("consistency", str(locked))
    assert consistency.returncode == 2
    assert consistency.stderr == f"tifa: {locked}: cannot read directory: Permission denied\n"


def test_a_folder_deeper_than_the_longest_path_is_an_error(tmp_path: Path, bad: Path) -> None:
    name = "d" * 200
    depth = 4200 // (len(name) + 1) + 1  # past PATH_MAX (4096 on Linux)
    descriptor = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
    finally:
        os.close(descriptor)
    result = tifa("check", str(tmp_path))
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"tifa: {tmp_path}/{name}/") and line.endswith(": cannot read directory: File name too long")
    assert checked_bad_file(result, bad)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("[!]", "the character class at column 1 has no closing ']' (write [[] for a '[')"),
        ("[]", "the character class at column 1 has no closing ']' (write [[] for a '[')"),
        ("draft[z-a].md", "the range z-a runs backwards"),
    ],
)
def test_a_malformed_glob_in_per_file_ignores_is_a_configuration_error(
    tmp_path: Path, bad: Path, pattern: str, message: str
) -> None:
    (tmp_path / "tifa.toml").write_text(f'[per-file-ignores]\n"{pattern}" = ["TF101"]\n', encoding="utf-8")
    result = tifa("check", "bad.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"tifa: tifa.toml:2: invalid glob pattern {pattern!r}: {message}\n"


def test_a_malformed_glob_in_exclude_is_a_configuration_error(tmp_path: Path, bad: Path) -> None:
    (tmp_path / "tifa.toml").write_text('include = ["*.txt"]\nexclude = ["x", "[!"]\n', encoding="utf-8")
    result = tifa("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "tifa: tifa.toml:2: invalid glob pattern '[!': the character class at column 1 has no closing ']' "
        "(write [[] for a '[')\n"
    )


def test_a_glossary_until_of_thousands_of_digits_is_a_glossary_error(tmp_path: Path, bad: Path) -> None:
    glossary = tmp_path / "house.yaml"
    glossary.write_text(
        "entries:\n"
        "  - id: house-term\n"
        "    zh: 两个维护\n"
        "    en: Two Upholds\n"
        "    outdated:\n"
        "      - form: two old upholds\n"
        f"        until: {'9' * 5000}\n"
        "    category: numbered-formulations\n"
        "    confidence: high\n"
        '    source: "Test data."\n',
        encoding="utf-8",
    )
    result = tifa("check", "--glossary", str(glossary), str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        f"tifa: {glossary}:7: entry 'house-term': outdated: 'until' must be a year, not '999999999999'\n"
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["0x7DF", "2_015", "1:30"])
def test_a_glossary_until_that_is_an_integer_but_no_year_is_a_glossary_error(
    tmp_path: Path, bad: Path, value: str
) -> None:
    glossary = tmp_path / "house.yaml"
    glossary.write_text(
        "entries:\n  - id: house-term\n    zh: 两个维护\n    en: Two Upholds\n    outdated:\n"
        f"      - form: two old upholds\n        until: {value}\n"
        '    category: numbered-formulations\n    confidence: high\n    source: "Test data."\n',
        encoding="utf-8",
    )
    result = tifa("check", "--glossary", str(glossary), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {glossary}:7: entry 'house-term': outdated: 'until' must be a year, not {value!r}\n"


def test_a_range_in_a_glob_covers_the_letters_between(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "d.txt", "-.txt"):
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    (tmp_path / "tifa.toml").write_text('exclude = ["[a-c].txt"]\n', encoding="utf-8")
    result = tifa("check", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    checked = sorted(line.split(":")[0] for line in result.stdout.splitlines()[:-1])
    assert checked == ["./-.txt", "./d.txt"]


NOT_UTF8 = os.fsdecode(b"caf\xe9.txt")  # a file name that is not UTF-8 (Latin-1 "café")
SHOWN = "caf\\xe9.txt"


def tifa_with_strict_utf8_output(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command with standard output and error that refuse anything but UTF-8."""
    return subprocess.run(
        [tifa_command(), *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("text", f"{SHOWN}:1:41: TF101 [error]"),
        ("json", '"path": "caf\\\\xe9.txt"'),
        ("github", f"::error file={SHOWN},line=1,col=41"),
        ("sarif", '"uri": "caf%E9.txt"'),
    ],
)
def test_a_file_name_that_is_not_utf8_is_escaped_in_every_output_format(
    tmp_path: Path, output_format: str, expected: str
) -> None:
    (tmp_path / NOT_UTF8).write_text(BAD, encoding="utf-8")
    missing = os.fsdecode(b"gone\xff.txt")
    result = tifa_with_strict_utf8_output("check", "--format", output_format, NOT_UTF8, missing, cwd=tmp_path)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")  # both valid UTF-8
    assert result.returncode == 2, stderr
    assert expected in stdout
    assert stderr == "tifa: gone\\xff.txt: no such file or directory\n"


def test_a_file_name_that_is_not_utf8_in_a_diff(tmp_path: Path) -> None:
    (tmp_path / NOT_UTF8).write_text(BAD, encoding="utf-8")
    result = tifa_with_strict_utf8_output("check", "--diff", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.decode("utf-8").startswith(f"--- ./{SHOWN}\n+++ ./{SHOWN}\n")


def test_a_symbolic_link_loop_named_on_the_command_line_is_not_a_missing_file(tmp_path: Path, bad: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    other = tmp_path / "other.md"
    other.symlink_to("loop.txt")  # a link into the loop
    result = tifa("check", str(loop), str(other), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {loop}: symbolic link loop\ntifa: {other}: symbolic link loop\n"
    assert checked_bad_file(result, bad)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("glossary", "check"), "cannot read glossary: not a regular file (a named pipe)"),
        (("glossary", "import", "--format", "csv"), "cannot read: not a regular file (a named pipe)"),
    ],
)
def test_glossary_commands_refuse_a_named_pipe(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = tifa(*args, str(fifo))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {fifo}: {message}\n"


@pytest.mark.parametrize(
    ("text", "size"),
    [("0", 0), ("1048576", 1 << 20), ("200MB", 200 << 20), ("1GB", 1 << 30), ("512k", 512 << 10), ("3 MiB", 3 << 20)],
)
def test_sizes_are_read_in_units_of_1024(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "-1", "1.5GB", "1TB", "9" * 40])
def test_what_is_not_a_size(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


def test_sizes_are_shown_in_the_largest_unit_that_divides_them() -> None:
    assert [format_size(size) for size in (200 << 20, 1 << 30, 3 << 10, 1000)] == [
        "200 MB",
        "1 GB",
        "3 KB",
        "1000 bytes",
    ]


def test_a_folder_where_a_glossary_file_is_expected_is_one_line(tmp_path: Path, bad: Path) -> None:
    (tmp_path / "house.yaml").mkdir()
    (tmp_path / "tifa.toml").write_text('glossary = ["house.yaml"]\n', encoding="utf-8")
    configured = tifa("check", "bad.txt", cwd=tmp_path)
    assert configured.returncode == 2
    assert configured.stderr == f"tifa: {tmp_path / 'house.yaml'}: cannot read glossary: is a directory\n"
    checked = tifa("glossary", "check", "house.yaml", cwd=tmp_path)
    assert checked.returncode == 2
    assert checked.stderr == "tifa: house.yaml: cannot read glossary: is a directory\n"
