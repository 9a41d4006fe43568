"""The officers' workspace: the aspiration inbox, its actions and deadlines (UI-free)."""
