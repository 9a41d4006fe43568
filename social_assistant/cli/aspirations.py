"""``aspirations list|show|ack|forward|reply|resolve|dismiss|correct``: the inbox from a shell.

Every command runs as an officer (``--as USER`` or ``SA_USER``) whose role the
workspace checks; ``--json`` prints stable keys so offices can script it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlmodel import Session

from social_assistant.cli._app import CliError, State, console, state
from social_assistant.cli.users import AsUser, Json
from social_assistant.db.models import User
from social_assistant.localtime import local_text
from social_assistant.permissions import Action, require
from social_assistant.users import acting_user
from social_assistant.workdays import calendar_for
from social_assistant.workspace import aspirations as ws

app = typer.Typer(help="Kotak masuk aspirasi warga (the aspiration inbox).", no_args_is_help=True)

ItemId = Annotated[int, typer.Argument(help="Item number (#).", show_default=False)]


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        str | None,
        typer.Option(
            help="new, acknowledged, forwarded, answered, resolved, "
            "dismissed, or open (all not closed)."
        ),
    ] = None,
    kind: Annotated[str | None, typer.Option(help="complaint, request, suggestion...")] = None,
    category: Annotated[str | None, typer.Option(help="infrastructure, health...")] = None,
    agency: Annotated[str | None, typer.Option(help="Agency code, e.g. DPUPR.")] = None,
    channel: Annotated[str | None, typer.Option(help="Channel name.")] = None,
    since: Annotated[str | None, typer.Option(help="From this local date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this local date, inclusive.")] = None,
    search: Annotated[str | None, typer.Option(help="Text in the citizen's reply.")] = None,
    urgent: Annotated[bool, typer.Option("--urgent", help="Urgent items only.")] = False,
    limit: Annotated[int, typer.Option(help="Rows per page (1-200).")] = 50,
    cursor: Annotated[str | None, typer.Option(help="next_cursor of the previous page.")] = None,
    actor: AsUser = None,
    as_json: Json = False,
) -> None:
    """Daftar aspirasi, mendesak dan terbaru dulu. (The inbox, urgent and newest first.)"""
    st = state(ctx)
    wanted = ws.InboxFilter(
        status=status,
        kind=kind,
        category=category,
        agency=agency,
        channel=channel,
        since=_date("--since", since),
        until=_date("--until", until),
        search=search,
        urgent_only=urgent,
        limit=limit,
        cursor=cursor,
    )
    with st.database().session() as session:
        _viewer(session, actor)
        page = ws.list_items(
            session, wanted, now=st.clock.now(), calendar=calendar_for(st.settings)
        )
    if as_json:
        rows = [row.as_json(st.language) for row in page.rows]
        _echo({"items": rows, "next_cursor": page.next_cursor})
        return
    _table(st, page)


@app.command("show")
def show(ctx: typer.Context, item_id: ItemId, actor: AsUser = None, as_json: Json = False) -> None:
    """Satu aspirasi lengkap. (One item in full: text, post, conversation, clocks, history.)"""
    st = state(ctx)
    with st.database().session() as session:
        _viewer(session, actor)
        view = ws.get_item(session, item_id, calendar=calendar_for(st.settings), now=st.clock.now())
    if as_json:
        _echo(view.as_json(st.language))
        return
    _details(st, view)


@app.command("ack")
def ack(ctx: typer.Context, item_id: ItemId, actor: AsUser = None, as_json: Json = False) -> None:
    """Terima aspirasi (new → acknowledged). (Acknowledge an item.)"""
    _act(ctx, actor, as_json, lambda s, u, st: ws.acknowledge(s, item_id, **_when(u, st)))


@app.command("forward")
def forward(
    ctx: typer.Context,
    item_id: ItemId,
    agency: Annotated[str, typer.Argument(help="Agency code, e.g. DPUPR.", show_default=False)],
    note: Annotated[str, typer.Option(help="Disposition note for the agency.")] = "",
    actor: AsUser = None,
    as_json: Json = False,
) -> None:
    """Teruskan (disposisi) ke OPD dan kabari kontaknya. (Forward to an agency.)"""
    _act(ctx, actor, as_json, lambda s, u, st: ws.forward(s, item_id, agency, note, **_when(u, st)))


@app.command("reply")
def reply(
    ctx: typer.Context,
    item_id: ItemId,
    text: Annotated[str | None, typer.Argument(help="The reply text.", show_default=False)] = None,
    canned: Annotated[
        str | None, typer.Option(help="Use this canned reply ([[canned_replies]]).")
    ] = None,
    actor: AsUser = None,
    as_json: Json = False,
) -> None:
    """Balas warga di platform (lewat antrean terbit). (Reply on the platform.)"""
    if (text is None) == (canned is None):
        raise CliError(
            "Beri teks balasan atau `--canned NAMA` (salah satu).",
            "Give the reply text or `--canned NAME` (one of them).",
        )

    def run(session: Session, user: User, st: State) -> ws.ActionResult:
        body = text
        if canned is not None:
            view = ws.get_item(
                session, item_id, calendar=calendar_for(st.settings), now=st.clock.now()
            )
            body = ws.render_canned(canned, view, settings=st.settings)
        assert body is not None
        return ws.reply(session, item_id, body, **_when(user, st))

    _act(ctx, actor, as_json, run)


@app.command("resolve")
def resolve(
    ctx: typer.Context,
    item_id: ItemId,
    note: Annotated[str, typer.Option(help="How it was resolved (audit log).")] = "",
    actor: AsUser = None,
    as_json: Json = False,
) -> None:
    """Tandai selesai. (Mark resolved.)"""
    _act(ctx, actor, as_json, lambda s, u, st: ws.resolve(s, item_id, note, **_when(u, st)))


@app.command("dismiss")
def dismiss(
    ctx: typer.Context,
    item_ids: Annotated[list[int], typer.Argument(help="One or more item numbers.")],
    reason: Annotated[str, typer.Option(help="Why it is not an aspiration (required).")] = "",
    actor: AsUser = None,
    as_json: Json = False,
) -> None:
    """Tandai bukan aspirasi, satu atau banyak (spam). (Dismiss one or many items.)"""
    if len(item_ids) == 1:
        (only,) = item_ids
        _act(ctx, actor, as_json, lambda s, u, st: ws.dismiss(s, only, reason, **_when(u, st)))
        return
    st = state(ctx)
    with st.database().session() as session:
        user = acting_user(session, actor)
        result = ws.dismiss_many(session, item_ids, reason, **_when(user, st))
    if as_json:
        _echo(result.as_json())
    else:
        done = ", ".join(f"#{i}" for i in result.done) or "-"
        console.print(st.say(f"Ditandai bukan aspirasi: {done}", f"Dismissed: {done}"))
        for _, message_id, message_en in result.refused:
            console.print(escape(st.say(message_id, message_en)))
    if result.refused:
        raise typer.Exit(1)


@app.command("correct")
def correct(
    ctx: typer.Context,
    item_id: ItemId,
    kind: Annotated[str | None, typer.Option(help="The right kind.")] = None,
    category: Annotated[str | None, typer.Option(help="The right category.")] = None,
    urgent: Annotated[
        bool | None, typer.Option("--urgent/--not-urgent", help="The right urgency.")
    ] = None,
    actor: AsUser = None,
    as_json: Json = False,
) -> None:
    """Koreksi hasil triase (jadi data latih). (Correct the triage; kept as feedback.)"""
    _act(
        ctx,
        actor,
        as_json,
        lambda s, u, st: ws.correct(
            s, item_id, kind=kind, category=category, urgent=urgent, **_when(u, st)
        ),
    )


def _act(
    ctx: typer.Context,
    actor: str | None,
    as_json: bool,
    action: Callable[[Session, User, State], ws.ActionResult],
) -> None:
    st = state(ctx)
    with st.database().session() as session:
        result = action(session, acting_user(session, actor), st)
    if as_json:
        _echo(result.as_json())
    else:
        console.print(escape(st.say(result.message_id, result.message_en)))


def _when(user: User, st: State) -> dict[str, Any]:
    return {"actor": user, "now": st.clock.now(), "settings": st.settings}


def _viewer(session: Session, actor: str | None) -> User:
    return require(acting_user(session, actor), Action.VIEW)


def _date(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(
            f"`{option}` harus tanggal YYYY-MM-DD (diberikan {value!r}).",
            f"`{option}` must be a date YYYY-MM-DD (got {value!r}).",
            2,
        ) from None


def _echo(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))


def _table(st: State, page: ws.InboxPage) -> None:
    table = Table(title=st.say("Kotak masuk aspirasi", "Aspiration inbox"))
    for column in (
        "#",
        "Status",
        st.say("Jenis", "Kind"),
        "OPD",
        st.say("Diterima", "Received"),
        st.say("Tenggat", "Clock"),
        st.say("Teks", "Text"),
    ):
        table.add_column(column)
    for row in page.rows:
        flag = "[bold red]! [/]" if row.urgent else ""
        clock = escape(row.clock.text(st.language)) if row.clock else "-"
        table.add_row(
            f"{flag}{row.id}",
            row.status,
            f"{row.kind}/{row.category}",
            row.agency or "-",
            local_text(row.received_at, st.settings.zone, st.language),
            f"[red]{clock}[/]" if row.overdue else clock,
            escape(row.excerpt[:80]),
        )
    console.print(table)
    if page.next_cursor:
        console.print(
            st.say("Halaman berikut:", "Next page:") + f" --cursor {page.next_cursor}", markup=False
        )


def _details(st: State, view: ws.ItemView) -> None:
    zone, lang = st.settings.zone, st.language
    lines = [
        f"#{view.id} {view.status} · {view.kind}/{view.category}"
        + (" · MENDESAK" if view.urgent else ""),
        f"{view.channel} · @{view.reply.author_handle or '-'} · "
        + local_text(view.reply.posted_at or view.received_at, zone, lang),
        view.reply.text,
    ]
    if view.post:
        lines.append(
            st.say("Menjawab: ", "Answers: ")
            + (view.post.title or view.post.text[:80])
            + (f" ({view.post.remote_url})" if view.post.remote_url else "")
        )
    lines.append("OPD: " + (f"{view.agency.code} ({view.agency.name})" if view.agency else "-"))
    lines.append(st.say("Alasan triase: ", "Triage reasons: ") + "; ".join(view.reasons))
    lines += [f"  {clock.text(lang)}" for clock in view.clocks]
    lines += [f"  > {r.status}: {r.text}" for r in view.our_replies]
    lines += [
        f"  {local_text(event.at, zone, lang)} {event.actor}: {event.action}"
        for event in view.history
    ]
    for line in lines:
        console.print(line, markup=False, highlight=False)
