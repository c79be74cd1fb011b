"""Shared helpers for the site's MkDocs hooks and command-line tools."""
