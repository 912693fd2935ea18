"""The windows and candidates of the literal-rendering rule (TF105, :mod:`tifa.rules.literal`).

A window is a run of content words in which each word shares a glossary entry with the next;
a candidate is a stretch of a window whose words render an entry's term. What a window or a
run of it yields depends only on its words, so both are remembered per lexicon: phrases
repeat across a corpus.
"""

from __future__ import annotations

import re
from functools import reduce
from itertools import compress, count, islice
from operator import itemgetter, or_

from tifa.english import COMPOUND_LINKS
from tifa.glossary.lexicon import CACHE_LIMIT, LiteralLexicon, PerLexicon, remember
from tifa.rules.literal_fit import Candidate, Token, fit

# Words, commas and stops; quotes are transparent, any other mark ends a stretch.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s'\"]")
# The same tokens in ASCII text, found faster.
_ASCII_TOKEN = re.compile(r"[a-z0-9]+|[^a-z0-9\s'\"_]")
# A run of neighbouring content words that share an entry, in the bytes of their pairs' flags.
_SHARING_RUN = re.compile(b"\x01+")


# A window's tokens, its candidates, and where in the collapsed text each token stands.
Window = tuple[list[Token], list[Candidate], list[tuple[int, int]]]
# Per lexicon: a window's words (and what stands before them) → its tokens and candidates, or None.
_SCANS: PerLexicon[tuple[int, bool, tuple[str, ...]], tuple[list[Token], list[Candidate]] | None] = PerLexicon()
# Per lexicon: an entry and a run's tokens → where in the run it is rendered, and how well.
_FITS: PerLexicon[tuple[int, tuple[str, ...]], tuple[int, int, int] | None] = PerLexicon()
# Per lexicon: the entries whose runs span the same words, and those words → what _fit_runs found.
_SPANS: PerLexicon[tuple[int, tuple[str, ...]], tuple[tuple[int, int, int, int], ...]] = PerLexicon()
# Per lexicon: a word and its three flags → its token in a Party text.
_TOKENS: PerLexicon[tuple[str, bool, bool, bool], Token] = PerLexicon()


def windows(text: str, lexicon: LiteralLexicon, allowed: int) -> list[Window]:
    """The runs of content words of ``text`` in which each word shares an entry with the next, and that have candidates.

    Every literal rendering lies inside one. Words, masks, neighbouring pairs and the runs of
    pairs are made by C-level iterators (``findall``, ``map``, ``compress``, a bytes regex)
    over dictionary look-ups; Python work is spent only per run, and only once for a run
    written the same way before.
    """
    tokenizer = _ASCII_TOKEN if text.isascii() else _TOKEN  # text is lower case
    words = tokenizer.findall(text)
    masks = lexicon.word_masks(words)
    positions = list(compress(count(), map(_NOT_NEGATIVE, masks)))
    if len(positions) < 2:
        return []
    content = list(itemgetter(*positions)(masks))
    if allowed != -1:
        content = list(map(allowed.__and__, content))
    shared = list(map(int.__and__, content, islice(content, 1, None)))
    runs = _SHARING_RUN.finditer(bytes(map(bool, shared)))
    spans: list[tuple[int, int]] = []
    found: list[Window] = []
    remembered = _SCANS(lexicon)
    for run in runs:
        first, last = run.start(), run.end()  # content words first..last: each shares an entry with the next
        scanned = _scanned(words, positions, content, first, last, lexicon, allowed, shared, remembered)
        if scanned is not None:
            spans = spans or list(map(_SPAN, tokenizer.finditer(text)))
            found.append((*scanned, [spans[positions[k]] for k in range(first, last + 1)]))
    return found


