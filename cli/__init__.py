"""Blindaje: nightly audits of government portals during Mexico's electoral blackout periods."""
__version__ = "0.1.0"
