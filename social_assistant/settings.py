"""Typed settings: defaults, the TOML config file, ``SA_...`` environment overrides, secrets.

Precedence, highest first: environment (``SA_TIMEZONE``, ``SA_DATABASE__URL``, nested keys
joined with ``__``), the config file (``--config PATH``, ``SA_CONFIG``, or
``config/social_assistant.toml`` under the home directory), then the defaults written here.

Secrets (platform tokens, the session key) are never read from the config file: they come
from ``SA_<NAME>`` or from a file named by ``SA_<NAME>_FILE`` (see :func:`read_secret`).
"""

from __future__ import annotations

import os
import re
import string
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from social_assistant.taxonomy import Category

ENV_PREFIX = "SA_"
DEFAULT_CONFIG = Path("config") / "social_assistant.toml"
SLOT_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"

# Which secrets each channel kind needs; looked up as SA_CRED_<REF>_<KEY>[_FILE].
# Posting budgets per kind (PLATFORMS.md): X 100 posts per 15 min per user; Meta gives
# no fixed number for Pages, so a conservative 200 per hour.
_RATE_DEFAULTS: Mapping[str, tuple[int, int]] = {"x": (100, 900), "facebook": (200, 3600)}

CHANNEL_SECRETS: Mapping[str, tuple[str, ...]] = {
    "x": ("API_KEY", "API_SECRET", "ACCESS_TOKEN", "ACCESS_TOKEN_SECRET"),
    "facebook": ("PAGE_TOKEN",),
}


