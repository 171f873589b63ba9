"""Command-line arguments that several commands share."""

from __future__ import annotations


def add_budget_arguments(parser, max_states: int, max_seconds: float | None, what: str) -> None:
    """--max-states (and, unless max_seconds is None, --max-seconds): how far exploration may go."""
    parser.add_argument("--max-states", type=int, default=max_states, metavar="N",
                        help=f"{what} per role before giving up on exactness (default {max_states})")
    if max_seconds is not None:
        parser.add_argument("--max-seconds", type=float, default=max_seconds, metavar="S",
                            help=f"time budget per role (default {max_seconds:g})")


def story_from_args(args):
    """The story named by a command's PATH argument (the shipped one by default), or None after
    printing why it cannot be built."""
    from game.cli.paths import default_story_dir
    from game.tools.load import load_or_report

    return load_or_report(args.path or default_story_dir())


def role_problem(story, role: str | None) -> str | None:
    """Why `--role` names no role of the story (None when it does, or is not given): the roles are the story's."""
    if role is None or role in story.roles:
        return None
    from game.engine.fields import closest

    hint = closest(role, story.roles)
    return (f"--role: the story has no role {role!r}; its roles are {' and '.join(story.roles)}"
            + (f"; did you mean {hint!r}?" if hint else ""))
