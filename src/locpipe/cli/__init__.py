from locpipe.cli.main import main

__all__ = ["main"]
