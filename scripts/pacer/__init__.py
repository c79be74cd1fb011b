"""Shared code of the site's MkDocs plugin (plugin.py) and its command-line tools."""
