//! Stores written by an earlier schema open and are migrated forward; files that
//! are not sitrep stores are refused and left byte-for-byte untouched.
mod common;

use sitrep_store::schema::{APP_ID, SCHEMA_VERSION};
use sitrep_store::{IncidentQuery, SqliteStore, StatementQuery, Store};
use std::path::Path;

const V1_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.sitrep");

#[test]
fn v1_fixture_store_is_migrated_and_usable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sitrep");
    std::fs::copy(V1_FIXTURE, &path).unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        let v: i32 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1, "the committed fixture is a v1 store");
    }
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    // Everything stored under v1 is still there.
    let st = s.stats().unwrap();
    assert_eq!(
        (st.articles, st.events, st.incidents, st.statements),
        (2, 2, 1, 1)
    );
    let inc = &s.incidents(&IncidentQuery::default()).unwrap()[0];
    assert_eq!(inc.sources.len(), 2);
    // v2's full-text index was back-filled from the v1 records.
    let q = IncidentQuery {
        text: Some("glide bomb".into()),
        ..Default::default()
    };
    assert_eq!(s.incidents(&q).unwrap().len(), 1);
    let q = StatementQuery {
        text: Some("air defence".into()),
        ..Default::default()
    };
    assert_eq!(s.statements(&q).unwrap().len(), 1);
    // New reports link to the old incident; a changed URL version goes to history (a v2 table).
    let mut rec = s.article("v1-a.txt").unwrap().unwrap();
    rec.body.push_str(" Updated.");
    let rep = s.ingest(&[rec]).unwrap();
    assert_eq!(rep.articles_updated, 1);
    assert_eq!(s.history("https://one.example/a").unwrap().len(), 1);
    assert_eq!(
        s.incidents(&IncidentQuery::default()).unwrap()[0].id,
        inc.id
    );
}

fn snapshot(p: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (
        std::fs::read(p).unwrap(),
        std::fs::metadata(p).unwrap().modified().unwrap(),
    )
}

fn assert_refused(path: &Path, expect: &str) {
    let before = snapshot(path);
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let err = match SqliteStore::open(path) {
        Ok(_) => panic!("{} was accepted", path.display()),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains(expect), "{err}");
    assert!(
        err.contains(&path.display().to_string()),
        "the error names the file: {err}"
    );
    assert_eq!(snapshot(path), before, "{} was modified", path.display());
    let after: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, after, "no -wal/-shm/-journal file was created");
}

#[test]
fn non_sitrep_files_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "Kyiv, 7 November. This is a text file, not a store.\n",
    )
    .unwrap();
    assert_refused(&text, "not an SQLite database");

    let other_dir = tempfile::tempdir().unwrap();
    let other = other_dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    assert_refused(&other, "not a sitrep store");

    let newer_dir = tempfile::tempdir().unwrap();
    let newer = newer_dir.path().join("newer.sitrep");
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch(&format!(
            "PRAGMA application_id = {APP_ID}; PRAGMA user_version = {}; CREATE TABLE future (x);",
            SCHEMA_VERSION + 1
        ))
        .unwrap();
    }
    assert_refused(&newer, "newer sitrep");

    let short_dir = tempfile::tempdir().unwrap();
    let short = short_dir.path().join("short.db");
    std::fs::write(&short, b"SQLite format 3\0").unwrap();
    assert_refused(&short, "not an SQLite database");

    assert!(SqliteStore::open(dir.path())
        .err()
        .unwrap()
        .to_string()
        .contains("directory"));
}

#[test]
fn empty_file_becomes_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.db");
    std::fs::write(&p, b"").unwrap();
    let mut s = SqliteStore::open(&p).unwrap();
    s.ingest(&common::sample()).unwrap();
    assert_eq!(s.stats().unwrap().incidents, 3);
}

/// The files a crash leaves: the database and its WAL, copied while the
/// writing connection is still open (nothing checkpointed back yet).
fn crash_image(src: &Path, dst: &Path) {
    std::fs::copy(src, dst).unwrap();
    let wal = |p: &Path| std::path::PathBuf::from(format!("{}-wal", p.display()));
    if wal(src).exists() {
        std::fs::copy(wal(src), wal(dst)).unwrap();
    }
}

/// A process killed after the schema was committed to the WAL but before SQLite
/// copied it back into the file leaves a file whose header still reads as a new
/// database (application_id 0): the store opens (SQLite reads the WAL), finishes
/// the schema and stores what it is given.
#[test]
fn a_store_whose_header_is_still_in_its_wal_opens() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.sitrep");
    // The schema committed, the writer still open: nothing checkpointed yet.
    let writer =
        SqliteStore::create_at_version(&live, sitrep_store::schema::SCHEMA_VERSION).unwrap();
    let head = std::fs::read(&live).unwrap();
    assert!(
        head.len() < 100 || head[68..72] == [0, 0, 0, 0],
        "the header on disk does not carry the id yet (it is in the WAL)"
    );
    let crashed = dir.path().join("crashed.sitrep");
    crash_image(&live, &crashed);
    let mut again = SqliteStore::open(&crashed).expect("a store SQLite can open is not refused");
    assert_eq!(again.stats().unwrap().incidents, 0);
    again.ingest(&common::sample()).unwrap();
    assert_eq!(again.stats().unwrap().incidents, 3);
    assert_eq!(again.integrity_check().unwrap(), "ok");
    // Re-running the same ingest stores nothing twice.
    let rep = again.ingest(&common::sample()).unwrap();
    assert_eq!(rep.articles_new, 0);
    assert_eq!(again.stats().unwrap().incidents, 3);
    drop(again);
    // Opened after the crash image was taken, the store's header is now on disk.
    let head = std::fs::read(&crashed).unwrap();
    assert_ne!(head[68..72], [0, 0, 0, 0], "the id was written into the file");
    drop(writer);
}

/// Killed while creating the schema, before the first commit: the file is an
/// empty database; it becomes a store.
#[test]
fn an_empty_database_left_by_a_crash_becomes_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("first.sitrep");
    {
        let c = rusqlite::Connection::open(&p).unwrap();
        c.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    let mut s = SqliteStore::open(&p).unwrap();
    s.ingest(&common::sample()).unwrap();
    assert_eq!(s.stats().unwrap().incidents, 3);
}

/// Another program's database in WAL mode, with its header in the WAL, is
/// still refused and left untouched (the check reads it read-only).
#[test]
fn a_foreign_database_with_its_header_in_the_wal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    let c = rusqlite::Connection::open(&live).unwrap();
    c.pragma_update(None, "journal_mode", "WAL").unwrap();
    c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let other = other_dir.path().join("other.db");
    crash_image(&live, &other);
    drop(c);
    let before = (
        snapshot(&other),
        std::fs::read(format!("{}-wal", other.display())).unwrap(),
    );
    let err = format!("{:#}", SqliteStore::open(&other).err().expect("refused"));
    assert!(err.contains("not a sitrep store") && err.contains("other.db"), "{err}");
    assert_eq!(
        (
            snapshot(&other),
            std::fs::read(format!("{}-wal", other.display())).unwrap()
        ),
        before,
        "untouched"
    );
}
