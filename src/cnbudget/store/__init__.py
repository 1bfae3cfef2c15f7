"""The disclosure database: schema, migrations, store/load, batch ingest."""

from cnbudget.store.database import Store
from cnbudget.store.write import Stored

__all__ = ["Store", "Stored"]
