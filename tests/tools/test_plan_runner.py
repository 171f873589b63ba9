"""A failing plan names the first step where play diverged, in both modes."""

import pytest

from game.tools.plans import PlanError, run_plan


def _plan(tmp_path, steps: str):
    path = tmp_path / "plan.yaml"
    from tests.tools.helpers import MINI

    path.write_text(f"story: {MINI}\nrole: anxious\nsteps:\n{steps}")
    return path


@pytest.mark.parametrize("roundtrip", [False, True])
def test_divergence_names_the_step_and_what_play_showed(tmp_path, roundtrip):
    plan = _plan(tmp_path, "  - choose: wait\n  - meters: {safety: 9}\n  - choose: name_it\n")
    with pytest.raises(PlanError) as err:
        run_plan(plan, roundtrip)
    message = str(err.value)
    assert "step 2 (meters: {'safety': 9}) diverged" in message and "'safety': 6" in message


def test_choice_not_on_offer_lists_what_is(tmp_path):
    plan = _plan(tmp_path, "  - choose: wait\n  - choose: reply_now\n")
    with pytest.raises(PlanError, match=r"step 2 .*not on offer at talk.start; on offer: name_it, attack, shrug"):
        run_plan(plan)


def test_missing_line_and_early_ending_claim(tmp_path):
    with pytest.raises(PlanError, match="step 1 .*no such line before awaiting choice"):
        run_plan(_plan(tmp_path, "  - line: a line that is not there\n"))
    with pytest.raises(PlanError, match="step 2 .*the story has not ended"):
        run_plan(_plan(tmp_path, "  - choose: wait\n  - ending: steady\n"))


def test_a_plan_without_a_role_plays_the_storys_first_role_whatever_it_is_called(tmp_path):
    from tests.conftest import mini_with_renamed_roles

    root = mini_with_renamed_roles(tmp_path / "renamed")
    path = tmp_path / "plan.yaml"
    path.write_text(f"story: {root}\nsteps:\n  - offered: [text_again, wait]\n  - choose: wait\n  - scene: talk\n")
    run_plan(path)  # the reacher's first menu (text_again, wait); the keeper's first menu is reply_now, leave_it
    path.write_text(f"story: {root}\nsteps:\n  - offered: [reply_now]\n")
    with pytest.raises(PlanError, match="step 1"):
        run_plan(path)
