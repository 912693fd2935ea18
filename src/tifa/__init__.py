"""tifa: lint and fix English translations of Chinese political texts against a glossary of standard renderings."""

# The one place the version is written (pyproject.toml reads it from here): looking it up in the
# installed metadata instead costs every start-up, pre-commit hooks included, some 30 ms.
__version__ = "0.1.0"
