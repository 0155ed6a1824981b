"""Open data: the data dictionary page (language-prefixed, namespace ``portal``) and the
downloads and catalogue at stable, language-free URLs under /opendata/ (namespace
``opendata``)."""

page_patterns: list = []
download_patterns: list = []
