"""One module per `dlprep` command; see `dlprep.cli.COMMANDS`."""
