"""The public site's pages (language-prefixed: /nl/…, /en/…), namespace ``portal``."""

urlpatterns: list = []
