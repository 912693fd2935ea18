"""Reporters turn a run's findings into text for people or data for tools."""

from __future__ import annotations

from enum import Enum


class OutputFormat(str, Enum):
    """The output formats of ``tifa check``."""

    TEXT = "text"
    JSON = "json"
