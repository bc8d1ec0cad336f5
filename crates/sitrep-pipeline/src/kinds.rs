//! Actor kinds from `data/actor_kinds.tsv`: armed groups and media outlets.

use std::collections::HashMap;
use std::sync::LazyLock;

static KINDS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    include_str!("../data/actor_kinds.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            l.split_once('\t')
                .map(|(k, n)| (n.trim().to_lowercase(), k))
        })
        .map(|(n, k)| (n, k))
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
