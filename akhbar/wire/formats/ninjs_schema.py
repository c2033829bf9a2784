"""The structure of ninjs 2.x and 3.x items, checked field by field with errors that name the field.

Written for akhbar from IPTC's ninjs specification (2.2 and 3.1): which properties an item
may have, their types, enumerations, ranges and the "one of these" rules. 2.x spells every
property in lower case, 3.x in camelCase and adds events and planning; one description
serves both, the names are cased per version. Unknown properties are refused, as the
specification does, except two extensions that Superdesk, the commonest ninjs producer,
emits on every item (`authors`, `keywords`); they are type-checked like the rest.

A tiny validator rather than a JSON Schema engine: the rules fit in one screen, errors
read like an editor's note ("associations[0].name: is required"), and nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from akhbar.wire.items import WireError

DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$"
)
# A year, year-month, date or full date-time, each with an optional zone (xs:gYear … xs:dateTime).
TRUNCATED_DATE = re.compile(
    r"^-?\d{4,}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])"
    r"(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?)?)?$"
)
URI = re.compile(r"^[^\s<>\"{}|\\^`]+$")
GEO_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
GEO_DEPTH = {
    "Point": 1,
    "MultiPoint": 2,
    "LineString": 2,
    "MultiLineString": 3,
    "Polygon": 3,
    "MultiPolygon": 4,
}


class Node:
    """One kind of JSON value; `check` raises WireError naming `path`."""

    def check(self, value: Any, path: str) -> None:
        raise NotImplementedError


def _type_name(value: Any) -> str:
    return {
        dict: "object",
        list: "list",
        str: "string",
        bool: "boolean",
        type(None): "null",
        int: "integer",
        float: "number",
    }.get(type(value), type(value).__name__)


@dataclass
class Str(Node):
    """A string, optionally from an enumeration or in a format (uri, date-time, truncated date)."""

    enum: tuple[str, ...] = ()
    fmt: str = ""

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            raise WireError(path, f"must be a string, not {_type_name(value)}")
        if self.enum and value not in self.enum:
            raise WireError(path, f"{value[:40]!r} is not one of {', '.join(self.enum)}")
        if self.fmt == "uri" and value and not URI.match(value):
            raise WireError(path, f"{value[:60]!r} is not a URI")
        if self.fmt == "date-time":
            ok = DATE_TIME.match(value)
            try:
                ok = ok and datetime.fromisoformat(value.replace("z", "Z"))
            except ValueError:
                ok = None
            if not ok:
                raise WireError(path, f"{value[:40]!r} is not an ISO 8601 date-time with time zone")
        if self.fmt == "truncated-date" and not TRUNCATED_DATE.match(value):
            raise WireError(path, f"{value[:40]!r} is not a (truncated) ISO 8601 date")


@dataclass
class Num(Node):
    """A JSON number (integer when `integer`), optionally within [minimum, maximum]."""

    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: Any, path: str) -> None:
        kinds = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise WireError(
                path,
                f"must be {'an integer' if self.integer else 'a number'}, not {_type_name(value)}",
            )
        if self.minimum is not None and value < self.minimum:
            raise WireError(path, f"{value} is less than {self.minimum:g}")
        if self.maximum is not None and value > self.maximum:
            raise WireError(path, f"{value} is more than {self.maximum:g}")


@dataclass
class Arr(Node):
    """A list whose every entry is `item`."""

    item: Node

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise WireError(path, f"must be a list, not {_type_name(value)}")
        for i, entry in enumerate(value):
            self.item.check(entry, f"{path}[{i}]")


@dataclass
class Obj(Node):
    """An object with known properties; `closed` refuses any other, `rules` add cross-checks."""

    props: dict[str, Node] | Callable[[], dict[str, Node]]
    required: tuple[str, ...] = ()
    closed: bool = True
    rules: tuple[Callable[[dict, str], None], ...] = field(default=())

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise WireError(path or "item", f"must be an object, not {_type_name(value)}")
        props = self.props() if callable(self.props) else self.props
        for name in self.required:
            if name not in value:
                raise WireError(_join(path, name), "is required")
        for name, entry in value.items():
            node = props.get(name)
            if node is None:
                if self.closed:
                    raise WireError(_join(path, name), "is not a ninjs property")
                continue
            node.check(entry, _join(path, name))
        for rule in self.rules:
            rule(value, path)


class GeoJSON(Node):
    """A GeoJSON geometry, feature or collection: known type, coordinates nested as it says."""

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise WireError(path, f"must be a GeoJSON object, not {_type_name(value)}")
        kind = value.get("type")
        if kind in GEO_TYPES:
            _coordinates(value.get("coordinates"), GEO_DEPTH[kind], _join(path, "coordinates"))
        elif kind == "GeometryCollection":
            geometries = value.get("geometries")
            if not isinstance(geometries, list):
                raise WireError(_join(path, "geometries"), "must be a list of geometries")
            for i, g in enumerate(geometries):
                self.check(g, f"{path}.geometries[{i}]")
        elif kind == "Feature":
            if value.get("geometry") is not None:
                self.check(value["geometry"], _join(path, "geometry"))
        elif kind == "FeatureCollection":
            features = value.get("features")
            if not isinstance(features, list):
                raise WireError(_join(path, "features"), "must be a list of features")
            for i, f in enumerate(features):
                self.check(f, f"{path}.features[{i}]")
        else:
            raise WireError(_join(path, "type"), f"{str(kind)[:40]!r} is not a GeoJSON type")


def _coordinates(value: Any, depth: int, path: str) -> None:
    if depth == 1:
        if (
            not isinstance(value, list)
            or len(value) < 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            raise WireError(path, "must be a position: a list of at least two numbers")
        return
    if not isinstance(value, list):
        raise WireError(path, "must be a list of coordinates")
    for i, v in enumerate(value):
        _coordinates(v, depth - 1, f"{path}[{i}]")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def exactly_one(a: str, b: str) -> Callable[[dict, str], None]:
    """A rule: the object has one of `a` and `b`, not both and not neither."""

    def rule(value: dict, path: str) -> None:
        if (a in value) == (b in value):
            raise WireError(path or "item", f"needs exactly one of {a} and {b}")

    return rule


def _dates_rule(value: dict, path: str) -> None:
    """Dates need a start (exact or expected, not both) or an end (likewise)."""
    start = ("startDate" in value) != ("expectedStartDate" in value)
    end = ("endDate" in value) != ("expectedEndDate" in value)
    if not (start or end):
        raise WireError(
            path or "dates",
            "needs one start date (startDate or expectedStartDate) "
            "or one end date (endDate or expectedEndDate)",
        )


def build(major: int) -> Obj:
    """The item description for ninjs `major` version 2 or 3."""
    v3 = major >= 3

    def n(camel: str) -> str:
        return camel if v3 else camel.lower()

    def names(spec: dict[str, Node]) -> dict[str, Node]:
        return {n(k): v for k, v in spec.items()}

    s, uri, when = Str(), Str(fmt="uri"), Str(fmt="date-time")
    count = Num(integer=v3)
    address = Obj(names({"lines": Arr(s), "locality": s, "area": s, "postalCode": s, "country": s}))
    contact = Obj(
        names({"type": s, "role": s, "lang": s, "name": s, "value": s, "address": address}),
        rules=(exactly_one("value", "address"),),
    )
    contacts = Arr(contact)
    text_entry = Obj(names({"role": s, "contentType": s, "value": s}), required=("value",))
    body = Obj(
        names({"role": s, "contentType": s, "charCount": count, "wordCount": count, "value": s}),
        required=("value",),
    )
    concept = {"name": s, "rel": s, "uri": uri, "literal": s}
    rendition_props = {
        "name": s,
        "href": uri,
        "contentType": s,
        "title": s,
        "width": count,
        "height": count,
        "sizeInBytes": count,
        "duration": Num(),
        "format": s,
    }
    if v3:
        rendition_props |= {
            "aspectRatio": s,
            "videoCodec": s,
            "frameRate": Num(),
            "transportProtocol": s,
            "poi": Obj({"x": Num(integer=True), "y": Num(integer=True)}),
            "scanType": Str(enum=("progressive", "interlaced")),
            "bitrate": s,
        }
    rendition = Obj(names(rendition_props), required=("name",))
    symbol = {"exchange": s, "symbolType": uri, "symbol": s} | ({} if v3 else {"ticker": s})
    organisation = Obj(
        names({**concept, "symbols": Arr(Obj(names(symbol))), "contactInfo": contacts})
    )
    rights = Obj(
        names({"langId": uri, "linkedRights": uri, "encodedRights": s}),
        closed=v3,
        rules=(exactly_one(n("linkedRights"), n("encodedRights")),),
    )
    types = ("text", "audio", "video", "picture", "graphic", "composite", "component")
    types += ("event", "planning") if v3 else ()
    item_props: dict[str, Node] = {
        "uri": uri,
        "type": Str(enum=types),
        "representationType": Str(enum=("full", "partial")),
        "profile": s,
        "version": s,
        "firstCreated": when,
        "versionCreated": when,
        "contentCreated": when,
        ("embargoedUntil" if v3 else "embargoed"): when,
        "pubStatus": Str(enum=("usable", "withheld", "canceled")),
        "urgency": Num(integer=True, minimum=1, maximum=9) if v3 else Num(),
        "copyrightHolder": s,
        "copyrightNotice": s,
        "usageTerms": s,
        "edNote": s,
        "language": s,
        "descriptions": Arr(text_entry),
        "bodies": Arr(body),
        "headlines": Arr(text_entry),
        "people": Arr(Obj(names({**concept, "contactInfo": contacts}))),
        "organisations": Arr(organisation),
        "places": Arr(Obj(names({**concept, "contactInfo": contacts, "geoJSON": GeoJSON()}))),
        "subjects": Arr(
            Obj(
                names(
                    {
                        **concept,
                        "creator": s,
                        "relevance": Num(integer=True, minimum=0, maximum=100),
                        "confidence": Num(integer=True, minimum=0, maximum=100),
                    }
                )
            )
        ),
        "events": Arr(Obj(names({**concept, **({"id": s} if v3 else {})}))),
        "objects": Arr(Obj(names(concept))),
        "infoSources": Arr(
            Obj(names({"name": s, "role": s, "uri": uri, "literal": s, "contactInfo": contacts}))
        ),
        "title": s,
        "by": s,
        "slugline": s,
        "located": s,
        "renditions": Arr(rendition),
        "altIds": Arr(Obj(names({"role": s, "value": s}))),
        "trustIndicators": Arr(Obj(names({"role": uri, "title": s, "href": uri}))),
        "standard": Obj(names({"name": s, "version": s, "schema": uri})),
        "genres": Arr(Obj(names({"name": s, "uri": s, "literal": s}))),
        "expires": when,
        "rightsInfo": rights,
        "digitalSourceType": Obj(names({"name": s, "uri": uri, "literal": s})),
        # Superdesk's extensions, tolerated because real feeds carry them (see docstring).
        "authors": Arr(
            Obj({"name": s, "role": s, "uri": uri, "code": s, "biography": s}, closed=False)
        ),
        "keywords": Arr(s),
    }
    if v3:
        dates = _dates_node(s, when)
        organiser = organisation
        item_props["eventDetails"] = Obj(
            {
                "eventStatus": uri,
                "plannedCoverageStatus": uri,
                "dates": dates,
                "organiser": organiser,
            }
        )
        item_props["plannedCoverage"] = Arr(_coverage_node(s, uri, dates, rendition, types))
    props = names(item_props)
    association = Obj(
        lambda: {**props, "name": s, **({"rel": s} if v3 else {})}, required=("name", "uri")
    )
    props["associations"] = Arr(association)
    return Obj(props, required=("uri",))


def _dates_node(s: Str, when: Str) -> Obj:
    truncated = Str(fmt="truncated-date")
    rule = Obj(
        {
            "frequency": Str(
                enum=("secondly", "minutely", "hourly", "daily", "weekly", "monthly", "yearly")
            ),
            "interval": Num(integer=True),
            "until": when,
            "count": Num(integer=True),
        }
    )
    recurrence = Obj({"recurrenceDates": Arr(truncated), "recurrenceRules": Arr(rule)})
    return Obj(
        {
            "startDate": when,
            "endDate": when,
            "expectedStartDate": truncated,
            "expectedEndDate": truncated,
            "expectedDuration": s,
            "recurrence": recurrence,
        },
        rules=(_dates_rule,),
    )


def _coverage_node(s: Str, uri: Str, dates: Obj, rendition: Obj, types: tuple[str, ...]) -> Obj:
    commissioned = Obj(
        {"by": s, "on": Str(fmt="date-time"), "references": Arr(Obj({"name": s, "value": s}))}
    )
    return Obj(
        {
            "uri": uri,
            "title": s,
            "pubStatus": Str(enum=("usable", "withheld", "canceled")),
            "type": Str(enum=types),
            "commissioned": commissioned,
            "dates": dates,
            "audiences": Arr(Obj({"audience": s, "significance": Num(integer=True)})),
            "exclAudience": Arr(s),
            "edNote": s,
            "urgency": Num(integer=True, minimum=1, maximum=9),
            "language": s,
            "itemCount": Obj({"rangeFrom": Num(integer=True), "rangeTo": Num(integer=True)}),
            "wordCount": Num(integer=True),
            "renditions": Arr(rendition),
        }
    )


SCHEMAS: dict[int, Obj] = {2: build(2), 3: build(3)}


def validate(doc: Any, major: int, path: str = "") -> None:
    """Raise WireError naming the first field of `doc` that ninjs `major` (2, 3) does not allow."""
    SCHEMAS[major].check(doc, path)
