"""The command line (Typer): one module a command group; flags in, one app call, exit code out.
``main.app`` is the ``backstride`` command."""
