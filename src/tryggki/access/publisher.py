"""Republish the gateway policy from the web app on a timer, so changes to AI systems and
approvals reach the gateway within seconds without every service knowing about the gateway.
Key changes publish at once (``service``); this catches everything else."""

from __future__ import annotations

import logging
import threading

from sqlalchemy.orm import Session, sessionmaker

from tryggki.access import snapshot
from tryggki.db.session import unit_of_work

log = logging.getLogger("tryggki.access")


class Publisher:
    """A daemon thread that publishes every ``interval`` seconds until stopped."""

    def __init__(self, factory: sessionmaker[Session], interval: float) -> None:
        self._factory = factory
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="policy-publisher", daemon=True)

    def publish_once(self) -> None:
        """Publish now if anything changed; a failure is logged and retried on the next tick."""
        try:
            with unit_of_work(self._factory) as session:
                snapshot.publish(session)
        except Exception as exc:
            log.warning("gateway policy publish failed (%s)", type(exc).__name__)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.publish_once()

    def start(self) -> None:
        """Start the timer."""
        self._thread.start()

    def stop(self) -> None:
        """Stop the timer and wait for a publish in progress."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
