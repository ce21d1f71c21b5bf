"""The API's fixtures (the in-process app on the test database and dev server)."""

from tests.api.conftest import app, client, settings  # noqa: F401 - shared fixtures
