"""Settings: one value object built from the environment (prefix ``TRYGGKI_``) when asked for.

Nothing reads the environment at import time; ``create_app(settings)`` and the CLI pass a
``Settings`` down. Validators refuse unsafe production set-ups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, RedisDsn, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me"  # noqa: S105 - a marker the production validator refuses


class Settings(BaseSettings):
    """All configuration of the product."""

    model_config = SettingsConfigDict(env_prefix="TRYGGKI_", env_file=None, extra="ignore")

    environment: Literal["development", "production", "test"] = "development"
    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("tryggki", appauthor=False)))
    database_url: str | None = None
    secret_key: str = DEV_SECRET
    default_locale: Literal["nn", "nb", "en"] = "nn"
    # Records not reviewed for this many months are flagged as stale in the registry.
    stale_after_months: int = Field(default=12, ge=1, le=120)
    # DFØ benefit arithmetic parameters (DOMAIN.md): productive hours per FTE-year and the
    # hourly labour cost including social costs, in NOK.
    hours_per_fte: float = Field(default=1695.0, gt=0)
    hour_cost_nok: float = Field(default=850.0, gt=0)
    # Cookies get the Secure flag when the site is served over TLS (behind a proxy).
    https: bool = False
    load_demo_data: bool = True
    page_size: int = Field(default=25, ge=5, le=200)
    # Assess with the AI Act dates of the Digital Omnibus on AI (true) or the Act's baseline dates.
    omnibus_in_force: bool = True
    # Largest evidence file accepted on an assessment's checklist, in bytes.
    max_evidence_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)

    # The AI gateway (a separate process, ``tryggki gateway``). The default upstream is the
    # built-in demo upstream, which shows what a vendor would receive.
    gateway_public_url: str = "http://127.0.0.1:8080/v1"
    gateway_upstream_url: str = "http://127.0.0.1:8009/v1"
    gateway_upstream_api_key: str | None = None
    # AI system name → OpenAI-compatible base URL, for systems that are not the default upstream.
    gateway_upstreams: dict[str, str] = Field(default_factory=dict)
    gateway_connect_timeout: float = Field(default=5.0, gt=0)
    gateway_read_timeout: float = Field(default=120.0, gt=0)
    gateway_policy_refresh_seconds: float = Field(default=5.0, gt=0)
    # The web app republishes the policy this often (when anything changed).
    gateway_publish_seconds: float = Field(default=10.0, gt=0)
    gateway_key_requests_per_minute: int = Field(default=60, ge=1)
    gateway_key_tokens_per_day: int = Field(default=200_000, ge=1)
    gateway_org_requests_per_minute: int = Field(default=1_200, ge=1)
    gateway_org_tokens_per_day: int = Field(default=5_000_000, ge=1)
    gateway_conversation_ttl_seconds: int = Field(default=3600, ge=60)
    gateway_max_conversations: int = Field(default=2_000, ge=10)
    # Worker processes of the gateway (set by ``tryggki gateway --workers``): each gets its share
    # of every budget.
    gateway_workers: int = Field(default=1, ge=1)
    # Redis for budgets shared by all gateway processes ("redis://127.0.0.1:6379/0"); without it
    # each process keeps its share in memory. The prefix keeps several gateways apart.
    gateway_limits_redis_url: RedisDsn | None = None
    gateway_limits_redis_prefix: str = Field(default="tryggki:limits", min_length=1)
    gateway_max_body_bytes: int = Field(default=2_000_000, ge=1024)
    # Indicator: minutes of work a successful call is estimated to save.
    gateway_minutes_saved_per_call: float = Field(default=3.0, ge=0)

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL; the embedded default is a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'tryggki.sqlite3'}"

    @property
    def is_sqlite(self) -> bool:
        """Whether the configured database is SQLite."""
        return self.sqlalchemy_url.startswith("sqlite")

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production":
            if self.secret_key == DEV_SECRET or len(self.secret_key) < 32:
                raise ValueError("production needs TRYGGKI_SECRET_KEY of at least 32 characters")
            if self.is_sqlite:
                raise ValueError("production needs PostgreSQL (TRYGGKI_DATABASE_URL)")
        return self
