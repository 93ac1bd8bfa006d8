"""The only code that touches SQLite. Every write: one store function, one transaction."""

from .db import SCHEMA_VERSION, Store, StoreError, open_store

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "open_store"]
