"""The policy snapshot the web app publishes, and the decisions the gateway takes from it.

A request is allowed only when the caller's key is live, its use case is approved, belongs to
the key's organisation, and the model belongs to the use case's AI system. A refusal names the
approved services the caller may use instead. No snapshot means every request is refused: the
gateway never fails open.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tryggki.gateway.errors import GatewayError
from tryggki.i18n import gettext as _

log = logging.getLogger("tryggki.gateway")


@dataclass(frozen=True, slots=True)
class Grant:
    """What a key stands for."""

    key_id: str
    organisation_id: str
    use_case_id: str
    requests_per_minute: int | None
    tokens_per_day: int | None


@dataclass(frozen=True, slots=True)
class UseCaseRule:
    """A use case as the gateway sees it."""

    ref: str
    organisation_id: str
    approved: bool
    data_classes: frozenset[str]
    system_id: str


@dataclass(frozen=True, slots=True)
class System:
    """An AI system with the model names it serves."""

    name: str
    models: tuple[str, ...]
    pseudonymise: bool


@dataclass(frozen=True, slots=True)
class Route:
    """Where an allowed request goes and how."""

    system: str
    model: str
    pseudonymise: bool
    use_case_ref: str


class Snapshot:
    """One published policy, indexed for lookups."""

    def __init__(self, body: dict[str, Any]) -> None:
        if body.get("format") != 1:
            raise ValueError("unknown policy snapshot format")
        self.keys = {h: Grant(**g) for h, g in body["keys"].items()}
        self.use_cases = {
            i: UseCaseRule(
                ref=u["ref"],
                organisation_id=u["organisation_id"],
                approved=bool(u["approved"]),
                data_classes=frozenset(u["data_classes"]),
                system_id=u["system_id"],
            )
            for i, u in body["use_cases"].items()
        }
        self.systems = {
            i: System(
                name=s["name"], models=tuple(s["models"]), pseudonymise=bool(s["pseudonymise"])
            )
            for i, s in body["systems"].items()
        }

    def grant(self, key_hash: str) -> Grant | None:
        """The grant of a live key."""
        return self.keys.get(key_hash)

    def _alternatives(self, grant: Grant, rule: UseCaseRule | None) -> list[str]:
        """Approved services of the key's organisation that cover the key's data classes."""
        needed = rule.data_classes if rule else frozenset()
        names: set[str] = set()
        for uc in self.use_cases.values():
            system = self.systems.get(uc.system_id)
            if (
                system
                and uc.approved
                and uc.organisation_id == grant.organisation_id
                and needed <= uc.data_classes
            ):
                names.add(f"{system.name} ({', '.join(system.models)})")
        return sorted(names)

    def _refuse(self, message: str, grant: Grant, rule: UseCaseRule | None) -> GatewayError:
        others = self._alternatives(grant, rule)
        if others:
            message += " " + _("Approved services you can use instead: %(list)s.") % {
                "list": "; ".join(others)
            }
        return GatewayError(403, message, type="permission_error", code="model_not_approved")

    def route(self, grant: Grant, model: str) -> Route:
        """The route for ``model`` under ``grant``, or a 403 naming approved alternatives."""
        rule = self.use_cases.get(grant.use_case_id)
        if rule is None or rule.organisation_id != grant.organisation_id:
            raise self._refuse(_("The key's use case is not registered."), grant, None)
        if not rule.approved:
            msg = _("Use case %(ref)s is not approved for AI services.") % {"ref": rule.ref}
            raise self._refuse(msg, grant, rule)
        system = self.systems.get(rule.system_id)
        if system is None or model not in system.models:
            msg = _("Model %(model)s is not approved for use case %(ref)s.") % {
                "model": model[:100],
                "ref": rule.ref,
            }
            raise self._refuse(msg, grant, rule)
        return Route(
            system=system.name, model=model, pseudonymise=system.pseudonymise, use_case_ref=rule.ref
        )

    def models(self, grant: Grant) -> list[str]:
        """The models the key may call."""
        rule = self.use_cases.get(grant.use_case_id)
        if rule is None or not rule.approved or rule.organisation_id != grant.organisation_id:
            return []
        system = self.systems.get(rule.system_id)
        return list(system.models) if system else []


Loader = Callable[[], Awaitable[dict[str, Any] | None]]


class PolicyHolder:
    """The last good snapshot, refreshed on a timer; a failed refresh keeps the old one."""

    def __init__(self, loader: Loader, interval: float) -> None:
        self._loader = loader
        self._interval = interval
        self.snapshot: Snapshot | None = None
        self.loaded_at: float | None = None
        self._task: asyncio.Task[None] | None = None

    async def refresh(self) -> bool:
        """Load the snapshot once; False (and the old one kept) when it cannot be read."""
        try:
            body = await self._loader()
            if body is None:
                return False
            self.snapshot = Snapshot(body)
        except Exception as exc:  # the database may be away: serve on the last good snapshot
            log.warning(
                "policy refresh failed (%s); keeping the last good snapshot", type(exc).__name__
            )
            return False
        self.loaded_at = time.monotonic()
        return True

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            await self.refresh()

    async def start(self) -> None:
        """Load now and then on every interval."""
        await self.refresh()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop refreshing."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def current(self) -> Snapshot:
        """The snapshot to decide on; refuses every request when there is none."""
        if self.snapshot is None:
            raise GatewayError(
                503,
                _("The gateway has no policy yet and refuses every request."),
                type="service_unavailable",
                code="no_policy",
                outcome="no_policy",
            )
        return self.snapshot
