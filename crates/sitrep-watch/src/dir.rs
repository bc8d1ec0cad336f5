//! Watched directories: which files to read now. The listing is taken by
//! `sitrep-pipeline`'s own expansion (recursive, hidden entries skipped,
//! `.txt` / `.html` / `.htm` / `.jsonl` and those gzipped); what changed is a
//! pure function of the listing, the stored file states and the time.
//! File-system events (`notify`) only wake the loop up early.

use sitrep_store::watch::FileState;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file as listed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time, Unix ns.
    pub mtime_ns: i64,
}

impl Listed {
    pub fn key(&self) -> String {
        self.path.display().to_string()
    }
}

/// What a scan of one directory found.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<Listed>,
    /// Paths that could not be listed or examined, with the reason.
    pub errors: Vec<String>,
    /// Files of other types (not read).
    pub ignored: Vec<PathBuf>,
}

/// List a watched directory.
pub fn list(dir: &Path) -> Listing {
    let mut out = Listing::default();
    if !dir.is_dir() {
        out.errors
            .push(format!("{}: no such directory", dir.display()));
        return out;
    }
    let expanded = sitrep_pipeline::source::expand_paths(&[dir.to_path_buf()]);
    out.ignored = expanded.ignored;
    for p in expanded.inputs {
        match p {
            Ok(path) => match std::fs::metadata(&path) {
                Ok(m) => {
                    let mtime_ns = m
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map(|d| d.as_nanos().min(i64::MAX as u128) as i64)
                        .unwrap_or(0);
                    out.files.push(Listed {
                        path,
                        size: m.len(),
                        mtime_ns,
                    });
                }
                Err(e) => out.errors.push(format!("{}: {e}", path.display())),
            },
            Err(e) => out.errors.push(e.to_string()),
        }
    }
    out
}

/// The files to read now: new or changed (size or mtime) since last read,
/// and settled (not modified within `settle_ms` of `now_ms`, so a file still
/// being written is read once it is complete). Also returns the earliest time
/// an unsettled file will be settled, to look again then.
pub fn to_read<'a>(
    files: &'a [Listed],
    known: &HashMap<String, FileState>,
    now_ms: i64,
    settle_ms: i64,
) -> (Vec<&'a Listed>, Option<i64>) {
    let mut out = Vec::new();
    let mut wake: Option<i64> = None;
    for f in files {
        let changed = match known.get(&f.key()) {
            Some(k) => k.size != f.size || k.mtime_ns != f.mtime_ns,
            None => true,
        };
        if !changed {
            continue;
        }
        let settled_at = f.mtime_ns / 1_000_000 + settle_ms;
        if settled_at > now_ms {
            wake = Some(wake.map_or(settled_at, |w| w.min(settled_at)));
            continue;
        }
        out.push(f);
    }
    (out, wake)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(name: &str, size: u64, mtime_ms: i64) -> Listed {
        Listed {
            path: PathBuf::from(format!("/in/{name}")),
            size,
            mtime_ns: mtime_ms * 1_000_000,
        }
    }

    fn state(f: &Listed) -> FileState {
        FileState {
            path: f.key(),
            size: f.size,
            mtime_ns: f.mtime_ns,
            status: "stored".into(),
            last_error: None,
            updated_at: 0,
        }
    }

    #[test]
    fn new_and_changed_settled_files_are_read() {
        let old = listed("old.txt", 10, 1_000);
        let same = listed("same.txt", 20, 1_000);
        let files = vec![
            listed("old.txt", 12, 2_000),  // changed
            same.clone(),                  // unchanged
            listed("new.txt", 5, 3_000),   // new
            listed("fresh.txt", 5, 9_500), // still being written
        ];
        let known: HashMap<String, FileState> =
            [(old.key(), state(&old)), (same.key(), state(&same))]
                .into_iter()
                .collect();
        let (read, wake) = to_read(&files, &known, 10_000, 1_000);
        let names: Vec<String> = read.iter().map(|f| f.key()).collect();
        assert_eq!(names, vec!["/in/old.txt", "/in/new.txt"]);
        assert_eq!(wake, Some(10_500));
        let (read, wake) = to_read(&files, &known, 10_500, 1_000);
        assert_eq!(read.len(), 3);
        assert_eq!(wake, None);
    }

    #[test]
    fn listing_a_directory() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.txt"), "x").unwrap();
        std::fs::create_dir(d.path().join("sub")).unwrap();
        std::fs::write(d.path().join("sub/b.jsonl.gz"), "y").unwrap();
        std::fs::write(d.path().join("c.pdf"), "z").unwrap();
        std::fs::write(d.path().join(".partial.txt"), "z").unwrap();
        let l = list(d.path());
        let names: Vec<String> = l
            .files
            .iter()
            .map(|f| f.path.strip_prefix(d.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec!["a.txt", "sub/b.jsonl.gz"]);
        assert_eq!(l.ignored.len(), 1);
        assert!(l.errors.is_empty());
        assert!(l.files[0].mtime_ns > 0);
        let missing = list(&d.path().join("nope"));
        assert!(missing.errors[0].contains("no such directory"));
    }
}
