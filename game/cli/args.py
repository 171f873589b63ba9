"""Command-line arguments that several commands share."""

from __future__ import annotations


def add_budget_arguments(parser, max_states: int, max_seconds: float, what: str) -> None:
    """--max-states and --max-seconds: how far exploration may go before it reports what it covered."""
    parser.add_argument("--max-states", type=int, default=max_states, metavar="N",
                        help=f"{what} per role before giving up on exactness (default {max_states})")
    parser.add_argument("--max-seconds", type=float, default=max_seconds, metavar="S",
                        help=f"time budget per role (default {max_seconds:g})")
