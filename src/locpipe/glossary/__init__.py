"""Terminology: the glossary files, the matcher, the exports for CAT tools."""
