"""``python -m social_assistant`` runs the CLI."""

from social_assistant.cli import main

main()
