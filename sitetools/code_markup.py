"""Lighter markup for highlighted code: no element for tokens drawn in the plain code colour.

Pygments wraps every token in a span, names and whitespace included. Material draws names
(class "n") in the code's own colour and gives whitespace (class "w") no style at all, so those
spans change nothing on screen, yet they are a quarter of a chapter's elements, and every
element costs the browser style and layout work when the page opens.
"""

from __future__ import annotations

import re

PLAIN_TOKEN_RE = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')


def drop_plain_token_spans(html: str) -> str:
    return PLAIN_TOKEN_RE.sub(r"\1", html)
