"""``python -m social_assistant.emulator [--host H] [--port P] [--seed N] [--reply-delay S]``."""

from __future__ import annotations

import argparse

from social_assistant.emulator.server import DEFAULT_PORT, serve_forever


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and serve until Ctrl-C."""
    parser = argparse.ArgumentParser(description="Local X / Facebook emulator.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--seed", type=int, default=0, help="makes citizens repeatable")
    parser.add_argument("--reply-delay", type=float, default=None,
                        help="seconds until the first citizen answers a post")
    parser.add_argument("--time-scale", type=float, default=1.0,
                        help="multiplies the spread of citizens' replies (0.01 = 100x faster)")
    parser.add_argument("--strict-tokens", action="store_true",
                        help="accept only the sandbox tokens")
    args = parser.parse_args(argv)
    serve_forever(args.host, args.port, seed=args.seed, reply_delay=args.reply_delay,
                  time_scale=args.time_scale,
                  strict_tokens=args.strict_tokens,
                  announce=lambda url: print(f"emulator listening on {url}", flush=True))


if __name__ == "__main__":
    main()
