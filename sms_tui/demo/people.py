"""Who works the demo desk and who calls it: operators with groups and roles, caller names."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sms_tui.models import Operator, Role

SERVICE_DESK = "Service Desk"
NETWORK = "Network"
DATABASE = "Database"
WINDOWS = "Windows"
LINUX = "Linux"
APPS = "Applications"
PLATFORM = "Virtualisation & Storage"
GROUPS = (SERVICE_DESK, NETWORK, DATABASE, WINDOWS, LINUX, APPS, PLATFORM)

_OP = Role.OPERATOR
_CAB = Role.CAB_MEMBER

# (login, display name, groups, roles). The first member of each group is its lead and
# owns that group's configuration items.
ROSTER: tuple[tuple[str, str, tuple[str, ...], tuple[Role, ...]], ...] = (
    ("asingh", "Amrit Singh", (SERVICE_DESK,), (_OP,)),
    ("lmoreau", "Léa Moreau", (SERVICE_DESK,), (_OP,)),
    ("tokafor", "Tunde Okafor", (SERVICE_DESK,), (_OP,)),
    ("jwalsh", "Jenny Walsh", (SERVICE_DESK,), (_OP,)),
    ("kjohansson", "Karin Johansson", (SERVICE_DESK,), (_OP, Role.PROBLEM_MANAGER)),
    ("mkowalski", "Marek Kowalski", (NETWORK,), (_OP, _CAB)),
    ("sfischer", "Sven Fischer", (NETWORK,), (_OP,)),
    ("oadeyemi", "Olu Adeyemi", (NETWORK,), (_OP,)),
    ("pnair", "Priya Nair", (DATABASE,), (_OP, _CAB)),
    ("dgarcia", "Diego García", (DATABASE,), (_OP,)),
    ("hbrown", "Harriet Brown", (WINDOWS,), (_OP,)),
    ("yzhang", "Yun Zhang", (WINDOWS,), (_OP, _CAB)),
    ("rpatel", "Ravi Patel", (LINUX, PLATFORM), (_OP, _CAB)),
    ("cmartin", "Camille Martin", (LINUX,), (_OP,)),
    ("gmuller", "Georg Müller", (PLATFORM, LINUX), (_OP,)),
    ("ebaker", "Ed Baker", (APPS,), (_OP,)),
    ("nhaddad", "Nadia Haddad", (APPS,), (_OP, Role.PROBLEM_MANAGER)),
    ("bnovak", "Barbara Novak", (APPS,), (_OP,)),
    ("fdubois", "François Dubois", (APPS,), (_OP, Role.CHANGE_MANAGER, _CAB)),
)

RUNNER_GROUPS = (SERVICE_DESK, APPS)
ALL_ROLES = tuple(Role)


@dataclass
class Staff:
    """The operators of the demo desk, indexed the ways the generators pick them."""

    members: dict[str, list[str]] = field(default_factory=dict)
    cab: list[str] = field(default_factory=list)
    change_managers: list[str] = field(default_factory=list)
    problem_managers: list[str] = field(default_factory=list)

    def lead(self, group: str) -> str:
        return self.members[group][0]


def hire(runner: str) -> tuple[Staff, list[dict[str, Any]]]:
    """The staff index and the operator rows; `runner` gets every role and a roster seat."""
    staff = Staff(members={g: [] for g in GROUPS})
    rows: list[dict[str, Any]] = []
    me: dict[str, Any] = {"login": runner, "display_name": runner, "roles": ALL_ROLES}
    me["groups"] = list(RUNNER_GROUPS)
    for login, name, groups, roles in ROSTER:
        if login == runner:
            # The runner takes this seat: its name and groups, and every role.
            me["display_name"] = name
            me["groups"] += [g for g in groups if g not in me["groups"]]
            continue
        rows.append({"login": login, "display_name": name, "groups": groups, "roles": roles})
    rows.insert(0, me)
    for row in rows:
        login = row["login"]
        for group in row["groups"]:
            staff.members[group].append(login)
        roles = row["roles"]
        if Role.CAB_MEMBER in roles:
            staff.cab.append(login)
        if Role.CHANGE_MANAGER in roles:
            staff.change_managers.append(login)
        if Role.PROBLEM_MANAGER in roles:
            staff.problem_managers.append(login)
    # The runner is listed last wherever an order matters: leads own CIs, the first change
    # manager chairs the ECAB; those seats stay with the regular staff when there are any.
    for members in (
        *staff.members.values(),
        staff.cab,
        staff.change_managers,
        staff.problem_managers,
    ):
        if len(members) > 1 and members[0] == runner:
            members.append(members.pop(0))
    return staff, rows


def operators(rows: list[dict[str, Any]], runner: str, at: datetime) -> list[Operator]:
    """Validated operator records, all set up by the runner."""
    return [
        Operator.model_validate(
            {
                "login": row["login"],
                "display_name": row["display_name"],
                "groups": list(row["groups"]),
                "roles": list(row["roles"]),
                "updated_at": at,
                "updated_by": runner,
            }
        )
        for row in rows
    ]


FIRST_NAMES = (
    "Alice",
    "Aurélie",
    "Ahmed",
    "Anna",
    "Arjun",
    "Ben",
    "Bogdan",
    "Chloé",
    "Chidi",
    "Claire",
    "Daniel",
    "Deepa",
    "Elena",
    "Emma",
    "Fatima",
    "Gary",
    "Hannah",
    "Hugo",
    "Ines",
    "Isabelle",
    "Jack",
    "James",
    "Javier",
    "Julie",
    "Kamal",
    "Katarzyna",
    "Kevin",
    "Laura",
    "Liam",
    "Lucy",
    "Marc",
    "Maria",
    "Mehdi",
    "Mia",
    "Mohammed",
    "Nathalie",
    "Nicolas",
    "Noah",
    "Olivia",
    "Oscar",
    "Paul",
    "Pierre",
    "Rachel",
    "Raj",
    "Rebecca",
    "Samuel",
    "Sandra",
    "Sarah",
    "Sébastien",
    "Sophie",
    "Stephen",
    "Tom",
    "Valérie",
    "Wei",
    "Yasmin",
    "Zoe",
    "Grace",
    "Luca",
    "Amara",
    "Thomas",
)
LAST_NAMES = (
    "Adams", "Ahmed", "Bakker", "Bernard", "Bianchi", "Brown", "Campbell", "Chen", "Clarke",
    "Da Silva", "Davies", "Dupont", "Durand", "Evans", "Fernandes", "Fontaine", "Gallagher",
    "Girard", "Green", "Gupta", "Hall", "Hughes", "Ivanova", "Jackson", "Jones", "Kaur", "Khan",
    "Kowalska", "Lambert", "Lefebvre", "Lewis", "Lopez", "Martin", "Mercier", "Mitchell",
    "Morel", "Murphy", "Nguyen", "Novak", "O'Brien", "Okonkwo", "Patel", "Petit", "Roberts",
    "Robinson", "Rossi", "Roux", "Sanchez", "Schmidt", "Shah", "Smith", "Taylor", "Thompson",
    "Turner", "Walker", "Wang", "White", "Williams", "Wilson", "Wright",
)  # fmt: skip
