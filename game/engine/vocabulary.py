"""The game's fixed words, defined once: ending kinds and move families, as data and as a player reads them.

The behaviour tags and their families live in tags.py; this module adds the ending kinds and the words the
front ends, reports and tools show for both, so that no module spells them out again.
"""

from __future__ import annotations

from game.engine.tags import CORROSIVE, FAMILIES, NEUTRAL, PURSUE, SECURE, WITHDRAW

__all__ = ["BREAKUP", "ENDING_KINDS", "ESCALATION", "FAMILIES", "FAMILY_WORDS", "GROWTH", "KIND_WORDS",
           "MOVE_FAMILIES", "kind_word"]

GROWTH, ESCALATION, BREAKUP = "growth", "escalation", "breakup"
ENDING_KINDS = (GROWTH, ESCALATION, BREAKUP)  # what an ending's `kind:` may say, in the order reports list them
KIND_WORDS = {GROWTH: "Growth", ESCALATION: "Escalation", BREAKUP: "Breakup"}

MOVE_FAMILIES = (SECURE, PURSUE, WITHDRAW, CORROSIVE)  # the families a player's moves are counted in
FAMILY_WORDS = {SECURE: "Secure", PURSUE: "Pursue", WITHDRAW: "Withdraw", CORROSIVE: "Corrosive", NEUTRAL: "Neutral"}


def kind_word(kind: str) -> str:
    """An ending kind as a heading shows it (an unknown kind as written)."""
    return KIND_WORDS.get(kind, kind)
