"""The store: the database's models and migrations (SQLAlchemy, Alembic), the runner's log and
self-experiments. Shared by the CLI and the web app; imports no FastAPI."""
