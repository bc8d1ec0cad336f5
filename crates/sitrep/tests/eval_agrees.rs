//! `sitrep eval` against the reference scorer `tests/score.py` on generated gold folders and
//! predictions: the forms records take in practice and the ones Python reads loosely (float
//! counts, string tolerances, basic and week ISO dates, timestamps, accents and case, places
//! near and far, optional items, clusters). Only inputs on which score.py does not raise.

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// splitmix64: a small deterministic generator, so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn float(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const TYPES: &[(&str, &str)] = &[
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Protests", "Peaceful protest"),
];
const PLACES: &[(&str, f64, f64, &str)] = &[
    ("Kyiv", 50.45, 30.52, "city"),
    ("Kharkiv", 49.99, 36.23, "city"),
    ("Dnipropetrovsk Oblast", 48.46, 35.04, "region"),
    ("Ukraine", 48.38, 31.17, "country"),
    ("Zaporizhzhia", 47.84, 35.14, "city"),
    ("Khartoum", 15.5, 32.56, "city"),
];
const PEOPLE: &[&str] = &["Vladimir Putin", "Volodymyr Zelenskyy", "Antony Blinken", "Ursula von der Leyen"];
const WORDS: &[&str] = &["Russia", "struck", "Kyiv", "overnight", "drones", "officials", "said", "power", "Kherson"];

/// A day as one of the forms `date.fromisoformat(str(x)[:10])` reads, or some it does not.
fn date_form(r: &mut Rng, y: i32, m: u32, d: u32) -> Value {
    let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    match r.below(10) {
        0 => json!(day.format("%Y%m%d").to_string()),
        1 => json!(format!("{}T10:30:00Z", day)),
        2 => {
            let w = day.iso_week();
            json!(format!("{}-W{:02}-{}", w.year(), w.week(), day.format("%u")))
        }
        3 => json!(day.format("%Y%m%d").to_string().parse::<u64>().unwrap()),
        4 => json!(format!("{}/{:02}/{:02}", y, m, d)),
        5 if r.chance(50) => Value::Null,
        _ => json!(day.to_string()),
    }
}
use chrono::Datelike;

fn text_form(r: &mut Rng, s: &str) -> Value {
    match r.below(6) {
        0 => json!(s.to_uppercase()),
        1 => json!(format!("  {}  ", s.replace(' ', "\t"))),
        2 => json!(s.replace('a', "á").replace('i', "ï")),
        _ => json!(s),
    }
}

fn count_form(r: &mut Rng, n: i64) -> Value {
    match r.below(8) {
        0 => json!(n as f64),
        1 => json!(n.to_string()),
        2 => json!(n + 1),
        3 => Value::Null,
        4 if n == 1 => json!(true),
        _ => json!(n),
    }
}

fn location(r: &mut Rng, pl: &(&str, f64, f64, &str), pred: bool) -> Value {
    let (name, lat, lon, prec) = *pl;
    let mut o = serde_json::Map::new();
    if !pred || r.chance(85) {
        o.insert("name".into(), text_form(r, name));
    }
    if r.chance(80) {
        // Up to ~2 degrees off: inside and outside the 30 km and 150 km radii.
        let off = if pred { r.float() * 2.0 - 1.0 } else { 0.0 };
        o.insert("lat".into(), json!(lat + off));
        o.insert("lon".into(), if r.chance(5) { json!(true) } else { json!(lon + off / 2.0) });
    }
    let precision = match r.below(6) {
        0 => Value::Null,
        1 => json!(""),
        2 => json!("region"),
        _ => json!(prec),
    };
    o.insert("precision".into(), precision);
    if !pred && r.chance(5) {
        return json!({});
    }
    Value::Object(o)
}

