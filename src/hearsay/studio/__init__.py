"""Label Studio integration: a local server in its own environment (`server`) and push/pull through
label-studio-sdk (`client`). See DESIGN.md, "Label Studio", and docs/studio.md."""

from __future__ import annotations

from ..errors import HearsayError

DEFAULT_PROJECT = "Hearsay"  # the Label Studio project title
DEFAULT_TIMEOUT = 60.0  # seconds per request


class StudioError(HearsayError):
    """Label Studio could not be started, reached or used; the message says what to do."""


class StudioUnavailable(StudioError):
    """No Label Studio server answers (not running, killed, or the connection broke off)."""


class StudioAuthError(StudioError):
    """The server rejected the API token."""


class StudioTimeout(StudioError):
    """The server did not answer within the timeout."""


class StudioConflict(StudioError):
    """Pushing would overwrite annotated work (a document's text changed after it was annotated)."""
