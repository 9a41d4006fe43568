"""The sandbox accounts the emulator plays, and the tokens that act as them.

By default the emulator accepts any non-empty token and treats it as the default
account; with ``strict_tokens`` only the tokens below (or those given to ``Emulator``)
are accepted, so 401 / code 190 can be exercised.

========================  ============================================================
X (OAuth 1.0a)            api_key ``sandbox-api-key``, api_secret ``sandbox-api-secret``,
                          access_token ``1790000000000000001-sandbox-access-token``,
                          access_token_secret ``sandbox-access-token-secret``
X (OAuth 2 user token)    user_token ``sandbox-x-user-token``
Facebook Page             page_id ``100000000000001``, page_token ``sandbox-page-token``
========================  ============================================================
"""

from __future__ import annotations

from social_assistant.emulator.records import FACEBOOK, Account, X

SANDBOX_PAGE_ID = "100000000000001"
SANDBOX_X_USER_ID = "1790000000000000001"

SANDBOX_SECRETS: dict[str, dict[str, str]] = {
    X: {
        "api_key": "sandbox-api-key",
        "api_secret": "sandbox-api-secret",
        "access_token": f"{SANDBOX_X_USER_ID}-sandbox-access-token",
        "access_token_secret": "sandbox-access-token-secret",
    },
    FACEBOOK: {"page_token": "sandbox-page-token"},
}
SANDBOX_X_USER_TOKEN = "sandbox-x-user-token"

DEFAULT_X_ACCOUNT = Account(
    platform=X,
    id=SANDBOX_X_USER_ID,
    handle="diskominfo_sbx",
    name="Diskominfo Sandbox",
    tokens=(SANDBOX_SECRETS[X]["access_token"], SANDBOX_X_USER_TOKEN),
)
DEFAULT_PAGE = Account(
    platform=FACEBOOK,
    id=SANDBOX_PAGE_ID,
    handle="diskominfo.sandbox",
    name="Diskominfo Sandbox",
    tokens=(SANDBOX_SECRETS[FACEBOOK]["page_token"],),
)
