"""`locpipe check`: the editors' consistency checks over catalogues and sources.

`RULES` is the table of rules (see `checks.rules`); `run_checks` reads a
project's catalogues and articles and returns the findings, sorted.
"""

from locpipe.checks.finding import Finding
from locpipe.checks.rules import RULES, Rule
from locpipe.checks.runner import CheckResult, run_checks

__all__ = ["RULES", "CheckResult", "Finding", "Rule", "run_checks"]
