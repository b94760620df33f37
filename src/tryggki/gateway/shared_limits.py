"""Budgets counted in Redis, so that all gateway processes together keep one budget.

Used when ``gateway_limits_redis_url`` is set. One Lua script checks and counts a call against
its key's and its organisation's budgets atomically, so two processes can never both take the
last request of a minute. Counters are plain Redis integers per scope and period
(``<prefix>:rq:<scope>:<minute>``, ``<prefix>:tk:<scope>:<day>``) that expire with the period.

If Redis cannot be reached, each process falls back to its own share of every budget (the
in-memory ``Limits``) and tries Redis again after ``RETRY_SECONDS``: no call is admitted without
a budget check. The fallback knows nothing of what Redis counted, so during an outage each
process may spend its share once more (and with several machines, each machine its shares):
an outage can let a day's budget be exceeded, never a minute's by more than the shares. A
running stream is measured against the headroom its budgets had when it was admitted, so its
lines cost no round trip. Nothing but scope ids and counts goes to Redis.
"""

from __future__ import annotations

import asyncio
import logging
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError

from tryggki.gateway.limits import DAY, Limits, Reservation, tokens_used_up, too_many_requests
from tryggki.gateway.policy import Grant

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0

# KEYS: for each scope its request key and token key. ARGV: estimate, then for each scope its
# requests-per-minute and tokens-per-day budget. Returns {0, headroom} when counted (the tokens
# left in the tightest day budget), else {1 + 2 × scope index, 0} for a spent request budget and
# {2 + 2 × scope index, 0} for a spent token budget.
_ADMIT = """
local n = #KEYS / 2
local estimate = tonumber(ARGV[1])
local headroom = nil
for i = 0, n - 1 do
  if tonumber(redis.call('GET', KEYS[2 * i + 1]) or '0') >= tonumber(ARGV[2 * i + 2]) then
    return {1 + 2 * i, 0}
  end
  local left = tonumber(ARGV[2 * i + 3]) - tonumber(redis.call('GET', KEYS[2 * i + 2]) or '0')
  if estimate > left then
    return {2 + 2 * i, 0}
  end
  if headroom == nil or left - estimate < headroom then headroom = left - estimate end
end
for i = 0, n - 1 do
  redis.call('INCR', KEYS[2 * i + 1])
  redis.call('EXPIRE', KEYS[2 * i + 1], 120)
  redis.call('INCRBY', KEYS[2 * i + 2], estimate)
  redis.call('EXPIRE', KEYS[2 * i + 2], 172800)
end
return {0, headroom}
"""
# KEYS: the token keys of a call's scopes. ARGV: the change. Never below 0, and never without
# an expiry (a key that expired or was evicted meanwhile is made again by INCRBY).
_SETTLE = """
for i = 1, #KEYS do
  if redis.call('INCRBY', KEYS[i], ARGV[1]) < 0 then redis.call('SET', KEYS[i], 0) end
  if redis.call('TTL', KEYS[i]) < 0 then redis.call('EXPIRE', KEYS[i], 172800) end
end
return 0
"""


class SharedLimits:
    """The interface of ``Limits``, counted in Redis with ``Limits`` as the fallback."""

    def __init__(self, url: str, fallback: Limits, prefix: str = "tryggki:limits") -> None:
        # Short timeouts: a Redis that hangs must not hold every request up.
        self._redis = Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
        self._admit = self._redis.register_script(_ADMIT)
        self._settle_script = self._redis.register_script(_SETTLE)
        self._fallback = fallback
        self._prefix = prefix
        self._down_until = 0.0
        self._pending: set[asyncio.Task[None]] = set()  # settlements on their way to Redis

    def _tokens_key(self, scope: str, day: int) -> str:
        return f"{self._prefix}:tk:{scope}:{day}"

    def _usable(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, exc: Exception) -> None:
        self._down_until = time.monotonic() + RETRY_SECONDS
        # The exception's class only: its message may hold the URL with a password.
        log.warning("Redis for shared limits unreachable (%s): each process keeps its share",
                    type(exc).__name__)  # fmt: skip

    async def admit(self, grant: Grant, estimate: int, now: float | None = None) -> Reservation:
        """Count the request and reserve ``estimate`` tokens for all processes, or raise 429."""
        now = time.time() if now is None else now
        if not self._usable():
            return await self._fallback.admit(grant, estimate, now)
        minute, day = int(now // 60), int(now // DAY)
        budgets = self._fallback.budgets(grant)
        keys: list[str] = []
        args: list[int] = [estimate]
        for scope, budget in budgets:
            keys += [f"{self._prefix}:rq:{scope}:{minute}", self._tokens_key(scope, day)]
            args += [budget.requests_per_minute, budget.tokens_per_day]
        try:
            refused, headroom = (int(v) for v in await self._admit(keys=keys, args=args))
        except (RedisError, OSError) as exc:
            self._failed(exc)
            return await self._fallback.admit(grant, estimate, now)
        if refused:
            budget = budgets[(refused - 1) // 2][1]
            raise too_many_requests(budget, now) if refused % 2 else tokens_used_up(budget, now)
        scoped = tuple((s, day) for s, _b in budgets)
        return Reservation(scoped, estimate, shared=True, headroom=headroom)

    def settle(self, reservation: Reservation, tokens: int) -> None:
        """Replace the reserved estimate by the tokens the call really used.

        Sent to Redis by a task of its own: this runs as a call ends, also when it is being
        cancelled, where no await may be made.
        """
        if not reservation.shared:
            self._fallback.settle(reservation, tokens)
            return
        change = tokens - reservation.tokens
        reservation.tokens = tokens
        if change:  # sent even while Redis seems away: it fails within the socket timeout
            keys = [self._tokens_key(scope, day) for scope, day in reservation.scopes]
            task = asyncio.get_running_loop().create_task(self._settle(keys, change))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def _settle(self, keys: list[str], change: int) -> None:
        try:
            await self._settle_script(keys=keys, args=[change])
        except (RedisError, OSError) as exc:
            self._failed(exc)

    def exceeded(self, grant: Grant, reservation: Reservation, tokens: int) -> bool:
        """Whether a running call that has used ``tokens`` so far has gone past a day budget."""
        if not reservation.shared:
            return self._fallback.exceeded(grant, reservation, tokens)
        return tokens - reservation.tokens > reservation.headroom

    async def close(self) -> None:
        """Wait for the settlements on their way, then close the connection pool."""
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        await self._redis.aclose()
