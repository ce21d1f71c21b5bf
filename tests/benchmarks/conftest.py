"""The API's fixtures (the in-process app on the test database and dev server)."""

from tests.api import conftest as api_fixtures

settings = api_fixtures.settings
app = api_fixtures.app
client = api_fixtures.client
