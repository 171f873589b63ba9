"""Sessions as xAPI 1.0.3 statements: what a learning-record store (LRS) keeps, with no names.

The actor is an account {homePage, name: the student's pseudonymous code}, never a name or an
e-mail. Each attempt has one `registration` UUID; statement ids are derived from it, so sending
the same session twice stores it once. Verbs: initialized, selected (one per choice, tags and
meters as result extensions), skipped, progressed (each scene finished, with the serious-games
progress extension), answered (questions, as cmi.interaction), completed (ending id and kind)
and terminated. Context: parents scene → story, grouping the assignment, category the xAPI
serious-games profile.
"""

from __future__ import annotations

import hashlib
import uuid

from game.engine.assignment import DEFAULT_HOMEPAGE, Assignment, Question
from game.engine.model import Story
from game.engine.tags import family_of
from game.engine.text import substitute
from game.tools.report import NAMELESS, Session

XAPI_VERSION = "1.0.3"
NAMESPACE = uuid.UUID("5f0a3c1e-7f1b-4c59-9d0e-2b6c1a7e9d41")  # Tether's namespace for uuid5 ids
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "initialized": ADL + "initialized",
    "selected": "https://w3id.org/xapi/adb/verbs/selected",
    "skipped": "http://id.tincanapi.com/verb/skipped",
    "progressed": ADL + "progressed",
    "answered": ADL + "answered",
    "completed": ADL + "completed",
    "terminated": ADL + "terminated",
}
SG = "https://w3id.org/xapi/seriousgames"
TYPES = {
    "story": SG + "/activity-types/serious-game",
    "scene": SG + "/activity-types/level",
    "choice": SG + "/activity-types/item",
    "assignment": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
}
PROGRESS = SG + "/extensions/progress"
EXT = "urn:tether:extension:"
CATEGORY = [{"id": SG, "objectType": "Activity", "definition": {"type": "http://adlnet.gov/expapi/activities/profile"}}]


def activity(kind: str, iri: str, name: str | None = None, **definition) -> dict:
    out = {"objectType": "Activity", "id": iri, "definition": {"type": TYPES[kind], **definition}}
    if name:
        out["definition"]["name"] = {"en": name}
    return out


class Ids:
    def __init__(self, story: Story, assignment_id: str | None):
        self.story = f"urn:tether:story:{story.id}"
        self.assignment = f"urn:tether:assignment:{assignment_id}" if assignment_id else None

    def scene(self, scene_id: str) -> str:
        return f"{self.story}:scene:{scene_id}"

    def choice(self, choice_id: str) -> str:
        return f"{self.story}:choice:{choice_id}"

    def question(self, qid: str) -> str:
        return f"{self.assignment or self.story}:question:{qid}"


def registration(session: Session, number: int) -> str:
    """One UUID per attempt, the same every time the same session is exported."""
    moves = "|".join(m["choice"] for m in session.moves)
    key = "\n".join([session.assignment_id or "", session.code or "", session.role, session.started or "",
                     str(number), hashlib.sha256(moves.encode()).hexdigest()])
    return str(uuid.uuid5(NAMESPACE, key))


def interaction(q: Question) -> dict:
    """A question's cmi.interaction definition."""
    if q.kind == "likert":
        return {"interactionType": "likert",
                "scale": [{"id": str(i), "description": {"en": str(label)}} for i, label in enumerate(q.options, 1)]}
    if q.kind == "choice":
        out = {"interactionType": "choice",
               "choices": [{"id": f"o{i}", "description": {"en": str(o)}} for i, o in enumerate(q.options)]}
        if q.answer is not None:
            out["correctResponsesPattern"] = [f"o{q.answer}"]
        return out
    return {"interactionType": "fill-in"}


