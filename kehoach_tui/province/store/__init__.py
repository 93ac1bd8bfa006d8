"""The province database's own store: the only province code that runs SQL.

Same rules as the commune's `store/`: every write is one store function inside
`Store.writing()` (db.atomic()), with its `audit` entry in the same transaction."""
