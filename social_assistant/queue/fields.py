"""Check and convert the simple front-matter fields: keys, title, channels, tags and flags."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, datetime

from social_assistant.queue.errors import QueueFileError
from social_assistant.queue.frontmatter import FrontMatter

ALLOWED_KEYS = (
    "title",
    "channels",
    "publish_at",
    "slot",
    "program",
    "tags",
    "media",
    "variants",
    "approval",
    "thread",
)
TITLE_MAX = 200
APPROVAL_VALUES = ("required", "none")
_HASHTAG = re.compile(r"\w+")


def describe(value: object) -> tuple[str, str]:
    """What kind of YAML value this is, in Indonesian and English."""
    kinds: list[tuple[type | tuple[type, ...], str, str]] = [
        (bool, "nilai ya/tidak (boolean)", "a yes/no value (boolean)"),
        ((int, float), "angka", "a number"),
        (str, "teks", "text"),
        (list, "daftar", "a list"),
        (dict, "kumpulan `kunci: nilai`", "a `key: value` mapping"),
        (datetime, "tanggal-waktu", "a date-time"),
        (date, "tanggal", "a date"),
    ]
    for kind, name_id, name_en in kinds:
        if isinstance(value, kind):
            return name_id, name_en
    if value is None:
        return "kosong", "empty"
    return "jenis nilai lain", "another kind of value"


def wrong_type(
    fm: FrontMatter, field: str, value: object, expected: tuple[str, str], example: str
) -> QueueFileError:
    """The error for a value of the wrong kind, with an example of the right one."""
    got_id, got_en = describe(value)
    return fm.error(
        field,
        f"nilainya {got_id}, padahal harus {expected[0]}. Tulis misalnya `{example}`.",
        f"the value is {got_en} but must be {expected[1]}. Write e.g. `{example}`.",
    )


def did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> tuple[str, str]:
    """A " Mungkin maksudnya `x`?" hint for a near miss, or empty strings."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f" Mungkin maksudnya `{close[0]}`?", f" Did you mean `{close[0]}`?"


def check_keys(fm: FrontMatter) -> None:
    """Reject unknown keys (typos) and values YAML swallowed as a `#` comment."""
    allowed = ", ".join(ALLOWED_KEYS)
    for key in fm.data:
        if key not in ALLOWED_KEYS:
            hint_id, hint_en = did_you_mean(key, ALLOWED_KEYS)
            raise fm.error(
                key,
                f"nama kolom ini tidak dikenal.{hint_id} Perbaiki namanya atau hapus kolom ini; "
                f"kolom yang boleh dipakai: {allowed}.",
                f"this field name is unknown.{hint_en} Correct the name or remove the field; "
                f"allowed fields: {allowed}.",
            )
    for key in sorted(fm.commented, key=lambda k: fm.lines.get(k, 0)):
        raise fm.error(
            key,
            "nilainya terbaca kosong karena diawali `#`, yang dalam YAML berarti komentar. "
            f'Beri tanda kutip, misalnya `{key}: "#ASNDigital"`.',
            "the value reads as empty because it starts with `#`, which YAML takes as a "
            f'comment. Put it in quotes, e.g. `{key}: "#ASNDigital"`.',
        )


def require(fm: FrontMatter, key: str, example: str) -> object:
    """The value of a required key; missing or empty is an error showing ``example``."""
    if key not in fm.data:
        raise fm.error(
            key,
            f"kolom wajib ini belum ada. Tambahkan baris `{example}` di front matter.",
            f"this required field is missing. Add a line `{example}` to the front matter.",
            line=1,
        )
    value = fm.data[key]
    if value is None or value == "" or value == []:
        raise fm.error(
            key,
            f"kolom wajib ini kosong. Isi misalnya `{example}`.",
            f"this required field is empty. Fill it in, e.g. `{example}`.",
        )
    return value


