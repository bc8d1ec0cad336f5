//! Parsing of the embedded TSV lexicons in `data/`.
//!
//! Every file starts with a `# source: ...` line; lines starting with `#`
//! are comments, empty lines are skipped, columns are tab separated and
//! multi-valued columns use `|`.

use chrono::NaiveDate;

pub(crate) const PEOPLE: &str = include_str!("../data/people.tsv");
pub(crate) const ORGS: &str = include_str!("../data/orgs.tsv");
pub(crate) const ROLES: &str = include_str!("../data/roles.tsv");
pub(crate) const TITLES: &str = include_str!("../data/titles.tsv");
pub(crate) const ACTORS: &str = include_str!("../data/actors.tsv");
pub(crate) const WEAPONS: &str = include_str!("../data/weapons.tsv");
pub(crate) const MISSPELLINGS: &str = include_str!("../data/misspellings.tsv");
pub(crate) const GIVEN_NAMES: &str = include_str!("../data/given_names.tsv");
pub(crate) const SPEECH_VERBS: &str = include_str!("../data/speech_verbs.tsv");
pub(crate) const NON_NAME_WORDS: &str = include_str!("../data/non_name_words.tsv");
pub(crate) const NAME_VARIANTS: &str = include_str!("../data/name_variants.tsv");

/// Data rows of a TSV file: comment and blank lines dropped, columns split
/// and trimmed, missing trailing columns returned as empty strings.
pub(crate) fn rows(src: &str, ncols: usize) -> impl Iterator<Item = Vec<&str>> + '_ {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |l| {
            let mut cols: Vec<&str> = l.split('\t').map(str::trim).collect();
            cols.resize(ncols.max(cols.len()), "");
            cols
        })
}

/// Split a `|`-separated column into its non-empty values.
pub(crate) fn multi(col: &str) -> impl Iterator<Item = &str> {
    col.split('|').map(str::trim).filter(|s| !s.is_empty())
}

pub(crate) fn date(col: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(col.trim(), "%Y-%m-%d").ok()
}

pub(crate) fn opt(col: &str) -> Option<String> {
    let c = col.trim();
    (!c.is_empty() && c != "-").then(|| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every data file carries its provenance line and parses with the expected columns.
    #[test]
    fn data_files_have_source_headers_and_columns() {
        // (file, source, columns that must be filled in every row)
        for (name, src, required) in [
            ("people", PEOPLE, &[0][..]),
            ("orgs", ORGS, &[0]),
            ("roles", ROLES, &[0, 1, 2]),
            ("titles", TITLES, &[0, 1]),
            ("actors", ACTORS, &[0]),
            ("weapons", WEAPONS, &[0, 1]),
            ("misspellings", MISSPELLINGS, &[0, 1, 2]),
            ("given_names", GIVEN_NAMES, &[0]),
            ("speech_verbs", SPEECH_VERBS, &[0]),
            ("non_name_words", NON_NAME_WORDS, &[0]),
            ("name_variants", NAME_VARIANTS, &[0, 1]),
        ] {
            assert!(
                src.starts_with("# source: "),
                "{name}.tsv lacks its source line"
            );
            let mut n = 0;
            for row in rows(src, 4) {
                n += 1;
                for &c in required {
                    assert!(
                        !row[c].is_empty(),
                        "{name}.tsv: column {c} empty in {row:?}"
                    );
                }
            }
            assert!(n > 10, "{name}.tsv has only {n} rows");
        }
        for row in rows(ROLES, 4).filter(|r| r[0] != "@template") {
            assert!(
                date(row[2]).is_some(),
                "roles.tsv: bad from date in {row:?}"
            );
            assert!(
                row[3].is_empty() || date(row[3]).is_some(),
                "roles.tsv: bad to date {row:?}"
            );
        }
    }
}
