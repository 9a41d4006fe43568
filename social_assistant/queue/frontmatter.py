"""Turn a queue file's bytes into its YAML front matter and Markdown body.

A queue file looks like::

    ---
    title: Pelatihan Pelayanan Publik Berbasis IT
    channels: [x-sandbox]
    slot: next
    ---
    Teks pengumuman.

The YAML is read as ``yaml.safe_load`` would read it, but through the composed node
tree so that every top-level key (and every item of a list or mapping under it) keeps
the file line it was written on, for error messages.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from social_assistant.queue.errors import QueueFileError

_YAML_HINT_ID = (
    "Periksa baris ini: titik dua setelah nama kolom, indentasi dengan spasi (bukan Tab), "
    "dan tanda kutip pada teks yang memuat `:` atau `#`."
)
_YAML_HINT_EN = (
    "Check this line: a colon after each field name, indentation with spaces (not tabs), "
    "and quotes around text that contains `:` or `#`."
)

# PyYAML's commonest complaints, told to officers in Indonesian (the log keeps the original).
_PROBLEMS_ID = (
    ("mapping values are not allowed", " (ada titik dua `:` yang tidak pada tempatnya)"),
    ("'\\t'", " (ada karakter Tab)"),
    ("expected ',' or ']'", " (daftar `[...]` tidak ditutup dengan benar)"),
    ("expected ',' or '}'", " (kumpulan `{...}` tidak ditutup dengan benar)"),
    ("found unexpected end of stream", " (tanda kutip tidak ditutup)"),
    ("could not find expected ':'", " (titik dua `:` setelah nama kolom tidak ditemukan)"),
)


@dataclass(frozen=True)
class FrontMatter:
    """The parsed front matter of one file, able to point at its own lines."""

    path: Path
    data: dict[str, object]  # top-level key -> value, as yaml.safe_load builds it
    lines: dict[str, int]  # "key", "key[0]", "key.sub" -> 1-based file line
    commented: frozenset[str]  # keys left empty because their value looked like '#Hashtag'
    end_line: int  # line of the closing '---'
    body: str

    def line_of(self, field: str | None) -> int | None:
        """The line of ``field``, falling back to its top-level key."""
        if field is None:
            return None
        if field in self.lines:
            return self.lines[field]
        return self.lines.get(re.split(r"[.\[]", field, maxsplit=1)[0])

    def error(
        self, field: str | None, message_id: str, message_en: str, *, line: int | None = None
    ) -> QueueFileError:
        """An error about ``field`` of this file, on the field's line unless told otherwise."""
        where = line if line is not None else self.line_of(field)
        return QueueFileError(self.path, message_id, message_en, line=where, field=field)


