//! ACLED event types and sub-event types (`spec/ontology.md`).

/// `(type, subtypes)` exactly as the spec spells them.
pub const TYPES: &[(&str, &[&str])] = &[
    (
        "Battles",
        &[
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ],
    ),
    (
        "Explosions/Remote violence",
        &[
            "Air/drone strike",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Suicide bomb",
            "Grenade",
            "Chemical weapon",
        ],
    ),
    (
        "Violence against civilians",
        &[
            "Attack",
            "Abduction/forced disappearance",
            "Sexual violence",
        ],
    ),
    (
        "Protests",
        &[
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ],
    ),
    ("Riots", &["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

/// Weapons vocabulary of the record format.
pub const WEAPONS: &[&str] = &[
    "drone",
    "missile",
    "artillery",
    "air strike",
    "explosive",
    "small arms",
    "nuclear",
];

/// True when `(event_type, subtype)` is a pair of the ontology.
pub fn is_valid(event_type: &str, subtype: &str) -> bool {
    type_of(subtype) == Some(event_type)
}

/// The event type a subtype belongs to.
pub fn type_of(subtype: &str) -> Option<&'static str> {
    TYPES
        .iter()
        .find(|(_, subs)| subs.contains(&subtype))
        .map(|(t, _)| *t)
}

/// Coarse family used by deduplication: events of one family may be the same incident.
pub fn family(event_type: &str, subtype: &str) -> &'static str {
    match (event_type, subtype) {
        ("Explosions/Remote violence", _) | ("Strategic developments", "Disrupted weapons use") => {
            "remote"
        }
        ("Battles", _) | ("Strategic developments", "Non-violent transfer of territory") => {
            "ground"
        }
        ("Violence against civilians", _) => "civilians",
        ("Protests", _) | ("Riots", _) => "unrest",
        ("Strategic developments", "Arrests") | ("Strategic developments", "Agreement") => {
            "political"
        }
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn every_subtype_maps_back_to_its_type() {
        for (t, subs) in TYPES {
            for s in *subs {
                assert_eq!(type_of(s), Some(*t));
            }
        }
        assert!(!is_valid("Battles", "Air/drone strike"));
        assert_eq!(
            family("Strategic developments", "Disrupted weapons use"),
            "remote"
        );
    }
}
