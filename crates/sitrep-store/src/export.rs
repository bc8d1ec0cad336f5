//! Exports of incidents: CSV with ACLED's column names, GeoJSON, JSON Lines.

use crate::merge::url_host;
use sitrep_model::{Certainty, Incident, PlacePrecision};
use std::io::Write;

/// CSV columns: ACLED's names where ACLED has the field, then sitrep's own.
pub const CSV_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "injured",
    "intercepted",
    "certainty",
    "claimed_by",
    "sources",
    "evidence",
    "iso2",
    "fatalities_range",
    "injured_range",
    "intercepted_range",
];

/// Who reports an incident, one name per source: the outlet, else the URL's
/// host, else the file name (`doc`); in source order, each once.
pub fn source_names(inc: &Incident) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in &inc.sources {
        let name = s
            .outlet
            .clone()
            .filter(|o| !o.trim().is_empty())
            .or_else(|| s.url.as_deref().and_then(url_host).map(str::to_string))
            .unwrap_or_else(|| s.doc.clone());
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The lowest and highest value the sources give for `field` (`fatalities`,
/// `injured`, `intercepted`), from the incident's claims.
pub fn count_range(inc: &Incident, field: &str) -> Option<(u32, u32)> {
    let vals = inc.claims.iter().filter(|c| c.field == field).map(|c| c.value);
    let lo = vals.clone().min()?;
    Some((lo, vals.max().unwrap_or(lo)))
}

/// `3` when every source agrees, `3-4` when they give 3 to 4, empty when none gives one.
pub fn range_text(inc: &Incident, field: &str) -> String {
    match count_range(inc, field) {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}-{b}"),
        None => String::new(),
    }
}

/// The headline counts with the range the sources give when they disagree:
/// `3 k (sources: 3-4), 19 inj`.
pub fn counts_summary(inc: &Incident) -> String {
    [
        ("k", "fatalities", inc.fatalities),
        ("inj", "injured", inc.injured),
        ("int", "intercepted", inc.intercepted),
    ]
    .iter()
    .filter_map(|(label, field, v)| {
        v.map(|v| match count_range(inc, field) {
            Some((a, b)) if a != b => format!("{v} {label} (sources: {a}-{b})"),
            _ => format!("{v} {label}"),
        })
    })
    .collect::<Vec<_>>()
    .join(", ")
}

/// `city`, `region`, `country`: how precisely the place is known.
pub fn precision_word(p: PlacePrecision) -> &'static str {
    match p {
        PlacePrecision::City => "city",
        PlacePrecision::Region => "region",
        PlacePrecision::Country => "country",
    }
}

/// Quote a CSV field when needed (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn certainty_str(c: Certainty) -> &'static str {
    match c {
        Certainty::Reported => "reported",
        Certainty::Claimed => "claimed",
        Certainty::Alleged => "alleged",
    }
}

/// The CSV row of an incident, in [`CSV_COLUMNS`] order.
///
/// `source` is the outlets (else URL hosts, else file names) separated by `; `
/// as in ACLED; `notes` the first source's evidence; `sources` the source docs
/// (`; `); `evidence` every source's evidence (` | `); `*_range` the lowest and
/// highest figure the sources give (`3-4`, or `3` when they agree; the headline
/// is the most conservative). Unknown counts are empty, not 0.
/// One CSV row. `country_name` turns the stored ISO 3166-1 alpha-2 code into
/// the country's name for ACLED's `country` column (the code is kept in `iso2`).
pub fn csv_row(inc: &Incident, country_name: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let loc = inc.location.as_ref();
    let num = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    let coord = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
    let outlets = source_names(inc);
    vec![
        inc.id.clone(),
        inc.date.clone().unwrap_or_default(),
        inc.date
            .as_deref()
            .and_then(|d| d.get(..4))
            .unwrap_or_default()
            .to_string(),
        inc.date_precision
            .map(|p| p.acled_code().to_string())
            .unwrap_or_default(),
        inc.event_type.clone(),
        inc.subtype.clone(),
        inc.actor1.clone().unwrap_or_default(),
        inc.actor2.clone().unwrap_or_default(),
        loc.and_then(|l| l.country.as_deref())
            .map(|c| country_name(c).unwrap_or_else(|| c.to_string()))
            .unwrap_or_default(),
        loc.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        loc.map(|l| l.name.clone()).unwrap_or_default(),
        coord(loc.and_then(|l| l.lat)),
        coord(loc.and_then(|l| l.lon)),
        loc.map(|l| match l.precision {
            PlacePrecision::City => "1",
            PlacePrecision::Region => "2",
            PlacePrecision::Country => "3",
        })
        .unwrap_or_default()
        .to_string(),
        outlets.join("; "),
        inc.sources
            .first()
            .map(|s| s.evidence.clone())
            .unwrap_or_default(),
        num(inc.fatalities),
        num(inc.injured),
        num(inc.intercepted),
        certainty_str(inc.certainty).to_string(),
        inc.claimed_by.clone().unwrap_or_default(),
        inc.sources
            .iter()
            .map(|s| s.doc.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        inc.sources
            .iter()
            .map(|s| s.evidence.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        range_text(inc, "fatalities"),
        range_text(inc, "injured"),
        range_text(inc, "intercepted"),
    ]
}

/// Write incidents as CSV with a header line (see [`csv_row`] for `country_name`).
pub fn write_csv(
    out: &mut dyn Write,
    incidents: &[Incident],
    country_name: &dyn Fn(&str) -> Option<String>,
) -> std::io::Result<()> {
    writeln!(out, "{}", CSV_COLUMNS.join(","))?;
    for inc in incidents {
        let row: Vec<String> = csv_row(inc, country_name)
            .iter()
            .map(|f| csv_field(f))
            .collect();
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// A GeoJSON FeatureCollection of the incidents that have coordinates (points at
/// `[lon, lat]`); properties are the incident's fields without `location`'s
/// coordinates. Returns the collection and how many incidents had no coordinates.
pub fn geojson(incidents: &[Incident]) -> (serde_json::Value, usize) {
    let mut features = Vec::new();
    let mut skipped = 0;
    for inc in incidents {
        let loc = inc.location.as_ref();
        let (Some(lat), Some(lon)) = (loc.and_then(|l| l.lat), loc.and_then(|l| l.lon)) else {
            skipped += 1;
            continue;
        };
        let mut props = serde_json::to_value(inc).unwrap_or_default();
        if let Some(obj) = props.as_object_mut() {
            obj.remove("location");
            obj.insert("place".into(), loc.map(|l| l.name.clone()).into());
            obj.insert("admin1".into(), loc.and_then(|l| l.admin1.clone()).into());
            obj.insert("country".into(), loc.and_then(|l| l.country.clone()).into());
        }
        features.push(serde_json::json!({
            "type": "Feature",
            "id": inc.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props,
        }));
    }
    (
        serde_json::json!({"type": "FeatureCollection", "features": features}),
        skipped,
    )
}
