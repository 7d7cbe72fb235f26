from alembic import context
from sqlalchemy import create_engine

from journeymap.store.schema import metadata

config = context.config
engine = config.attributes.get("engine")


def run() -> None:
    eng = engine or create_engine(config.get_main_option("sqlalchemy.url"))
    with eng.connect() as conn:
        context.configure(connection=conn, target_metadata=metadata,
                          render_as_batch=conn.dialect.name == "sqlite",
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        if conn.in_transaction():
            conn.commit()


run()
