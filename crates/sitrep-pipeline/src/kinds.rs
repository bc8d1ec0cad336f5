//! Actor kinds from `data/actor_kinds.tsv`: armed groups and media outlets.

use std::collections::HashMap;
use std::sync::LazyLock;

static KINDS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    crate::cues::tsv_rows(
        include_str!("../data/actor_kinds.tsv"),
        2,
        "actor_kinds.tsv",
    )
    .map(|f| (f[1].trim().to_lowercase(), f[0]))
    .collect()
});

pub fn is_armed_group(name: &str) -> bool {
    KINDS
        .get(&name.to_lowercase())
        .is_some_and(|k| *k == "armed_group")
}

pub fn is_media(name: &str) -> bool {
    KINDS
        .get(&name.to_lowercase())
        .is_some_and(|k| *k == "media")
}

#[cfg(test)]
mod tests {
    #[test]
    fn kinds() {
        assert!(super::is_armed_group("Islamic State"));
        assert!(super::is_media("reuters"));
        assert!(!super::is_media("Russia"));
    }
}