def read_title(fm: FrontMatter) -> str:
    """The required title: text of 1 to TITLE_MAX characters."""
    example = "title: Pelatihan Pelayanan Publik Berbasis IT"
    value = require(fm, "title", example)
    if not isinstance(value, str):
        raise wrong_type(fm, "title", value, ("teks", "text"), example)
    title = value.strip()
    if not title:
        raise fm.error(
            "title",
            "judul tidak boleh kosong. Isi judulnya, misalnya `title: Pelatihan ASN`.",
            "the title must not be blank. Fill it in, e.g. `title: ASN training`.",
        )
    if len(title) > TITLE_MAX:
        raise fm.error(
            "title",
            f"judul terlalu panjang ({len(title)} karakter, batas {TITLE_MAX}). Persingkat "
            "judulnya; teks lengkap ditulis di bawah front matter.",
            f"the title is too long ({len(title)} characters, limit {TITLE_MAX}). Shorten it; "
            "the full text goes below the front matter.",
        )
    return title


def read_channels(fm: FrontMatter, configured: Mapping[str, str]) -> tuple[str, ...]:
    """The target channels: configured names, in order, each once."""
    names = sorted(configured)
    example = f"channels: [{', '.join(names) or 'x-sandbox'}]"
    value = require(fm, "channels", example)
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        expected = ("daftar nama kanal", "a list of channel names")
        raise wrong_type(fm, "channels", value, expected, example)
    chosen: list[str] = []
    for i, item in enumerate(items):
        field = f"channels[{i}]" if isinstance(value, list) else "channels"
        if not isinstance(item, str):
            raise wrong_type(fm, field, item, ("nama kanal (teks)", "a channel name"), example)
        name = item.strip()
        if name not in configured:
            raise _unknown_channel(fm, field, name, names)
        if name in chosen:
            raise fm.error(
                field,
                f"kanal `{name}` disebut dua kali. Hapus salah satunya.",
                f"channel `{name}` is listed twice. Remove one of them.",
            )
        chosen.append(name)
    return tuple(chosen)


def _unknown_channel(fm: FrontMatter, field: str, name: str, names: list[str]) -> QueueFileError:
    if not names:
        return fm.error(
            field,
            "belum ada kanal yang dikonfigurasi. Tambahkan kanal di konfigurasi terlebih dahulu.",
            "no channels are configured. Add a channel to the configuration first.",
        )
    hint_id, hint_en = did_you_mean(name, names)
    listed = ", ".join(names)
    return fm.error(
        field,
        f"kanal `{name}` tidak ada di konfigurasi.{hint_id} Pilih dari: {listed}.",
        f"channel `{name}` is not configured.{hint_en} Choose from: {listed}.",
    )


def read_program(fm: FrontMatter) -> str | None:
    """The optional program name."""
    value = fm.data.get("program")
    if value is None:
        return None
    if not isinstance(value, str):
        example = "program: Transformasi Digital ASN"
        raise wrong_type(fm, "program", value, ("teks", "text"), example)
    return value.strip() or None


def read_tags(fm: FrontMatter) -> tuple[str, ...]:
    """Hashtags without '#'; a text may hold several separated by spaces or commas."""
    value = fm.data.get("tags")
    example = 'tags: ["#ASNDigital", "#Kaltim"]'
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise wrong_type(fm, "tags", value, ("daftar tagar", "a list of hashtags"), example)
    tags: list[str] = []
    for i, item in enumerate(items):
        field = f"tags[{i}]" if isinstance(value, list) else "tags"
        if item is None:
            raise fm.error(
                field,
                "tagar ini kosong; tanpa tanda kutip, `#` dibaca YAML sebagai awal komentar. "
                'Beri tanda kutip, misalnya `- "#ASNDigital"`.',
                "this hashtag is empty; without quotes, YAML reads `#` as the start of a "
                'comment. Put it in quotes, e.g. `- "#ASNDigital"`.',
            )
        if not isinstance(item, str):
            raise wrong_type(fm, field, item, ("tagar (teks)", "a hashtag (text)"), example)
        for word in re.split(r"[\s,]+", item.strip()):
            tag = _hashtag(fm, field, word)
            if tag not in tags:
                tags.append(tag)
    return tuple(tags)


