"""Tether's story engine: pure Python, no pygame (a test enforces it).

    story = load_story(Path("story"))
    runner = StoryRunner.new(story, "anxious", Partner("Sam", "they"))
"""

from game.engine.diagnostics import Diagnostic, StoryLoadError
from game.engine.loader import check_story, load_story
from game.engine.model import Ending, Scene, Story
from game.engine.reload import reload
from game.engine.runner import ChoiceView, Move, RunnerError, ShownLine, StoryRunner, StoryRuntimeError
from game.engine.saves import AUTOSAVE, LoadResult, SaveStore, SlotInfo, data_dir
from game.engine.state import StateError, StoryState
from game.engine.tags import TAGS, TagInfo
from game.engine.text import PRONOUNS, Partner

__all__ = [
    "AUTOSAVE", "ChoiceView", "Diagnostic", "Ending", "LoadResult", "Move", "PRONOUNS", "Partner", "RunnerError",
    "SaveStore", "Scene", "ShownLine", "SlotInfo", "StateError", "Story", "StoryLoadError", "StoryRunner",
    "StoryRuntimeError", "StoryState", "TAGS", "TagInfo", "check_story", "data_dir", "load_story", "reload",
]
