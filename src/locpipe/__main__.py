"""`python -m locpipe`: the same command line as the `locpipe` script."""

from locpipe.cli import main

main(prog_name="locpipe")
