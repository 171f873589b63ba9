"""Turn parsed story files into the immutable Story, or into diagnostics.

Every check the engine needs to refuse a broken story lives here: structure,
types, ids, references, conditions and placeholders. The writer-facing rules
that are only advice (unreachable nodes, balance, tags) live in the linter.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.engine import codes
from game.engine.codegen import ShapeError, effects_function
from game.engine.conditions import ConditionError, compile_condition, parse_condition, subtrees
from game.engine.diagnostics import DiagnosticBag, Pos
from game.engine.model import (
    ALWAYS,
    ENDING_KINDS,
    MOODS,
    Adjustment,
    Branch,
    Character,
    Choice,
    EarlyEnding,
    Effects,
    Ending,
    EndingPart,
    FlagDef,
    Guard,
    Line,
    MeterDef,
    NO_EFFECTS,
    Node,
    RoleDef,
    Scene,
    Story,
    Target,
    link_early_endings,
)
from game.engine.fields import FieldReader, closest, did_you_mean, kind_of
from game.engine.loops import endless_nodes, loop_report
from game.engine.text import PRONOUNS
from game.engine.vocabulary import ROLE_HABITS
from game.engine.doc import Doc

REQUIRED_METERS = ("closeness", "safety")
BUILTIN_SPEAKERS = ("narrator", "you", "partner")
LINT_LEVELS = ("off", "warning", "error")
PLACE = re.compile(r"[a-z0-9_]+")

MANIFEST_KEYS = {"format", "id", "title", "version", "disclaimer", "about", "learn_more", "roles", "characters",
                 "scenes", "meters", "flags", "endings", "early_endings", "between_scenes", "lint"}
SCENE_KEYS = {"id", "title", "location", "content_notes", "summary", "flags", "characters", "start", "nodes"}
NODE_KEYS = {"lines", "effects", "choices", "branch", "goto", "end", "mirror", "inner", "location"}
LINE_KEYS = {"text", "speaker", "if", "mood"}
CHOICE_KEYS = {"id", "text", "if", "tags", "why", "effects", "adjust", "goto", "end", "lines"}
ROLE_KEYS = {"title", "blurb", "partner", "habit"}
METER_KEYS = {"min", "max", "start", "label", "hidden"}
FLAG_KEYS = {"description", "start", "scope"}
ENDING_KEYS = {"id", "kind", "title", "text", "when"}
ENDING_PART_KEYS = {"text", "if"}


class Builder(FieldReader):
    """Builds a Story from a manifest Doc and scene Docs, reporting into a DiagnosticBag."""

    def __init__(self, bag: DiagnosticBag):
        super().__init__(bag)
        self.meters: dict[str, MeterDef] = {}
        self.flags: dict[str, FlagDef] = {}
        self.characters: dict[str, Character] = {}
        self.cast = self.characters  # placeholders check against the characters declared so far
        self.ending_ids: set[str] = set()
        self.node_ids: dict[str, set[str]] = {}  # scene -> local node ids
        self.uses_chance = False  # some condition holds chance(N): games then draw their own seed
        self.flag_resets: list[str] = []  # flags back to their start between scenes (reset: or scope: scene)
        self.role_names: tuple[str, ...] = ()  # the manifest's roles, in its order: read before anything else
        self._bounds: dict[str, tuple[int, int]] = {}  # meter -> (min, max), for compiled effects
        self._effects: dict[tuple, Effects] = {}  # (deltas, set, clear, values) -> the Effects made for them
        self._parsed: dict[str, tuple] = {}  # condition text -> (its Cond or ConditionError, whether it reads a visits(node) of its scene)
        self._compiled: dict[tuple, object] = {}  # (condition text, its scene or None) -> predicate, for repeats

    def guard(self, doc: Doc, path: tuple, value, scene_id: str | None) -> Guard:
        if value is None:
            return ALWAYS
        if isinstance(value, bool):
            value = "true" if value else "false"
        found = doc.scalar(path)
        base, shift = found.pos, 1 if found.quoted else 0
        if not isinstance(value, (str, int)):
            self.bag.error(base, codes.WRONG_TYPE, f"a condition must be text, not {kind_of(value)}")
            return Guard(pos=base)
        text = str(value)
        parsed = self._parsed.get(text)
        if parsed is None:  # a text parses the same wherever it is written (a Cond is immutable: it can be shared)
            try:
                cond = parse_condition(text)
            except ConditionError as exc:
                parsed = self._parsed[text] = (exc, False)
            else:
                reads_scene = any(ref.kind == "visits" and "." not in ref.name for ref in cond.refs())
                parsed = self._parsed[text] = (cond, reads_scene)
        cond, reads_scene = parsed
        if isinstance(cond, ConditionError):
            self.bag.error(Pos(base.file, base.line, base.col + shift + cond.offset), codes.BAD_CONDITION, f"condition does not parse: {cond}")
            return Guard(pos=base)
        # Only visits(node) of the condition's own scene reads the scene: any other text checks and compiles the
        # same way wherever it is written, so it is done once.
        where = scene_id if reads_scene else None
        known = self._compiled.get((text, where))
        if known is not None:
            return Guard(cond, known, base)
        ok = True
        for ref in cond.refs():
            at = Pos(base.file, base.line, base.col + shift + ref.offset)
            if ref.kind == "flag" and ref.name not in self.flags:
                self.bag.error(at, codes.UNKNOWN_FLAG, f"unknown flag '{ref.name}'" + did_you_mean(ref.name, self.flags, self.meters, "meter"))
                ok = False
            elif ref.kind == "role_value" and self.role_names and ref.name not in self.role_names:
                hint = closest(ref.name, self.role_names)
                self.bag.error(at, codes.UNKNOWN_ROLE, f"unknown role '{ref.name}'" + (f"; did you mean '{hint}'?" if hint else "")
                               + f"; the story's roles are {' and '.join(self.role_names)}")
                ok = False
            elif ref.kind == "meter" and ref.name not in self.meters:
                self.bag.error(at, codes.UNKNOWN_METER, f"unknown meter '{ref.name}'" + did_you_mean(ref.name, self.meters, self.flags, "flag"))
                ok = False
            elif ref.kind == "visits":
                scene, _, local = ref.name.rpartition(".")
                scene = scene or scene_id
                if scene is None or local not in self.node_ids.get(scene, ()):
                    if "." in ref.name or scene is None:
                        hint = closest(ref.name, [f"{s}.{n}" for s, names in self.node_ids.items() for n in names])
                    else:
                        hint = closest(local, self.node_ids.get(scene, ()))
                    self.bag.error(at, codes.NO_SUCH_NODE, f"visits({ref.name}): no such node" + (f"; did you mean visits({hint})?" if hint else "")
                                   + ("" if scene_id or "." in ref.name else "; outside a scene write visits(scene.node)"))
                    ok = False
        if not ok:
            return Guard(cond, None, base)

        def visit_id(name: str, scene_id=scene_id) -> str:
            return name if "." in name else f"{scene_id}.{name}"

        if any(sub[0] == "chance" for sub in subtrees(cond.tree)):  # each place rolls on its own: no sharing
            self.uses_chance = True
            return Guard(cond, compile_condition(cond, visit_id, f"{Path(base.file).name}:{base.line}:{base.col}"), base)
        test = compile_condition(cond, visit_id)
        self._compiled[(text, where)] = test
        return Guard(cond, test, base)

    def effects(self, doc: Doc, path: tuple, value, skip=()) -> Effects:
        if value is None:
            return NO_EFFECTS
        data = self.mapping(doc, path, value, "effects")
        if data is None:
            return NO_EFFECTS
        deltas, set_flags, clear_flags, values = [], [], [], []
        for key, item in data.items():
            if key in skip:
                continue
            kpath = path + (key,)
            if key == "set_meter":
                values += self.meter_values(doc, kpath, item)
                continue
            if key in ("set", "clear"):
                for i, flag in enumerate(self.string_list(doc, kpath, item, f"'{key}'")):
                    if flag not in self.flags:
                        at = doc.pos(kpath + (i,)) if isinstance(item, list) else doc.pos(kpath)
                        self.bag.error(at, codes.UNKNOWN_FLAG, f"unknown flag '{flag}'" + did_you_mean(flag, self.flags, self.meters, "meter"))
                    (set_flags if key == "set" else clear_flags).append(flag)
            elif key in self.meters:
                delta = self.integer(doc, kpath, item, f"the change to '{key}'")
                if delta is not None:
                    meter = self.meters[key]
                    if abs(delta) > meter.max - meter.min:
                        self.bag.warning(doc.pos(kpath), codes.EFFECT_TOO_LARGE, f"'{key}: {delta}' changes {key} by more than its whole "
                                         f"range ({meter.min} to {meter.max}); effects add to the meter, they do not set it")
                    deltas.append((key, delta))
            else:
                self.bag.error(doc.kpos(kpath), codes.UNKNOWN_METER, f"unknown meter '{key}' in effects" + did_you_mean(key, self.meters, self.flags, "flag") + "; flags go under set: [...] or clear: [...]")
        if not (deltas or set_flags or clear_flags or values):
            return NO_EFFECTS
        key = (tuple(deltas), tuple(set_flags), tuple(clear_flags), tuple(values))
        known = self._effects.get(key)
        if known is None:  # the same effects recur all over a story; an Effects is immutable, so one is shared
            if len(self._bounds) != len(self.meters):  # meters are only ever added: worked out again when one is
                self._bounds = {name: (meter.min, meter.max) for name, meter in self.meters.items()}
            try:
                apply = effects_function(deltas, values, set_flags, clear_flags, self._bounds)
            except (ShapeError, KeyError):  # an unknown meter (already reported) or a shape that does not compile
                apply = None
            known = self._effects[key] = Effects(*key, apply)
        return known

    def meter_values(self, doc: Doc, path: tuple, value) -> list[tuple[str, int]]:
        """set_meter: {safety: 5} puts meters at a value (inside their range)."""
        out = []
        for name, number in (self.mapping(doc, path, value, "set_meter") or {}).items():
            if name not in self.meters:
                self.bag.error(doc.kpos(path + (name,)), codes.UNKNOWN_METER, f"unknown meter '{name}' in set_meter"
                               + did_you_mean(name, self.meters, self.flags, "flag"))
                continue
            number = self.integer(doc, path + (name,), number, f"the value for '{name}'")
            meter = self.meters[name]
            if number is not None and not meter.min <= number <= meter.max:
                self.bag.error(doc.pos(path + (name,)), codes.OUT_OF_BOUNDS, f"set_meter puts '{name}' at {number}, outside its "
                               f"range {meter.min} to {meter.max}")
            elif number is not None:
                out.append((name, number))
        return out

    # ---- declarations ----------------------------------------------------------
    def declare_flags(self, doc: Doc, path: tuple, value) -> None:
        data = self.mapping(doc, path, value, "flags")
        for name, spec in (data or {}).items():
            fpath = path + (name,)
            if self.ident(doc, fpath, name, "a flag name") is None:
                continue
            if name in self.meters:
                self.bag.error(doc.kpos(fpath), codes.DUPLICATE_ID, f"'{name}' is already a meter; a flag needs its own name")
                continue
            if name in self.flags:
                first = self.flags[name].pos
                self.bag.error(doc.kpos(fpath), codes.DUPLICATE_ID, f"flag '{name}' is declared twice (first at {first.file}:{first.line})")
                continue
            spec = spec if spec is not None else {}
            spec = self.mapping(doc, fpath, spec, f"flag '{name}'", FLAG_KEYS) or {}
            scope = spec.get("scope", "story")
            if scope not in ("story", "scene"):
                self.bag.error(doc.pos(fpath + ("scope",)), codes.WRONG_TYPE, f"a flag's scope is story or scene, not {scope!r}")
            elif scope == "scene":
                self.flag_resets.append(name)
            self.flags[name] = FlagDef(
                name,
                self.text(doc, fpath + ("description",), spec.get("description"), "a description", required=False, placeholders=False),
                self.boolean(doc, fpath + ("start",), spec["start"], "start") if "start" in spec else False,
                doc.kpos(fpath),
            )

    def declare_characters(self, doc: Doc, path: tuple, value) -> None:
        data = self.mapping(doc, path, value, "characters")
        for cid, spec in (data or {}).items():
            cpath = path + (cid,)
            if self.ident(doc, cpath, cid, "a character id") is None:
                continue
            if cid in BUILTIN_SPEAKERS or cid in self.characters:
                self.bag.error(doc.kpos(cpath), codes.DUPLICATE_ID, f"character '{cid}' is declared twice or shadows a built-in speaker")
                continue
            spec = self.mapping(doc, cpath, spec, f"character '{cid}'", {"name", "pronouns"}, required=("name",)) or {}
            pronouns = spec.get("pronouns", "they")
            if pronouns not in PRONOUNS:
                self.bag.error(doc.pos(cpath + ("pronouns",)), codes.WRONG_TYPE, f"pronouns must be one of {', '.join(PRONOUNS)}")
                pronouns = "they"
            self.characters[cid] = Character(cid, self.text(doc, cpath + ("name",), spec.get("name", cid), "a name", placeholders=False),
                                             pronouns, doc.kpos(cpath))

    def declare_meters(self, doc: Doc, path: tuple, value) -> None:
        data = self.mapping(doc, path, value, "meters", required=REQUIRED_METERS)
        for name, spec in (data or {}).items():
            mpath = path + (name,)
            if self.ident(doc, mpath, name, "a meter name") is None:
                continue
            spec = self.mapping(doc, mpath, spec, f"meter '{name}'", METER_KEYS, required=("min", "max", "start"))
            if spec is None:
                continue
            lo = self.integer(doc, mpath + ("min",), spec.get("min", 0), "min")
            hi = self.integer(doc, mpath + ("max",), spec.get("max", 10), "max")
            start = self.integer(doc, mpath + ("start",), spec.get("start", 0), "start")
            if None in (lo, hi, start):
                continue
            if not lo <= start <= hi:
                self.bag.error(doc.pos(mpath), codes.OUT_OF_BOUNDS, f"meter '{name}' needs min <= start <= max (got {lo}, {start}, {hi})")
            self.meters[name] = MeterDef(
                name, lo, hi, start,
                self.text(doc, mpath + ("label",), spec.get("label", name.replace("_", " ").capitalize()), "label", placeholders=False),
                self.boolean(doc, mpath + ("hidden",), spec["hidden"], "hidden") if "hidden" in spec else False,
                doc.kpos(mpath),
            )

    # ---- targets -----------------------------------------------------------------
    def target(self, doc: Doc, path: tuple, spec: dict, scene_id: str | None, what: str) -> Target | None:
        has_goto, has_end = "goto" in spec, "end" in spec
        if has_goto and has_end:
            self.bag.error(doc.pos(path), codes.TWO_WAYS_FORWARD, f"{what} has both 'goto' and 'end'; keep one")
            return None
        if has_end:
            end = spec["end"]
            if end not in ("scene", "story"):
                self.bag.error(doc.pos(path + ("end",)), codes.WRONG_TYPE, f"'end' must be scene or story, not {end!r}")
                return None
            return Target(end=end, pos=doc.pos(path + ("end",)))
        if has_goto:
            gpath = path + ("goto",)
            node = spec["goto"]
            if node is None or node == "":
                self.bag.error(doc.pos(gpath), codes.NO_SUCH_NODE, f"{what} has an empty goto: write the id of a node of scene '{scene_id}'")
                return None
            if not isinstance(node, str) or node not in self.node_ids.get(scene_id, ()):
                known = sorted(self.node_ids.get(scene_id, ()))
                hint = closest(str(node), known)
                self.bag.error(doc.pos(gpath), codes.NO_SUCH_NODE, f"goto target '{node}' is not a node of scene '{scene_id}'" + (f"; did you mean '{hint}'?" if hint else ""))
                return None
            return Target(node=node, pos=doc.pos(gpath))
        return None

    # ---- scenes --------------------------------------------------------------------
    def pre_scan_nodes(self, doc: Doc) -> None:
        """Record each scene's node ids before building, so targets can be checked in any order."""
        data = doc.data if isinstance(doc.data, dict) else {}
        sid = data.get("id")
        if isinstance(sid, str) and isinstance(data.get("nodes"), dict):
            self.node_ids.setdefault(sid, set()).update(k for k in data["nodes"] if isinstance(k, str))

    def scene(self, doc: Doc) -> Scene | None:
        data = self.mapping(doc, (), doc.data, "a scene file", SCENE_KEYS, required=("id", "title", "start", "nodes"))
        if data is None:
            return None
        sid = self.ident(doc, ("id",), data.get("id"), "the scene id")
        if sid is None:
            return None
        title = self.text(doc, ("title",), data.get("title", sid), "the scene title", placeholders=False)
        location, role_locations = self.scene_location(doc, data.get("location", "default"))
        notes = tuple(self.string_list(doc, ("content_notes",), data.get("content_notes", []), "content_notes"))
        for i, note in enumerate(notes):
            self.text(doc, ("content_notes", i) if isinstance(data.get("content_notes"), list) else ("content_notes",),
                      note, "a content note", placeholders=False)
        summary = self.text(doc, ("summary",), data.get("summary"), "the summary", required=False)
        nodes_raw = self.mapping(doc, ("nodes",), data.get("nodes", {}), "nodes") or {}
        nodes = {}
        for local, spec in nodes_raw.items():
            node = self.node(doc, ("nodes", local), sid, local, spec)
            if node is not None:
                nodes[local] = node
        starts = {}
        roles = self.role_names
        start_spec = self.mapping(doc, ("start",), data.get("start", {}), "start", set(roles) or None, required=roles) or {}
        for role in roles:
            if role in start_spec:
                node = start_spec[role]
                if not isinstance(node, str):
                    self.bag.error(doc.pos(("start", role)), codes.WRONG_TYPE, f"start node for {role} is a node id, not {_kind(node)}")
                elif node not in self.node_ids.get(sid, ()):
                    hint = closest(node, self.node_ids.get(sid, ()))
                    self.bag.error(doc.pos(("start", role)), codes.NO_SUCH_NODE, f"start node '{node}' for {role} is not a node of this scene"
                                   + (f"; did you mean '{hint}'?" if hint else ""))
                else:
                    starts[role] = node
        return Scene(sid, title, location, notes, summary, starts, nodes, doc.file, doc.pos(()), role_locations)

    def scene_location(self, doc: Doc, value) -> tuple[str, dict]:
        """`location: place`, or one place per role of the manifest: `location: {<role>: place, ...}`."""
        if isinstance(value, dict):
            roles = self.role_names
            spec = self.mapping(doc, ("location",), value, "location", set(roles) or None, required=roles) or {}
            places = {role: self.place(doc, ("location", role), spec[role]) for role in roles if role in spec}
            places = {role: place for role, place in places.items() if place}
            return places.get(roles[0] if roles else "", "default"), places
        return self.place(doc, ("location",), value) or "default", {}

    def place(self, doc: Doc, path: tuple, value) -> str | None:
        """A location name: the file name of a background, so lowercase letters, digits and _."""
        if not isinstance(value, str) or not PLACE.fullmatch(value):
            self.bag.error(doc.pos(path), codes.BAD_ID, "a location must be a name of lowercase letters, digits and _ "
                           f"(a background picture's name), not {value!r}")
            return None
        return value

    def node(self, doc: Doc, path: tuple, sid: str, local, spec) -> Node | None:
        if self.ident(doc, path, local, "a node id") is None:
            return None
        spec = self.mapping(doc, path, spec if spec is not None else {}, f"node '{local}'", NODE_KEYS)
        if spec is None:
            return None
        full = f"{sid}.{local}"
        lines = self.lines(doc, path, full, sid, spec)
        movers = [k for k in ("choices", "branch", "goto", "end") if k in spec]
        if not movers:
            self.bag.error(doc.kpos(path), codes.NO_WAY_FORWARD, f"node '{local}' has no way forward: add choices, branch, goto or end")
        elif len(movers) > 1:
            self.bag.error(doc.kpos(path), codes.TWO_WAYS_FORWARD, f"node '{local}' has {' and '.join(movers)}; a node moves on in exactly one way")
        choices = tuple(self.choices(doc, path + ("choices",), sid, full, spec["choices"])) if "choices" in spec else ()
        branches = tuple(self.branches(doc, path + ("branch",), sid, spec["branch"])) if "branch" in spec else ()
        goto = None
        if "goto" in spec or "end" in spec:
            goto = self.target(doc, path, {k: spec[k] for k in ("goto", "end") if k in spec}, sid, f"node '{local}'")
        mirror = None
        if "mirror" in spec:
            mirror = self.ident(doc, path + ("mirror",), spec["mirror"], "a mirror node id")
            known = self.node_ids.get(sid, set())
            if mirror is not None and mirror not in known:
                hint = closest(mirror, known)
                self.bag.error(doc.pos(path + ("mirror",)), codes.NO_SUCH_NODE, f"mirror: scene '{sid}' has no node '{mirror}'"
                               + (f"; did you mean '{hint}'?" if hint else ""))
                mirror = None
        inner = self.text(doc, path + ("inner",), spec["inner"], "inner", required=False) if "inner" in spec else ""
        location = self.place(doc, path + ("location",), spec["location"]) if "location" in spec else None
        return Node(full, local, sid, tuple(lines), self.effects(doc, path + ("effects",), spec.get("effects")),
                    choices, branches, goto, doc.kpos(path), mirror, inner, location)

    def lines(self, doc: Doc, path: tuple, owner: str, sid: str, spec: dict, empty_ok: bool = True) -> tuple:
        """The `lines:` of a node or a choice; line ids are `<owner>.<n>`, counted from 1."""
        if "lines" not in spec:
            return ()
        raw = spec["lines"]
        if not isinstance(raw, list):
            self.bag.error(doc.pos(path + ("lines",)), codes.WRONG_TYPE, f"lines must be a list, not {kind_of(raw)}")
            return ()
        if not raw and not empty_ok:
            self.bag.error(doc.pos(path + ("lines",)), codes.WRONG_TYPE, "a choice's lines (its reply) must not be empty; "
                           "leave `lines:` out when the move needs no reply")
        out = []
        for i, item in enumerate(raw):
            line = self.line(doc, path + ("lines", i), f"{owner}.{i + 1}", sid, item)
            if line is not None:
                out.append(line)
        return tuple(out)

    def line(self, doc: Doc, path: tuple, line_id: str, sid: str, item) -> Line | None:
        text_path = path + ("text",)
        if isinstance(item, str):  # `- "Hi."`: the text is the list item itself, quoted or not, at `path`
            item, text_path = {"text": item}, path
        spec = self.mapping(doc, path, item, "a line", LINE_KEYS, required=("text",))
        if spec is None:
            return None
        speaker = spec.get("speaker", "narrator")
        if not isinstance(speaker, str):
            self.bag.error(doc.pos(path + ("speaker",)), codes.WRONG_TYPE, f"a line's speaker is a character id, not {_kind(speaker)}")
            speaker = "narrator"
        elif speaker not in BUILTIN_SPEAKERS and speaker not in self.characters:
            hint = closest(str(speaker), [*BUILTIN_SPEAKERS, *self.characters])
            self.bag.error(doc.pos(path + ("speaker",)), codes.UNKNOWN_SPEAKER, f"unknown speaker '{speaker}'" + (f"; did you mean '{hint}'?" if hint else "; declare it under characters:"))
        mood = spec.get("mood")
        if mood is not None and mood not in MOODS:
            self.bag.error(doc.pos(path + ("mood",)), codes.WRONG_TYPE, f"mood must be one of {', '.join(MOODS)}")
            mood = None
        return Line(line_id, str(speaker), self.text(doc, text_path, spec.get("text"), "a line's text"),
                    self.guard(doc, path + ("if",), spec.get("if"), sid), mood, doc.pos(path))

    def choices(self, doc: Doc, path: tuple, sid: str, node_full: str, raw):
        if not isinstance(raw, list) or not raw:
            self.bag.error(doc.pos(path), codes.WRONG_TYPE, "choices must be a non-empty list")
            return
        seen: dict[str, tuple] = {}  # choice id -> its path; a line number is looked up only for a repeat
        for i, item in enumerate(raw):
            cpath = path + (i,)
            spec = self.mapping(doc, cpath, item, "a choice", CHOICE_KEYS, required=("id", "text"))
            if spec is None:
                continue
            cid = self.ident(doc, cpath + ("id",), spec.get("id"), "a choice id") if "id" in spec else None
            if cid is None:
                continue
            if cid in seen:
                self.bag.error(doc.pos(cpath + ("id",)), codes.DUPLICATE_ID, f"choice id '{cid}' is used twice in this node (first at line {doc.pos(seen[cid]).line})")
                continue
            seen[cid] = cpath + ("id",)
            target = self.target(doc, cpath, spec, sid, f"choice '{cid}'")
            if target is None and "goto" not in spec and "end" not in spec:
                self.bag.error(doc.pos(cpath), codes.NO_WAY_FORWARD, f"choice '{cid}' leads nowhere: add goto or end")
            tags = tuple(self.string_list(doc, cpath + ("tags",), spec.get("tags", []), "tags"))
            adjust = []
            raw_adjust = spec.get("adjust", [])
            if not isinstance(raw_adjust, list):
                self.bag.error(doc.pos(cpath + ("adjust",)), codes.WRONG_TYPE, "adjust must be a list of {if: ..., <meter>: delta}")
                raw_adjust = []
            for j, adj in enumerate(raw_adjust):
                apath = cpath + ("adjust", j)
                adj_spec = self.mapping(doc, apath, adj, "an adjustment", required=("if",))
                if adj_spec is None:
                    continue
                adjust.append(Adjustment(self.guard(doc, apath + ("if",), adj_spec.get("if"), sid),
                                         self.effects(doc, apath, adj_spec, skip=("if",))))
            yield Choice(
                f"{node_full}.{cid}", cid,
                self.text(doc, cpath + ("text",), spec.get("text"), "a choice's text"),
                tags,
                self.text(doc, cpath + ("why",), spec.get("why"), "why", required=False),
                self.guard(doc, cpath + ("if",), spec.get("if"), sid),
                self.effects(doc, cpath + ("effects",), spec.get("effects")),
                tuple(adjust),
                target or Target(),
                doc.pos(cpath),
                self.lines(doc, cpath, f"{node_full}.{cid}", sid, spec, empty_ok=False),
            )

    def branches(self, doc: Doc, path: tuple, sid: str, raw):
        if not isinstance(raw, list) or not raw:
            self.bag.error(doc.pos(path), codes.WRONG_TYPE, "branch must be a non-empty list of {if, goto}")
            return
        for i, item in enumerate(raw):
            bpath = path + (i,)
            spec = self.mapping(doc, bpath, item, "a branch", {"if", "goto", "end"})
            if spec is None:
                continue
            target = self.target(doc, bpath, spec, sid, "a branch")
            if target is None and "goto" not in spec and "end" not in spec:
                self.bag.error(doc.pos(bpath), codes.NO_WAY_FORWARD, "a branch needs goto or end")
                continue
            if target is not None:
                yield Branch(self.guard(doc, bpath + ("if",), spec.get("if"), sid), target)

    # ---- manifest ------------------------------------------------------------------
    def scene_entries(self, doc: Doc, value):
        """(index, scene id, guard) for each entry of `scenes:`: an id, or {id: ..., if: ...} for a scene that
        plays only when its condition holds as the scene before it ends."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.bag.error(doc.pos(("scenes",)), codes.WRONG_TYPE, f"scenes must be a list, not {kind_of(value)}")
            return
        for i, item in enumerate(value):
            path = ("scenes", i)
            if isinstance(item, dict):
                spec = self.mapping(doc, path, item, "a scene entry", {"id", "if"}, required=("id",)) or {}
                name = spec.get("id")
                if not isinstance(name, str):
                    if "id" in spec:
                        self.bag.error(doc.pos(path + ("id",)), codes.WRONG_TYPE, "a scene entry's id must be text")
                    continue
                yield i, name, self.guard(doc, path + ("if",), spec.get("if"), None)
            elif isinstance(item, str):
                yield i, item, Guard()
            else:
                self.bag.error(doc.pos(path), codes.WRONG_TYPE, f"scenes must hold scene ids or {{id, if}}, not {kind_of(item)}")


    def roles(self, doc: Doc, value) -> dict:
        """The story's roles (`roles:` in the manifest), in its order; every role plays every scene."""
        data = self.mapping(doc, ("roles",), value, "roles") or {}
        if isinstance(value, dict) and not value:
            self.bag.error(doc.pos(("roles",)), codes.MISSING_KEY, "roles needs at least one role")
        out = {}
        for role in data:
            if self.ident(doc, ("roles", role), role, "a role name") is None:
                continue
            spec = self.mapping(doc, ("roles", role), data[role] if data[role] is not None else {}, f"role '{role}'", ROLE_KEYS)
            if spec is None:
                continue
            path = ("roles", role)
            partner = self.mapping(doc, path + ("partner",), spec.get("partner", {}), "partner", {"name", "pronouns"}) or {}
            pronouns = partner.get("pronouns", "they")
            if pronouns not in PRONOUNS:
                self.bag.error(doc.pos(path + ("partner", "pronouns")), codes.WRONG_TYPE, f"pronouns must be one of {', '.join(PRONOUNS)}")
                pronouns = "they"
            habit = spec.get("habit")
            if habit is not None and habit not in ROLE_HABITS:
                self.bag.error(doc.pos(path + ("habit",)), codes.WRONG_TYPE,
                               f"a role's habit is {' or '.join(ROLE_HABITS)}, not {str(habit)[:40]!r}")
                habit = None
            out[role] = RoleDef(
                role,
                self.text(doc, path + ("title",), spec.get("title", role.capitalize()), "a role's title", placeholders=False),
                self.text(doc, path + ("blurb",), spec.get("blurb"), "a role's blurb", required=False, placeholders=False),
                self.text(doc, path + ("partner", "name"), partner.get("name", "Sam"), "partner name", placeholders=False),
                pronouns,
                habit,
            )
        return out

    def endings(self, doc: Doc, value) -> tuple[Ending, ...]:
        if not isinstance(value, list) or not value:
            self.bag.error(doc.pos(("endings",)), codes.WRONG_TYPE, "endings must be a non-empty list")
            return ()
        out = []
        for i, item in enumerate(value):
            path = ("endings", i)
            spec = self.mapping(doc, path, item, "an ending", ENDING_KEYS, required=("id", "kind", "title", "text"))
            if spec is None:
                continue
            eid = self.ident(doc, path + ("id",), spec.get("id"), "an ending id")
            kind = spec.get("kind")
            if kind not in ENDING_KINDS:
                self.bag.error(doc.pos(path + ("kind",)), codes.UNKNOWN_ENDING_KIND, f"ending kind must be one of {', '.join(ENDING_KINDS)}, not {kind!r}")
            if eid is None:
                continue
            if eid in self.ending_ids:
                self.bag.error(doc.pos(path + ("id",)), codes.DUPLICATE_ID, f"ending id '{eid}' is used twice")
                continue
            self.ending_ids.add(eid)
            parts = self.ending_parts(doc, path + ("text",), spec.get("text"))
            if isinstance(spec.get("text"), list):
                text = "\n".join(part.text for part in parts)
            else:
                text = self.text(doc, path + ("text",), spec.get("text"), "text")
            out.append(Ending(eid, str(kind), self.text(doc, path + ("title",), spec.get("title"), "an ending title", placeholders=False),
                              text, self.guard(doc, path + ("when",), spec.get("when"), None), doc.pos(path), parts))
        return tuple(out)

    def ending_parts(self, doc: Doc, path: tuple, value) -> tuple[EndingPart, ...]:
        """An ending's `text` written as a list of paragraphs, each plain text or `{text, if}` (like a node's lines)."""
        if not isinstance(value, list):
            return ()
        if not value:
            self.bag.error(doc.pos(path), codes.EMPTY_TEXT, "an ending's text is empty: the player would see nothing there")
            return ()
        out = []
        for i, item in enumerate(value):
            ipath = path + (i,)
            if isinstance(item, str):
                out.append(EndingPart(self.text(doc, ipath, item, "an ending paragraph"), Guard(), doc.pos(ipath)))
                continue
            spec = self.mapping(doc, ipath, item, "an ending paragraph", ENDING_PART_KEYS, required=("text",))
            if spec is None:
                continue
            out.append(EndingPart(self.text(doc, ipath + ("text",), spec.get("text"), "an ending paragraph"),
                                  self.guard(doc, ipath + ("if",), spec.get("if"), None), doc.pos(ipath)))
        if out and all(part.guard.cond is not None for part in out):
            self.bag.error(doc.pos(path), codes.EMPTY_TEXT, "every paragraph of this ending has an `if`: when none holds the "
                           "player would see no text; give at least one paragraph no `if`")
        return tuple(out)

    def early_endings(self, doc: Doc, value) -> tuple[EarlyEnding, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.bag.error(doc.pos(("early_endings",)), codes.WRONG_TYPE, "early_endings must be a list of {when, ending}")
            return ()
        out = []
        for i, item in enumerate(value):
            path = ("early_endings", i)
            spec = self.mapping(doc, path, item, "an early ending", {"when", "ending"}, required=("when", "ending"))
            if spec is None:
                continue
            ending = spec.get("ending")
            if not isinstance(ending, str):
                self.bag.error(doc.pos(path + ("ending",)), codes.WRONG_TYPE, f"an early ending's 'ending' is an ending id, not {_kind(ending)}")
                continue
            if ending not in self.ending_ids:
                self.bag.error(doc.pos(path + ("ending",)), codes.UNKNOWN_ENDING, f"unknown ending '{ending}'")
                continue
            out.append(EarlyEnding(self.guard(doc, path + ("when",), spec.get("when"), None), ending, doc.pos(path)))
        return tuple(out)

    def drift(self, doc: Doc, value) -> tuple:
        """between_scenes: `recover` raises meters below their start; `reset` puts meters back to it."""
        data = self.mapping(doc, ("between_scenes",), value or {}, "between_scenes", {"recover", "reset"}) or {}
        out = []
        recover = self.mapping(doc, ("between_scenes", "recover"), data.get("recover", {}), "recover") or {}
        for name, points in recover.items():
            path = ("between_scenes", "recover", name)
            if name not in self.meters:
                self.bag.error(doc.kpos(path), codes.UNKNOWN_METER, f"unknown meter '{name}'")
                continue
            number = self.integer(doc, path, points, f"the recovery of '{name}'")
            if number is not None and number < 0:
                self.bag.error(doc.pos(path), codes.WRONG_TYPE, "recovery is a number of points, 0 or more")
            elif number:
                out.append((name, number))
        for i, name in enumerate(self.string_list(doc, ("between_scenes", "reset"), data.get("reset", []), "reset")):
            if name in self.flags:
                self.flag_resets.append(name)
            elif name not in self.meters:
                hint = closest(name, [*self.meters, *self.flags])
                self.bag.error(doc.pos(("between_scenes", "reset", i)), codes.UNKNOWN_METER, f"unknown meter or flag '{name}'"
                               + (f"; did you mean '{hint}'?" if hint else ""))
            else:
                out.append((name, None))
        return tuple(out)

    def lint_levels(self, doc: Doc, value) -> dict:
        data = self.mapping(doc, ("lint",), value or {}, "lint") or {}
        out = {}
        for code, level in data.items():
            if level is False:  # `off` written unquoted may arrive as a word; tolerate false too
                level = "off"
            if level not in LINT_LEVELS:
                self.bag.error(doc.pos(("lint", code)), codes.WRONG_TYPE, f"lint level must be one of {', '.join(LINT_LEVELS)}")
                continue
            if str(code)[:3] in codes.FIXED_GROUPS:
                self.bag.warning(doc.kpos(("lint", code)), codes.LINT_SETTING_NO_EFFECT, f"lint setting for '{code}' has no effect: it is an "
                                 "error the story cannot be built with, and errors cannot be switched off")
                continue
            out[str(code)] = level
        return out


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "empty"}.get(type(value), "a number")


