"""The coordinator's publication pages (internal, signed in), namespace ``publication``."""

app_name = "publication"
urlpatterns: list = []
