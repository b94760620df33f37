"""Small, fast look-arounds shared by the detectors (no regex search over windows)."""

from __future__ import annotations

_SKIP = " \t:,("
_WORD_END = " \t\n\r([«\"'"


def prev_word(text: str, pos: int, limit: int = 40) -> str:
    """The word before ``pos`` in lower case, skipping spaces, colons and commas on this line."""
    end = pos
    floor = pos - limit if pos > limit else 0
    while end > floor and text[end - 1] in _SKIP:
        end -= 1
    # rfind runs in C; spaces and line ends are nearly all the separators there are. A miss
    # gives -1, and the word then starts at ``floor``.
    space = text.rfind(" ", floor, end)
    line = text.rfind("\n", floor, end)
    begin = (space if space > line else line) + 1 or floor
    return text[begin:end].lstrip("\t([«\"'").lower()


def prev_words(text: str, pos: int, count: int) -> list[str]:
    """Up to ``count`` words before ``pos``, nearest first, in lower case."""
    out: list[str] = []
    for _ in range(count):
        word = prev_word(text, pos)
        if not word:
            break
        out.append(word)
        pos = start_of_word(text, pos)
    return out


def start_of_word(text: str, pos: int) -> int:
    """Where the word before ``pos`` begins (skipping spaces, colons and commas)."""
    end = pos
    while end > 0 and text[end - 1] in _SKIP:
        end -= 1
    while end > 0 and text[end - 1] not in _WORD_END:
        end -= 1
    return end
