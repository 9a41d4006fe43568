"""social-assistant: scheduled government announcements, citizens' replies, aspirations.

The documented contract is the CLI, the HTTP API and the modules without a leading
underscore that the README names.
"""

__version__ = "0.1.0"
