from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sync_agent_in import SyncAgentIn


T = TypeVar("T", bound="AgentSyncIn")


@_attrs_define
class AgentSyncIn:
    """
    Attributes:
        agents (list[SyncAgentIn]): Everyone who should be on the account, at most 10,000 (more: 422 `limit_exceeded`),
            each `user_id` once (422 `duplicate_user_id`). The owner is kept whether listed or not.
        buy_missing_seats (bool | Unset): Where `on_the_fly` is open (the owner of a self-service account), buy the
            missing seats, suite parity included, in the sync's transaction. Otherwise missing seats are 409
            `seats_exhausted` with the whole shortfall. Default: `false`.
        dry_run (bool | Unset): Answer the plan and change nothing; false applies it, all or nothing. Default: `true`.
        remove_missing (bool | Unset): Remove the agents and end users the list leaves out (never the owner). Default:
            `false`.
    """

    agents: list[SyncAgentIn]
    buy_missing_seats: bool | Unset = UNSET
    dry_run: bool | Unset = UNSET
    remove_missing: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agents = []
        for agents_item_data in self.agents:
            agents_item = agents_item_data.to_dict()
            agents.append(agents_item)

        buy_missing_seats = self.buy_missing_seats

        dry_run = self.dry_run

        remove_missing = self.remove_missing

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agents": agents,
            }
        )
        if buy_missing_seats is not UNSET:
            field_dict["buy_missing_seats"] = buy_missing_seats
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if remove_missing is not UNSET:
            field_dict["remove_missing"] = remove_missing

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sync_agent_in import SyncAgentIn  # noqa: PLC0415

        d = dict(src_dict)
        agents = []
        _agents = d.pop("agents")
        for agents_item_data in _agents:
            agents_item = SyncAgentIn.from_dict(agents_item_data)

            agents.append(agents_item)

        buy_missing_seats = d.pop("buy_missing_seats", UNSET)

        dry_run = d.pop("dry_run", UNSET)

        remove_missing = d.pop("remove_missing", UNSET)

        agent_sync_in = cls(
            agents=agents,
            buy_missing_seats=buy_missing_seats,
            dry_run=dry_run,
            remove_missing=remove_missing,
        )

        return agent_sync_in
