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