def statements(session: Session, number: int, story: Story, assignment: Assignment | None = None) -> list[dict]:
    """The statements of one session, in the order things happened."""
    homepage = assignment.lrs.homepage if assignment else DEFAULT_HOMEPAGE
    ids = Ids(story, session.assignment_id or (assignment.id if assignment else None))
    reg = registration(session, number)
    actor = {"objectType": "Agent",
             "account": {"homePage": homepage, "name": session.code or f"anonymous-{reg[:8]}"}}
    story_act = activity("story", ids.story, story.title)
    grouping = [activity("assignment", ids.assignment, assignment.title if assignment else None)] \
        if ids.assignment else []
    choices = {c.id: c for c in story.all_choices()}
    questions = {q.id: q for q in assignment.questions} if assignment else {}
    before = {q.id for q in assignment.before} if assignment else set()
    out: list[dict] = []

    def add(verb: str, obj: dict, parents: list[dict], result: dict | None = None, timestamp: str | None = None,
            group: list[dict] | None = None) -> None:
        context = {"registration": reg, "contextActivities": {"category": CATEGORY}}
        if parents:
            context["contextActivities"]["parent"] = parents
        if group or grouping:
            context["contextActivities"]["grouping"] = (group or []) + grouping
        statement = {"id": str(uuid.uuid5(uuid.UUID(reg), str(len(out)))), "actor": actor,
                     "verb": {"id": VERBS[verb], "display": {"en-US": verb}}, "object": obj, "context": context,
                     "version": XAPI_VERSION}
        if result:
            statement["result"] = result
        if timestamp:
            statement["timestamp"] = timestamp
        out.append(statement)

    def answered(qids, when) -> None:
        for qid in qids:
            value = session.answers[qid]
            q = questions.get(qid)
            obj = activity("question", ids.question(qid), q.text if q else None, **(interaction(q) if q else {}))
            if q and q.kind == "choice":
                result = {"response": f"o{value}"}
                if q.answer is not None:
                    result["success"] = value == q.answer
            else:
                result = {"response": str(value)}
            add("answered", obj, [activity("assignment", ids.assignment)] if ids.assignment else [story_act], result,
                when)

    # The log keeps the start and end of an attempt, not of each move. Every statement carries one of
    # those two times: an LRS stamps a statement without one on arrival, and then the same statement
    # sent again no longer matches what it stored (Ralph answers 409).
    later = session.finished_at or session.started
    add("initialized", story_act, [], timestamp=session.started)
    answered([q for q in session.answers if q in before], session.started)
    assigned = session.assigned or list(story.scene_order)
    reached = session.scenes
    for position, scene_id in enumerate(reached):
        scene = story.scenes.get(scene_id)
        scene_act = activity("scene", ids.scene(scene_id), scene.title if scene else None)
        for move in (m for m in session.moves if m["choice"].split(".", 1)[0] == scene_id):
            choice = choices.get(move["choice"])
            extensions = {EXT + "tags": list(move["tags"]), EXT + "families": sorted(family_of(move["tags"])),
                          EXT + "meters-before": move["before"], EXT + "meters-after": move["after"]}
            add("selected", activity("choice", ids.choice(move["choice"]),
                                     substitute(choice.text, NAMELESS) if choice else None),
                [scene_act], {"extensions": extensions}, later, group=[story_act])
        if scene_id in session.skipped:
            add("skipped", scene_act, [story_act], timestamp=later)
        if position < len(reached) - 1 or session.done:
            done = sum(1 for s in assigned if s in reached[: position + 1])
            add("progressed", scene_act, [story_act],
                {"extensions": {PROGRESS: round(100 * done / max(1, len(assigned)))}}, later)
    answered([q for q in session.answers if q not in before], later)
    if session.done:
        if session.ending_id:
            extensions = {EXT + "ending": session.ending_id, EXT + "ending-kind": session.ending_kind}
        else:  # a part of the story: it ends with a debrief of the assigned scenes
            extensions = {EXT + "ending-kind": "debrief"}
        result = {"completion": True, "extensions": extensions}
        add("completed", story_act, [], result, timestamp=later)
    add("terminated", story_act, [], timestamp=later)
    return out


def all_statements(sessions: list[Session], story: Story, assignment: Assignment | None = None) -> list[dict]:
    out: list[dict] = []
    for number, session in enumerate(sessions):
        out.extend(statements(session, number, story, assignment))
    return out
