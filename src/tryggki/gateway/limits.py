"""Request and token budgets per key and per organisation, in memory.

Requests are counted per minute; tokens per UTC day. A call reserves its estimated tokens
(prompt + ``max_tokens``) before it is sent, so one large request cannot overrun the budget, and
settles to the real count afterwards; a stream is stopped when it runs past the budget.

Each gateway process keeps its own counters in memory. With ``--workers N`` every process gets
1/N of each budget (rounded down), so together they never let more through than the budget:
the safe side, at the price of refusing a little early when one process gets more than its
share of a key's calls. (A budget smaller than N still gives each process 1.) With a Redis URL
configured, ``shared_limits.SharedLimits`` counts for all processes together instead and falls
back to these counters while Redis cannot be reached.

``admit`` is a coroutine (the shared kind asks Redis); ``settle`` and ``exceeded`` are not, as
they run when a stream ends or after each of its lines.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from tryggki.gateway.errors import GatewayError
from tryggki.gateway.policy import Grant
from tryggki.i18n import gettext as _

DAY = 86_400


@dataclass(frozen=True, slots=True)
class Budget:
    """Requests per minute and tokens per day for one scope."""

    requests_per_minute: int
    tokens_per_day: int


@dataclass
class Reservation:
    """Tokens held for one call, settled when it ends."""

    scopes: tuple[tuple[str, int], ...]
    tokens: int
    shared: bool = False  # counted in Redis (``SharedLimits``), not in this process
    headroom: int = 0  # shared: tokens left in the tightest day budget when it was counted


def too_many_requests(budget: Budget, now: float) -> GatewayError:
    """The 429 for a spent request budget, retried at the next minute."""
    return GatewayError(
        429,
        _("Too many requests: the limit is %(n)s a minute.") % {"n": budget.requests_per_minute},
        type="rate_limit_error",
        code="requests_per_minute",
        headers={"retry-after": str(max(1, 60 - int(now % 60)))},
        outcome="limited",
    )


def tokens_used_up(budget: Budget, now: float) -> GatewayError:
    """The 429 for a spent token budget, not to be retried before tomorrow (UTC)."""
    return GatewayError(
        429,
        _("The token budget for today is used up (%(n)s tokens a day).")
        % {"n": budget.tokens_per_day},
        type="rate_limit_error",
        code="tokens_per_day",
        headers={"retry-after": str(DAY - int(now % DAY)), "x-should-retry": "false"},
        outcome="limited",
    )


class Limits:
    """Counters for every key and organisation seen, in this process."""

    def __init__(self, key_default: Budget, org_default: Budget, processes: int = 1) -> None:
        self._key_default = key_default
        self._org_default = org_default
        self._processes = processes
        self._requests: dict[str, tuple[int, int]] = {}  # scope → (minute, count)
        self._tokens: dict[str, tuple[int, int]] = {}  # scope → (day, used)

    def _share(self, budget: Budget) -> Budget:
        """This process's part of a budget."""
        n = self._processes
        return Budget(max(1, budget.requests_per_minute // n), max(1, budget.tokens_per_day // n))

    def budgets(self, grant: Grant) -> list[tuple[str, Budget]]:
        """The key's and the organisation's budget for a call (a key may have its own)."""
        key = Budget(
            grant.requests_per_minute or self._key_default.requests_per_minute,
            grant.tokens_per_day or self._key_default.tokens_per_day,
        )
        return [("key:" + grant.key_id, key), ("org:" + grant.organisation_id, self._org_default)]

    def _used(self, scope: str, day: int) -> int:
        at, used = self._tokens.get(scope, (day, 0))
        return used if at == day else 0

    async def admit(self, grant: Grant, estimate: int, now: float | None = None) -> Reservation:
        """Count the request and reserve ``estimate`` tokens, or raise 429 with ``retry-after``."""
        now = time.time() if now is None else now
        minute, day = int(now // 60), int(now // DAY)
        budgets = self.budgets(grant)
        for scope, budget in budgets:
            share = self._share(budget)  # the messages name the whole budget
            at, count = self._requests.get(scope, (minute, 0))
            if at == minute and count >= share.requests_per_minute:
                raise too_many_requests(budget, now)
            if self._used(scope, day) + estimate > share.tokens_per_day:
                raise tokens_used_up(budget, now)
        for scope, _budget in budgets:
            at, count = self._requests.get(scope, (minute, 0))
            self._requests[scope] = (minute, (count if at == minute else 0) + 1)
            self._tokens[scope] = (day, self._used(scope, day) + estimate)
        return Reservation(tuple((s, day) for s, _b in budgets), estimate)

    def settle(self, reservation: Reservation, tokens: int) -> None:
        """Replace the reserved estimate by the tokens the call really used."""
        for scope, day in reservation.scopes:
            at, used = self._tokens.get(scope, (day, 0))
            if at == day:
                self._tokens[scope] = (day, max(0, used - reservation.tokens + tokens))
        reservation.tokens = tokens

    async def close(self) -> None:
        """Nothing to close: the counters live in this process."""

    def exceeded(self, grant: Grant, reservation: Reservation, tokens: int) -> bool:
        """Whether a running call that has used ``tokens`` so far has gone past a day budget."""
        extra = max(0, tokens - reservation.tokens)
        if not extra:
            return False
        day = int(time.time() // DAY)
        return any(
            self._used(scope, day) + extra > self._share(budget).tokens_per_day
            for scope, budget in self.budgets(grant)
        )
