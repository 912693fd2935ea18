"""``tifa lsp``: the language server, on pygls, that editors start over standard input and output.

Diagnostics are published when a file is opened or saved and, while it is edited, once typing
pauses for :data:`DEBOUNCE_SECONDS`. Code actions, hover and the configuration and glossary
handling live in their own modules; this one only wires them to the protocol.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from tifa import __version__
from tifa.errors import InputError, TifaError
from tifa.lsp.actions import FIX_ALL_KIND, Diagnose, code_actions
from tifa.lsp.diagnostics import SEVERITIES, SOURCE, Explanations, to_diagnostic
from tifa.lsp.hover import hover_at
from tifa.lsp.positions import PositionMap
from tifa.lsp.project import Linted, Project
from tifa.model import Finding, Severity, Span

DEBOUNCE_SECONDS = 0.3
# The files whose change makes the server read configuration and glossaries again.
WATCHED = ("**/pyproject.toml", "**/tifa.toml", "**/.tifa.toml", "**/*.yaml", "**/*.yml")


class TifaServer(LanguageServer):
    """The tifa language server: one :class:`Project` and the latest lint of every open file."""

    def __init__(self, project: Project | None = None) -> None:
        super().__init__("tifa", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.project = project or Project()
        cache = self.project.cache_dir
        self.explanations = Explanations(cache) if cache is not None else None
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def positions(self, text: str) -> PositionMap:
        """A position map of ``text`` in the position encoding agreed with the client."""
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return PositionMap(text, str(getattr(encoding, "value", encoding)))

    def diagnose(self, linted: Linted, positions: PositionMap) -> Diagnose:
        """A function turning a finding of ``linted`` into its diagnostic."""

        def diagnostic(finding: Finding) -> types.Diagnostic:
            """The diagnostic of ``finding``, linked to its rule's explanation."""
            uri = self.explanations.uri(finding.code, linted.setup.glossary) if self.explanations else None
            return to_diagnostic(finding, positions, uri)

        return diagnostic

    def current(self, uri: str) -> Linted | None:
        """The lint of the open file ``uri`` as its text is now (linted again if it changed); None on an error."""
        text = self.workspace.get_text_document(uri).source
        held = self.linted.get(uri)
        if held is not None and held.document.text == text:
            return held
        return self.lint(uri)

    def lint(self, uri: str) -> Linted | None:
        """Lint the open file ``uri`` and publish its diagnostics (or the one error that stopped tifa)."""
        self.pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) or uri
        positions = self.positions(document.source)
        try:
            linted = self.project.lint(path, document.source)
        except TifaError as error:
            self.linted.pop(uri, None)
            self.publish(uri, document.version, [_error_diagnostic(error, path, positions)])
            return None
        self.linted[uri] = linted
        diagnose = self.diagnose(linted, positions)
        self.publish(uri, document.version, [diagnose(finding) for finding in linted.findings])
        return linted

    def lint_later(self, uri: str) -> None:
        """Lint ``uri`` once no change has come for :data:`DEBOUNCE_SECONDS`."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, self.lint, uri)

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        """Send the diagnostics of ``uri`` (for its text at ``version``) to the editor."""
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        self.text_document_publish_diagnostics(params)

    def reload(self) -> None:
        """Forget configurations and glossaries and lint every open file again."""
        self.project.forget()
        for uri in list(self.workspace.text_documents):
            self.lint(uri)


def _error_diagnostic(error: TifaError, path: str, positions: PositionMap) -> types.Diagnostic:
    """The one diagnostic shown when tifa cannot lint a file: at the error's line when the error is in it."""
    line = 0
    if (
        isinstance(error, InputError)
        and error.line is not None
        and os.path.abspath(error.path or path) == os.path.abspath(path)
    ):
        line = error.line - 1
    start = positions.offset(types.Position(line, 0))
    return types.Diagnostic(
        range=positions.range(Span(start, start)),
        message=f"tifa cannot check this file: {error}",
        severity=SEVERITIES[Severity.ERROR],
        source=SOURCE,
    )


async def initialized(ls: TifaServer, params: types.InitializedParams) -> None:
    """Ask the editor to report changes to configuration and glossary files, where it can."""
    watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watch and watch.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
        )
        registration = types.Registration("tifa-watch", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
        # A client that refuses still gets fresh settings: every lint compares the files' times.
        with contextlib.suppress(JsonRpcException):
            await ls.client_register_capability_async(types.RegistrationParams([registration]))


def did_open(ls: TifaServer, params: types.DidOpenTextDocumentParams) -> None:
    """Lint a file as soon as it is opened."""
    ls.lint(params.text_document.uri)


def did_change(ls: TifaServer, params: types.DidChangeTextDocumentParams) -> None:
    """Lint a changed file once typing pauses."""
    ls.lint_later(params.text_document.uri)


def did_save(ls: TifaServer, params: types.DidSaveTextDocumentParams) -> None:
    """Lint a file when it is saved."""
    ls.lint(params.text_document.uri)


def did_close(ls: TifaServer, params: types.DidCloseTextDocumentParams) -> None:
    """Forget a closed file and clear its diagnostics."""
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.linted.pop(uri, None)
    ls.publish(uri, None, [])


def did_change_watched_files(ls: TifaServer, params: types.DidChangeWatchedFilesParams) -> None:
    """Read configurations and glossaries again and lint the open files."""
    ls.reload()


def code_action(ls: TifaServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    """The code actions at a place (see :func:`tifa.lsp.actions.code_actions`)."""
    linted = ls.current(params.text_document.uri)
    if linted is None:
        return None
    positions = ls.positions(linted.document.text)
    only = [str(getattr(kind, "value", kind)) for kind in params.context.only or ()]
    request = positions.span(params.range)
    return code_actions(linted, params.text_document.uri, positions, request, ls.diagnose(linted, positions), only)


def hover(ls: TifaServer, params: types.HoverParams) -> types.Hover | None:
    """The hover at a place (see :func:`tifa.lsp.hover.hover_at`)."""
    linted = ls.current(params.text_document.uri)
    if linted is None:
        return None
    positions = ls.positions(linted.document.text)
    found = hover_at(linted, positions.offset(params.position))
    if found is None:
        return None
    span, text = found
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
    return types.Hover(contents=content, range=positions.range(span))


CODE_ACTION_OPTIONS = types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND])
HANDLERS: tuple[tuple[str, Callable[..., Any], object], ...] = (
    (types.INITIALIZED, initialized, None),
    (types.TEXT_DOCUMENT_DID_OPEN, did_open, None),
    (types.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
    (types.TEXT_DOCUMENT_DID_SAVE, did_save, None),
    (types.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, did_change_watched_files, None),
    (types.TEXT_DOCUMENT_CODE_ACTION, code_action, CODE_ACTION_OPTIONS),
    (types.TEXT_DOCUMENT_HOVER, hover, None),
)


def create_server(project: Project | None = None) -> TifaServer:
    """Build the server with its features registered."""
    server = TifaServer(project)
    for method, handler, options in HANDLERS:
        server.feature(method, options)(handler)
    return server


def serve() -> None:
    """Run the language server on standard input and output until the editor stops it."""
    create_server().start_io()
