"""Citizens' replies: poll published posts on a decaying schedule, store each reply once,
triage it, and open an inbox item (aspiration) with its working-day clocks."""
