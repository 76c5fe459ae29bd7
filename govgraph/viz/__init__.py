"""Renderings: query results drawn as self-contained HTML (pyvis diagrams, report pages)."""