def _scanned(
    words: list[str],
    positions: list[int],
    content: list[int],
    first: int,
    last: int,
    lexicon: LiteralLexicon,
    allowed: int,
    shared: list[int],
    remembered: dict[tuple[int, bool, tuple[str, ...]], tuple[list[Token], list[Candidate]] | None],
) -> tuple[list[Token], list[Candidate]] | None:
    """The tokens and candidates of content words ``first`` to ``last``, or None when there are no candidates.

    They depend only on the words from the one after the content word before ``first`` to
    the last (what stands before the first word makes its ``after_comma`` and ``linked``),
    so they are ``remembered`` by those words: phrases repeat across a corpus.
    """
    start = positions[first - 1] + 1 if first else positions[first]
    key = (allowed, first == 0, tuple(words[start : positions[last] + 1]))
    if key in remembered:
        return remembered[key]
    scanned = None
    openings, closings = lexicon.end_masks(itemgetter(*positions[first : last + 1])(words))
    if _may_render_a_term(reduce(or_, shared[first:last]), openings, closings, lexicon):
        entries = content[first : last + 1]
        runs = _promising_runs(entries, openings, closings, lexicon)
        if runs:
            tokens = _tokens(words, positions, first, last, lexicon, allowed)
            candidates = _candidates(tokens, runs, lexicon)
            if candidates:
                scanned = (tokens, candidates)
    remember(remembered, key, scanned)
    return scanned


def _may_render_a_term(shared: int, openings: list[int], closings: list[int], lexicon: LiteralLexicon) -> bool:
    """True when some entry two neighbouring words share (``shared``) can be opened and closed by some of them.

    ``openings`` and ``closings`` are the words' bit sets; the entries whose terms need more
    words than there are do not count.
    """
    too_long = lexicon.needs_more_than[min(len(openings), len(lexicon.needs_more_than) - 1)]
    return bool(shared & reduce(or_, openings) & reduce(or_, closings) & ~too_long)


def _tokens(
    words: list[str], positions: list[int], first: int, last: int, lexicon: LiteralLexicon, allowed: int
) -> list[Token]:
    """Content words ``first`` to ``last``, each with what stands between it and the content word before.

    Only function words and commas stand between content words. A token depends only on its
    word, the two flags and ``allowed``; those of a Party text (all entries allowed) are
    remembered.
    """
    tokens = []
    known = _TOKENS(lexicon) if allowed == -1 else {}
    if len(known) >= CACHE_LIMIT:
        known.clear()
    for number in range(first, last + 1):
        index = positions[number]
        word = words[index]
        between = words[positions[number - 1] + 1 : index] if number else ()
        after_comma = "," in between
        linked = _LINKS_AND_COMMA.issuperset(between)
        after_and = "and" in between
        token = known.get((word, after_comma, linked, after_and))
        if token is None:
            stemmed, entries, opening, closing = lexicon.word_entries(word)
            key = _fit_key(stemmed, word, after_comma=after_comma, linked=linked, after_and=after_and)
            bare = _fit_key(stemmed, word, after_comma=False, linked=True, after_and=False)
            token = Token(word, stemmed, entries & allowed, opening, closing, after_comma, linked, after_and, key, bare)
            known[word, after_comma, linked, after_and] = token
        tokens.append(token)
    return tokens


_LINKS_AND_COMMA = COMPOUND_LINKS | {","}
_SPAN = re.Match.span
_NOT_NEGATIVE = (-1).__lt__  # a mask of a content word or a mark, not of a function word or comma


def _fit_key(stemmed: str, word: str, *, after_comma: bool, linked: bool, after_and: bool) -> str:
    """What :func:`fit` reads of a token, as one string: the stem, the flags, and the endings it tests."""
    if linked and not after_comma and not after_and and not word.endswith(("ed", "ly")):
        return stemmed
    ending = word[-2:] if word.endswith(("ed", "ly")) else ""
    return f"{stemmed}|{',' if after_comma else ''}|{'' if linked else '~'}|{'&' if after_and else ''}|{ending}"


