"""Fixtures for the screens: the French translation installed, and stations with demo-like accounts."""

from __future__ import annotations

import pytest

from app.i18n import install_translator
from app.models import Role
from app.services.accounts import NewUser
from app.ui.application import Shell
from app.ui.tasks import TaskManager

AGENT_PASSWORD = "agent-password-long"
MAYOR_PASSWORD = "mayor-password-long"


@pytest.fixture(scope="session")
def french(qapp):
    return install_translator(qapp)


@pytest.fixture
def tasks(qapp):
    """A task manager of its own, for a dialog or page built without the Shell; its tasks end with the test."""
    manager = TaskManager()
    yield manager
    manager.wait_for_done()


@pytest.fixture
def station(gate, french):
    """The conftest station, with an agent and the mayor, everyone logged out."""
    accounts = gate.services.accounts
    accounts.create_user(gate.admin, NewUser("lpetit", "Laura Petit", Role.AGENT, AGENT_PASSWORD,
                                             "Brigadier-chef principal", "86-86999-003"), must_change_password=False)
    accounts.create_user(gate.admin, NewUser("maire", "Hélène Fontaine", Role.MAIRE, MAYOR_PASSWORD, "Maire"),
                         must_change_password=False)
    accounts.logout(gate.admin)
    return gate


@pytest.fixture
def shell(station, qtbot):
    shell = Shell(station)
    yield shell
    shell.shutdown()
