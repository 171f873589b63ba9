"""The behaviour vocabulary: every choice names the moves it makes (see docs/story-format.md)."""

from __future__ import annotations

from dataclasses import dataclass

SECURE, PURSUE, WITHDRAW, CORROSIVE, NEUTRAL = "secure", "pursue", "withdraw", "corrosive", "neutral"


@dataclass(frozen=True)
class TagInfo:
    tag: str
    family: str
    label: str
    summary: str


_TABLE = [
    ("protest", PURSUE, "Protest", "Repeated texts or calls demanding a response: a bid for closeness that reads as pressure."),
    ("reassurance_seeking", PURSUE, "Reassurance seeking", "Asking again to be told it's fine; the relief never lasts long."),
    ("pursue_talk", PURSUE, "Pursuing the talk", "Pressing for the conversation now, following the partner who is pulling away."),
    ("harsh_startup", PURSUE, "Harsh start-up", "Opening with an attack on character (always / never) instead of a complaint about a behaviour."),
    ("threat_to_leave", PURSUE, "Threat to leave", "A threat used as a test; tests damage the safety they try to prove."),
    ("stonewall", WITHDRAW, "Stonewalling", "Shutting down or leaving with no return time; to the partner it feels like abandonment."),
    ("minimise", WITHDRAW, "Minimising", "\"You're overreacting\": pushing the need away keeps the partner at arm's length."),
    ("deflect", WITHDRAW, "Deflecting", "A joke, a task or a change of subject that steps around the feeling."),
    ("turn_away", WITHDRAW, "Turning away", "Ignoring a bid for connection; small misses add up."),
    ("side_against_partner", WITHDRAW, "Siding against the partner", "Joining a third party against the partner in public."),
    ("contempt", CORROSIVE, "Contempt", "Sarcasm, eye-rolling, mockery: the most corrosive move, different from plain anger."),
    ("defensiveness", CORROSIVE, "Defensiveness", "Counter-blame or excuses in answer to a complaint (\"only because you...\"): the complaint is never heard."),
    ("soft_startup", SECURE, "Soft start-up", "A feeling, a specific situation and a positive need."),
    ("time_bounded_break", SECURE, "Time-bounded break", "A pause with a return time, and coming back: not a walk-out."),
    ("turn_toward", SECURE, "Turning toward", "Answering a bid for connection; small bids answered build trust."),
    ("repair", SECURE, "Repair attempt", "\"Can we start over?\" A way back into the conversation."),
    ("accept_repair", SECURE, "Accepting a repair", "Taking the partner's repair attempt; it counts as much as offering one."),
    ("take_responsibility", SECURE, "Taking responsibility", "Owning your part lowers the other's guard."),
    ("name_cycle", SECURE, "Naming the cycle", "Seeing the pursue-withdraw loop as the enemy, not each other."),
    ("share_softer_feeling", SECURE, "Sharing the softer feeling", "The fear or hurt under the reaction; it lands when the other is calm."),
    ("stay_and_reassure", SECURE, "Staying and reassuring", "Accessible, responsive, engaged: \"I'm not going anywhere. Tell me.\""),
    ("protect_couple", SECURE, "Protecting the couple", "Backing the partner in front of others; disagreeing later, in private."),
    ("self_soothe", SECURE, "Self-soothing", "Calming yourself without pulling away from the relationship."),
    ("co_regulation", SECURE, "Co-regulation", "Letting someone you trust help you calm down (a friend, a call) instead of pressing the partner."),
    ("neutral", NEUTRAL, "Everyday move", "An ordinary moment with no attachment weight."),
]

TAGS: dict[str, TagInfo] = {row[0]: TagInfo(*row) for row in _TABLE}
FAMILIES = (SECURE, PURSUE, WITHDRAW, CORROSIVE, NEUTRAL)


def family_of(tags) -> set[str]:
    return {TAGS[t].family for t in tags if t in TAGS}


SECURE_TAGS = frozenset(t for t, info in TAGS.items() if info.family == SECURE)


def is_secure(tags) -> bool:
    """A choice is a secure move when any of its tags is from the secure family."""
    return not SECURE_TAGS.isdisjoint(tags)