fn gold_event(r: &mut Rng) -> Value {
    let (t, s) = *r.pick(TYPES);
    let (y, m, d) = (2024, 1 + r.below(12) as u32, 1 + r.below(28) as u32);
    let pl = *r.pick(PLACES);
    let mut e = json!({
        "type": t, "subtype": s,
        "date": if r.chance(90) { json!(format!("{y}-{m:02}-{d:02}")) } else { Value::Null },
        "location": location(r, &pl, false),
        "actor1": r.pick(&["Russia", "Ukraine", "RSF"]).to_string(),
        "actor2": if r.chance(50) { json!("Ukraine") } else { Value::Null },
        "certainty": r.pick(&["reported", "claimed", "alleged"]).to_string(),
    });
    let tol = match r.below(8) {
        0 => json!(2),
        1 => json!("3"),
        2 => json!(" 1 "),
        3 => json!(1.7),
        4 => json!(true),
        5 => Value::Null,
        6 => json!(0),
        _ => Value::Null,
    };
    if r.chance(70) {
        e["date_tolerance_days"] = tol;
    }
    if r.chance(15) {
        e["year_known"] = json!(false);
    }
    if r.chance(20) {
        e["required"] = json!(false);
    }
    for c in ["fatalities", "injured", "intercepted"] {
        if r.chance(40) {
            e[c] = json!(r.below(80));
        }
    }
    if r.chance(40) {
        e["cluster"] = if r.chance(80) { json!(format!("c{}", r.below(4))) } else { json!(r.below(3)) };
    }
    e
}

/// A prediction made from a gold event: right, near, or wrong in one or more fields.
fn pred_event(r: &mut Rng, g: &Value) -> Value {
    let mut p = g.clone();
    let obj = p.as_object_mut().unwrap();
    obj.remove("required");
    obj.remove("date_tolerance_days");
    obj.remove("cluster");
    obj.remove("year_known");
    if r.chance(20) {
        let (t, s) = *r.pick(TYPES);
        p["type"] = text_form(r, t);
        p["subtype"] = json!(s);
    } else {
        let t = g["type"].as_str().unwrap().to_string();
        p["type"] = text_form(r, &t);
    }
    if let Some(d) = g["date"].as_str() {
        let day = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let shift = *r.pick(&[0i64, 0, 0, 1, -2, 3, 366]);
        let day = day + chrono::Duration::days(shift);
        p["date"] = date_form(r, day.year(), day.month(), day.day());
    } else if r.chance(50) {
        p["date"] = json!("2024-05-05");
    }
    let pl = PLACES
        .iter()
        .find(|x| Some(x.0) == g["location"]["name"].as_str())
        .copied()
        .unwrap_or(PLACES[0]);
    let pl = if r.chance(15) { *r.pick(PLACES) } else { pl };
    p["location"] = location(r, &pl, true);
    for c in ["fatalities", "injured", "intercepted"] {
        let n = g.get(c).and_then(|v| v.as_i64()).unwrap_or(1);
        p[c] = count_form(r, n);
    }
    for k in ["actor1", "actor2", "certainty"] {
        if let Some(s) = g[k].as_str() {
            let s = s.to_string();
            p[k] = text_form(r, &s);
        }
    }
    if r.chance(60) {
        p["cluster_id"] = if r.chance(80) { json!(format!("k{}", r.below(4))) } else { json!(r.below(3) as f64) };
    }
    p
}

fn statement(r: &mut Rng, gold: bool) -> Value {
    let who = *r.pick(PEOPLE);
    let speaker = match r.below(5) {
        0 if !gold => json!(who.split(' ').next_back().unwrap()),
        1 if !gold => json!(who.to_lowercase()),
        _ => json!(who),
    };
    let (m, d) = (1 + r.below(3) as u32, 1 + r.below(28) as u32);
    let date = date_form(r, 2024, m, d);
    let mut s = json!({
        "speaker": speaker,
        "date": date,
        "kind": r.pick(&["threat", "demand", "offer", "assessment"]).to_string(),
    });
    if gold {
        if s["date"].as_str().is_none_or(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()) {
            s["date"] = json!("2024-02-10");
        }
        if r.chance(30) {
            s["date_tolerance_days"] = json!(r.pick(&["2", " 7", "0"]).to_string());
        }
        if r.chance(15) {
            s["required"] = json!(false);
        }
    }
    s
}

fn words(r: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *r.pick(WORDS)).collect::<Vec<_>>().join(" ")
}

