"""The evaluation app's models, one module per part (Django finds them here)."""

from .impact.models import *  # noqa: F403
from .revisions.models import *  # noqa: F403
from .snapshots.models import *  # noqa: F403
