"""An OFD package (GB/T 33190): a zip of XML parts, opened as real producers write it.

The container has already been checked against the limits (`containers.py`)
before this sees it. Parts are parsed by lxml with entities, DTDs and the
network off and libxml2's own size limits on (no huge_tree); nesting deeper
than the `xml_depth` limit is refused. Producers differ in what the standard
leaves loose, and all of it is accepted: the namespace
`http://www.ofdspec.org/2016`, another URI, or none; any prefix; attributes
with or without the `ofd:` prefix; part paths absolute (`/Doc_0/…`) or
relative to the part naming them, with backslashes, and in another letter
case than the zip member's name.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

from cnbudget.ingest.errors import UnreadableSource, unreadable
from cnbudget.ingest.limits import current_limits

NAMESPACE = "http://www.ofdspec.org/2016"
ENTRY = "OFD.xml"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          dtd_validation=False, remove_comments=True, remove_pis=True)


def local(el: etree._Element) -> str:
    """The element's name without namespace or prefix."""
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def attr(el: etree._Element, name: str, default: str | None = None) -> str | None:
    """An attribute by its local name, with or without a namespace prefix."""
    value = el.get(name)
    if value is not None:
        return value
    for key, val in el.attrib.items():
        if key.endswith("}" + name) or key.rsplit(":", 1)[-1] == name:
            return val
    return default


def children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    for child in el:
        if local(child) == name:
            yield child


def child(el: etree._Element, name: str) -> etree._Element | None:
    return next(children(el, name), None)


def descendant(el: etree._Element, *path: str) -> etree._Element | None:
    node: etree._Element | None = el
    for name in path:
        if node is None:
            return None
        node = child(node, name)
    return node


def text_of(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _check_depth(root: etree._Element, name: str, part: str) -> None:
    limit = current_limits().xml_depth
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth >= limit:
            raise unreadable("source.too-deep", f"{name}!{part}", limit=limit)


class OfdPackage:
    """The zip's parts by normalised path; `part(path, base)` resolves as the standard says."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise UnreadableSource(name, f"a corrupt OFD package: {exc}", "source.container-corrupt") from exc
        self._members = {self._key(i.filename): i.filename for i in self._zip.infolist() if not i.is_dir()}

    @staticmethod
    def _key(path: str) -> str:
        return posixpath.normpath(path.replace("\\", "/").lstrip("/")).lower()

    def resolve(self, path: str, base: str = "") -> str | None:
        """The member a part path names: absolute from the package root, else relative
        to the folder of `base` (the part naming it), else (a common slip) from the root."""
        clean = path.strip().replace("\\", "/")
        if not clean:
            return None
        tries = [clean] if clean.startswith("/") else [posixpath.join(posixpath.dirname(base), clean), clean]
        for candidate in tries:
            member = self._members.get(self._key(candidate))
            if member is not None:
                return member
        return None

    def xml(self, member: str) -> etree._Element:
        try:
            root = etree.fromstring(self._zip.read(member), parser=_PARSER)
        except etree.XMLSyntaxError as exc:
            raise UnreadableSource(self.name, f"OFD part {member!r} is not well-formed XML: {exc}") from exc
        if root is None:
            raise UnreadableSource(self.name, f"OFD part {member!r} is empty")
        _check_depth(root, self.name, member)
        return root

    def data(self, member: str) -> bytes:
        """A member's bytes (a picture, a font)."""
        return self._zip.read(member)

    def part(self, path: str, base: str = "") -> tuple[str, etree._Element] | None:
        member = self.resolve(path, base)
        return (member, self.xml(member)) if member is not None else None

    def entry(self) -> etree._Element:
        member = self.resolve(ENTRY)
        if member is None:
            raise UnreadableSource(self.name, "an OFD package without OFD.xml")
        return self.xml(member)

    def close(self) -> None:
        self._zip.close()
