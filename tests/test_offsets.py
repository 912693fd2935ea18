"""The compact offset map gives every character the span the per-character tuples gave it."""

from __future__ import annotations

import pickle
from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from tifa.formats import po, xliff
from tifa.offsets import OffsetMap, OffsetView
from tifa.segments import Segment

# A spelling is a plain run (count characters spelled as themselves) or one escaped character
# of some width, each after a gap of skipped file characters (quotes, tags, line breaks).
spellings = st.lists(
    st.tuples(st.booleans(), st.integers(0, 4), st.integers(0, 6)),
    max_size=30,
)


def _built(pieces: list[tuple[bool, int, int]]) -> tuple[OffsetMap, list[int], list[int]]:
    """The map built as the readers build it, and the per-character lists the readers used to build."""
    offsets = OffsetMap()
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for plain, gap, size in pieces:
        position += gap
        if plain:
            offsets.add_plain(position, size)
            starts.extend(range(position, position + size))
            ends.extend(range(position + 1, position + size + 1))
            position += size
        else:
            offsets.add(position, position + size)
            starts.append(position)
            ends.append(position + size)
            position += size
    return offsets, starts, ends


@settings(max_examples=500, deadline=None)
@given(spellings)
def test_every_character_maps_as_the_lists_did(pieces: list[tuple[bool, int, int]]) -> None:
    offsets, starts, ends = _built(pieces)
    assert len(offsets) == len(offsets.starts) == len(starts)
    assert [offsets.start(index) for index in range(len(starts))] == starts
    assert [offsets.end(index) for index in range(len(ends))] == ends
    assert list(offsets.starts) == starts and list(offsets.ends) == ends
    assert offsets.starts == tuple(starts) and offsets.ends == tuple(ends)
    assert list(offsets.pairs()) == list(zip(starts, ends, strict=True))
    assert offsets.starts[1:] == tuple(starts[1:]) and offsets.ends[::-2] == tuple(ends[::-2])
    if starts:
        assert offsets.starts[-1] == starts[-1] and offsets.ends[-1] == ends[-1]


@settings(max_examples=300, deadline=None)
@given(spellings, st.integers(0, 200))
def test_bisecting_the_views_finds_what_bisecting_the_lists_found(
    pieces: list[tuple[bool, int, int]], offset: int
) -> None:
    offsets, starts, ends = _built(pieces)
    assert bisect_left(offsets.starts, offset) == bisect_left(starts, offset)
    assert bisect_left(offsets.ends, offset) == bisect_left(ends, offset)


@settings(max_examples=300, deadline=None)
@given(spellings, st.integers(0, 40), st.integers(0, 40))
def test_a_segment_spans_as_with_tuples(pieces: list[tuple[bool, int, int]], start: int, length: int) -> None:
    offsets, starts, ends = _built(pieces)
    if not starts:
        return
    text = "x" * len(starts)
    compact = Segment(text, starts[0], char_starts=offsets.starts, char_ends=offsets.ends)
    tuples = Segment(text, starts[0], char_starts=tuple(starts), char_ends=tuple(ends))
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert compact.file_span(start, end) == tuples.file_span(start, end)


@settings(max_examples=100, deadline=None)
@given(spellings)
def test_a_map_survives_pickling_and_compares_by_value(pieces: list[tuple[bool, int, int]]) -> None:
    offsets, starts, ends = _built(pieces)
    again = pickle.loads(pickle.dumps(offsets.starts))
    assert again == offsets.starts and hash(again) == hash(offsets.starts)
    assert OffsetMap.from_spans(starts, ends) == offsets


def test_plain_text_is_one_run_and_each_escape_adds_few() -> None:
    text = 'msgid "a"\nmsgstr "' + "plain words " * 1000 + '\\"quoted\\" ' + "more words " * 1000 + '"\n'
    (segment,) = po.read_segments(text)
    assert isinstance(segment.char_starts, OffsetView) and segment.char_starts.offsets.runs == 5
    target = "<target>" + "plain &amp; words " * 200 + "</target>"
    unit_xml = f'<trans-unit id="1"><source>s</source>{target}</trans-unit>'
    document = f'<xliff version="1.2"><file><body>{unit_xml}</body></file></xliff>'
    (unit,) = xliff.read_segments(document)
    assert unit.text.startswith("plain & words")
    assert isinstance(unit.char_starts, OffsetView) and unit.char_starts.offsets.runs == 401
