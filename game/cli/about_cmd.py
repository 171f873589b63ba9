"""`tether about`: the about page (with where to find help) and further reading, in the terminal."""

from __future__ import annotations

from game.cli.args import story_from_args


def register(sub) -> None:
    p = sub.add_parser("about", help="about the game, where to find support, and further reading",
                       description="Print the story's about page, its help lines and its learn-more page.")
    p.add_argument("path", nargs="?", help="story folder (default: the shipped story)")
    p.set_defaults(run=run)


def run(args) -> int:
    from game.text.play import show_about

    story = story_from_args(args)
    if story is None:
        return 1
    show_about(story, lambda text="", indent="": print(f"{indent}{text}"))
    return 0
