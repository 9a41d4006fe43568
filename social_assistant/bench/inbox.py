"""``social-assistant bench inbox``: the inbox page and its filters over a large database.

A scratch database (SQLite file, or a PostgreSQL schema) gets ``replies`` citizens'
replies over ``days`` days on four channels, every fifth one an aspiration (all kinds,
categories, agencies and statuses, a few percent urgent, working-day deadlines filled),
by bulk Core inserts in chunks. PostgreSQL then gets ANALYZE (its autovacuum would do it
after such a load); SQLite is measured without statistics, as a deployment has none.
Then the real web app (``create_app``) answers each
scenario in-process; a tiny ASGI middleware wrapped around it times every request from
the first ASGI call to the last body byte (server time, no network). The JSON reports
p50/p95/max per scenario, the overall p95, the peak RSS of the process and the
tracemalloc peak during one traced round of requests (timed rounds run untraced).
"""

from __future__ import annotations

import os
import random
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select, text
from sqlmodel import col

from social_assistant.bench.scratch import scratch_service
from social_assistant.clock import FrozenClock
from social_assistant.db import Database
from social_assistant.db.migrate import upgrade
from social_assistant.db.models import Agency, Aspiration, Channel, Reply, Role
from social_assistant.db.reference import sync_reference_data
from social_assistant.settings import Settings
from social_assistant.taxonomy import ASPIRATION_KINDS, Category
from social_assistant.users import add_user
from social_assistant.web.app import create_app
from social_assistant.web.tokens import create_token
from social_assistant.workdays import WorkingCalendar, calendar_for

BATCH = 10_000
PAGE = 50
TARGET_P95_MS = 100.0
TARGET_RSS_MB = 300.0
END = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
NOW = END + timedelta(hours=12)
PASSWORD = "bench-kata-sandi"
SEARCH_TERM = "banjir"
CHANNELS = (
    {"name": "x-sandbox", "kind": "x", "sandbox": True},
    {"name": "fb-sandbox", "kind": "facebook", "sandbox": True, "page_id": "100000000000001"},
    {"name": "x-kota", "kind": "x", "sandbox": True},
    {"name": "fb-kota", "kind": "facebook", "sandbox": True, "page_id": "100000000000002"},
)
STATUS_WEIGHTS = (
    ("new", 25),
    ("acknowledged", 20),
    ("forwarded", 20),
    ("answered", 15),
    ("resolved", 15),
    ("dismissed", 5),
)
PROBLEMS = (
    "jalan berlubang",
    "lampu jalan mati",
    "banjir setinggi lutut",
    "sampah menumpuk",
    "air PDAM tidak mengalir",
    "listrik padam",
    "antrean puskesmas panjang",
    "guru honorer belum digaji",
    "bansos belum cair",
    "KTP elektronik belum jadi",
    "angkot ngetem sembarangan",
    "pungli di kantor kelurahan",
    "selokan mampet",
    "pohon tumbang",
    "pasar becek dan kotor",
    "parkir liar",
)
PLACES = (
    "Jl. Sudirman",
    "Kelurahan Sukamaju",
    "depan Pasar Baru",
    "RT 03 RW 05 Cempaka",
    "dekat SDN 12",
    "Perumahan Griya Asri",
    "Kecamatan Tanjung",
    "gang Melati",
    "terminal Kota",
    "samping masjid Al-Ikhlas",
)
OPENERS = ("Min,", "Pak,", "Mohon perhatian,", "Tolong,", "Assalamualaikum,", "Lapor!", "", "Bu,")
TAILS = (
    "sudah seminggu belum ditangani.",
    "mohon segera diperbaiki 🙏",
    "kapan ada tindakan?",
    "warga sangat resah.",
    "sudah lapor berkali-kali tapi tidak ada respon.",
    "tolong ditindaklanjuti ya.",
    "bagaimana prosedurnya?",
    "sebaiknya dijadwalkan rutin.",
)
CHATTER = (
    "mantap pak, semoga amanah",
    "terima kasih infonya min",
    "hadir 🙌",
    "keren acaranya",
    "semangat terus pemkot",
    "wkwk lucu",
    "info loker min",
    "setuju banget",
)


@dataclass(frozen=True)
class Shape:
    replies: int = 1_000_000
    aspirations: int = 200_000
    days: int = 182
    requests: int = 50
    warmups: int = 3
    database_url: str | None = None
    seed: int = 11
    # None: ANALYZE on PostgreSQL (autovacuum would), not on SQLite (nothing would)
    analyze: bool | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    params: dict[str, str]
    api: bool = False


