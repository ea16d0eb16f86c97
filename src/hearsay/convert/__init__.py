"""Converters between the canonical documents and other formats, one small module per format."""
