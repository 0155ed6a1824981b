"""Action sheets (actiefiches): the plan of approach, its parts, versions and approval."""
