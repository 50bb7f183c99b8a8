"""The closed vocabularies of the output contract (SCHEMA.md): labels, actors, event types."""
from __future__ import annotations

LABELS = ("ACTOR", "LOCATION", "NATIONALITY", "COUNT", "DATE")
ACTOR_IDS = (
    "SDF", "ASAYISH", "COALITION", "US", "ISIS", "REGIME", "TRANSITIONAL_GOV", "NDF",
    "RUSSIA", "TURKEY", "SNA", "REBELS", "HTS", "IRAN_BACKED", "HEZBOLLAH", "ISRAEL",
    "UNKNOWN", "OTHER",
)
GOVERNORATES = (
    "Damascus", "Rif Dimashq", "Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Tartus",
    "Deir ez-Zor", "Raqqa", "Hasakah", "Daraa", "Suwayda", "Quneitra",
)
EVENT_TYPES = (
    "raid", "airdrop", "airstrike", "drone_strike", "shelling", "armed_clash", "attack",
    "assassination", "explosion", "arrest", "kidnapping", "execution", "other",
)
AGGREGATE = "aggregate"
TRIGGER_TYPES = EVENT_TYPES + (AGGREGATE,)
# ACLED sub-event type of each event type (SCHEMA.md); raids and airdrops with deaths are clashes.
ACLED_SUB_EVENT = {
    "raid": "Arrests", "airdrop": "Arrests", "airstrike": "Air/drone strike",
    "drone_strike": "Air/drone strike", "shelling": "Shelling/artillery/missile attack",
    "armed_clash": "Armed clash", "attack": "Attack", "assassination": "Attack",
    "explosion": "Remote explosive/landmine/IED", "arrest": "Arrests",
    "kidnapping": "Abduction/forced disappearance", "execution": "Attack", "other": "Other",
}

# Roles a relation from a trigger to an entity can take, with the entity label each needs.
ROLE_LABELS = {
    "perpetrator": "ACTOR", "target": "ACTOR", "location": "LOCATION", "date": "DATE",
    "killed": "COUNT", "injured": "COUNT", "arrested": "COUNT",
    "victim_nationality": "NATIONALITY", "operations": "COUNT", "period": "DATE",
}
ROLES = tuple(ROLE_LABELS)
NO_ROLE = "none"
EVENT_FIELDS = (
    "type", "date", "location", "governorate", "perpetrators", "targets", "killed",
    "injured", "arrested", "victim_nationalities", "start", "end",
)
AGGREGATE_FIELDS = (
    "period", "operations", "killed", "injured", "arrested", "perpetrators", "targets",
    "start", "end",
)
