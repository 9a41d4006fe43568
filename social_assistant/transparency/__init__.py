"""The public face of the service: the transparency page, open data, /metrics and the
published audit checkpoint. The web router is in :mod:`.web` (import it explicitly)."""
