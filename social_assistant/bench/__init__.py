"""Benchmarks (``social-assistant bench ...``) and the tools they share with the
crash tests: seeding due posts, and a fleet of daemon processes."""