/// One gold record (as a gold file's JSON) and one prediction for it (or none).
fn article(r: &mut Rng, i: usize) -> (String, Value, Option<Value>) {
    let name = format!("g{i:03}");
    let body = words(r, 30);
    let first: String = body.split(' ').take(4).collect::<Vec<_>>().join(" ");
    let last: String = body.split(' ').skip(26).collect::<Vec<_>>().join(" ");
    let events: Vec<Value> = (0..r.below(5)).map(|_| gold_event(r)).collect();
    let statements: Vec<Value> = (0..r.below(3)).map(|_| statement(r, true)).collect();
    let people: Vec<&str> = (0..r.below(3)).map(|_| *r.pick(PEOPLE)).collect();
    let places: Vec<&str> = (0..r.below(3)).map(|_| r.pick(PLACES).0).collect();
    let mut gold = json!({
        "published": if r.chance(85) { json!("2024-03-01") } else { Value::Null },
        "genre": r.pick(&["report", "opinion"]).to_string(),
        "body_first": first,
        "body_last": last,
        "boilerplate": if r.chance(50) { json!(["Share post:", words(r, 3)]) } else { json!([]) },
        "events": events,
        "statements": statements,
        "entities": {"people": people, "places": places, "orgs": if r.chance(30) { json!("NATO") } else { json!(["NATO"]) }},
        "flags": if r.chance(30) { json!([{"kind": "date_conflict"}, {"kind": 1}]) } else { json!([]) },
    });
    if r.chance(50) {
        gold["doc"] = json!(format!("{name}.txt"));
    }
    if r.chance(8) {
        return (name, gold, None);
    }
    let mut pe: Vec<Value> = Vec::new();
    for g in gold["events"].as_array().unwrap() {
        if r.chance(80) {
            pe.push(pred_event(r, g));
        }
    }
    for _ in 0..r.below(3) {
        let g = gold_event(r);
        pe.push(pred_event(r, &g));
    }
    if r.chance(10) {
        pe.push(json!("not an event"));
    }
    let ps: Vec<Value> = (0..r.below(4)).map(|_| statement(r, false)).collect();
    let mut pred = json!({
        "doc": format!("some/dir/{name}.txt"),
        "published": match r.below(5) { 0 => Value::Null, 1 => json!(""), 2 => json!("2024-03-02"), _ => gold["published"].clone() },
        "genre": text_form(r, gold["genre"].as_str().unwrap()),
        "body": if r.chance(90) { json!(if r.chance(50) { body.to_uppercase() } else { body.clone() }) } else { Value::Null },
        "events": pe,
        "statements": ps,
        "entities": {"people": gold["entities"]["people"].clone(), "places": [r.pick(PLACES).0, 7], "orgs": ["Nato"]},
        "flags": [{"kind": if r.chance(50) { json!("date_conflict") } else { json!(1.0) }}, "loose"],
    });
    if r.chance(10) {
        pred["events"] = json!({"not": "a list"});
    }
    (name, gold, Some(pred))
}

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn eval_agrees_on_generated_records() {
    let base = std::env::temp_dir().join(format!("sitrep-eval-gen-{}", std::process::id()));
    for seed in 0..24u64 {
        let mut r = Rng(seed);
        let dir = base.join(format!("s{seed}"));
        let gold = dir.join("gold");
        std::fs::create_dir_all(&gold).unwrap();
        let mut lines = String::new();
        for i in 0..12 {
            let (name, g, p) = article(&mut r, i);
            std::fs::write(gold.join(format!("{name}.json")), serde_json::to_string(&g).unwrap()).unwrap();
            if let Some(p) = p {
                lines.push_str(&serde_json::to_string(&p).unwrap());
                lines.push('\n');
            }
        }
        let pred = dir.join("pred.jsonl");
        std::fs::write(&pred, lines).unwrap();
        let ours = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["eval", "--json", "--gold"])
            .arg(&gold)
            .arg(&pred)
            .output()
            .unwrap();
        let py = Command::new("python3")
            .arg(root().join("tests/score.py"))
            .args(["--json", "--gold"])
            .arg(&gold)
            .arg("--pred")
            .arg(&pred)
            .output()
            .expect("python3 runs the reference scorer");
        assert!(py.status.success(), "seed {seed}: score.py: {}", String::from_utf8_lossy(&py.stderr));
        assert!(ours.status.success(), "seed {seed}: sitrep eval: {}", String::from_utf8_lossy(&ours.stderr));
        let a: Value = serde_json::from_slice(&ours.stdout).unwrap();
        let b: Value = serde_json::from_slice(&py.stdout).unwrap();
        assert_eq!(a, b, "seed {seed}: sitrep eval and score.py disagree (records in {})", dir.display());
        // The generated records exercise the matching: some events match, some do not.
        if seed == 0 {
            let f = a["events_f1"].as_f64().unwrap();
            assert!(f > 0.0 && f < 1.0, "events_f1 {f}: the generator should give partial matches");
        }
    }
    std::fs::remove_dir_all(&base).ok();
}
