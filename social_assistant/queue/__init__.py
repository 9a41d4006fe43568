"""The content queue: announcements written as Markdown files with YAML front matter."""

from social_assistant.queue.entry import QueueEntry, ensure_future, parse_queue_file
from social_assistant.queue.errors import QueueFileError
from social_assistant.queue.media import MediaRef
from social_assistant.queue.scan import scan_queue
from social_assistant.queue.xtext import PLATFORM_LIMITS, split_thread, weighted_length

__all__ = [
    "PLATFORM_LIMITS",
    "MediaRef",
    "QueueEntry",
    "QueueFileError",
    "ensure_future",
    "parse_queue_file",
    "scan_queue",
    "split_thread",
    "weighted_length",
]
