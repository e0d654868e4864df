"""The store and branch this terminal belongs to, as configured by the manager.

The plugin, not the till, sets `merchant` on every body it sends: Gameball attributes the order to
the merchant and branch it names (and creates them on first sight).
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain import fields


@dataclass(frozen=True)
class Branch:
    unique_id: str
    name: str | None = None

    def __post_init__(self) -> None:
        fields.identifier(self.unique_id, "branch.uniqueId")
        if self.name is not None:
            fields.text(self.name, "branch.name")


@dataclass(frozen=True)
class Merchant:
    """`merchant{uniqueId, name, branch{uniqueId, name}}`; a bad configuration raises ValidationError."""

    unique_id: str
    name: str | None = None
    branch: Branch | None = None

    def __post_init__(self) -> None:
        fields.identifier(self.unique_id, "merchant.uniqueId")
        if self.name is not None:
            fields.text(self.name, "merchant.name")

    def to_body(self) -> dict[str, object]:
        body: dict[str, object] = {"uniqueId": self.unique_id}
        if self.name is not None:
            body["name"] = self.name
        if self.branch is not None:
            branch: dict[str, object] = {"uniqueId": self.branch.unique_id}
            if self.branch.name is not None:
                branch["name"] = self.branch.name
            body["branch"] = branch
        return body
