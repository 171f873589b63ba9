"""docs/psychology.md explains every behaviour tag in its own family, and the docs link only to files that exist."""

import re

from game.engine.tags import TAGS
from tests.tools.helpers import DOCS

TEXT = (DOCS / "psychology.md").read_text(encoding="utf-8")


def test_every_tag_is_explained_under_its_family():
    sections = re.split(r"\n### ", TEXT.split("## Every behaviour tag", 1)[1].split("\n## ", 1)[0])[1:]
    documented = {}
    for section in sections:
        family = re.search(r"\(family `(\w+)`\)", section.splitlines()[0]).group(1)
        for tag in re.findall(r"^- `(\w+)`, ", section, re.M):
            documented[tag] = family
    assert documented == {tag: info.family for tag, info in TAGS.items()}


def test_the_behaviour_table_uses_known_tags():
    table = TEXT.split("## Moves and how they usually land", 1)[1].split("\n## ", 1)[0]
    used = set(re.findall(r"^\| [^|]+ \| `(\w+)` \|", table, re.M))
    assert used and used <= set(TAGS)


def test_links_between_docs_resolve():
    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"