def run_bench(shape: Shape) -> dict[str, Any]:
    if shape.aspirations > shape.replies:
        raise ValueError("aspirations must not exceed replies")
    channels = [dict(c) for c in CHANNELS]
    with scratch_service("sa-bench-inbox-", shape.database_url, channels=channels) as opened:
        return _measure(shape, *opened)


def _measure(shape: Shape, settings: Settings, database: Database) -> dict[str, Any]:
    upgrade(database)
    with database.session() as session:
        sync_reference_data(session, settings)
        viewer = add_user(session, "bench-viewer", Role.VIEWER, PASSWORD, actor="bench")
        _, token = create_token(session, viewer, "bench", actor=viewer, now=NOW)
    started = time.perf_counter()
    seeded = seed(database, settings, shape)
    seed_seconds = time.perf_counter() - started
    started = time.perf_counter()
    analyzed = _analyze(database, shape.analyze)
    analyze_seconds = time.perf_counter() - started
    rss_before = _rss_mb()
    timer = _Timer(create_app(settings, database, FrozenClock(NOW)))
    with TestClient(timer, base_url="http://127.0.0.1") as client:
        _login(client)
        api_headers = {"Authorization": f"Bearer {token}"}
        scenarios = _scenarios(client, api_headers)
        counts = {s.name: _matching(database, s, settings.zone) for s in scenarios}
        results = {}
        for scenario in scenarios:
            results[scenario.name] = _run(client, timer, scenario, shape, api_headers)
            results[scenario.name]["matching"] = counts[scenario.name]
        tracemalloc.start()
        for scenario in scenarios:
            _request(client, scenario, api_headers)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    every = [ms for r in results.values() for ms in r.pop("_samples")]
    overall = _percentile(every, 95)
    rss = _rss_mb()
    return {
        "backend": database.backend,
        "replies": seeded["replies"],
        "aspirations": seeded["aspirations"],
        "seed_seconds": round(seed_seconds, 1),
        "seed_rows_per_second": round((seeded["replies"] + seeded["aspirations"]) / seed_seconds),
        "analyzed": analyzed,
        "analyze_seconds": round(analyze_seconds, 1),
        "requests_per_scenario": shape.requests,
        "scenarios": results,
        "overall_p95_ms": overall,
        "peak_rss_mb_before_requests": rss_before,
        "peak_rss_mb": rss,
        "tracemalloc_peak_mb": round(traced_peak / 2**20, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "targets": {
            "p95_ms_max": TARGET_P95_MS,
            "rss_mb_max": TARGET_RSS_MB,
            "p95_met": all(r["p95_ms"] <= TARGET_P95_MS for r in results.values()),
            "rss_met": rss <= TARGET_RSS_MB,
        },
    }


# --- seeding -------------------------------------------------------------------------


def seed(database: Database, settings: Settings, shape: Shape) -> dict[str, int]:
    """Bulk-insert the replies and aspirations; ids are assigned here (empty tables)."""
    with database.session() as session:
        channels = list(
            session.execute(select(col(Channel.id)).order_by(col(Channel.id))).scalars()
        )
        agencies = dict(session.execute(select(col(Agency.code), col(Agency.id))).all())
    routing = {c.value: agencies[code] for c, code in settings.routing.items() if code in agencies}
    days = (
        settings.deadlines.acknowledge_days,
        settings.deadlines.follow_up_days,
        settings.deadlines.close_days,
    )
    maker = _Rows(shape, channels, routing, calendar_for(settings), days)
    every = max(1, shape.replies // max(shape.aspirations, 1)) if shape.aspirations else 0
    made = 0
    for start in range(0, shape.replies, BATCH):
        replies: list[dict[str, Any]] = []
        items: list[dict[str, Any]] = []
        for n in range(start, min(start + BATCH, shape.replies)):
            flagged = bool(every) and n % every == 0 and made + len(items) < shape.aspirations
            reply = maker.reply(n, flagged)
            replies.append(reply)
            if flagged:
                items.append(maker.aspiration(n + 1, reply))
        with database.engine.begin() as connection:
            connection.execute(insert(Reply), replies)
            if items:
                connection.execute(insert(Aspiration), items)
        made += len(items)
    if database.backend == "postgresql":
        with database.engine.begin() as connection:
            for table in ("replies", "aspirations"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
    return {"replies": shape.replies, "aspirations": made}


class _Rows:
    """Deterministic, varied rows; deadlines computed once per local day."""

    def __init__(
        self,
        shape: Shape,
        channels: list[int],
        routing: dict[str, int],
        calendar: WorkingCalendar,
        days: tuple[int, int, int],
    ) -> None:
        self.shape = shape
        self.days = days
        self.channels = channels
        self.routing = routing
        self.categories = [c.value for c in Category if c is not Category.NONE]
        self.kinds = sorted(k.value for k in ASPIRATION_KINDS)
        self.calendar = calendar
        self.first = END - timedelta(days=shape.days)
        self.span = shape.days * 86_400.0
        self.rng = random.Random(shape.seed)
        self.statuses = [name for name, weight in STATUS_WEIGHTS for _ in range(weight)]
        self.deadlines: dict[date, tuple[datetime, datetime, datetime]] = {}

    def reply(self, n: int, flagged: bool) -> dict[str, Any]:
        posted = self.first + timedelta(seconds=self.span * n / self.shape.replies)
        rng = self.rng
        if flagged:
            body = (
                f"{rng.choice(OPENERS)} {rng.choice(PROBLEMS)} di {rng.choice(PLACES)}, "
                f"{rng.choice(TAILS)}"
            ).strip()
        else:
            body = f"{rng.choice(CHATTER)} #{n % 997}"
        return {
            "id": n + 1,
            "channel_id": self.channels[n % len(self.channels)],
            "platform_id": str(10**15 + n),
            "conversation_id": f"c{n // 40}",
            "author_id": str(n % 50_000),
            "author_handle": f"warga{n % 50_000}",
            "text": body,
            "text_history": [],
            "posted_at": posted,
            "collected_at": posted + timedelta(minutes=3),
            "raw": {},
        }

    def aspiration(self, reply_id: int, reply: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        received: datetime = reply["posted_at"]
        ack_due, follow_due, close_due = self._deadlines(received)
        status = rng.choice(self.statuses)
        category = rng.choice(self.categories)
        steps = ("acknowledged", "forwarded", "answered", "resolved")
        reached = steps.index(status) + 1 if status in steps else 0
        times: dict[str, datetime | None] = {}
        moment = received
        for index, step in enumerate(steps):
            if index < reached:
                moment += timedelta(hours=rng.expovariate(1 / 30))
                times[step] = moment
            else:
                times[step] = None
        return {
            "id": reply_id,
            "reply_id": reply_id,
            "kind": rng.choice(self.kinds),
            "category": category,
            "urgent": rng.random() < 0.03,
            "sentiment": round(rng.uniform(-1, 0.6), 3),
            "reasons": ["kata: " + reply["text"].split(" ")[1]] if " " in reply["text"] else [],
            "personal_data": [],
            # about one in twenty not routed to an agency
            "agency_id": self.routing.get(category) if rng.random() > 0.05 else None,
            "status": status,
            "received_at": received,
            "acknowledge_due_at": ack_due,
            "follow_up_due_at": follow_due,
            "close_due_at": close_due,
            "acknowledged_at": times["acknowledged"],
            "forwarded_at": times["forwarded"],
            "answered_at": times["answered"],
            "resolved_at": times["resolved"],
            "dismissed_reason": "bukan aspirasi" if status == "dismissed" else None,
            "forward_note": "mohon ditindaklanjuti" if times["forwarded"] else None,
            "created_at": received,
            "updated_at": moment,
        }

    def _deadlines(self, received: datetime) -> tuple[datetime, datetime, datetime]:
        day = received.astimezone(self.calendar.zone).date()
        if day not in self.deadlines:
            ack, follow, close = (self.calendar.deadline(received, n) for n in self.days)
            self.deadlines[day] = (ack, follow, close)
        return self.deadlines[day]


def _analyze(database: Database, wanted: bool | None) -> bool:
    """Planner statistics, as PostgreSQL's autovacuum gathers after a bulk load. SQLite
    has none unless someone runs ANALYZE, so by default it is measured without them."""
    if wanted is None:
        wanted = database.backend == "postgresql"
    if wanted:
        with database.engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    return wanted


# --- measuring -----------------------------------------------------------------------

_Scope = MutableMapping[str, Any]
_Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
_Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class _Timer:
    """ASGI wrapper: the server time of each HTTP request, in milliseconds."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.last_ms = 0.0

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.last_ms = (time.perf_counter() - started) * 1000


def _login(client: TestClient) -> None:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)
    if found is None:
        raise RuntimeError("the login page has no CSRF token")
    response = client.post(
        "/login",
        data={
            "username": "bench-viewer",
            "password": PASSWORD,
            "csrf_token": found.group(1),
            "next": "/",
        },
        follow_redirects=False,
    )
    if response.status_code != 303:
        raise RuntimeError(f"login failed: {response.status_code}")


def _scenarios(client: TestClient, api_headers: dict[str, str]) -> list[Scenario]:
    middle = (END - timedelta(days=60)).date()
    first_page = client.get("/api/v1/aspirations", headers=api_headers)
    cursor = first_page.json()["next_cursor"] or ""
    return [
        Scenario("no_filter", "/inbox", {}),
        Scenario("status_new", "/inbox", {"status": "new"}),
        Scenario("urgent", "/inbox", {"urgent": "1"}),
        Scenario("category", "/inbox", {"category": "health"}),
        Scenario("agency", "/inbox", {"agency": _an_agency(client, api_headers)}),
        Scenario("channel", "/inbox", {"channel": "fb-kota"}),
        Scenario(
            "date_range",
            "/inbox",
            {"since": str(middle), "until": str(middle + timedelta(days=13))},
        ),
        Scenario("search", "/inbox", {"q": SEARCH_TERM}),
        Scenario(
            "combined",
            "/inbox",
            {"status": "forwarded", "category": "infrastructure", "since": str(middle)},
        ),
        Scenario("page_2", "/inbox", {"cursor": cursor}),
        Scenario("api", "/api/v1/aspirations", {}, api=True),
        Scenario("api_filtered", "/api/v1/aspirations", {"status": "open", "q": "jalan"}, api=True),
    ]


def _an_agency(client: TestClient, api_headers: dict[str, str]) -> str:
    items = client.get("/api/v1/aspirations", headers=api_headers).json()["items"]
    return next((i["agency"] for i in items if i["agency"]), "")


def _request(client: TestClient, scenario: Scenario, api_headers: dict[str, str]) -> Any:
    url = scenario.path + ("?" + urlencode(scenario.params) if scenario.params else "")
    return client.get(url, headers=api_headers if scenario.api else None)


def _rows_in(scenario: Scenario, response: Any) -> int:
    if scenario.api:
        return len(response.json()["items"])
    return len(re.findall(r'<tr class="[^"]*" data-item="', response.text))


def _run(
    client: TestClient,
    timer: _Timer,
    scenario: Scenario,
    shape: Shape,
    api_headers: dict[str, str],
) -> dict[str, Any]:
    rows = -1
    statuses: set[int] = set()
    samples: list[float] = []
    for number in range(shape.warmups + shape.requests):
        response = _request(client, scenario, api_headers)
        statuses.add(response.status_code)
        if number == 0:
            rows = _rows_in(scenario, response)
        if number >= shape.warmups:
            samples.append(timer.last_ms)
    return {
        "path": scenario.path,
        "params": scenario.params,
        "status_codes": sorted(statuses),
        "rows": rows,
        "p50_ms": _percentile(samples, 50),
        "p95_ms": _percentile(samples, 95),
        "max_ms": round(max(samples), 2),
        "_samples": samples,
    }


def _matching(database: Database, scenario: Scenario, zone: ZoneInfo) -> int:
    """How many items the scenario's filters match, counted independently in SQL."""
    query = (
        select(func.count())
        .select_from(Aspiration)
        .join(Reply, col(Reply.id) == col(Aspiration.reply_id))
    )
    params = scenario.params
    for key, value in params.items():
        if key == "status" and value == "open":
            statuses = ["new", "acknowledged", "forwarded", "answered"]
            query = query.where(col(Aspiration.status).in_(statuses))
        elif key in ("status", "category"):
            query = query.where(getattr(Aspiration, key) == value)
        elif key == "urgent":
            query = query.where(col(Aspiration.urgent).is_(True))
        elif key == "agency":
            agency = select(col(Agency.id)).where(col(Agency.code) == value).scalar_subquery()
            query = query.where(col(Aspiration.agency_id) == agency)
        elif key == "channel":
            channel = select(col(Channel.id)).where(col(Channel.name) == value).scalar_subquery()
            query = query.where(col(Reply.channel_id) == channel)
        elif key == "since":
            start = datetime.combine(date.fromisoformat(value), datetime.min.time(), zone)
            query = query.where(col(Aspiration.received_at) >= start)
        elif key == "until":
            day = date.fromisoformat(value) + timedelta(days=1)
            query = query.where(
                col(Aspiration.received_at) < datetime.combine(day, datetime.min.time(), zone)
            )
        elif key == "q":
            query = query.where(col(Reply.text).ilike(f"%{value}%"))
    with database.session() as session:
        total = int(session.execute(query).scalar_one())
    return max(total - PAGE, 0) if "cursor" in params else total


def _percentile(samples: list[float], pct: int) -> float:
    if len(samples) < 2:
        return round(samples[0], 2) if samples else 0.0
    return round(statistics.quantiles(samples, n=100, method="inclusive")[pct - 1], 2)


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # kilobytes on Linux, bytes on macOS
    return round(peak / (2**20 if sys.platform == "darwin" else 1024), 1)
