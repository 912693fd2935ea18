"""tifa: lint and fix English translations of Chinese political texts against a glossary of standard renderings."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tifa-lint")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
