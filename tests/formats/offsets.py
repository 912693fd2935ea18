"""The exact-offset property every format adapter must have, checked character by character."""

from __future__ import annotations

import random
from collections.abc import Callable

from tifa.segments import Segment

SpellingDecoder = Callable[[str], str]


def spelled_characters(file_text: str, segment: Segment) -> list[str]:
    """The file's spelling of every character of ``segment.text``, in order."""
    if segment.char_starts is None or segment.char_ends is None:
        return list(file_text[segment.offset : segment.offset + len(segment.text)])
    assert len(segment.char_starts) == len(segment.char_ends) == len(segment.text)
    return [file_text[start:end] for start, end in zip(segment.char_starts, segment.char_ends, strict=True)]


def assert_exact_offsets(
    file_text: str, segment: Segment, decode_spelling: SpellingDecoder, *, samples: int | None = None
) -> None:
    """Assert that each character of the segment (or ``samples`` random ones) is spelled in the file as mapped.

    ``decode_spelling`` turns a spelling (the character itself, an escape, an entity, a tag
    standing for a separator) back into the character it stands for.
    """
    spellings = spelled_characters(file_text, segment)
    positions = list(range(len(segment.text)))
    if samples is not None and samples < len(positions):
        positions = sorted(random.Random(len(file_text)).sample(positions, samples))
    for index in positions:
        spelling = spellings[index]
        assert spelling, f"character {index} ({segment.text[index]!r}) maps to an empty span"
        assert decode_spelling(spelling) == segment.text[index], (index, spelling, segment.text[index])
    if segment.char_starts is not None and segment.char_ends is not None:
        assert segment.offset == segment.char_starts[0]
        assert all(start < end for start, end in zip(segment.char_starts, segment.char_ends, strict=True))
        assert all(
            end <= following for end, following in zip(segment.char_ends, segment.char_starts[1:], strict=False)
        ), "character spans overlap or go backwards"
