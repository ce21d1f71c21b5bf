"""Typed settings read from the environment; one place for every knob."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET_KEY = "qingling-insecure-development-key-change-me"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    """Settings shared by the API, the worker and the CLI.

    Names without a prefix (DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE) follow
    the conventions operators already use; the rest carry the QINGLING_ prefix.
    """

    model_config = SettingsConfigDict(env_prefix="QINGLING_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path(".qingling")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    temporal_address: str | None = Field(default=None, validation_alias="TEMPORAL_ADDRESS")
    temporal_namespace: str = Field(default="default", validation_alias="TEMPORAL_NAMESPACE")
    secret_key: str = DEFAULT_SECRET_KEY
    token_expire_minutes: int = Field(default=480, gt=0)
    log_level: str = "INFO"
    # The built web workspace (`npm run build` in web/); the Docker image sets its own path.
    web_dist: Path = Path(__file__).resolve().parents[1] / "web" / "dist"
    # Workflows kept in worker memory; a workflow evicted from the cache is replayed from its
    # history on its next event, which is what makes thousands of simultaneous deadlines slow.
    worker_cached_workflows: int = Field(default=10_000, gt=0)
    # How long an escalation's recipients (accounts, leader, webhooks) are remembered.
    worker_recipient_cache_seconds: float = Field(default=60.0, ge=0)
    # The bulletin's Word template (公文 layout); unset: documents/templates/bulletin.docx.
    bulletin_template: Path | None = None
    # 机关代字 of each issuing office's 发文字号, by the office's unit code, as JSON:
    # QINGLING_DOCUMENT_PREFIXES='{"tj.office": "津治欠办"}'; an office not named uses its name.
    document_prefixes: dict[str, str] = {}

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.env == "production" and (
            not self.secret_key
            or self.secret_key == DEFAULT_SECRET_KEY
            or len(self.secret_key) < 32
        ):
            raise ValueError(
                "生产环境（QINGLING_ENV=production）必须设置 QINGLING_SECRET_KEY，"
                "且不得使用默认值（至少 32 个字符）"
            )
        return self

    def require_database_url(self) -> str:
        """The ledger URL: set by deployments, or by `qingling up` for its children."""
        if not self.database_url:
            raise RuntimeError(
                "未设置 DATABASE_URL（请使用 qingling up 或设置外部 PostgreSQL 地址）"
            )
        return self.database_url

    def require_temporal_address(self) -> str:
        """The Temporal frontend address; `qingling up` sets it for its children."""
        if not self.temporal_address:
            raise RuntimeError(
                "未设置 TEMPORAL_ADDRESS（请使用 qingling up 或设置外部 Temporal 地址）"
            )
        return self.temporal_address


@lru_cache
def get_settings() -> Settings:
    """Settings of this process, read once."""
    return Settings()
