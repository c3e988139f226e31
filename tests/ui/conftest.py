"""Fixtures for the screens: the French translation installed, and stations with demo-like accounts."""

from __future__ import annotations

import gc

import pytest

from app.i18n import install_translator
from app.models import Role
from app.services.accounts import NewUser
from app.ui.application import Shell
from app.ui.tasks import TaskManager

AGENT_PASSWORD = "agent-password-long"
MAYOR_PASSWORD = "mayor-password-long"


@pytest.fixture(autouse=True)
def collected_between_tests(qapp):
    """The widgets a test leaves behind are deleted at its end, on the GUI thread, between two tests.

    Left to the cyclic garbage collector, a dialog of an earlier test could be destroyed at any
    allocation of a later one, in the middle of building a widget: a worker crashed that way."""
    yield
    qapp.processEvents()  # the deleteLater() calls of the test's end
    gc.collect()
    qapp.processEvents()


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
