"""Which ambient loop plays in which place: one table for the window and the browser page.

The loops are assets/sound/ambient_<loop>.wav and the interface sounds assets/sound/ui_<name>.wav,
made by tools/make_sound.py. Places not listed are quiet.
"""

from __future__ import annotations

PLACE_SOUNDS = {
    "bar_night": "crowd", "party_kitchen": "crowd",
    "street_night": "city", "party_yard": "city", "taxi_night": "city",
    "cottage_rain": "rain", "coast_rain": "rain",
    "coast_morning": "sea", "climbing_wall": "hall",
    "flat_evening": "room", "flat_night": "room", "flat_morning": "room", "home_night": "room",
    "home_morning": "room", "marcus_flat": "room",
}
EFFECTS = ("move", "select", "back")


def loop_for(place: str | None) -> str | None:
    """The ambient loop of a place, or None where it is quiet."""
    return PLACE_SOUNDS.get(place or "")
