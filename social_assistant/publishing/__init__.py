"""The publishing engine: the outbox is the truth, APScheduler is only the clock.

``outbox.py`` claims due rows and records each state change; ``engine.py`` turns one
claimed row into a platform call; ``reconcile.py`` looks at the channel's own recent
posts after an ambiguous failure; ``backoff.py`` spaces retries; ``specs.py`` opens
channels from the settings.
"""
