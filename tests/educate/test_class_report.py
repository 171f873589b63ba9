"""The class report answers a teacher's questions, offline and with no names."""

import re

import pytest

from game.engine.text import Partner, substitute
from game.tools.report_class import discussion_prompts
from tests.conftest import SHIPPED
from tests.educate.helpers import class_codes, pin
from tests.tools.helpers import tether

SCENES = ("first_message", "the_friends", "weekend_away")
QUESTIONS = """\
- {id: q_break, kind: choice, text: Which is a time-bounded break?, options: [Leave, Twenty minutes then back], answer: 1}
- {id: q_sure, kind: likert, text: I can spot the loop.}
- {id: q_note, kind: text, text: Anything else?}
"""


@pytest.fixture(scope="module")
def story():
    from game.engine import load_story

    return load_story(SHIPPED)


@pytest.fixture(scope="module")
def page(tmp_path_factory, story):
    folder = tmp_path_factory.mktemp("report")
    (folder / "before.yaml").write_text(QUESTIONS)
    (folder / "after.yaml").write_text(QUESTIONS.replace("id: q_", "id: post_"))
    assignment = folder / "wk5.tether.yaml"
    made = tether("assign", "new", "--title", "Week 5", "--scenes", ",".join(SCENES), "--codes", "4",
                  "--before", folder / "before.yaml", "--after", folder / "after.yaml", "-o", assignment)
    assert made.returncode == 0, made.stderr
    students = [
        ("K7Q2", "anxious", 1, None, {"q_break": 0, "q_sure": 2, "post_break": 1, "post_sure": 4}),
        ("M3XP", "avoidant", 2, None, {"q_break": 1, "q_sure": 3, "post_break": 1, "post_sure": 5,
                                       "post_note": "Alice Smith told me"}),
        ("ZZ9A", "anxious", 3, 2, {"q_break": 0}),  # stopped early, in the first scene
        ("HH4C", "avoidant", 4, None, {}),
    ]
    pin(assignment, [s[0] for s in students])
    pasted = folder / "pasted.txt"
    pasted.write_text("\n".join(class_codes(story, SCENES, students)) + "\nTETHER1-BROKENCODEXYZ\n")
    html = folder / "class.html"
    result = tether("report", "--codes", pasted, "--assignment", assignment, "--html", html)
    assert result.returncode == 0, result.stderr
    return html.read_text(encoding="utf-8")


def section(page, title):
    return page.split(f"<h2>{title}", 1)[1].split("<h2>", 1)[0]


def test_progress_by_code_shows_who_stopped_where(page):
    table = section(page, "Who got how far")
    assert "3 of 4 finished" in table
    rows = re.findall(r"<tr><td>(\w{4})</td><td>(\w+)</td><td>(\d) of 3</td><td>(yes|no)</td><td>([^<]*)</td>", table)
    assert rows[0][0] == "ZZ9A" and rows[0][3] == "no" and rows[0][4] == "The First Unanswered Message"
    assert {r[0] for r in rows} == {"K7Q2", "M3XP", "ZZ9A", "HH4C"} and all(r[2] == "3" for r in rows[1:])


def test_each_scene_sets_the_move_chosen_instead_beside_the_secure_one(page):
    part = page.split("<h3>Instead of the secure move</h3>", 1)[1].split("</table>", 1)[0]
    assert part.count('<td class="instead">') >= 2 and "safety" in part and 'class="secure"' in part
    assert re.search(r"safety [+-]?\d", part)


def test_roles_glossary_prompts_and_answers(page):
    side = section(page, "The two sides")
    assert "Played as the one who reaches" in side and "Played as the one who needs room" in side
    glossary = section(page, "What the move names mean")
    assert glossary.count("<dt>") >= 3 and "pursue-withdraw loop" in glossary or "bid for" in glossary
    prompts = section(page, "Talking about it")
    assert "What did &quot;Delivered&quot; mean to each of them?" in prompts
    assert "Saltings Cottage" in prompts and "Eleven Forty" not in prompts  # only the scenes played
    answers = section(page, "Questions before and after play")
    assert "before play 33% right (3 sessions)" in answers and "after play 100% right (2 sessions)" in answers
    assert "mean 2.5 on a 1–5 scale" in answers and "Alice" not in page  # shared free text is never on the page
    assert "1 log could not be counted" in page  # the broken code
    assert "Median meters" not in page and ("Where the meters stood" not in page or "These are medians" in page)


def test_the_page_stays_offline_and_prints_well(page):
    assert "<script" not in page and not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "break-after: avoid" in page and "break-inside: avoid" in page


def test_prompts_come_from_the_facilitator_guide(story):
    prompts = discussion_prompts(story)
    assert set(prompts) == set(story.scene_order) and "flooding" in prompts["the_fight"]


def test_a_placeholder_starting_a_sentence_gets_a_capital():
    nameless = Partner("your partner", "they")
    assert substitute('"Fair. I was rubbish. {partner} was very patient."', nameless) == \
        '"Fair. I was rubbish. Your partner was very patient."'
    assert substitute("{partner} waits. Tell {partner}! {they} know.", nameless) == "Your partner waits. Tell your partner! They know."
    assert substitute("Ask {them}, then {they} answer{s}.", Partner("Sam", "she")) == "Ask her, then she answers."
