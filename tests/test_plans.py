"""Every test plan in tests/plans/ is played twice: straight, and with a save/load after every choice."""

from pathlib import Path

import pytest

from game.tools.plans import run_plan

PLANS = sorted((Path(__file__).parent / "plans").glob("*.yaml"))


@pytest.mark.parametrize("roundtrip", [False, True], ids=["straight", "roundtrip"])
@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_plan(plan, roundtrip):
    run_plan(plan, roundtrip=roundtrip)
