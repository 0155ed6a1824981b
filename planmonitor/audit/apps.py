from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "planmonitor.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        post_migrate.connect(_record_layouts, sender=self)


def _record_layouts(using: str, **kwargs) -> None:
    """After every migrate: the seal layouts of the sealed tables as the models have them now."""
    from django.db import connections

    from .history import sealed_models
    from .seal import Layout, record_layouts

    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if "audit_seallayout" not in existing:
        return  # migrated back before the seal chain
    layouts = []
    with connection.cursor() as cursor:
        for model in sealed_models():
            layout = Layout.of(model)
            if layout.table not in existing:
                continue
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, layout.table)
            }
            if set(layout.columns) <= columns:  # not a partial migrate to an older schema
                layouts.append(layout)
    record_layouts(using, layouts)
