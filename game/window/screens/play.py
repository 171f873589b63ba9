"""Scene play: background, portrait, the dialogue box with its typewriter, and the choices."""

from __future__ import annotations

from game.engine.vocabulary import partner_portrait

from .. import input as ix
from ..canvas import LOGICAL_H, LOGICAL_W, Canvas
from ..portrait import ASPECT, PortraitView
from ..widgets import GAP, Item, ItemList, focus_ring, hit, panel, triangle
from .base import Screen
from .common import draw_background, place_of

BOX_X, BOX_W = 40, LOGICAL_W - 80
BOX_BOTTOM = LOGICAL_H - 20
BOX_PAD = 28
PORTRAIT_W, PORTRAIT_H = 360, 468
CARD_W = 220  # the face beside the choices
THUMB_W = 150  # the face beside choices that need the whole screen
CHOICES_W = 900


class PlayScreen(Screen):
    name = "play"

    def __init__(self, app):
        super().__init__(app)
        self.line = None
        self.reveal = 0.0
        self.scene_id = None
        self.face = PortraitView()
        self.choices: ItemList | None = None
        self.choice_moved = False
        self.hud = ItemList([], style="label", min_height=44)
        self.box_rect: tuple | None = None
        self.started_scene = False
        # When text is so large that the choices need the dialogue box's room, the last line stays
        # until the player moves on, so it is never replaced before it could be read.
        self.line_read = False
        self.choices_hidden = False
        self.hud_bottom = 60.0
        self.left_column_right = 0.0

    # keeping in step with the runner -------------------------------------------------
    @property
    def runner(self):
        return self.app.session.runner

    def on_push(self) -> None:
        self.sync(resume=True)

    def on_resume(self) -> None:
        self.sync(resume=True)

    def sync(self, resume: bool = False) -> None:
        """Show what the runner is at: after a load, an undo, a reload or a new scene."""
        runner = self.runner
        if runner is None:
            return
        if self.app.session.phase == "ending":
            self.app.show_ending()
            return
        new_scene = runner.scene.id != self.scene_id
        if new_scene:
            self.scene_id = runner.scene.id
            self.face.clear()
            self.app.art.prefetch(self.scene_faces())
            self.started_scene = True
            self.app.fade_in()
        line = runner.current_line
        if line is not None and not line.id.startswith(runner.scene.id + "."):
            line = None  # the last line shown belongs to the scene before
        if line is None and runner.phase == "delivering":
            self.show_line(self.app.session.advance())
        else:
            self.line = line
            self.line_read = False
            self.reveal = float(len(line.text)) if (line and resume) else 0.0
            if line:
                self._set_portrait(line)
        self._build_choices()

    def story_reloaded(self) -> None:
        """Writer mode reloaded the story: show the kept place afresh (its scene may be gone)."""
        if self.scene_id not in self.app.session.story.scenes:
            self.scene_id = None
        self.choices = None
        self.sync(resume=True)

    def show_line(self, line) -> None:
        self.line = line
        self.line_read = False
        self.reveal = 0.0 if self.app.chars_per_second() > 0 else float(len(line.text))
        self._set_portrait(line)
        self.choices = None

    def scene_faces(self) -> set[tuple[str, str | None]]:
        """Every (portrait, mood) a line of this scene may show, for the art to decode ahead of its frame."""
        runner = self.runner
        partner = partner_portrait(runner.story, runner.role)
        faces = set()
        for node in runner.scene.nodes.values():
            for line in (*node.lines, *(line for choice in node.choices for line in choice.lines)):
                if line.speaker not in ("narrator", "you"):
                    faces.add((partner if line.speaker == "partner" else line.speaker, line.mood))
        return faces

    @property
    def portrait(self) -> tuple[str, str | None] | None:
        return self.face.key

    def _set_portrait(self, line) -> None:
        animate = not (self.app.settings.reduce_motion or self.app.auto)
        if line.speaker == "partner":
            self.face.show(partner_portrait(self.runner.story, self.runner.role), line.mood, animate)
        elif line.speaker not in ("narrator", "you"):
            self.face.show(line.speaker, line.mood, animate)

    @property
    def revealing(self) -> bool:
        return self.line is not None and self.reveal < len(self.line.text)

    def _build_choices(self) -> None:
        if self.runner.phase != "awaiting_choice" or self.revealing:
            self.choices = None
            return
        if self.choices is None:
            items = [Item(str(c.index), c.text, number=c.index + 1) for c in self.runner.choices]
            # Nothing is focused: a run of Enter presses that finished the last line cannot also pick a
            # move. A choice takes a number key, a click, or the arrows and then Enter.
            self.choices = ItemList(items, focus=None)
            self.choice_moved = False

    # actions --------------------------------------------------------------------------
    def advance(self) -> None:
        runner = self.runner
        if self.revealing:
            self.reveal = float(len(self.line.text))
            self._build_choices()
            return
        self.started_scene = False
        if runner.phase == "delivering":
            self.show_line(self.app.session.advance())
            self._build_choices()
        else:
            self._scene_or_story_over()

    def _scene_or_story_over(self) -> None:
        """The session says what comes after play stops: a scene's debrief (also when an ending cuts a
        scene short; Continue there comes back here, and sync() goes on to the ending) or the ending."""
        phase = self.app.session.phase
        if phase == "scene_debrief":
            self.app.show_debrief()
        elif phase == "ending":
            self.app.show_ending()

    def choose(self, index: int) -> None:
        session = self.app.session
        session.choose(index)
        self.choices = None
        self.started_scene = False
        runner = self.runner
        if session.phase != "playing":
            self._scene_or_story_over()
        elif runner.phase == "delivering":
            self.show_line(session.advance())
            self._build_choices()
        else:
            self.line = None
            self._build_choices()

    def undo(self) -> None:
        if self.app.session.undo():
            self.choices = None
            self.sync(resume=True)
            self.app.toast("Went back to before your last choice.")

    def open_menu(self) -> None:
        self.app.open("pause")

    def open_backlog(self) -> None:
        self.app.open("backlog")

    # input ----------------------------------------------------------------------------
    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.CLICK:
            for item_id, rect in self.hud.rects.items():
                if hit(rect, intent.pos):
                    self._hud(item_id)
                    return
        if k == ix.POINTER:
            self.hud.handle(intent)
        if k in (ix.BACK, ix.MENU):
            self.open_menu()
            return
        if k in (ix.BACKLOG, ix.PAGE_UP) or (k == ix.SCROLL and intent.value > 0 and not self.choices):
            self.open_backlog()
            return
        if k == ix.UNDO:
            self.undo()
            return
        if self.choices is not None and self.choices_hidden and k in (ix.CONFIRM, ix.OTHER_KEY, ix.CLICK, ix.DOWN):
            self.line_read = True
            return
        if self.choices is not None:
            if k == ix.CONFIRM and self.choices.focused is None:
                self.app.toast("Pick a choice: its number, a click, or the arrow keys and then Enter.")
                return
            before = self.choices.focus
            act = self.choices.handle(intent)
            if self.choices and self.choices.focus != before:
                self.choice_moved = True
            if act:
                self.choose(int(act.id))
            return
        if k in (ix.CONFIRM, ix.OTHER_KEY, ix.CLICK, ix.DOWN, ix.RIGHT, ix.NUMBER):
            self.advance()

    def _hud(self, item_id: str) -> None:
        {"menu": self.open_menu, "history": self.open_backlog, "undo": self.undo}[item_id]()

    def update(self, dt: float) -> None:
        self.face.update(dt)
        if self.revealing:
            cps = self.app.chars_per_second()
            self.reveal = float(len(self.line.text)) if cps <= 0 else self.reveal + cps * dt
            if not self.revealing:
                self._build_choices()

    # drawing --------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        theme = self.theme
        runner = self.runner
        draw_background(self, canvas, place_of(runner))
        meters = self.app.show_meters
        top = self._draw_hud(canvas, dry=True)  # where things go; drawn below, once the layout is known
        hud_top = top
        hud_bottom = self.hud_bottom
        if meters:
            top = self._draw_meters(canvas, top, dry=True)
        text = canvas.text
        # the dialogue box grows with its text
        box_h, name_h, body_h = self._box_size(canvas)
        collapse = False
        face = self.face.key is not None
        if self.choices:
            # with a face beside them, the choices move left to leave it room
            width = min(CHOICES_W, BOX_X + BOX_W - CARD_W - 20 - 60) if face else CHOICES_W
            tab = name_h - 6 if self.line and name_h else 0
            collapse = self.choices.total_height(canvas, width) > BOX_BOTTOM - box_h - 24 - tab - top
        self.choices_hidden = bool(self.choices and collapse and self.line and not self.line_read)
        if self.choices_hidden:
            collapse = False
        box_y = BOX_BOTTOM - box_h
        deciding = bool(self.choices and not self.choices_hidden)
        # choices that need the whole screen take the scene title's place too (not the meters')
        self._draw_hud(canvas, title=not (deciding and collapse and not meters))
        if meters:
            self._draw_meters(canvas, hud_top)
        if face and not deciding:
            self._draw_portrait(canvas, box_y, top)
        if self.line and not collapse:
            self._draw_box(canvas, box_y, box_h, name_h)
        else:
            self.box_rect = None
        if deciding:
            if collapse:
                # all the room there is: beside the title and meters, down to the bottom; the face small
                area_bottom = BOX_BOTTOM
                spots = [(hud_bottom + 10, max(60.0, self.left_column_right + 24)),  # beside the meters
                         (top + 10, 60.0)] if meters else [(hud_bottom + 10, 60.0)]  # below them; or the top
                area_top, area_x, area_w, fits = self._roomiest(canvas, spots, BOX_X + BOX_W - THUMB_W - 20,
                                                                area_bottom)
                if face and not fits:  # the choices need every pixel: the face gives way
                    face = False
                    area_top, area_x, area_w, fits = self._roomiest(canvas, spots, BOX_X + BOX_W, area_bottom)
                if face:
                    th = THUMB_W * ASPECT
                    self.face.draw(canvas, self.app.art, (BOX_X + BOX_W - THUMB_W, BOX_BOTTOM - th, THUMB_W, th), theme)
            else:
                area_top = top + 10
                area_bottom = box_y - 24 - (name_h - 6 if self.line and name_h else 0)  # clear of the name tab
                if face:
                    card_h = min(CARD_W * ASPECT, box_y - 12 - top)
                    card_w = card_h / ASPECT
                    self.face.draw(canvas, self.app.art, (BOX_X + BOX_W - card_w, box_y - 12 - card_h, card_w, card_h),
                                   theme)
                    area_x = 60.0
                    area_w = min(CHOICES_W, BOX_X + BOX_W - card_w - 20 - area_x)
                else:
                    area_x, area_w = 190.0, CHOICES_W
            self.choices.draw(canvas, theme, (area_x, area_top, area_w, area_bottom - area_top), valign="bottom",
                              where="choice")
        _ = text

    def _roomiest(self, canvas: Canvas, spots, right: float, bottom: float):
        """Of the (top, left) spots, the one where the choices need the least scrolling, and the tallest
        choice fits whole: (top, x, width, everything fits)."""
        best, best_score = None, None
        for area_top, area_x in spots:
            area_w = right - area_x  # text this large has few words a line even across the screen
            heights = self.choices.measure(canvas, area_w)
            need = sum(heights) + GAP * max(0, len(heights) - 1)
            room = bottom - area_top
            score = (max(heights, default=0) <= room, min(1.0, room / max(1.0, need)))
            if best_score is None or score > best_score:
                best, best_score = (area_top, area_x, area_w, need <= room), score
        return best

    def _box_size(self, canvas: Canvas) -> tuple[float, float, float]:
        if not self.line:
            return 0.0, 0.0, 0.0
        text = canvas.text
        body = text.wrap(self.line.text, "body", BOX_W - 2 * BOX_PAD)
        name_h = text.line_height("speaker") + 12 if self.line.speaker_name else 0
        box_h = max(150.0, body.height + 2 * BOX_PAD + 20)
        return box_h, name_h, body.height

    def _draw_box(self, canvas: Canvas, box_y: float, box_h: float, name_h: float) -> None:
        theme = self.theme
        line = self.line
        rect = (BOX_X, box_y, BOX_W, box_h)
        self.box_rect = rect
        panel(canvas, theme, rect, radius=20)
        if line.speaker_name:
            nw = canvas.text.measure(line.speaker_name, "speaker")[0] + 36
            tab = (BOX_X + 24, box_y - name_h + 6, min(nw, BOX_W - 48), name_h)
            canvas.rect(tab, theme.speaker_tab, radius=12)
            canvas.text_in(line.speaker_name, "speaker", (tab[0] + 18, tab[1], tab[2] - 30, tab[3] - 6),
                           theme.speaker_text, valign="middle", where="speaker name")
        colour = theme.text
        canvas.text_in(line.text, "body", (BOX_X + BOX_PAD, box_y + BOX_PAD, BOX_W - 2 * BOX_PAD, box_h - 2 * BOX_PAD),
                       colour, reveal=int(self.reveal), where="dialogue")
        if not self.revealing and (self.runner.phase != "awaiting_choice" or self.choices_hidden):
            triangle(canvas, (BOX_X + BOX_W - 30, box_y + box_h - 24), 16, "down", theme.text_muted)

    def _draw_portrait(self, canvas: Canvas, box_y: float, top: float) -> None:
        y = max(top, box_y + 70 - PORTRAIT_H)
        h = min(PORTRAIT_H, box_y + 70 - y)
        w = PORTRAIT_W * h / PORTRAIT_H
        x = BOX_X + BOX_W - w - 40
        self.face.draw(canvas, self.app.art, (x, y, w, h), clip=(0, 0, LOGICAL_W, box_y + 2))

    def _draw_hud(self, canvas: Canvas, title: bool = True, dry: bool = False) -> float:
        """The buttons (top right) and the scene's title (top left); returns the y below them.
        `dry` only works out where they go."""
        theme = self.theme
        runner = self.runner
        items = [Item("menu", "Menu (Esc)"), Item("history", "History (L)"),
                 Item("undo", "Undo (U)" if runner.can_undo else "No undo yet", enabled=runner.can_undo)]
        if [i.label for i in self.hud.items] != [i.label for i in items] or \
                [i.enabled for i in self.hud.items] != [i.enabled for i in items]:
            self.hud = ItemList(items, style="label", min_height=44)
        self.hud.has_focus = False
        text = canvas.text
        row_w = sum(text.measure(i.label, "label")[0] + 2 * 14 + 16 for i in items) + 20 * 2
        bh = max(44, text.line_height("label") + 28)
        hx = LOGICAL_W - 20 - row_w
        if not dry:
            self.hud.draw_row(canvas, theme, (hx, 16, row_w, bh), where="hud")
            for item_id, rect in self.hud.rects.items():
                if hit(rect, self.app.pointer):
                    focus_ring(canvas, theme, rect)
        # the scene's title, on the left
        tw = hx - 20 - 40
        name, tb = self._scene_label_fitted(text, tw - 32)
        pill = (20, 16, min(tw, tb.width + 36), max(bh, tb.height + 20))
        if title and not dry:
            canvas.rect_alpha(pill, theme.panel, theme.panel_alpha, radius=12)
            canvas.text_in(name, "label", (pill[0] + 18, pill[1], pill[2] - 30, pill[3]), theme.text,
                           valign="middle", where="scene title")
        self.hud_bottom = 16 + bh
        self.left_column_right = pill[0] + pill[2]
        return max(16 + bh, pill[1] + pill[3]) + 10

    def _draw_meters(self, canvas: Canvas, top: float, dry: bool = False) -> float:
        theme = self.theme
        runner = self.runner
        meters = [m for m in runner.story.meters.values() if not m.hidden]
        text = canvas.text
        lh = text.line_height("small")
        labels = [f"{m.label}: {runner.meters.get(m.name, m.start)} of {m.max}" for m in meters]
        w = max(330, max((text.measure(lbl, "small")[0] for lbl in labels), default=0) + 48)
        h = 18 + len(meters) * (lh + 18) + 4
        rect = (20, top, w, h)
        self.left_column_right = max(self.left_column_right, 20 + w)
        if dry:
            return top + h + 10
        canvas.rect_alpha(rect, theme.panel, theme.panel_alpha, radius=12)
        y = top + 12
        for meter in meters:
            value = runner.meters.get(meter.name, meter.start)
            label = f"{meter.label}: {value} of {meter.max}"
            canvas.text_in(label, "small", (34, y, w - 28, lh), theme.text, where="meter")
            bar = (34, y + lh + 2, w - 28, 10)
            canvas.rect(bar, theme.grid, radius=5)
            frac = (value - meter.min) / max(1, meter.max - meter.min)
            colour = theme.closeness if meter.name == "closeness" else theme.safety
            canvas.rect((bar[0], bar[1], bar[2] * frac, bar[3]), colour, radius=5)
            y += lh + 18
        return top + h + 10

    def place(self) -> str | None:
        return place_of(self.runner) if self.runner is not None else None

    # screenshots and speech -----------------------------------------------------------
    def scene_labels(self) -> list[str]:
        """The scene's title at the top left, longest first; a scene played again says so for as long as it
        is played, shorter when the text is large."""
        title = self.runner.scene.title
        return [f"{title}, played again", f"{title} (again)", title] if self.app.session.replaying else [title]

    def _scene_label_fitted(self, text, width: float):
        """The longest label that takes no more lines than the bare title: the layout below never moves."""
        labels = self.scene_labels()
        bare = text.wrap(labels[-1], "label", width)
        for label in labels[:-1]:
            block = text.wrap(label, "label", width)
            if block.height <= bare.height:
                return label, block
        return labels[-1], bare

    def shot_key(self) -> str | None:
        runner = self.runner
        if runner is None:
            return None
        if self.choices is not None and not self.choices_hidden:
            return f"choice_{runner.scene.id}_{len(runner.moves) + 1}"
        if self.started_scene and self.line is not None and not self.revealing:
            return f"scene_{runner.scene.id}"
        return None

    def speech(self) -> str:
        if self.choices is not None and not self.choices_hidden:
            if self.choice_moved and self.choices.focused:
                f = self.choices.focused
                return f"Choice {f.number}: {f.label}"
            listed = ". ".join(f"{i.number}: {i.label}" for i in self.choices.items)
            return f"Choices. {listed}"
        if self.line is None:
            return ""
        who = self.line.speaker_name
        return f"{who}: {self.line.text}" if who else self.line.text
