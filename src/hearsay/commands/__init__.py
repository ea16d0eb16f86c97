"""One thin module per `hearsay` subcommand; see `hearsay.cli`."""
