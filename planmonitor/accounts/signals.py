"""What accounts tells the apps above it (they connect from their ``AppConfig.ready()``).

``stand_in_arranged``: a stand-in was added (``services.stand_in_add``), sent inside the
service's transaction with ``stand_in`` (the StandIn row) and ``actor_id`` (who arranged
it, or None).
"""

from django.dispatch import Signal

stand_in_arranged = Signal()