def read_front_matter(data: bytes, path: Path) -> FrontMatter:
    """Split and parse the file's bytes; raise QueueFileError for any malformed file."""
    lines = decode(data, path).split("\n")
    if lines[0].rstrip() != "---":
        raise QueueFileError(
            path,
            "file tidak diawali front matter: baris pertama harus `---`. Tambahkan blok `---` "
            "berisi `title`, `channels` dan waktu tayang di awal file (lihat "
            "content_queue/README.md).",
            "the file does not start with front matter: the first line must be `---`. Add a "
            "`---` block with `title`, `channels` and a time at the top (see "
            "content_queue/README.md).",
            line=1,
        )
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if close is None:
        raise QueueFileError(
            path,
            "front matter yang dibuka di baris 1 tidak pernah ditutup. Tambahkan baris `---` "
            "setelah kolom terakhir, sebelum teks pengumuman.",
            "the front matter opened on line 1 is never closed. Add a `---` line after the last "
            "field, before the announcement text.",
            line=1,
        )
    parsed = _YamlBlock(path, "\n".join(lines[1:close]), first_line=2).load()
    return FrontMatter(
        path=path,
        data=parsed.data,
        lines=parsed.lines,
        commented=frozenset(parsed.commented),
        end_line=close + 1,
        body="\n".join(lines[close + 1 :]),
    )


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text of the file with a BOM removed and line endings made ``\\n``."""
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise QueueFileError(
            path,
            "file ini kosong. Isi dengan front matter (`---`, `title`, `channels`, waktu tayang, "
            "`---`) dan teks pengumuman, atau hapus file ini.",
            "the file is empty. Fill it with front matter (`---`, `title`, `channels`, a time, "
            "`---`) and the announcement text, or delete it.",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise QueueFileError(
            path,
            "file berisi byte NUL sehingga terbaca sebagai file biner, bukan teks. Simpan ulang "
            "sebagai teks biasa UTF-8 (bukan UTF-16 atau dokumen Word).",
            "the file contains NUL bytes, so it reads as binary, not text. Save it again as "
            "plain UTF-8 text (not UTF-16 or a Word document).",
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueueFileError(
            path,
            f"byte 0x{data[exc.start]:02x} pada posisi byte {exc.start} bukan UTF-8. Simpan "
            "ulang file dengan encoding UTF-8.",
            f"byte 0x{data[exc.start]:02x} at byte offset {exc.start} is not valid UTF-8. Save "
            "the file again with UTF-8 encoding.",
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _YamlBlock:
    """The YAML between the two ``---`` lines, read node by node to keep line numbers."""

    def __init__(self, path: Path, text: str, first_line: int) -> None:
        self.path = path
        self.text = text
        self.first_line = first_line
        self.data: dict[str, object] = {}
        self.lines: dict[str, int] = {}
        self.commented: set[str] = set()

    def line_at(self, index: int) -> int:
        """File line of character ``index`` of the YAML text."""
        return self.first_line + self.text.count("\n", 0, index)

    def load(self) -> _YamlBlock:
        """Parse the text, filling ``data``, ``lines`` and ``commented``."""
        try:
            loader = yaml.SafeLoader(self.text)
            try:
                node = loader.get_single_node()
                if node is not None:
                    self._read_mapping(loader, node)
            finally:
                loader.dispose()
        except yaml.reader.ReaderError as exc:
            raise self._control_character(exc) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise self._invalid(mark.index if mark else None, exc.problem or "") from None
        except (yaml.YAMLError, RecursionError) as exc:
            raise self._invalid(None, type(exc).__name__) from None
        return self

    def _read_mapping(self, loader: yaml.SafeLoader, node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            raise QueueFileError(
                self.path,
                "front matter harus berisi baris `kolom: nilai`, misalnya `title: Pelatihan "
                "ASN`. Tulis setiap kolom di barisnya sendiri.",
                "the front matter must consist of `field: value` lines, e.g. `title: ASN "
                "training`. Write each field on its own line.",
                line=self.line_at(node.start_mark.index),
            )
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self._key(key_node)
            self.lines[key] = self.line_at(key_node.start_mark.index)
            self._note_children(key, value_node)
            self.data[key] = self._construct(loader, key, value_node)
            if self.data[key] is None and self._value_is_comment(key_node):
                self.commented.add(key)

    def _key(self, node: yaml.Node) -> str:
        line = self.line_at(node.start_mark.index)
        if not isinstance(node, yaml.ScalarNode):
            raise QueueFileError(
                self.path,
                "nama kolom harus berupa teks biasa. Tulis `nama_kolom: nilai`.",
                "a field name must be plain text. Write `field_name: value`.",
                line=line,
            )
        key = str(node.value)
        if key in self.data:
            raise QueueFileError(
                self.path,
                f"kolom ini ditulis dua kali (juga di baris {self.lines[key]}). Hapus salah "
                "satunya.",
                f"this field is written twice (also on line {self.lines[key]}). Remove one of "
                "them.",
                line=line,
                field=key,
            )
        return key

    def _note_children(self, key: str, node: yaml.Node) -> None:
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.lines[f"{key}[{i}]"] = self.line_at(item.start_mark.index)
        elif isinstance(node, yaml.MappingNode):
            for sub_key, _ in node.value:
                if isinstance(sub_key, yaml.ScalarNode):
                    self.lines.setdefault(
                        f"{key}.{sub_key.value}", self.line_at(sub_key.start_mark.index)
                    )

    def _construct(self, loader: yaml.SafeLoader, key: str, node: yaml.Node) -> object:
        # PyYAML's constructors raise assorted built-in errors on odd values
        # (a timestamp with month 13, an offset of +25:00, `!!int abc`): report them all.
        try:
            return loader.construct_object(node, deep=True)
        except Exception as exc:
            mark = getattr(exc, "problem_mark", None) or node.start_mark
            detail = (getattr(exc, "problem", None) or str(exc))[:120]
            raise QueueFileError(
                self.path,
                "nilai kolom ini tidak dapat dibaca (misalnya tanggal yang tidak ada atau zona "
                "waktu di luar -23:59..+23:59). Periksa penulisannya; beri tanda kutip bila "
                "nilainya teks biasa.",
                f"this value cannot be read ({detail}). Check how it is written; put it in "
                "quotes if it is plain text.",
                line=self.line_at(mark.index),
                field=key,
            ) from None

    def _value_is_comment(self, key_node: yaml.Node) -> bool:
        start = key_node.end_mark.index
        end = self.text.find("\n", start)
        rest = self.text[start : end if end >= 0 else len(self.text)].strip()
        # `tags: #ASNDigital` is a comment to YAML; `program:  # optional` is a real one.
        return re.match(r":\s+#\S", rest) is not None

    def _invalid(self, index: int | None, problem: str) -> QueueFileError:
        detail_id = next((text for key, text in _PROBLEMS_ID if key in problem), "")
        return QueueFileError(
            self.path,
            f"front matter bukan YAML yang valid{detail_id}. {_YAML_HINT_ID}",
            f"the front matter is not valid YAML ({problem or 'unreadable'}). {_YAML_HINT_EN}",
            line=self.line_at(index) if index is not None else None,
        )

    def _control_character(self, exc: yaml.reader.ReaderError) -> QueueFileError:
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[0])
        return QueueFileError(
            self.path,
            f"front matter memuat karakter kontrol tak terlihat (U+{code:04X}) yang tidak "
            "diperbolehkan. Hapus karakter itu; biasanya terbawa saat menyalin teks.",
            f"the front matter contains an invisible control character (U+{code:04X}) that is "
            "not allowed. Delete it; it usually comes from copy and paste.",
            line=self.line_at(exc.position),
        )
