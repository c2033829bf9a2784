"""The versioned read API, /api/v1/, assembled from each app's router (django-ninja).

The OpenAPI 3 schema is served at /api/v1/openapi.json.
"""

from ninja import NinjaAPI

from akhbar.discover.api import router as discover_router
from akhbar.distribution.api import router as distribution_router
from akhbar.search.api import router as search_router

api = NinjaAPI(
    title="akhbar read API",
    version="1",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/", distribution_router)
api.add_router("/", search_router)
api.add_router("/", discover_router)
