"""Full-text queries for the Lucene indexes (``patent_text`` and the others): one escaping
rule for every query the hub sends, so user text is always searched for what it says.

With the cjk analyzer a Chinese word becomes its character bigrams: a phrase keeps them
adjacent, a bare word only asks for some of them.
"""

from __future__ import annotations

import re

__all__ = ["all_words", "any_words", "escape"]

# Every character the classic query parser gives a meaning (``&&`` and ``||`` are two of
# them: a single escaped ``&`` or ``|`` is plain text, so escaping each one is safe).
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_OPERATOR = re.compile(r"\b(AND|OR|NOT)\b")


def escape(text: str) -> str:
    """``text`` with every query-syntax character escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def all_words(text: str) -> str:
    """A query requiring every whitespace-separated word, each as a phrase: ``锂电池``
    does not match a text that only has ``锂`` and ``电池``; ``C++`` or ``a:b`` search for
    what they say."""
    return " AND ".join(f'"{escape(word)}"' for word in text.split())


def any_words(text: str) -> str:
    """Free text as a relevance query: escaped, and the words AND/OR/NOT lowered so that
    they are searched for, not obeyed (the analyzer lowers them anyway)."""
    return _OPERATOR.sub(lambda m: m.group(0).lower(), escape(text))
