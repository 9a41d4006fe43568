"""Who answers a request, and in what order the checks run.

For an API request: route, then an injected fault (if one matches), then the token,
then the rate limit, then the handler. Faults that let the request through (``slow``,
or ``error``/``reset`` with ``commit``) are applied to the handler's answer.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from social_assistant.emulator import control
from social_assistant.emulator.exchange import ApiRequest, ApiResponse, json_response
from social_assistant.emulator.faults import MALFORMED_ITEM, Fault
from social_assistant.emulator.graph_api import GRAPH_API
from social_assistant.emulator.records import Item
from social_assistant.emulator.routing import PlatformApi
from social_assistant.emulator.x_api import X_API

if TYPE_CHECKING:
    from social_assistant.emulator.citizens import PendingReply
    from social_assistant.emulator.state import Emulator

APIS: tuple[PlatformApi, ...] = (X_API, GRAPH_API)


def handle(emulator: Emulator, request: ApiRequest) -> ApiResponse:
    """Answer ``request`` (call with the emulator's lock held)."""
    if request.path.startswith(control.PREFIX):
        return control.handle(emulator, request)
    api = next((api for api in APIS if api.claims(request.path)), None)
    if api is None:
        return json_response(404, {"error": f"the emulator does not serve {request.path}"})
    return _serve(emulator, api, request)


def citizen_item(emulator: Emulator, pending: PendingReply) -> Item:
    """The item a scheduled citizen's reply becomes on its platform."""
    api = next(api for api in APIS if api.platform == pending.platform)
    return api.citizen_item(emulator, pending)


def _serve(emulator: Emulator, api: PlatformApi, request: ApiRequest) -> ApiResponse:
    route = api.route(request)
    if route is None:
        return api.not_found(emulator, request)
    emulator.calls[api.platform] += 1
    emulator.endpoint_calls[route.spec.endpoint] += 1
    fault = emulator.faults.take(api.platform, request)
    if fault is not None and not fault.applies_request:
        if fault.type == "rate_limit":
            emulator.throttled[api.platform] += 1
        return _fault_response(emulator, api, fault)
    account = emulator.account_for(api.platform, api.token(request))
    if account is None:
        return api.unauthorized(emulator, request)
    windows = api.meter(emulator, route, account)
    if any(window.exceeded for window in windows):
        emulator.throttled[api.platform] += 1
        return api.rate_limited(emulator, windows, account)
    response = route.spec.handler(emulator, request, account, route.params)
    response.headers.update(api.rate_headers(emulator, windows, account))
    if fault is None:
        return response
    if fault.type == "slow":
        response.delay = fault.seconds
        return response
    if fault.type == "malformed":
        return _with_malformed_item(emulator, api, response, fault)
    return _fault_response(emulator, api, fault)


def _with_malformed_item(
    emulator: Emulator, api: PlatformApi, response: ApiResponse, fault: Fault
) -> ApiResponse:
    """The answer with one unreadable item first in its ``data`` list."""
    body = json.loads(response.body or b"null")
    if not isinstance(body, dict):
        return response
    item = MALFORMED_ITEM if fault.item is None else fault.item
    body["data"] = [item, *body.get("data", [])]
    emulator.reads[api.platform] += 1
    response.body = json.dumps(body, ensure_ascii=False).encode()
    return response


def _fault_response(emulator: Emulator, api: PlatformApi, fault: Fault) -> ApiResponse:
    if fault.type == "reset":
        return ApiResponse(0, drop=True)
    return api.fault(emulator, fault)
