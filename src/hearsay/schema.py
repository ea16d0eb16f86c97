"""The annotation schema (`schema/hearsay.yaml`), parsed once into typed objects.

Everything downstream - the Label Studio config, the JSON Schema of a document, the validator, BIO tag
sets, the scorer's label list and the dataset card - reads labels from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import paths
from .errors import SchemaError
from .io import read_yaml

ATTRIBUTE_TYPES = ("choice", "number", "text")
METADATA_TYPES = ("string", "date", "choice", "integer")


@dataclass(frozen=True)
class Attribute:
    name: str
    type: str
    required: bool
    description: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Label:
    name: str
    description: str
    color: str
    hotkey: str
    layer: str
    attributes: tuple[Attribute, ...] = ()

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True)
class Cardinality:
    min: int
    max: int | None


@dataclass(frozen=True)
class RelationType:
    name: str
    description: str
    head: tuple[str, ...]
    tail: tuple[str, ...]
    per_head: Cardinality
    per_tail: Cardinality


@dataclass(frozen=True)
class MetaField:
    name: str
    type: str
    required: bool
    description: str
    values: tuple[str, ...] = ()
    pattern: str | None = None


@dataclass(frozen=True)
class Layer:
    name: str
    description: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Schema:
    version: str
    layers: tuple[Layer, ...]
    labels: tuple[Label, ...]
    relations: tuple[RelationType, ...]
    metadata: tuple[MetaField, ...]
    source: Path = field(compare=False)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(rel.name for rel in self.relations)

    def label(self, name: str) -> Label:
        for label in self.labels:
            if label.name == name:
                return label
        raise KeyError(name)

    def relation(self, name: str) -> RelationType:
        for rel in self.relations:
            if rel.name == name:
                return rel
        raise KeyError(name)

    def layer_of(self, label: str) -> str:
        return self.label(label).layer

    def all_attributes(self) -> tuple[Attribute, ...]:
        """Every attribute once, in schema order (names are unique across labels)."""
        seen: dict[str, Attribute] = {}
        for label in self.labels:
            for attr in label.attributes:
                seen.setdefault(attr.name, attr)
        return tuple(seen.values())

    def meta_field(self, name: str) -> MetaField:
        for f in self.metadata:
            if f.name == name:
                return f
        raise KeyError(name)


def _require(mapping: Any, key: str, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise SchemaError(f"{where}: missing key {key!r}")
    return mapping[key]


def _cardinality(raw: Any, where: str) -> Cardinality:
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: expected a mapping with min and max")
    low, high = raw.get("min", 0), raw.get("max")
    if not isinstance(low, int) or (high is not None and not isinstance(high, int)):
        raise SchemaError(f"{where}: min must be an integer and max an integer or null")
    return Cardinality(low, high)


def parse_schema(raw: Any, source: Path) -> Schema:
    where = str(source)
    layers = []
    label_layer: dict[str, str] = {}
    for name, body in _require(raw, "layers", where).items():
        labels = tuple(_require(body, "labels", f"{where}: layer {name}"))
        layers.append(Layer(name, str(body.get("description", "")).strip(), labels))
        for label in labels:
            if label in label_layer:
                raise SchemaError(f"{where}: label {label} is in two layers")
            label_layer[label] = name

    labels = []
    attr_names: dict[str, str] = {}
    for name, body in _require(raw, "labels", where).items():
        if name not in label_layer:
            raise SchemaError(f"{where}: label {name} belongs to no layer")
        attrs = []
        for attr_name, attr in (body.get("attributes") or {}).items():
            at = f"{where}: label {name}: attribute {attr_name}"
            kind = _require(attr, "type", at)
            if kind not in ATTRIBUTE_TYPES:
                raise SchemaError(f"{at}: type must be one of {ATTRIBUTE_TYPES}, not {kind!r}")
            if attr_name in attr_names:
                raise SchemaError(f"{at}: name already used by label {attr_names[attr_name]}")
            attr_names[attr_name] = name
            values = tuple(attr.get("values") or ())
            if kind == "choice" and not values:
                raise SchemaError(f"{at}: a choice attribute needs values")
            attrs.append(Attribute(attr_name, kind, bool(attr.get("required", False)),
                                   " ".join(str(attr.get("description", "")).split()), values))
        labels.append(Label(name, " ".join(str(body.get("description", "")).split()),
                            _require(body, "color", f"{where}: label {name}"),
                            str(_require(body, "hotkey", f"{where}: label {name}")),
                            label_layer[name], tuple(attrs)))
    missing = set(label_layer) - {label.name for label in labels}
    if missing:
        raise SchemaError(f"{where}: layers name undefined labels {sorted(missing)}")

    names = {label.name for label in labels}
    relations = []
    for name, body in _require(raw, "relations", where).items():
        at = f"{where}: relation {name}"
        head = tuple(_require(body, "head", at))
        tail = tuple(_require(body, "tail", at))
        for label in head + tail:
            if label not in names:
                raise SchemaError(f"{at}: unknown label {label}")
        relations.append(RelationType(name, " ".join(str(body.get("description", "")).split()), head, tail,
                                      _cardinality(body.get("per_head", {}), f"{at}: per_head"),
                                      _cardinality(body.get("per_tail", {}), f"{at}: per_tail")))

    metadata = []
    for name, body in _require(raw, "metadata", where).items():
        at = f"{where}: metadata {name}"
        kind = _require(body, "type", at)
        if kind not in METADATA_TYPES:
            raise SchemaError(f"{at}: type must be one of {METADATA_TYPES}, not {kind!r}")
        metadata.append(MetaField(name, kind, bool(body.get("required", False)),
                                  " ".join(str(body.get("description", "")).split()),
                                  tuple(body.get("values") or ()), body.get("pattern")))
    return Schema(str(_require(raw, "version", where)), tuple(layers), tuple(labels), tuple(relations),
                  tuple(metadata), source)


@lru_cache(maxsize=4)
def _load(path: Path) -> Schema:
    return parse_schema(read_yaml(path, "schema file", SchemaError), path)


def load_schema(path: Path | None = None) -> Schema:
    """Load (and cache) the schema; defaults to `schema/hearsay.yaml` of this checkout."""
    return _load(Path(path or paths.SCHEMA_YAML).resolve())
