"""Static HTML reports rendered from the store with Jinja2 (autoescaped; nothing from a page is trusted)."""
