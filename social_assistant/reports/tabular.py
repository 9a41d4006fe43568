"""The report as data: JSON (the metrics), CSV (one row per figure), and text lines (PDF)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from social_assistant.reports.build import Report
from social_assistant.reports.summary import KIND_ID, hours, percent

FORMAT = "social-assistant/report/v1"


def render_json(report: Report) -> str:
    document: dict[str, Any] = {"format": FORMAT, "title": report.title, "scope": report.scope}
    document["metrics"] = report.metrics.to_dict()
    if report.checkpoint is not None:
        document["audit_checkpoint"] = report.checkpoint.document
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def render_csv(report: Report) -> str:
    """``section,metric,value`` rows: every number of the report, flat."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "metric", "value"])
    data = report.metrics.to_dict()
    months = data.pop("agency_months")
    weeks = data.pop("sentiment")
    engagement = data.pop("engagement")
    for key, value in _flatten(data, ""):
        section, _, metric = key.rpartition(".")
        writer.writerow([section or "period", metric, "" if value is None else value])
    for row in months:
        section = f"agency_months.{row['agency']}.{row['month']}"
        for key, value in _flatten(row["figures"], ""):
            writer.writerow([section, key, "" if value is None else value])
    for week in weeks:
        writer.writerow([f"sentiment.{week['week']}", "mean", week["mean"]])
        writer.writerow([f"sentiment.{week['week']}", "items", week["items"]])
    for row in engagement:
        for key in ("posts", "likes", "reposts", "comments"):
            writer.writerow([f"engagement.{row['announcement_id']}", key, row[key]])
    return out.getvalue()


def _flatten(value: Any, prefix: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        rows: list[tuple[str, Any]] = []
        for key, item in value.items():
            rows += _flatten(item, f"{prefix}.{key}" if prefix else str(key))
        return rows
    return [(prefix, value)]


def summary_lines(report: Report) -> list[str]:
    """The report's figures as plain lines of text (Indonesian), for the PDF."""
    m, r, o, p = (
        report.metrics,
        report.metrics.responsiveness,
        report.metrics.overdue,
        report.metrics.publishing,
    )
    lines = [
        "TANGGAPAN ATAS ASPIRASI WARGA",
        f"  Balasan warga terkumpul            {m.replies}",
        f"  Aspirasi diterima                  {r.received} (mendesak {m.urgent}, "
        f"ditolak {m.dismissed})",
        f"  Diverifikasi <= 3 hari kerja       {r.acknowledged_on_time}/{r.acknowledge_measured} "
        f"({percent(r.acknowledged_share)})",
        f"  Ditindaklanjuti <= 5 hari kerja    {r.followed_up_on_time}/{r.follow_up_measured} "
        f"({percent(r.followed_up_share)})",
        f"  Diselesaikan                       {r.resolved} ({percent(r.resolved_share)})",
        f"  Tanggapan pertama median/p90       {hours(r.median_hours)} / {hours(r.p90_hours)}",
        f"  ... dalam jam kerja                {hours(r.median_working_hours)} / "
        f"{hours(r.p90_working_hours)}",
        f"  Melewati tenggat                   {o.items} (verifikasi {o.acknowledge}, "
        f"tindak lanjut {o.follow_up}, penutupan {o.close})",
        "",
        "JENIS ASPIRASI",
        *(f"  {KIND_ID.get(k, k):<34} {n}" for k, n in m.aspirations_by_kind.items()),
        "",
        "KINERJA PER OPD (diterima, verifikasi <= 3 hk, tindak lanjut <= 5 hk, selesai)",
        *(
            f"  {a.code:<16} {a.received:>6}  {percent(a.acknowledged_share):>8}  "
            f"{percent(a.followed_up_share):>8}  {percent(a.resolved_share):>8}"
            for a in report.agencies
        ),
        "",
        f"PENERBITAN PENGUMUMAN (tepat waktu = <= {m.on_time_minutes} menit)",
        f"  Pengumuman {p.announcements}, unggahan {p.planned}: tepat waktu {p.on_time}, "
        f"terlambat {p.late}, gagal {p.failed}, belum terbit {p.not_sent}",
        "",
        "KETERLIBATAN PUBLIK (suka, bagikan, komentar; 10 pengumuman teratas)",
        *(
            f"  {e.title[:40]:<40} {e.likes:>6} {e.reposts:>6} {e.comments:>6}"
            for e in m.engagement[:10]
        ),
        *(
            ["  Belum ada data keterlibatan (`social-assistant engagement fetch`)."]
            if not m.engagement
            else []
        ),
        "",
        "INTEGRITAS LOG AUDIT",
    ]
    c = report.checkpoint
    if c is None:
        lines.append("  Belum ada checkpoint yang diterbitkan.")
    else:
        valid = "sah" if c.signature_valid else "TIDAK sah"
        lines += [f"  Checkpoint {c.created_at}: {c.events} peristiwa, #{c.seq}", f"  {c.hash}"]
        lines.append(f"  Tanda tangan Ed25519 {valid}; kunci publik {c.public_key}")
    lines += [
        "",
        "Tenggat mengikuti SP4N-LAPOR! (3/5/10 hari kerja; akhir pekan, libur nasional dan cuti",
        "bersama tidak dihitung). Data warga disamarkan sesuai UU 27/2022.",
    ]
    return lines