def _hashtag(fm: FrontMatter, field: str, word: str) -> str:
    tag = word.lstrip("#")
    if _HASHTAG.fullmatch(tag) and not tag.isdigit():
        return tag
    return_id = f"`{word}`" if word else "tagar kosong"
    return_en = f"`{word}`" if word else "an empty hashtag"
    raise fm.error(
        field,
        f"{return_id} bukan tagar yang sah: tagar hanya berisi huruf, angka dan garis bawah, "
        "tanpa spasi, dan tidak hanya angka. Tulis misalnya `#PelayananPublik`.",
        f"{return_en} is not a valid hashtag: a hashtag holds only letters, digits and "
        "underscores, no spaces, and not only digits. Write e.g. `#PelayananPublik`.",
    )


def read_variants(fm: FrontMatter, channels: tuple[str, ...]) -> dict[str, str]:
    """Per-channel override texts; every key must be one of ``channels``."""
    value = fm.data.get("variants")
    if value is None:
        return {}
    example = f'variants: {{{channels[0]}: "Teks khusus untuk kanal ini"}}'
    if not isinstance(value, dict):
        raise wrong_type(fm, "variants", value, ("`kanal: teks`", "`channel: text`"), example)
    variants: dict[str, str] = {}
    for key, text in value.items():
        field = f"variants.{key}"
        if not isinstance(key, str) or key not in channels:
            raise _variant_for_unlisted(fm, field, str(key), channels)
        if not isinstance(text, str) or not text.strip():
            if text is not None and not isinstance(text, str):
                raise wrong_type(fm, field, text, ("teks", "text"), example)
            raise fm.error(
                field,
                "teks varian untuk kanal ini kosong. Isi teksnya, atau hapus baris ini agar "
                "kanal memakai teks utama.",
                "the variant text for this channel is empty. Fill it in, or remove the line so "
                "the channel uses the main text.",
            )
        variants[key] = text.strip()
    return variants


def _variant_for_unlisted(
    fm: FrontMatter, field: str, key: str, channels: tuple[str, ...]
) -> QueueFileError:
    listed = ", ".join(channels)
    return fm.error(
        field,
        f"ada varian untuk kanal `{key}`, tetapi kanal itu tidak ada di `channels` ({listed}). "
        "Tambahkan kanal itu ke `channels` atau perbaiki nama kanal varian ini.",
        f"there is a variant for channel `{key}`, but it is not in `channels` ({listed}). Add "
        "the channel to `channels` or correct the variant's channel name.",
    )


def read_approval(fm: FrontMatter, default: bool) -> bool:
    """Whether an approver must approve: `approval: required` or `approval: none`."""
    value = fm.data.get("approval")
    if value is None:
        return default
    if isinstance(value, str) and value.strip().lower() in APPROVAL_VALUES:
        return value.strip().lower() == "required"
    raise fm.error(
        "approval",
        "nilainya harus `required` (perlu persetujuan pimpinan sebelum tayang) atau `none` "
        "(langsung dijadwalkan). Tulis misalnya `approval: required`.",
        "the value must be `required` (an approver must approve before publishing) or `none` "
        "(scheduled directly). Write e.g. `approval: required`.",
    )


def read_thread(fm: FrontMatter) -> bool:
    """Whether a long X text may become a numbered thread."""
    value = fm.data.get("thread")
    if value is None:
        return False
    if not isinstance(value, bool):
        expected = ("`true` atau `false`", "`true` or `false`")
        raise wrong_type(fm, "thread", value, expected, "thread: true")
    return value
