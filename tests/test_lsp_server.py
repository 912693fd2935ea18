"""End to end: the real ``tifa lsp`` over stdio, driven by a real LSP client (pytest-lsp on lsprotocol).

The client announces Visual Studio Code's capabilities, so positions are in UTF-16 code units;
the texts put characters outside the Basic Multilingual Plane before findings to hold the
server to that. Edits are applied here with the test's own position arithmetic. Each session
starts a server process and loads the glossary: these tests are marked slow (``pytest --all``).
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "tifa", "lsp"]
# A machine translation with two wrong renderings after a flag emoji (two surrogate pairs in UTF-16).
REPORT = (
    "🇨🇳 The county Party committee urged officials to achieve the two maintenances.\n"
    "\n"
    "Every department will advance Chinese-style modernization this year.\n"
)
FIXED = (
    "🇨🇳 The county Party committee urged officials to achieve the Two Upholds.\n"
    "\n"
    "Every department will advance Chinese modernization this year.\n"
)
PO_FILE = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: report.py:3
msgid "坚决做到两个维护"
msgstr "Resolutely achieve the two maintenances"
"""


def utf16_offset(text: str, position: types.Position) -> int:
    """The code-point offset of an LSP position given in UTF-16 code units."""
    lines = text.splitlines(keepends=True) or [""]
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(line)


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, last first."""
    spans = [
        (utf16_offset(text, edit.range.start), utf16_offset(text, edit.range.end), edit.new_text) for edit in edits
    ]
    for start, end, new_text in sorted(spans, reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


@contextlib.asynccontextmanager
async def language_server(root: Path) -> AsyncIterator[LanguageClient]:
    """Start ``tifa lsp`` and initialise a session on workspace ``root`` as VS Code would."""
    client = await ClientServerConfig(server_command=SERVER).start()
    assert isinstance(client, LanguageClient)
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="work")],
    )
    result = await client.initialize_session(params)
    assert result.server_info is not None and result.server_info.name == "tifa"
    try:
        yield client
    finally:
        await client.shutdown_session()


async def diagnostics_after(client: LanguageClient, uri: str, notify: object) -> list[types.Diagnostic]:
    """Send ``notify`` (a callable sending a notification) and wait for the diagnostics it brings for ``uri``."""
    client.diagnostics.pop(uri, None)
    assert callable(notify)
    notify()
    for _ in range(1200):
        if uri in client.diagnostics:
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics for {uri} within 60 s")


def open_file(client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> object:
    """A callable that sends didOpen of ``path`` with ``text``."""
    item = types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=1, text=text)
    return lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))


def change_file(client: LanguageClient, path: Path, version: int, edits: Sequence[types.TextEdit]) -> object:
    """A callable that sends didChange of ``path``: the edits as incremental changes, as an editor does."""
    changes: list[types.TextDocumentContentChangeEvent] = [
        types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
        for edit in sorted(edits, key=lambda edit: (edit.range.start.line, edit.range.start.character), reverse=True)
    ]
    document = types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version)
    return lambda: client.text_document_did_change(
        types.DidChangeTextDocumentParams(text_document=document, content_changes=changes)
    )


async def actions_at(client: LanguageClient, path: Path, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """The code actions the server offers for ``diagnostic``."""
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
        range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic]),
    )
    result = await client.text_document_code_action_async(params)
    assert result is not None
    return [action for action in result if isinstance(action, types.CodeAction)]


def edits_of(action: types.CodeAction, path: Path) -> list[types.TextEdit]:
    """The text edits of ``action`` for ``path``."""
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[path.as_uri()])


@pytest.mark.slow
@pytest.mark.asyncio
async def test_diagnostics_fix_change_and_hover(tmp_path: Path) -> None:
    """didOpen → diagnostics → code action → its edit applied → didChange → new diagnostics → hover."""
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    async with language_server(tmp_path) as client:
        diagnostics = await diagnostics_after(client, path.as_uri(), open_file(client, path, REPORT))
        assert [(d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in diagnostics] == [
            # "two maintenances" starts at code point 61 of the line: 63 UTF-16 units after the flag
            ("TF101", 0, 63, 79),
            ("TF101", 2, 30, 57),
        ]
        first = diagnostics[0]
        assert first.severity == types.DiagnosticSeverity.Error and first.source == "tifa"
        assert first.code_description is not None and first.code_description.href.startswith("file:")
        explanation = Path(first.code_description.href.removeprefix("file://")).read_text(encoding="utf-8")
        assert explanation.startswith("TF101 (wrong-rendering)")
        assert isinstance(first.data, dict) and first.data["explain"] == "tifa explain TF101"

        actions = await actions_at(client, path, first)
        titles = [action.title for action in actions]
        assert titles[0] == 'Replace with "Two Upholds" (TF101)' and actions[0].is_preferred
        assert "Ignore TF101 here (tifa: ignore comment)" in titles
        assert "Fix all safe tifa fixes in this file" in titles
        fix_all = next(action for action in actions if action.title.startswith("Fix all"))
        assert apply_edits(REPORT, edits_of(fix_all, path)) == FIXED

        fix = edits_of(actions[0], path)
        fixed_once = apply_edits(REPORT, fix)
        assert fixed_once.splitlines()[0].endswith("achieve the Two Upholds.")
        diagnostics = await diagnostics_after(client, path.as_uri(), change_file(client, path, 2, fix))
        assert [(d.code, d.range.start.line) for d in diagnostics] == [("TF101", 2)]

        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                position=types.Position(line=0, character=fixed_once.index("Two Upholds") + 4),
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "**Two Upholds** — 两个维护" in hover.contents.value
        assert "Source:" in hover.contents.value and "Glossary entry `two-upholds`" in hover.contents.value


@pytest.mark.slow
@pytest.mark.asyncio
async def test_configuration_reload_and_ignore_in_po(tmp_path: Path) -> None:
    """A changed tifa.toml takes effect; "ignore here" in a PO file writes a translator comment that holds."""
    text_path = tmp_path / "report.txt"
    po_path = tmp_path / "report.po"
    async with language_server(tmp_path) as client:
        diagnostics = await diagnostics_after(client, text_path.as_uri(), open_file(client, text_path, REPORT))
        assert len(diagnostics) == 2
        (tmp_path / "tifa.toml").write_text('ignore = ["TF101"]\n', encoding="utf-8")
        change = types.FileEvent(uri=(tmp_path / "tifa.toml").as_uri(), type=types.FileChangeType.Created)
        params = types.DidChangeWatchedFilesParams(changes=[change])
        notify = lambda: client.workspace_did_change_watched_files(params)  # noqa: E731
        assert await diagnostics_after(client, text_path.as_uri(), notify) == []

        (tmp_path / "tifa.toml").write_text('select = ["TF101"]\n', encoding="utf-8")
        diagnostics = await diagnostics_after(client, po_path.as_uri(), open_file(client, po_path, PO_FILE, "po"))
        assert [(d.code, d.range.start.line) for d in diagnostics] == [("TF101", 6)]
        actions = await actions_at(client, po_path, diagnostics[0])
        ignore = next(action for action in actions if action.title.startswith("Ignore TF101"))
        ignored = apply_edits(PO_FILE, edits_of(ignore, po_path))
        assert "\n# tifa: ignore[TF101]\n#: report.py:3\n" in ignored
        diagnostics = await diagnostics_after(
            client, po_path.as_uri(), change_file(client, po_path, 2, edits_of(ignore, po_path))
        )
        assert diagnostics == []


@pytest.mark.slow
@pytest.mark.asyncio
async def test_broken_configuration_is_one_diagnostic(tmp_path: Path) -> None:
    """An invalid configuration gives one diagnostic naming the file and line, and the server keeps running."""
    (tmp_path / "tifa.toml").write_text('select = ["TF999"]\n', encoding="utf-8")
    path = tmp_path / "report.txt"
    async with language_server(tmp_path) as client:
        diagnostics = await diagnostics_after(client, path.as_uri(), open_file(client, path, REPORT))
        assert len(diagnostics) == 1
        assert "tifa.toml:1: select: unknown rule 'TF999'" in diagnostics[0].message
        (tmp_path / "tifa.toml").write_text("", encoding="utf-8")
        change = types.FileEvent(uri=(tmp_path / "tifa.toml").as_uri(), type=types.FileChangeType.Changed)
        params = types.DidChangeWatchedFilesParams(changes=[change])
        notify = lambda: client.workspace_did_change_watched_files(params)  # noqa: E731
        assert len(await diagnostics_after(client, path.as_uri(), notify)) == 2
        (tmp_path / "tifa.toml").write_text('select = ["TF2"]\n', encoding="utf-8")  # no event: the times tell
        document = types.TextDocumentIdentifier(uri=path.as_uri())
        save = lambda: client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=document))  # noqa: E731
        assert await diagnostics_after(client, path.as_uri(), save) == []


def test_without_pygls_it_says_what_to_install() -> None:
    """``tifa lsp`` without pygls prints one line naming the extra and exits 2."""
    code = "import sys; sys.modules['pygls'] = None; from tifa.cli import main; sys.argv = ['tifa', 'lsp']; main()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr == "tifa: the language server needs pygls: pip install 'tifa-lint[lsp]'\n"
