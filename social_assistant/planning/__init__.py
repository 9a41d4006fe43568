"""Announcements written in the web UI: drafts as queue files, approval, the calendar."""