def build_story(manifest: Doc, scene_docs: list[Doc], bag: DiagnosticBag, content_hash: str, root: Path) -> Story | None:
    b = Builder(bag)
    data = b.mapping(manifest, (), manifest.data, "the manifest", MANIFEST_KEYS,
                     required=("id", "title", "version", "roles", "scenes", "meters", "endings"))
    if data is None:
        return None
    if "format" in data and data["format"] != 1:
        bag.error(manifest.pos(("format",)), codes.BAD_FORMAT, f"story format {data['format']!r} is not supported; this Tether reads format 1")
    sid = b.ident(manifest, ("id",), data.get("id"), "the story id") or "story"
    b.declare_meters(manifest, ("meters",), data.get("meters", {}))
    b.declare_flags(manifest, ("flags",), data.get("flags") or {})
    b.declare_characters(manifest, ("characters",), data.get("characters") or {})
    for doc in scene_docs:
        if isinstance(doc.data, dict):
            if "flags" in doc.data:
                b.declare_flags(doc, ("flags",), doc.data["flags"] or {})
            if "characters" in doc.data:
                b.declare_characters(doc, ("characters",), doc.data["characters"] or {})
        b.pre_scan_nodes(doc)
    roles = b.roles(manifest, data.get("roles", {}))
    b.role_names = tuple(roles)
    endings = b.endings(manifest, data.get("endings"))
    scenes_by_id: dict[str, Scene] = {}
    for doc in scene_docs:
        scene = b.scene(doc)
        if scene is None:
            continue
        if scene.id in scenes_by_id:
            bag.error(doc.pos(("id",)), codes.DUPLICATE_ID, f"scene id '{scene.id}' is also used by {scenes_by_id[scene.id].file}")
            continue
        scenes_by_id[scene.id] = scene
        stuck = endless_nodes(scene)
        if stuck:
            at, message = loop_report(stuck)
            bag.error(at, codes.ENDLESS_LOOP, message)
    order = []
    scene_guards = {}
    for i, name, guard in b.scene_entries(manifest, data.get("scenes", [])):
        if name not in scenes_by_id:
            hint = closest(name, scenes_by_id)
            bag.error(manifest.pos(("scenes", i)), codes.NO_SCENE_FILE, f"scene '{name}' has no file in scenes/" + (f"; did you mean '{hint}'?" if hint else ""))
        elif name in order:
            bag.error(manifest.pos(("scenes", i)), codes.DUPLICATE_ID, f"scene '{name}' is listed twice")
        else:
            order.append(name)
            if guard.cond is not None:
                if len(order) == 1:
                    bag.error(guard.pos, codes.WRONG_TYPE, f"the first scene, '{name}', always plays: it cannot have `if`")
                scene_guards[name] = guard
    if not order and "scenes" in data:
        bag.error(manifest.pos(("scenes",)), codes.NO_SCENE_FILE, "the story lists no playable scene")
    for name, scene in scenes_by_id.items():
        if name not in order:
            bag.warning(scene.pos, codes.UNLISTED_SCENE, f"scene '{name}' is not listed in the manifest's scenes and will never play")
    early = b.early_endings(manifest, data.get("early_endings"))
    lint = b.lint_levels(manifest, data.get("lint"))
    drift = b.drift(manifest, data.get("between_scenes"))
    # Every field is read before the error check, so a bad title stops the build like any other error.
    title = b.text(manifest, ("title",), data.get("title"), "the story's title", placeholders=False)
    texts = {key: b.text(manifest, (key,), data.get(key), f"the story's {key}", required=False, placeholders=False)
             for key in ("disclaimer", "about", "learn_more")}
    version = manifest.number_text(("version",)) or str(data.get("version"))  # 1.10 is not 1.1
    if bag.has_errors:
        return None
    link_early_endings((node for name in order for node in scenes_by_id[name].nodes.values()), early)
    return Story(
        id=sid,
        title=title,
        version=version,
        **texts,
        roles=roles,
        characters=dict(b.characters),
        scene_order=tuple(order),
        scene_guards=scene_guards,
        scenes={name: scenes_by_id[name] for name in order},
        meters=dict(b.meters),
        flags=dict(b.flags),
        endings=endings,
        early_endings=early,
        drift=drift,
        flag_resets=tuple(dict.fromkeys(b.flag_resets)),
        uses_chance=b.uses_chance,
        lint_levels=lint,
        content_hash=content_hash,
        root=str(root),
        files=(manifest.file, *(d.file for d in scene_docs)),
        lines={line.id: line for name in order for node in scenes_by_id[name].nodes.values() for line in node.all_lines},
    )
