"""Operations: a local PostgreSQL + PostGIS server for development and the tests."""
