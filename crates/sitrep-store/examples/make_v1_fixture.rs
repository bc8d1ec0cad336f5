//! Writes the schema-v1 fixture store used by `tests/migrations.rs`:
//! `cargo run -p sitrep-store --example make_v1_fixture -- crates/sitrep-store/tests/fixtures/v1.sitrep`
//!
//! The records are ingested by the current code into an in-memory store, then the
//! tables that schema v1 has (identical in v2) are copied into a file created at
//! schema v1, exactly as a v1 build would have left it.
use sitrep_store::{SqliteStore, Store};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(std::env::args().nth(1).expect("usage: make_v1_fixture OUT"));
    let records: Vec<sitrep_model::Record> = serde_json::from_value(serde_json::json!([
        {"doc": "v1-a.txt", "published": "2024-05-10", "source": "Outlet One", "url": "https://one.example/a",
         "body": "Russian guided bombs struck Kharkiv, killing 17. Zelensky demanded more air defence.",
         "events": [{"type": "Explosions/Remote violence", "subtype": "Air/drone strike", "date": "2024-05-10",
                     "date_precision": "day", "location": {"name": "Kharkiv", "admin1": "Kharkiv Oblast", "country": "UA",
                     "lat": 49.9935, "lon": 36.2304, "precision": "city"}, "actor1": "Russia", "actor2": "Ukraine",
                     "weapons": ["air strike"], "fatalities": 17, "injured": null, "intercepted": null,
                     "certainty": "reported", "claimed_by": null, "evidence": "Russian guided bombs struck Kharkiv, killing 17"}],
         "statements": [{"speaker": "Volodymyr Zelensky", "date": "2024-05-10", "kind": "demand", "target": null,
                         "evidence": "Zelensky demanded more air defence"}],
         "entities": {"people": ["Volodymyr Zelensky"], "places": ["Kharkiv"], "orgs": []}},
        {"doc": "v1-b.txt", "published": "2024-05-11", "source": "Outlet Two",
         "body": "The toll of the glide bomb attack on Kharkov rose to 18.",
         "events": [{"type": "Explosions/Remote violence", "subtype": "Air/drone strike", "date": "2024-05-10",
                     "date_precision": "day", "location": {"name": "Kharkov", "admin1": "Kharkiv Oblast", "country": "UA",
                     "lat": 49.9935, "lon": 36.2304, "precision": "city"}, "actor1": "Russia", "actor2": null,
                     "weapons": ["air strike"], "fatalities": 18, "injured": null, "intercepted": null,
                     "certainty": "reported", "claimed_by": null, "evidence": "The toll of the glide bomb attack on Kharkov rose to 18"}]}
    ]))?;
    let mut mem = SqliteStore::in_memory()?;
    mem.ingest(&records)?;
    let conn = SqliteStore::create_at_version(&out, 1)?;
    drop(conn);
    mem.conn()
        .execute("ATTACH DATABASE ?1 AS old", [out.to_string_lossy()])?;
    for t in ["articles", "events", "incidents", "statements", "entities"] {
        mem.conn()
            .execute_batch(&format!("INSERT INTO old.{t} SELECT * FROM main.{t}"))?;
    }
    mem.conn().execute_batch("DETACH DATABASE old")?;
    // One self-contained file: checkpoint the WAL and leave rollback-journal mode.
    let c = rusqlite::Connection::open(&out)?;
    c.pragma_update(None, "journal_mode", "DELETE")?;
    c.execute_batch("VACUUM")?;
    let v: i32 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    println!("wrote {} (schema v{v})", out.display());
    Ok(())
}
