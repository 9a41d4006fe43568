"""The emulator over HTTP: platform answers, inspection, faults, limits and citizens."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
import requests

from social_assistant.emulator import (
    SANDBOX_PAGE_ID,
    SANDBOX_X_USER_ID,
    SANDBOX_X_USER_TOKEN,
    Emulator,
    EmulatorClient,
    EmulatorServer,
    ManualClock,
    start_emulator,
)
from social_assistant.emulator.citizens import load_corpus
from social_assistant.emulator.exchange import ApiRequest
from social_assistant.taxonomy import Category, Kind

X_AUTH = {"Authorization": f"Bearer {SANDBOX_X_USER_TOKEN}"}
PAGE_TOKEN = "sandbox-page-token"
DUPLICATE = "You are not allowed to create a Tweet with duplicate content."


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        session.trust_env = False  # never through a proxy: 127.0.0.1 only
        yield session


class Api:
    """Raw X and Graph calls against one emulator."""

    def __init__(self, session: requests.Session, url: str) -> None:
        self.session, self.url = session, url

    def tweet(self, text: str, **extra: Any) -> requests.Response:
        return self.session.post(f"{self.url}/2/tweets", json={"text": text, **extra},
                                 headers=X_AUTH, timeout=5)

    def x_get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(f"{self.url}{path}", params=params, headers=X_AUTH, timeout=5)

    def graph(self, method: str, path: str, **params: Any) -> requests.Response:
        params.setdefault("access_token", PAGE_TOKEN)
        if method == "GET":
            return self.session.get(f"{self.url}/v25.0/{path}", params=params, timeout=5)
        return self.session.post(f"{self.url}/v25.0/{path}", data=params, timeout=5)


@pytest.fixture
def api(http: requests.Session, server: EmulatorServer) -> Api:
    return Api(http, server.url)


def _replies_for(control: EmulatorClient, root: str) -> list[dict[str, Any]]:
    return [r for r in control.replies() if r["conversation_id"] == root]


# -- inspection -----------------------------------------------------------------------

def test_health_reports_the_emulator_time(control: EmulatorClient, clock: ManualClock) -> None:
    assert control.health() == {"status": "ok", "now": clock().isoformat(), "posts": 0,
                                "calls": {}, "throttled": {}, "reads": {},
                                "endpoints": {}}


def test_health_counts_calls_and_429s(api: Api, control: EmulatorClient) -> None:
    control.set_faults({"type": "rate_limit", "path": "/2/tweets", "next": 1})
    assert api.tweet("Satu").status_code == 429
    assert api.tweet("Dua").status_code == 201
    health = control.health()
    assert health["calls"] == {"x": 2} and health["throttled"] == {"x": 1}


def test_inspection_lists_every_post_per_platform(api: Api, control: EmulatorClient) -> None:
    head = api.tweet("Pengumuman").json()["data"]["id"]
    api.tweet("Lanjutan", reply={"in_reply_to_tweet_id": head})
    api.graph("POST", f"{SANDBOX_PAGE_ID}/feed", message="Halo", link="https://example.go.id")
    api.session.post(f"{api.url}/v25.0/{SANDBOX_PAGE_ID}/photos",
                     data={"access_token": PAGE_TOKEN, "message": "Foto"},
                     files={"source": ("a.png", b"png", "image/png")}, timeout=5)

    x_posts, fb_posts = control.posts("x"), control.posts("facebook")
    assert [p["text"] for p in x_posts] == ["Pengumuman", "Lanjutan"]
    assert x_posts[1]["reply_to"] == head
    assert [(p["link"], p["media_count"]) for p in fb_posts] == [
        ("https://example.go.id", 0), (None, 1)]
    assert control.health()["posts"] == len(control.posts()) == 4


def test_reset_forgets_posts_replies_faults_and_limits(
    api: Api, control: EmulatorClient, clock: ManualClock
) -> None:
    api.tweet("Sebelum reset")
    clock.advance(1000)
    control.set_faults({"type": "error", "next": 5}, limits={"x_post_limit": 1})

    control.reset()

    assert control.posts() == [] and control.replies() == []
    config = control.set_faults()
    assert config["faults"] == [] and config["limits"]["x_post_limit"] is None


def test_date_header_follows_the_emulator_clock(api: Api, clock: ManualClock) -> None:
    clock.advance(3600)
    answer = api.x_get("/2/users/me")

    assert parsedate_to_datetime(answer.headers["Date"]) == clock()


def test_clock_endpoint_moves_time(control: EmulatorClient, clock: ManualClock) -> None:
    before = clock()

    assert (control.advance(90) - before).total_seconds() == 90


def test_the_emulator_answers_without_a_server() -> None:
    emulator = Emulator(clock=ManualClock())
    request = ApiRequest("GET", "/2/users/me", headers={"authorization": "Bearer anything"})

    answer = emulator.handle(request)

    assert answer.status == 200 and SANDBOX_X_USER_ID.encode() in answer.body


# -- X --------------------------------------------------------------------------------

def test_x_post_limit_is_enforced_with_headers(
    api: Api, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_faults(limits={"x_post_limit": 2, "window_seconds": 900})
    reset = str(math.ceil(clock().timestamp()) + 900)

    answers = [api.tweet(f"kabar {n}") for n in range(3)]

    assert [a.status_code for a in answers] == [201, 201, 429]
    assert [a.headers["x-rate-limit-remaining"] for a in answers] == ["1", "0", "0"]
    assert {a.headers["x-rate-limit-reset"] for a in answers} == {reset}
    assert answers[2].json() == {"title": "Too Many Requests", "detail": "Too Many Requests",
                                 "type": "about:blank", "status": 429}
    clock.advance(900)
    assert api.tweet("kabar baru").status_code == 201


def test_limits_may_be_given_at_the_top_level(api: Api) -> None:
    flat = {"x_read_limit": 1, "window_seconds": 60}
    assert api.session.post(f"{api.url}/_emulator/faults", json=flat, timeout=5).ok

    assert [api.x_get(f"/2/users/{SANDBOX_X_USER_ID}/tweets").status_code
            for _ in range(2)] == [200, 429]


def test_every_x_answer_carries_rate_limit_headers(api: Api) -> None:
    for answer in (api.x_get("/2/users/me"), api.tweet("hai")):
        assert {"x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"} <= set(
            answer.headers)
    assert "x-user-limit-24hour-remaining" in answer.headers


def test_x_needs_authorization(api: Api, control: EmulatorClient) -> None:
    anonymous = api.session.post(f"{api.url}/2/tweets", json={"text": "hai"}, timeout=5)
    assert anonymous.status_code == 401 and anonymous.json()["title"] == "Unauthorized"

    control.set_faults(strict_tokens=True)
    wrong = api.session.get(f"{api.url}/2/users/me", headers={"Authorization": "Bearer nope"},
                            timeout=5)
    assert wrong.status_code == 401
    assert api.x_get("/2/users/me").json()["data"]["username"] == "diskominfo_sbx"


def test_an_x_access_token_acts_as_the_account_it_names(api: Api) -> None:
    token = 'OAuth oauth_consumer_key="k", oauth_token="1000000000000000001-sandbox"'
    headers = {"Authorization": token}

    me = api.session.get(f"{api.url}/2/users/me", headers=headers, timeout=5).json()
    api.session.post(f"{api.url}/2/tweets", json={"text": "hai"}, headers=headers, timeout=5)

    assert me["data"]["id"] == "1000000000000000001"
    mine = api.x_get("/2/users/1000000000000000001/tweets").json()["data"]
    assert [t["text"] for t in mine] == ["hai"]


def test_duplicate_tweet_is_403_as_x_words_it(api: Api) -> None:
    assert api.tweet("Info yang sama").status_code == 201

    answer = api.tweet("Info yang sama")

    assert answer.status_code == 403
    assert answer.json() == {"detail": DUPLICATE, "type": "about:blank", "title": "Forbidden",
                             "status": 403}


def test_media_upload_then_tweet(api: Api, control: EmulatorClient) -> None:
    upload = api.session.post(f"{api.url}/2/media/upload", headers=X_AUTH,
                              data={"media_category": "tweet_image"},
                              files={"media": ("a.png", b"\x89PNG", "image/png")}, timeout=5)
    media_id = upload.json()["data"]["id"]

    assert api.tweet("Foto", media={"media_ids": [media_id]}).status_code == 201
    assert api.tweet("Foto lain", media={"media_ids": ["42"]}).status_code == 400
    assert control.posts("x")[0]["media_count"] == 1


def test_search_pages_expands_authors_and_honours_since_id(
    api: Api, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_citizens(min_replies=25, max_replies=25)
    root = api.tweet("Pendaftaran beasiswa dibuka").json()["data"]["id"]
    clock.advance(1000)
    params: dict[str, Any] = {
        "query": f"conversation_id:{root}", "max_results": 10, "expansions": "author_id",
        "tweet.fields": "author_id,conversation_id,created_at,referenced_tweets"}

    pages = [api.x_get("/2/tweets/search/recent", **params).json()]
    while "next_token" in pages[-1]["meta"]:
        pages.append(api.x_get("/2/tweets/search/recent", **params,
                               next_token=pages[-1]["meta"]["next_token"]).json())

    tweets = [t for page in pages for t in page["data"]]
    assert len(pages) == 3 and len(tweets) == 26  # 25 replies and the post itself
    assert [int(t["id"]) for t in tweets] == sorted((int(t["id"]) for t in tweets), reverse=True)
    replies = [t for t in tweets if t["id"] != root]
    assert all(t["edit_history_tweet_ids"] == [t["id"]] and t["conversation_id"] == root
               and t["referenced_tweets"][0]["type"] == "replied_to" for t in replies)
    users = {u["id"] for page in pages for u in page["includes"]["users"]}
    assert {t["author_id"] for t in tweets} <= users
    newest = pages[0]["meta"]["newest_id"]
    later = api.x_get("/2/tweets/search/recent", **params, since_id=newest).json()
    assert later == {"meta": {"result_count": 0}}


def test_search_operators(api: Api, clock: ManualClock) -> None:
    first = api.tweet("satu").json()["data"]["id"]
    second = api.tweet("dua").json()["data"]["id"]
    clock.advance(1000)

    def ids(query: str) -> set[str]:
        answer = api.x_get("/2/tweets/search/recent", query=query, max_results=100)
        return {t["id"] for t in answer.json().get("data", [])}

    assert ids(f"conversation_id:{first} -is:reply") == {first}
    both = ids(f"(conversation_id:{first} OR conversation_id:{second}) is:reply")
    assert both and not both & {first, second}
    assert ids("from:diskominfo_sbx") == {first, second}
    assert api.x_get("/2/tweets/search/recent", query="lang:id").status_code == 400


def test_timeline_and_mentions(api: Api, clock: ManualClock) -> None:
    ids = [api.tweet(f"kabar {n}").json()["data"]["id"] for n in range(3)]
    clock.advance(1000)

    timeline = api.x_get(f"/2/users/{SANDBOX_X_USER_ID}/tweets", max_results=5).json()
    mentions = api.x_get(f"/2/users/{SANDBOX_X_USER_ID}/mentions", max_results=100).json()

    assert [t["id"] for t in timeline["data"]] == ids[::-1]
    assert mentions["meta"]["result_count"] >= 9
    assert all("@diskominfo_sbx" in t["text"] for t in mentions["data"])


# -- Graph ----------------------------------------------------------------------------

def test_graph_call_limit_is_code_32_with_usage_header(
    api: Api, control: EmulatorClient
) -> None:
    control.set_faults(limits={"fb_call_limit": 1, "window_seconds": 900})
    assert api.graph("GET", "me").json() == {"id": SANDBOX_PAGE_ID, "name": "Diskominfo Sandbox"}

    answer = api.graph("GET", "me")

    assert answer.json()["error"]["code"] == 32
    usage = answer.headers["x-business-use-case-usage"]
    assert '"estimated_time_to_regain_access": 15' in usage and SANDBOX_PAGE_ID in usage


def test_graph_tokens(api: Api, control: EmulatorClient) -> None:
    missing = api.session.get(f"{api.url}/v25.0/me", timeout=5).json()["error"]
    assert missing["code"] == 2500 and missing["type"] == "OAuthException"

    control.set_faults(strict_tokens=True)
    wrong = api.graph("GET", "me", access_token="EAAbogus").json()["error"]
    assert wrong["code"] == 190 and wrong["fbtrace_id"]


def test_comments_filter_and_cursor_paging(
    api: Api, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_citizens(min_replies=30, max_replies=30, nested_share=0.5)
    post = api.graph("POST", f"{SANDBOX_PAGE_ID}/feed", message="Usulan Musrenbang").json()["id"]
    clock.advance(1000)
    fields = "id,message,created_time,from,parent"

    toplevel = api.graph("GET", f"{post}/comments", fields=fields, limit=100).json()["data"]
    pages = [api.graph("GET", f"{post}/comments", filter="stream", fields=fields,
                       limit=10).json()]
    while "next" in pages[-1]["paging"]:
        pages.append(api.graph("GET", f"{post}/comments", filter="stream", fields=fields,
                               limit=10, after=pages[-1]["paging"]["cursors"]["after"]).json())

    stream = [c for page in pages for c in page["data"]]
    assert len(pages) == 3 and len(stream) == 30
    assert [c["created_time"] for c in stream] == sorted(c["created_time"] for c in stream)
    assert not any("parent" in c for c in toplevel)
    nested = [c for c in stream if "parent" in c]
    assert nested and len(toplevel) + len(nested) == 30
    reverse = api.graph("GET", f"{post}/comments", filter="stream", limit=100,
                        order="reverse_chronological").json()["data"]
    assert [c["id"] for c in reverse] == [c["id"] for c in stream][::-1]


def test_graph_refuses_unknown_fields_and_objects(api: Api) -> None:
    assert api.graph("GET", f"{SANDBOX_PAGE_ID}/feed", fields="id,likes").json()[
        "error"]["code"] == 100
    missing = api.graph("GET", "123_456/comments").json()["error"]
    assert (missing["code"], missing["error_subcode"]) == (100, 33)


# -- faults ---------------------------------------------------------------------------

def test_next_n_faults_then_recovery(api: Api, control: EmulatorClient) -> None:
    control.set_faults({"type": "error", "status": 500, "next": 2})

    assert [api.x_get("/2/users/me").status_code for _ in range(3)] == [500, 500, 200]
    assert control.set_faults()["faults"] == []


def test_probability_faults_repeat_with_the_seed(http: requests.Session) -> None:
    def statuses(seed: int) -> list[int]:
        with start_emulator(seed=seed, clock=ManualClock()) as server:
            EmulatorClient(server.url).set_faults({"type": "error", "probability": 0.5})
            return [Api(http, server.url).x_get("/2/users/me").status_code for _ in range(20)]

    first = statuses(3)
    assert first == statuses(3) and {200, 500} == set(first)


def test_bad_fault_configuration_is_refused(control: EmulatorClient) -> None:
    with pytest.raises(ValueError, match="fault type must be one of"):
        control.set_faults({"type": "explode"})
    with pytest.raises(ValueError, match="next must be a number"):
        control.set_faults({"type": "error", "next": "2"})
    with pytest.raises(ValueError, match="unknown limit keys"):
        control.set_faults(limits={"x_posts": 1})
    with pytest.raises(ValueError, match="min_replies"):
        control.set_citizens(min_replies=9, max_replies=2)


def test_unknown_paths(api: Api) -> None:
    assert api.x_get("/2/nothing").json()["errors"][0]["code"] == 34
    assert api.graph("GET", "a/b/c").json()["error"]["code"] == 2500
    assert api.session.get(f"{api.url}/robots.txt", timeout=5).status_code == 404


# -- citizens -------------------------------------------------------------------------

def _citizens_of_a_session(seed: int) -> list[tuple[str, ...]]:
    clock = ManualClock()
    with start_emulator(seed=seed, clock=clock) as server, requests.Session() as session:
        session.trust_env = False
        api = Api(session, server.url)
        api.tweet("Jadwal pasar murah")
        api.graph("POST", f"{SANDBOX_PAGE_ID}/feed", message="Jadwal pasar murah")
        clock.advance(1000)
        return [(r["id"], r["author"], r["text"], r["created_at"], str(r["reply_to"]))
                for r in EmulatorClient(server.url).replies()]


def test_citizens_replies_are_deterministic_with_a_seed() -> None:
    first = _citizens_of_a_session(5)

    assert first == _citizens_of_a_session(5)
    assert [r[2] for r in first] != [r[2] for r in _citizens_of_a_session(6)]


def test_replies_appear_as_time_passes(
    api: Api, control: EmulatorClient, clock: ManualClock
) -> None:
    root = api.tweet("Info vaksinasi").json()["data"]["id"]
    assert control.replies() == []

    clock.advance(30)
    assert len(_replies_for(control, root)) == 1
    clock.advance(1000)
    replies = _replies_for(control, root)
    assert 3 <= len(replies) <= 8
    assert all(r["kind"] in {k.value for k in Kind} for r in replies)


def test_reply_delay_sets_the_first_answer(http: requests.Session) -> None:
    clock = ManualClock()
    with start_emulator(clock=clock, reply_delay=5) as server:
        Api(http, server.url).tweet("Info")
        control = EmulatorClient(server.url)
        clock.advance(4)
        assert control.replies() == []
        clock.advance(1)
        assert len(control.replies()) == 1


def test_time_scale_makes_citizens_quick(
    api: Api, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_citizens(time_scale=0.01, first_after_seconds=1)
    root = api.tweet("Info cepat").json()["data"]["id"]

    clock.advance(1 + 9)

    assert len(_replies_for(control, root)) >= 3
    assert control.pending_replies() == 0


def test_the_corpus_is_rich_and_labelled() -> None:
    corpus = load_corpus()
    entries = corpus.entries

    assert len(entries) >= 150 and len({e.text for e in entries}) == len(entries)
    assert {e.kind for e in entries} == {k.value for k in Kind}
    assert {e.category for e in entries} <= {c.value for c in Category}
    assert all((e.category == "none") != Kind(e.kind).is_aspiration for e in entries)
    top_two = sorted(corpus.weights, key=corpus.weights.__getitem__)[-2:]
    assert set(top_two) == {"complaint", "question"}
    langs = [e.lang for e in entries]
    assert langs.count("bjn") >= 10 and langs.count("mix") >= 10
    assert any(e.urgent for e in entries) and any(e.kind == "spam" for e in entries)
    handles = [c.username for c in corpus.citizens + corpus.spammers]
    assert all(re.fullmatch(r"\w{1,15}", h) for h in handles) and len(set(handles)) == len(
        handles)
