"""The game's fixed words, defined once: ending kinds, move families and role habits, as data and as a player
reads them.

The behaviour tags and their families live in tags.py; this module adds the ending kinds, the words the
front ends, reports and tools show for both, and what a role's `habit:` may say, so that no module spells them
out again. The roles themselves are the story's (its manifest's `roles:`): no module names them.
"""

from __future__ import annotations

from game.engine.tags import CORROSIVE, FAMILIES, NEUTRAL, PURSUE, SECURE, WITHDRAW

__all__ = ["BREAKUP", "ENDING_KINDS", "ESCALATION", "FAMILIES", "FAMILY_WORDS", "GROWTH", "KIND_WORDS",
           "MOVE_FAMILIES", "ROLE_HABITS", "kind_word", "partner_portrait"]

GROWTH, ESCALATION, BREAKUP = "growth", "escalation", "breakup"
ENDING_KINDS = (GROWTH, ESCALATION, BREAKUP)  # what an ending's `kind:` may say, in the order reports list them
KIND_WORDS = {GROWTH: "Growth", ESCALATION: "Escalation", BREAKUP: "Breakup"}

MOVE_FAMILIES = (SECURE, PURSUE, WITHDRAW, CORROSIVE)  # the families a player's moves are counted in
FAMILY_WORDS = {SECURE: "Secure", PURSUE: "Pursue", WITHDRAW: "Withdraw", CORROSIVE: "Corrosive", NEUTRAL: "Neutral"}


# What a role's `habit:` may say: the insecure family the role's moves pull toward under stress.
ROLE_HABITS = (PURSUE, WITHDRAW)
# The partner's portraits: the one who needs room when you play the one who pursues, and the reverse.
_PARTNER_PORTRAITS = {PURSUE: "partner_room", WITHDRAW: "partner_reach"}


def partner_portrait(story, role: str) -> str:
    """The portrait set the partner is drawn from for a player of `role`, from the role's habit in the story's
    manifest ("partner", whose pictures fall back on the default ones, for a role without a habit)."""
    spec = story.roles.get(role)
    return _PARTNER_PORTRAITS.get(spec.habit if spec is not None else None, "partner")


def kind_word(kind: str) -> str:
    """An ending kind as a heading shows it (an unknown kind as written)."""
    return KIND_WORDS.get(kind, kind)
