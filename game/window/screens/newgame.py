"""New game: which partner you play, the partner's name and pronouns, and training mode."""

from __future__ import annotations

from .. import input as ix
from ..canvas import Canvas
from ..widgets import SCROLLBAR, Item, ItemList, TextField, draw_scrollbar, hit, triangle
from .common import PageScreen
from .settings_screen import on_off

PRONOUNS = ("they", "she", "he")
# Names to pick with the arrows, so that a mouse alone (or a switch) can name the partner too.
NAMES = ("Sam", "Robin", "Alex", "Jordan", "Noor", "Kit", "Mateo", "Aisha", "Jun", "Tomasz", "Lena", "Femi",
         "Charlie", "Rosa", "Yusuf", "Mei", "Ollie", "Dara")
PRONOUN_WORDS = {"they": "they / them", "she": "she / her", "he": "he / him"}
ROLES, NAME, OPTIONS, BUTTONS = range(4)


class NewGameScreen(PageScreen):
    name = "new_game"
    heading = "New game"

    def __init__(self, app, role: str | None = None, partner_name: str | None = None, pronouns: str | None = None,
                 roles: tuple[str, ...] | None = None):
        story = app.session.story
        self.allowed = [r for r in story.roles if roles is None or r in roles]  # an assignment may narrow them
        self.role = role if role in self.allowed else self.allowed[0]
        spec = story.roles[self.role]
        self.name_edited = partner_name is not None
        self.field = TextField(partner_name or spec.partner_name)
        self.pronouns = pronouns if pronouns in PRONOUNS else spec.partner_pronouns
        self.group = ROLES
        self.scroll = 0.0
        self.blink = 0.0
        self.group_rects: dict[int, tuple] = {}
        self.name_arrows: dict[str, tuple] = {}  # "left"/"right" -> rect of the name picker's buttons
        super().__init__(app)

    def build(self) -> None:
        story = self.app.session.story
        focus = self.roles.focus if hasattr(self, "roles") else self.allowed.index(self.role)
        cards = []
        for name, spec in story.roles.items():
            if name not in self.allowed:
                continue
            chosen = name == self.role
            cards.append(Item(name, spec.title + (" (chosen)" if chosen else ""), detail=spec.blurb, primary=chosen))
        self.roles = ItemList(cards, focus=focus)
        opt_focus = self.options.focus if hasattr(self, "options") else 0
        options = [Item("pronouns", "Their pronouns", value=PRONOUN_WORDS.get(self.pronouns, self.pronouns))]
        if self.app.assignment is None:  # in an assignment, training mode is the teacher's setting
            options.append(Item("meters", "Training mode: show the meters while playing",
                                value=on_off(self.app.settings.show_meters)))
        self.options = ItemList(options, focus=opt_focus)
        btn_focus = self.buttons.focus if hasattr(self, "buttons") and self.buttons.items else 0
        self.buttons = ItemList([Item("start", "Start", primary=True), Item("back", "Back")], focus=btn_focus)
        self._sync_focus()

    def _sync_focus(self) -> None:
        self.roles.has_focus = self.group == ROLES
        self.options.has_focus = self.group == OPTIONS
        self.buttons.has_focus = self.group == BUTTONS

    def choose_role(self, role: str) -> None:
        self.role = role
        spec = self.app.session.story.roles[role]
        if not self.name_edited:
            self.field.text = spec.partner_name
            self.pronouns = spec.partner_pronouns
        self.build()

    def start(self) -> None:
        self.app.start_game(self.role, self.field.text, self.pronouns)

    def _step_option(self, item_id: str, step: int) -> None:
        if item_id == "name":
            current = self.field.text
            i = NAMES.index(current) if current in NAMES else (-1 if step > 0 else 0)
            self.field.text = NAMES[(i + step) % len(NAMES)]
            self.name_edited = True
        elif item_id == "pronouns":
            i = PRONOUNS.index(self.pronouns) if self.pronouns in PRONOUNS else 0
            self.pronouns = PRONOUNS[(i + step) % len(PRONOUNS)]
        elif item_id == "meters":
            self.app.settings.show_meters = not self.app.settings.show_meters
            self.app.apply_settings()
        self.build()

    def _move_group(self, forward: bool) -> None:
        self.group = max(ROLES, min(BUTTONS, self.group + (1 if forward else -1)))
        if self.group == OPTIONS:
            self.options.set_focus(0 if forward else len(self.options.items) - 1)
        self._sync_focus()

    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.BACK:
            self.app.stack.pop()
            return
        if self.group == NAME and self.field.handle(intent):
            self.name_edited = True
            return
        if k == ix.CLICK:
            for side, rect in self.name_arrows.items():
                if hit(rect, intent.pos):
                    self._step_option("name", -1 if side == "left" else 1)
                    self.group = NAME
                    self._sync_focus()
                    return
        if k in (ix.POINTER, ix.CLICK):
            for group, rect in self.group_rects.items():
                if hit(rect, intent.pos):
                    self.group = group
                    self._sync_focus()
        if k == ix.SCROLL:
            self.scroll = max(0.0, self.scroll - intent.value * 60)
            return
        if k in (ix.DOWN, ix.UP, ix.NEXT, ix.PREV):
            forward = k in (ix.DOWN, ix.NEXT)
            if self.group == OPTIONS and self.options.move(1 if forward else -1):
                return
            if self.group == BUTTONS and k in (ix.NEXT, ix.PREV) and self.buttons.move(1 if forward else -1):
                return
            self._move_group(forward)
            return
        if k in (ix.LEFT, ix.RIGHT) and self.group == ROLES:
            self.roles.move(-1 if k == ix.LEFT else 1)
            return
        if k in (ix.LEFT, ix.RIGHT) and self.group == BUTTONS:
            self.buttons.move(-1 if k == ix.LEFT else 1)
            return
        if k == ix.CONFIRM and self.group == NAME:
            self.group = OPTIONS
            self._sync_focus()
            return
        for group, widget in ((ROLES, self.roles), (OPTIONS, self.options), (BUTTONS, self.buttons)):
            if self.group != group and k != ix.CLICK:
                continue
            act = widget.handle(intent, wrap=False) if k != ix.NUMBER else None
            if not act:
                continue
            if group == ROLES:
                self.choose_role(act.id)
            elif group == OPTIONS:
                self._step_option(act.id, -1 if act.kind == "left" else 1)
            elif act.id == "start":
                self.start()
            else:
                self.app.stack.pop()
            return

    def update(self, dt: float) -> None:
        self.blink = (self.blink + dt) % 1.0

    def draw_content(self, canvas: Canvas, rect) -> None:
        x, y, w, h = rect
        text = canvas.text
        theme = self.theme
        gap = 18
        # measure everything first, then scroll so the focused part is in view
        role_label = "Who do you play?"
        name_label = "Your partner's name"
        lab_h = text.line_height("label")
        two = self.roles.grid_height(canvas, w - SCROLLBAR - 12, 2)
        one = self.roles.total_height(canvas, w - SCROLLBAR - 12)
        self.roles.columns = 2 if two <= one else 1
        roles_h = two if self.roles.columns == 2 else one
        field_h = text.line_height("body") + 20
        hint = "Type a name, or pick one with the arrows."
        fw = min(w - SCROLLBAR - 12, 520)
        arrows_w = 2 * field_h + 8
        hint_w = w - SCROLLBAR - 12 - fw - arrows_w - 36
        hint_beside = hint_w > 200 and text.wrap(hint, "small", hint_w).height <= field_h
        hint_h = 0 if hint_beside else text.wrap(hint, "small", w - SCROLLBAR - 12).height + 6
        opts_h = self.options.total_height(canvas, w - SCROLLBAR - 12)
        parts = [(ROLES, lab_h + 8 + roles_h), (NAME, lab_h + 8 + field_h + hint_h), (OPTIONS, opts_h)]
        total = sum(p[1] for p in parts) + gap * (len(parts) - 1)
        scrolling = total > h
        cw = w - (SCROLLBAR + 12 if scrolling else 0)
        tops, cy = {}, 0.0
        for group, ph in parts:
            tops[group] = (cy, ph)
            cy += ph + gap
        if scrolling and self.group in tops:
            top, ph = tops[self.group]
            if top < self.scroll:
                self.scroll = top
            elif top + ph > self.scroll + h:
                self.scroll = top + ph - h
        self.scroll = max(0.0, min(max(0.0, total - h), self.scroll))
        oy = y - self.scroll
        with canvas.clip((x - 10, y - 8, w + 20, h + 16)):
            ty, ph = tops[ROLES]
            canvas.text_in(role_label, "label", (x, oy + ty, cw, lab_h), theme.text, where="new game label")
            self.roles.draw(canvas, theme, (x, oy + ty + lab_h + 8, cw, roles_h), where="role card")
            self.group_rects[ROLES] = (x, oy + ty, cw, ph)
            ty, ph = tops[NAME]
            canvas.text_in(name_label, "label", (x, oy + ty, cw, lab_h), theme.text, where="new game label")
            fw = min(cw, 520)
            fw = min(cw - arrows_w - 12, 520)
            fy = oy + ty + lab_h + 8
            self.field.draw(canvas, theme, (x, fy, fw, field_h), self.group == NAME,
                            self.blink < 0.6, where="name field")
            self.name_arrows = {}
            for i, side in enumerate(("left", "right")):
                r = (x + fw + 12 + i * (field_h + 8), fy, field_h, field_h)
                canvas.rect(r, theme.button, radius=10)
                canvas.rect(r, theme.panel_border, radius=10, width=2)
                triangle(canvas, (r[0] + field_h / 2, fy + field_h / 2), field_h * 0.32, side, theme.text)
                self.name_arrows[side] = r
            if hint_beside:
                hx = x + fw + 12 + arrows_w + 16
                canvas.text_in(hint, "small", (hx, fy, cw - (hx - x), field_h),
                               theme.text_muted, valign="middle", where="name hint")
            else:
                canvas.text_in(hint, "small", (x, oy + ty + lab_h + 8 + field_h + 6, cw, hint_h - 6),
                               theme.text_muted, where="name hint")
            self.group_rects[NAME] = (x, oy + ty, cw, ph)
            ty, ph = tops[OPTIONS]
            self.options.draw(canvas, theme, (x, oy + ty, cw, opts_h), where="new game option")
            self.group_rects[OPTIONS] = (x, oy + ty, cw, ph)
        if scrolling:
            draw_scrollbar(canvas, theme, x + w - SCROLLBAR, y, h, total, self.scroll)

    def speech(self) -> str:
        if self.group == ROLES and self.roles.focused:
            f = self.roles.focused
            return f"Role: {f.label}. {f.detail}"
        if self.group == NAME:
            return f"Partner's name: {self.field.text or 'empty'}. Type to change it, or use the arrow buttons."
        if self.group == OPTIONS and self.options.focused:
            f = self.options.focused
            return f"{f.label}: {f.value}"
        f = self.buttons.focused
        return f"Button: {f.label}" if f else ""
