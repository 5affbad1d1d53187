"""The store: Blindaje's SQLite database. Every SQL statement lives in this package."""
from blindaje.store.db import open_db
from blindaje.store.queries import Store

__all__ = ["Store", "open_db"]