class SettingsError(Exception):
    """A setting is wrong; the message names the key, its source and the allowed values."""

    def __init__(self, key: str, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.key = key
        self.message_id = message_id
        self.message_en = message_en


class _KeyedError(ValueError):
    """A cross-field problem that knows which key is at fault."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Section):
    url: str = Field(
        "sqlite:///var/social_assistant.db",
        description="SQLAlchemy URL. Relative SQLite paths are under the home directory. "
        "PostgreSQL: postgresql+psycopg://user@host:5432/dbname",
    )

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("use sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DB")
        return value


class WebSettings(_Section):
    host: str = Field("127.0.0.1", description="Address the web UI listens on.")
    port: int = Field(8080, ge=1, le=65535, description="Port of the web UI.")
    session_hours: float = Field(
        12.0, gt=0, le=24 * 30, description="A login lasts this long (signed, expiring cookie)."
    )
    secure_cookies: bool = Field(
        False, description="Send cookies only over HTTPS (set true behind a TLS proxy)."
    )
    login_max_failures: int = Field(
        5, ge=1, le=100, description="Failed logins of one user or client before a pause."
    )
    login_pause_minutes: float = Field(
        15.0, gt=0, description="How long logins are refused after too many failures."
    )


class QueueSettings(_Section):
    dir: Path = Field(Path("content_queue"), description="Folder of queued announcement files.")
    default_approval: Literal["required", "none"] = Field(
        "required", description="Approval when a queue file does not say `approval:`."
    )


class PublishingSettings(_Section):
    tick_seconds: float = Field(2.0, gt=0, le=300, description="How often due posts are sought.")
    queue_sync_seconds: float = Field(60.0, gt=0, description="How often content_queue/ is read.")
    batch_size: int = Field(50, ge=1, le=1000, description="Posts claimed per tick per worker.")
    lease_seconds: int = Field(
        120, ge=1, description="How long a claim holds; a dead worker's row is taken after it."
    )
    staleness_minutes: int = Field(
        180, ge=1, description="Posts overdue by more are held for an officer, not sent late."
    )
    max_attempts: int = Field(10, ge=1, description="Transient failures before giving up.")
    backoff_base_seconds: float = Field(15.0, gt=0, description="First retry delay.")
    backoff_cap_seconds: float = Field(1800.0, gt=0, description="Longest retry delay.")
    timeout_seconds: float = Field(20.0, gt=0, description="Timeout of every platform call.")
    graph_version: str = Field(
        "v25.0", pattern=r"^v\d+\.\d+$", description="Facebook Graph API version."
    )


class CollectingSettings(_Section):
    interval_seconds: float = Field(60.0, gt=0, description="How often replies are sought.")
    window_days: int = Field(7, ge=1, le=90, description="Stop polling a post after this.")
    min_poll_minutes: float = Field(2.0, gt=0, description="Poll a new post this often.")
    max_poll_hours: float = Field(6.0, gt=0, description="Poll an old post at least this often.")
    batch_size: int = Field(20, ge=1, le=500, description="Posts polled per run.")
    x_monthly_read_budget: int = Field(
        10000,
        ge=0,
        description="Posts an X channel may read per calendar month (UTC; X bills every post "
        "returned, about $0.005 each); spent evenly over the month, newest posts first.",
    )
    mentions_poll_minutes: float = Field(
        30.0, gt=0, description="How often an X channel's mentions are read."
    )
    deletion_check_minutes: float = Field(
        360.0,
        ge=0,
        description="How often stored X replies of the last window_days are looked up by "
        "id to record the ones citizens deleted (reads count against the X read budget; "
        "0: never).",
    )


class NotifySettings(_Section):
    urgent_webhook: str = Field(
        "", description="URL that receives each urgent aspiration as JSON (empty: none)."
    )
    urgent_email: list[str] = Field(
        default_factory=list, description="Addresses e-mailed for each urgent aspiration."
    )
    smtp_host: str = Field("127.0.0.1", description="SMTP server for e-mail notifications.")
    smtp_port: int = Field(25, ge=1, le=65535, description="Its port (587 with starttls).")
    smtp_starttls: bool = Field(False, description="Upgrade the connection with STARTTLS.")
    smtp_username: str = Field("", description="Login (password: SA_SMTP_PASSWORD[_FILE]).")
    smtp_from: str = Field("social-assistant@localhost", description="Sender address.")
    timeout_seconds: float = Field(10.0, gt=0, description="Timeout of one notification.")
    max_attempts: int = Field(8, ge=1, description="Tries before a notification is failed.")
    unit_head_webhook: str = Field(
        "", description="URL that receives each overdue-item escalation as JSON (empty: none)."
    )
    unit_head_email: list[str] = Field(
        default_factory=list, description="Addresses of the unit head, e-mailed escalations."
    )

    @field_validator("urgent_webhook", "unit_head_webhook")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("use an http:// or https:// URL, or leave it empty")
        return value


class EmulatorSettings(_Section):
    url: str = Field(
        "",
        description="Address of a running emulator for sandbox channels; empty = start one "
        "inside `run` on host:port.",
    )
    host: str = Field("127.0.0.1", description="Where the in-process emulator listens.")
    port: int = Field(8765, ge=0, le=65535, description="Its port (0 = any free port).")
    reply_delay_seconds: float = Field(
        60.0, ge=0, description="Simulated citizens start replying this long after a post."
    )


class DeadlineSettings(_Section):
    acknowledge_days: int = Field(3, ge=1, le=60, description="Working days to verify and forward.")
    follow_up_days: int = Field(5, ge=1, le=60, description="Working days for the agency to act.")
    close_days: int = Field(10, ge=1, le=120, description="Working days until an item closes.")
    extra_holidays: list[date] = Field(
        default_factory=list, description="Extra non-working days (cuti bersama), YYYY-MM-DD."
    )
    escalation_interval_seconds: float = Field(
        300.0, gt=0, description="How often the daemon looks for overdue items to escalate."
    )
    escalation_batch_size: int = Field(
        200, ge=1, le=10000, description="Overdue items escalated per run at most."
    )

    @model_validator(mode="after")
    def _ordered(self) -> DeadlineSettings:
        if not self.acknowledge_days <= self.follow_up_days <= self.close_days:
            raise ValueError("need acknowledge_days <= follow_up_days <= close_days")
        return self


class TransparencySettings(_Section):
    on_time_minutes: int = Field(
        15, ge=0, le=1440, description="A post published this long after its due time is on time."
    )
    office_opens: str = Field("08:00", description="Office hours start (HH:MM, local).")
    office_closes: str = Field("16:00", description="Office hours end (HH:MM, local).")
    checkpoint_file: Path = Field(
        Path("var/audit_checkpoint.json"),
        description="The published audit checkpoint shown on /publik "
        "(`audit checkpoint --out` writes it).",
    )
    cache_seconds: float = Field(
        300.0, ge=0, description="The public page and open data are recomputed at most this often."
    )

    @field_validator("office_opens", "office_closes")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not SLOT_PATTERN.match(value):
            raise ValueError(f"{value!r} must be HH:MM (24-hour), e.g. '08:00'")
        return value

    @model_validator(mode="after")
    def _opens_before_closing(self) -> TransparencySettings:
        if self.office_opens >= self.office_closes:
            raise ValueError("need office_opens < office_closes")
        return self


class ChannelSettings(_Section):
    name: str = Field(pattern=NAME_PATTERN, description="Short unique name used in queue files.")
    kind: Literal["x", "facebook"] = Field(description="Platform of the account.")
    sandbox: bool = Field(False, description="Talk to the built-in emulator, not the platform.")
    credentials: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_]+$",
        description="Secret reference: tokens come from SA_CRED_<REF>_<KEY> or ..._FILE.",
    )
    page_id: str | None = Field(None, description="Facebook Page id (facebook channels).")
    slots: list[str] = Field(
        default_factory=lambda: ["08:00", "12:00", "19:00"],
        description="Local times (HH:MM) used by `slot: next` in queue files.",
    )
    enabled: bool = Field(True, description="Whether the daemon publishes on this channel.")
    post_limit: int | None = Field(
        None, ge=1, description="Posts allowed per window (default: x 100, facebook 200)."
    )
    post_window_seconds: int | None = Field(
        None, ge=1, description="The window of post_limit (default: x 900, facebook 3600)."
    )

    @field_validator("slots")
    @classmethod
    def _slot_format(cls, value: list[str]) -> list[str]:
        for slot in value:
            if not SLOT_PATTERN.match(slot):
                raise ValueError(f"slot {slot!r} must be HH:MM (24-hour), e.g. '08:00'")
        return sorted(set(value))

    @model_validator(mode="after")
    def _live_needs_credentials(self) -> ChannelSettings:
        if not self.sandbox and not self.credentials:
            raise ValueError("a live (sandbox = false) channel needs `credentials`")
        if self.kind == "facebook" and not self.sandbox and not self.page_id:
            raise ValueError("a live facebook channel needs `page_id`")
        return self

    @property
    def rate_budget(self) -> tuple[int, int]:
        """(posts, window seconds) the engine keeps to on this channel."""
        limit, window = _RATE_DEFAULTS[self.kind]
        return (self.post_limit or limit, self.post_window_seconds or window)

    def secret_names(self) -> tuple[str, ...]:
        """Environment names of the secrets this channel reads (empty for sandbox channels)."""
        if self.sandbox or not self.credentials:
            return ()
        ref = self.credentials.upper()
        return tuple(f"CRED_{ref}_{key}" for key in CHANNEL_SECRETS[self.kind])


CANNED_PLACEHOLDERS = ("nomor", "instansi", "tenggat", "nama")


class CannedReplySettings(_Section):
    name: str = Field(pattern=NAME_PATTERN, description="Short name officers pick it by.")
    text: str = Field(
        min_length=1,
        description="The reply; placeholders {nomor} (item number), {instansi} (agency), "
        "{tenggat} (follow-up deadline), {nama} (the citizen's handle).",
    )

    @field_validator("text")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        try:
            names = [field for _, field, _, _ in string.Formatter().parse(value) if field]
        except ValueError as exc:
            message = f"broken placeholder ({exc}); write {{{{ and }}}} for braces"
            raise ValueError(message) from None
        unknown = [name for name in names if name not in CANNED_PLACEHOLDERS]
        if unknown:
            raise ValueError(
                f"unknown placeholder {{{unknown[0]}}}; use "
                + ", ".join(f"{{{name}}}" for name in CANNED_PLACEHOLDERS)
            )
        return value


class AgencySettings(_Section):
    code: str = Field(pattern=r"^[A-Za-z0-9_-]{2,30}$", description="Short code, e.g. DPUPR.")
    name: str = Field(min_length=2, description="Full name of the agency (OPD).")
    contact_email: str | None = Field(None, description="Where dispositions are e-mailed.")
    contact_webhook: str | None = Field(None, description="Webhook URL for dispositions.")


class Settings(BaseSettings):
    """Everything the service can be told. Field descriptions are the help text."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    home: Path = Field(Path("."), description="Folder that relative paths are resolved against.")
    timezone: str = Field("Asia/Makassar", description="IANA zone officers think in (WITA).")
    language: Literal["id", "en"] = Field("id", description="Language for people: id or en.")
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    queue: QueueSettings = Field(default_factory=QueueSettings)
    publishing: PublishingSettings = Field(default_factory=PublishingSettings)
    collecting: CollectingSettings = Field(default_factory=CollectingSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    emulator: EmulatorSettings = Field(default_factory=EmulatorSettings)
    deadlines: DeadlineSettings = Field(default_factory=DeadlineSettings)
    transparency: TransparencySettings = Field(default_factory=TransparencySettings)
    channels: list[ChannelSettings] = Field(default_factory=lambda: list(_default_channels()))
    agencies: list[AgencySettings] = Field(default_factory=lambda: list(_default_agencies()))
    routing: dict[Category, str] = Field(
        default_factory=lambda: dict(_DEFAULT_ROUTING),
        description="Category -> agency code that must answer it.",
    )
    canned_replies: list[CannedReplySettings] = Field(
        default_factory=lambda: list(_default_canned_replies()),
        description="Ready-made replies to citizens, with placeholders.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The config file arrives as init kwargs; the environment overrides it.
        return (env_settings, init_settings)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                "unknown time zone; use an IANA name: Asia/Jakarta (WIB), "
                "Asia/Makassar (WITA) or Asia/Jayapura (WIT)"
            ) from None
        if value not in available_timezones():
            raise ValueError("unknown time zone; use an IANA name such as Asia/Makassar")
        return value

    @field_validator("routing", mode="before")
    @classmethod
    def _routing_defaults(cls, value: Any) -> Any:
        # A [routing] table in the file changes only the categories it names.
        return {**_DEFAULT_ROUTING, **value} if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        _unique("channels", [c.name for c in self.channels])
        _unique("agencies", [a.code for a in self.agencies])
        _unique("canned_replies", [c.name for c in self.canned_replies])
        codes = {a.code for a in self.agencies}
        for category, agency in self.routing.items():
            if category is not Category.NONE and agency not in codes:
                raise _KeyedError(
                    f"routing.{category}",
                    f"agency {agency!r} is not in [[agencies]] (known: {', '.join(sorted(codes))})",
                )
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def path(self, value: Path) -> Path:
        """Resolve a configured path against the home directory."""
        return value if value.is_absolute() else (self.home / value).resolve()

    @property
    def queue_dir(self) -> Path:
        return self.path(self.queue.dir)

    def database_url(self) -> str:
        """The database URL with a relative SQLite path made absolute under home."""
        url = self.database.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and url != "sqlite:///:memory:":
            file = Path(url[len(prefix) :])
            return prefix + str(self.path(file))
        return url

    def channel(self, name: str) -> ChannelSettings:
        for channel in self.channels:
            if channel.name == name:
                return channel
        raise KeyError(name)

    def agency(self, code: str) -> AgencySettings:
        for agency in self.agencies:
            if agency.code == code:
                return agency
        raise KeyError(code)


def _unique(section: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise _KeyedError(section, f"{name!r} appears twice; names must be unique")
        seen.add(name)


def _default_channels() -> tuple[ChannelSettings, ...]:
    return (
        ChannelSettings(name="x-sandbox", kind="x", sandbox=True),
        ChannelSettings(
            name="fb-sandbox", kind="facebook", sandbox=True, page_id="100000000000001"
        ),
    )


def _default_agencies() -> tuple[AgencySettings, ...]:
    return tuple(
        AgencySettings(code=code, name=name)
        for code, name in (
            ("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
            ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
            ("DISHUB", "Dinas Perhubungan"),
            ("DINKES", "Dinas Kesehatan"),
            ("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan"),
            ("DINSOS", "Dinas Sosial"),
            ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil"),
            ("DLH", "Dinas Lingkungan Hidup"),
            ("SATPOLPP", "Satuan Polisi Pamong Praja"),
            ("DISPERINDAGKOP", "Dinas Perindustrian, Perdagangan, Koperasi dan UMKM"),
            ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        )
    )


def _default_canned_replies() -> tuple[CannedReplySettings, ...]:
    return tuple(
        CannedReplySettings(name=name, text=text)
        for name, text in (
            (
                "diterima",
                "Terima kasih {nama}, aspirasi Anda sudah kami terima dengan nomor #{nomor} "
                "dan sedang kami verifikasi.",
            ),
            (
                "diteruskan",
                "Terima kasih {nama}. Aspirasi #{nomor} sudah kami teruskan ke {instansi} "
                "untuk ditindaklanjuti paling lambat {tenggat}.",
            ),
            (
                "selesai",
                "Terima kasih {nama}. Aspirasi #{nomor} sudah ditindaklanjuti oleh {instansi}. "
                "Bila masih ada kendala, silakan sampaikan kembali.",
            ),
        )
    )


_DEFAULT_ROUTING: Mapping[Category, str] = {
    Category.INFRASTRUCTURE: "DPUPR",
    Category.TRANSPORT: "DISHUB",
    Category.HEALTH: "DINKES",
    Category.EDUCATION: "DISDIKBUD",
    Category.SOCIAL_AID: "DINSOS",
    Category.ADMINISTRATION: "DISDUKCAPIL",
    Category.ENVIRONMENT: "DLH",
    Category.UTILITIES: "DPUPR",
    Category.SECURITY: "SATPOLPP",
    Category.ECONOMY: "DISPERINDAGKOP",
    Category.PUBLIC_SERVICE: "DPMPTSP",
}

# Keys that would hold secrets; refused in the config file wherever they appear.
_SECRET_KEYS = frozenset(
    {
        "session_key",
        "token",
        "page_token",
        "api_key",
        "api_secret",
        "access_token",
        "access_token_secret",
        "password",
        "user_token",
    }
)


def config_path(explicit: Path | None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The config file to read: ``--config``, then ``SA_CONFIG``, then the default if present."""
    env = os.environ if environ is None else environ
    if explicit is not None:
        return explicit
    if env.get("SA_CONFIG"):
        return Path(env["SA_CONFIG"])
    home = Path(env.get("SA_HOME", "."))
    candidate = home / DEFAULT_CONFIG
    return candidate if candidate.is_file() else None


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Read settings from the config file (if any) and the environment.

    Raises :class:`SettingsError` with one sentence naming the key at fault.
    """
    data: dict[str, Any] = {}
    chosen = config_path(path)
    if chosen is not None:
        data = _read_toml(chosen)
        data.setdefault("home", str(_home_for(chosen)))
    data.update(overrides)
    try:
        return Settings(**data)
    except ValidationError as exc:
        raise _explain(exc, chosen) from None


def _home_for(config_file: Path) -> Path:
    """``config/social_assistant.toml`` lives in ``<home>/config``; other files define home."""
    if "SA_HOME" in os.environ:
        return Path(os.environ["SA_HOME"])
    parent = config_file.resolve().parent
    return parent.parent if parent.name == "config" else parent


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SettingsError(
            "--config",
            f"Berkas konfigurasi {path} tidak dapat dibaca ({exc.strerror}).",
            f"Cannot read config file {path} ({exc.strerror}).",
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(
            str(path),
            f"Berkas konfigurasi {path} bukan TOML yang sah: {exc}. Perbaiki sintaksnya.",
            f"Config file {path} is not valid TOML: {exc}. Fix the syntax.",
        ) from None
    _refuse_secrets(data, path, prefix="")
    return data


def _refuse_secrets(data: Any, path: Path, prefix: str) -> None:
    if isinstance(data, list):
        for index, item in enumerate(data):
            _refuse_secrets(item, path, f"{prefix}[{index}]")
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if key.lower() in _SECRET_KEYS:
            raise SettingsError(
                dotted,
                f"Pengaturan `{dotted}` di {path} adalah rahasia dan tidak boleh ditulis di "
                f"berkas konfigurasi: gunakan variabel lingkungan SA_... atau SA_..._FILE.",
                f"Setting `{dotted}` in {path} is a secret and may not be in the config file: "
                "use an SA_... environment variable or an SA_..._FILE path.",
            )
        _refuse_secrets(value, path, dotted)


def _explain(exc: ValidationError, path: Path | None) -> SettingsError:
    error = exc.errors()[0]
    original = (error.get("ctx") or {}).get("error")
    key = original.key if isinstance(original, _KeyedError) else _dotted(error["loc"])
    env_name = ENV_PREFIX + "__".join(str(p) for p in error["loc"] if isinstance(p, str)).upper()
    from_env = env_name in os.environ
    source = f"variabel {env_name}" if from_env else (str(path) if path else "bawaan")
    source_en = f"variable {env_name}" if from_env else (str(path) if path else "default")
    reason = _reason(error)
    value = error.get("input")
    shown = "" if isinstance(value, dict | list) or value is None else f" ({value!r})"
    more = len(exc.errors()) - 1
    tail_id = f" (dan {more} kesalahan lain)" if more else ""
    tail_en = f" (and {more} more)" if more else ""
    return SettingsError(
        key,
        f"Pengaturan `{key}`{shown} dari {source} tidak valid: {reason}.{tail_id}",
        f"Setting `{key}`{shown} from {source_en} is invalid: {reason}.{tail_en}",
    )


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _reason(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        return f"allowed values: {ctx.get('expected')}"
    if kind == "extra_forbidden":
        return "unknown setting; check the spelling against config/social_assistant.toml"
    if kind == "enum":
        return f"allowed values: {ctx.get('expected')}"
    if kind == "missing":
        return "required but not given"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def read_secret(name: str, environ: Mapping[str, str] | None = None) -> SecretStr | None:
    """Read secret ``SA_<NAME>`` from the environment, or from the file ``SA_<NAME>_FILE``."""
    env = os.environ if environ is None else environ
    direct = env.get(ENV_PREFIX + name)
    if direct:
        return SecretStr(direct)
    file_name = env.get(f"{ENV_PREFIX}{name}_FILE")
    if not file_name:
        return None
    try:
        return SecretStr(Path(file_name).read_text(encoding="utf-8").strip())
    except OSError as exc:
        raise SettingsError(
            f"{ENV_PREFIX}{name}_FILE",
            f"Berkas rahasia {file_name} (dari {ENV_PREFIX}{name}_FILE) tidak dapat dibaca: "
            f"{exc.strerror}.",
            f"Secret file {file_name} (from {ENV_PREFIX}{name}_FILE) cannot be read: "
            f"{exc.strerror}.",
        ) from None


def secret_source(name: str, environ: Mapping[str, str] | None = None) -> str:
    """Where a secret would come from, for display: never the value itself."""
    env = os.environ if environ is None else environ
    if env.get(ENV_PREFIX + name):
        return f"set (env {ENV_PREFIX}{name})"
    if env.get(f"{ENV_PREFIX}{name}_FILE"):
        return f"set (file {env[f'{ENV_PREFIX}{name}_FILE']})"
    return "not set"
