"""French typography of Vigie's catalogue: what `tools/i18n.py update` sets right, and what it checks.

The rules, as the catalogue had them in its majority:

- a no-break space (U+00A0, not the narrow U+202F) before « : », « ; », « ? », « ! » where they
  punctuate prose (followed by a space, a closing sign or the end), and inside « »;
- the straight apostrophe ('), never the curly one;
- quotations between « », never between " or “ ”.

A colon or a sign that does not punctuate prose is left alone: times (07:55, hh:mm), addresses
(https://), placeholders ({host}:{port}, %1:%2); so is a program's name before its message, as a
terminal shows it (`vigie: …`, argparse's `%(prog)s: …`).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
CURLY_APOSTROPHE = "\u2019"

# A sign that punctuates prose: followed by a space, a closing sign or the end of the text.
_PROSE_SIGN = r"[:;?!](?=[\s)\]»]|$)"
# What may stand right before a prose sign without a space: a program's name opening its message.
_PROGRAM = re.compile(r"(?:^|\n)(?:vigie|%\(prog\)s)(?=:)")

_SPACES_BEFORE_SIGN = re.compile(r"[ \u00a0\u202f]+(?=" + _PROSE_SIGN + ")")
_GLUED_SIGN = re.compile(r"(?<=[^\s\u00a0\u202f])(?=" + _PROSE_SIGN + ")")
_OPENING = re.compile("«[ \u00a0\u202f]*")
_CLOSING = re.compile("[ \u00a0\u202f]*»")


def typeset(text: str) -> str:
    """*text* with the catalogue's typography: no-break spaces where French wants them, straight apostrophes."""
    text = text.replace(CURLY_APOSTROPHE, "'")
    text = _SPACES_BEFORE_SIGN.sub(NBSP, text)
    programs = {match.end() for match in _PROGRAM.finditer(text)}
    text = _GLUED_SIGN.sub(lambda match: "" if match.start() in programs else NBSP, text)
    text = _OPENING.sub("«" + NBSP, text)
    return _CLOSING.sub(NBSP + "»", text)


def faults(text: str) -> list[str]:
    """What in *text* breaks the catalogue's typography, each said in a few words ([] when nothing)."""
    found = []
    if CURLY_APOSTROPHE in text:
        found.append("curly apostrophe (the catalogue uses ')")
    if NARROW_NBSP in text:
        found.append("narrow no-break space (the catalogue uses U+00A0)")
    if re.search("[\"\u201c\u201d]", text):
        found.append("quotation marks other than « »")
    programs = {match.end() for match in _PROGRAM.finditer(text)}
    for match in re.finditer(_PROSE_SIGN, text):
        at = match.start()
        before = text[at - 1] if at else ""
        if at in programs:
            continue
        if before != NBSP or (at >= 2 and text[at - 2] in " \u00a0"):
            found.append(f"{text[at]!r} at {at} without a single no-break space before it")
    if re.search("«(?!\u00a0)|«\u00a0 ", text) or re.search("(?<!\u00a0)»| \u00a0»", text):
        found.append("« » without a no-break space inside")
    return found
