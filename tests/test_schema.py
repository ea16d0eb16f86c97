"""The schema drives the generated files; they must not drift, and Label Studio must accept them."""

from __future__ import annotations

import json

import jsonschema
import pytest
from label_studio_sdk.label_interface import LabelInterface

from hearsay import paths
from hearsay.errors import SchemaError
from hearsay.generate import HEADER, generated_files, stale_files
from hearsay.schema import parse_schema


def test_schema_generated_files_are_up_to_date():
    assert stale_files() == [], "run `hearsay schema` and commit the result"


def test_schema_generated_files_say_they_are_generated():
    for path, content in generated_files().items():
        assert HEADER in content.splitlines()[0] or HEADER in content[:400], path


def test_schema_labeling_config_parses_with_label_studio(schema):
    config = (paths.SCHEMA_DIR / "labeling_config.xml").read_text(encoding="utf-8")
    interface = LabelInterface(config)
    controls = {control.name: control for control in interface.controls}
    labels = set(controls["label"].labels)
    assert labels == set(schema.label_names)
    for attr in schema.all_attributes():
        assert attr.name in controls, f"attribute {attr.name} has no control"
        assert controls[attr.name].attr.get("perRegion") == "true"
        if attr.type == "choice":
            assert set(controls[attr.name].labels) == set(attr.values)
    for rel in schema.relations:
        assert f'<Relation value="{rel.name}"' in config


def test_schema_json_schema_accepts_the_seed_and_rejects_a_bad_label(seed_doc):
    document_schema = json.loads((paths.SCHEMA_DIR / "hearsay.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(seed_doc.to_dict(), document_schema)
    bad = seed_doc.to_dict()
    bad["spans"][0]["label"] = "CLAIM"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, document_schema)
    bad = seed_doc.to_dict()
    quantity = next(s for s in bad["spans"] if s["label"] == "QUANTITY")
    quantity["attrs"]["modifier"] = "roughly"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, document_schema)


def test_schema_rejects_relation_to_undefined_label(tmp_path):
    raw = {"version": "1", "layers": {"a": {"labels": ["CUE"]}},
           "labels": {"CUE": {"color": "#000000", "hotkey": "c"}},
           "relations": {"SOURCE": {"head": ["CUE"], "tail": ["SPEAKER"]}}, "metadata": {}}
    with pytest.raises(SchemaError, match="unknown label SPEAKER"):
        parse_schema(raw, tmp_path / "x.yaml")


def test_schema_rejects_choice_without_values(tmp_path):
    raw = {"version": "1", "layers": {"a": {"labels": ["CUE"]}},
           "labels": {"CUE": {"color": "#000000", "hotkey": "c", "attributes": {"k": {"type": "choice"}}}},
           "relations": {}, "metadata": {}}
    with pytest.raises(SchemaError, match="needs values"):
        parse_schema(raw, tmp_path / "x.yaml")
