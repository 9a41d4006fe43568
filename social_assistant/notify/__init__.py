"""Notifications to people: written as rows first (``outbox.py``), sent by the daemon
(``dispatcher.py``) through one sender per kind (``webhook.py``, ``email.py``). Delivery is at least
once: a crash mid-send can repeat a message, never lose it."""
