import pytest

from . import scenario as scenario_module


@pytest.fixture
def scenario(db):
    return scenario_module.build()


@pytest.fixture
def volunteer_scenario(scenario):
    return scenario_module.add_volunteer(scenario)
