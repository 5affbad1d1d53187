"""Blindaje's one generic spider."""
