"""The encrypted station database: engine, unit of work, migrations."""