def _candidates(
    tokens: list[Token], runs: list[tuple[int, list[tuple[int, int]]]], lexicon: LiteralLexicon
) -> list[Candidate]:
    """The stretches of a window of ``tokens`` that render a term, those that render most first.

    Each entry is fitted once per run of two or more neighbouring words that may render its
    words and that has a word to open and a word to close its term. A fit depends only on the
    run's tokens, so the fits of the entries whose runs span the same words are remembered by
    those words, relative to the run's first word. Candidates are found in the order of the
    runs' last words, then of the entries.
    """
    found: list[Candidate] = []
    spans = _SPANS(lexicon)
    keys = [token.key for token in tokens]
    for last, groups in runs:
        here: list[Candidate] = []
        for first, entries in groups:
            # A fit never reads what stands before the run's first word: its stem and ending will do.
            stretch = (tokens[first].bare, *keys[first + 1 : last + 1])
            key = (entries, stretch)
            fitted = spans.get(key)
            if fitted is None:
                fitted = _fit_runs(tokens, first, last, entries, lexicon, stretch)
                remember(spans, key, fitted)
            for entry, start, end, rendered in fitted:
                here.append(Candidate(first + start, first + end, entry, rendered, first, last))
        if len(groups) > 1:
            here.sort(key=lambda candidate: candidate.entry)
        found.extend(here)
    found.sort(key=lambda found_: (-found_.rendered, found_.first - found_.last, found_.first))
    return found


def _fit_runs(
    tokens: list[Token], first: int, last: int, entries: int, lexicon: LiteralLexicon, stretch: tuple[str, ...]
) -> tuple[tuple[int, int, int, int], ...]:
    """``(entry, first, last, rendered)`` for each of ``entries`` the run ``[first, last]`` renders (relative)."""
    fits = _FITS(lexicon)
    fitted: list[tuple[int, int, int, int]] = []
    while entries:
        low = entries & -entries
        entries ^= low
        entry = low.bit_length() - 1
        key = (entry, stretch)
        if key in fits:
            one = fits[key]
        else:
            one = _fit_run(tokens, first, last, entry, lexicon)
            remember(fits, key, one)
        if one is not None:
            fitted.append((entry, *one))
    return tuple(fitted)


def _fit_run(
    tokens: list[Token], first: int, last: int, entry: int, lexicon: LiteralLexicon
) -> tuple[int, int, int] | None:
    """Where in the run ``[first, last]`` the entry's term is rendered, relative to ``first``, and how well."""
    model = lexicon.models[entry]
    assert model is not None
    stems = {token.stem for token in tokens[first : last + 1]}
    if not any(lattice.may_render(stems) for lattice in model.lattices):
        return None
    candidate = fit(tokens, first, last, entry, model, lexicon)
    if candidate is None:
        return None
    return candidate.first - first, candidate.last - first, candidate.rendered


def _promising_runs(
    entries: list[int], openings: list[int], closings: list[int], lexicon: LiteralLexicon
) -> list[tuple[int, list[tuple[int, int]]]]:
    """For each word where promising runs end: its index, and each first word with the entries whose runs start there.

    ``entries``, ``openings`` and ``closings`` are the bit sets of a window's words. One pass
    carries, for each entry, whether its current run has lasted two words, has met a word that
    can open its term and one that can close it; a run is reported where it ends, for the
    entries whose terms need no more words than it has.
    """
    needs_more_than = lexicon.needs_more_than
    longest = len(needs_more_than) - 1
    alive = opened = closed = lasting = 0
    found = []
    for index, (here, following) in enumerate(zip(entries, [*entries[1:], 0], strict=True)):
        lasting = (lasting | alive) & here  # runs of two words or more
        opened = (opened & here) | (openings[index] & here)
        closed = (closed & here) | (closings[index] & here)
        alive = here
        ending = here & ~following & opened & closed & lasting
        if not ending:
            continue
        groups = []
        first = index - 1
        while ending:
            before = entries[first - 1] if first > 0 else 0
            starting = ending & ~before & ~needs_more_than[min(index - first + 1, longest)]
            if starting:
                groups.append((first, starting))
            ending &= before
            first -= 1
        if groups:
            found.append((index, groups))
    return found
