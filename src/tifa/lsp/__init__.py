"""The tifa language server (``tifa lsp``): diagnostics, code actions and hover for editors.

It needs the ``lsp`` extra (pygls); the server module imports it, this package does not, so
that ``tifa lsp`` can tell a user without it what to install.
"""
