"""Images and videos attached to an entry: found, checked and fingerprinted."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from social_assistant.queue.errors import QueueFileError
from social_assistant.queue.fields import wrong_type
from social_assistant.queue.frontmatter import FrontMatter

MIME_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "mp4": "video/mp4",
}
IMAGE_MAX_BYTES = 5 * 1024 * 1024
VIDEO_MAX_BYTES = 512 * 1024 * 1024
_EXAMPLE = "media: [media/poster-pelatihan.png]"


@dataclass(frozen=True)
class MediaRef:
    """One media file of an entry."""

    relpath: str  # as written in the queue file (posix), relative to that file's folder
    path: Path  # resolved absolute path
    sha256: str
    mime: str  # image/jpeg, image/png, image/gif or video/mp4


def read_media(fm: FrontMatter, queue_dir: Path) -> tuple[MediaRef, ...]:
    """Every `media` path, which must be a supported file inside ``queue_dir``."""
    value = fm.data.get("media")
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise wrong_type(fm, "media", value, ("daftar path file", "a list of file paths"), _EXAMPLE)
    folder = Path(os.path.abspath(fm.path)).parent
    refs = []
    for i, item in enumerate(items):
        field = f"media[{i}]" if isinstance(value, list) else "media"
        if not isinstance(item, str):
            raise wrong_type(fm, field, item, ("path file (teks)", "a file path (text)"), _EXAMPLE)
        refs.append(_media_ref(fm, field, item, folder, queue_dir))
    return tuple(refs)


def _media_ref(
    fm: FrontMatter, field: str, written: str, folder: Path, queue_dir: Path
) -> MediaRef:
    relpath = written.strip().replace("\\", "/")
    if not relpath or PurePosixPath(relpath).is_absolute() or re.match(r"[A-Za-z]:", relpath):
        raise fm.error(
            field,
            "tulis path media relatif terhadap folder file pengumuman ini, misalnya "
            "`media/poster.png`.",
            "write the media path relative to this announcement's folder, e.g. `media/poster.png`.",
        )
    try:
        target = (folder / relpath).resolve()
        inside = target.is_relative_to(queue_dir.resolve())
    except (OSError, ValueError, RuntimeError) as exc:
        raise _unreadable(fm, field, relpath, exc) from None
    if not inside:
        raise fm.error(
            field,
            f"file media `{relpath}` berada di luar folder antrean konten. Salin file itu ke "
            "dalam folder antrean (misalnya ke `media/`) lalu tulis path-nya dari sana.",
            f"media file `{relpath}` is outside the content queue folder. Copy it into the "
            "queue folder (e.g. into `media/`) and write its path from there.",
        )
    mime = _mime(fm, field, relpath)
    return MediaRef(relpath, target, _checked_digest(fm, field, relpath, target, mime), mime)


def _mime(fm: FrontMatter, field: str, relpath: str) -> str:
    extension = PurePosixPath(relpath).suffix.lower().lstrip(".")
    if extension in MIME_TYPES:
        return MIME_TYPES[extension]
    shown = f"`.{extension}`" if extension else "tanpa ekstensi"
    shown_en = f"`.{extension}`" if extension else "without an extension"
    raise fm.error(
        field,
        f"jenis file {shown} tidak didukung. Gunakan gambar JPG, PNG atau GIF, atau video MP4.",
        f"file type {shown_en} is not supported. Use a JPG, PNG or GIF image, or an MP4 video.",
    )


def _checked_digest(fm: FrontMatter, field: str, relpath: str, target: Path, mime: str) -> str:
    try:
        info = target.stat()
    except FileNotFoundError:
        raise fm.error(
            field,
            f"file media `{relpath}` tidak ditemukan. Periksa nama file dan foldernya; path "
            "ditulis relatif terhadap folder file pengumuman ini.",
            f"media file `{relpath}` does not exist. Check the file and folder names; the path "
            "is relative to this announcement's folder.",
        ) from None
    except (OSError, ValueError) as exc:
        raise _unreadable(fm, field, relpath, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise fm.error(
            field,
            f"`{relpath}` bukan file biasa (mungkin folder). Tulis path ke file gambar atau "
            "videonya.",
            f"`{relpath}` is not a regular file (perhaps a folder). Write the path of the image "
            "or video file.",
        )
    _check_size(fm, field, info.st_size, mime)
    try:
        head, digest = _read(target)
    except OSError as exc:
        raise _unreadable(fm, field, relpath, exc) from None
    if not _signature_matches(head, mime):
        raise fm.error(
            field,
            f"isi file `{relpath}` tidak sesuai dengan jenisnya ({mime}); file mungkin rusak "
            "atau salah ekstensi. Simpan ulang dalam format yang benar.",
            f"the content of `{relpath}` does not match its type ({mime}); the file may be "
            "damaged or misnamed. Save it again in the right format.",
        )
    return digest


def _check_size(fm: FrontMatter, field: str, size: int, mime: str) -> None:
    limit = VIDEO_MAX_BYTES if mime.startswith("video/") else IMAGE_MAX_BYTES
    if size > limit:
        mb, limit_mb = size / 1024 / 1024, limit // 1024 // 1024
        mb_id = f"{mb:.1f}".replace(".", ",")  # Indonesian decimal comma
        raise fm.error(
            field,
            f"file media berukuran {mb_id} MB, melebihi batas {limit_mb} MB. Perkecil atau "
            "kompres file itu.",
            f"the media file is {mb:.1f} MB, over the {limit_mb} MB limit. Resize or compress it.",
        )


def _read(path: Path) -> tuple[bytes, str]:
    """The first bytes of the file and the sha256 of all of it."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(16)
        digest.update(head)
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return head, digest.hexdigest()


def _signature_matches(head: bytes, mime: str) -> bool:
    if mime == "image/png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if mime == "image/jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if mime == "image/gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    return head[4:8] == b"ftyp"


def _unreadable(fm: FrontMatter, field: str, relpath: str, exc: Exception) -> QueueFileError:
    reason = getattr(exc, "strerror", None) or type(exc).__name__
    return fm.error(
        field,
        f"file media `{relpath}` tidak dapat dibaca ({reason}). Periksa path dan izin akses "
        "file itu.",
        f"media file `{relpath}` cannot be read ({reason}). Check the path and the file's "
        "permissions.",
    )
