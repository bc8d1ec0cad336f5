//! `eval`: score records against a gold folder. A faithful port of
//! `tests/score.py` (the project's copy of the shared scorer): same matching,
//! same figures; a test checks that the two agree on the seeds.

use anyhow::{bail, Context, Result};
use clap::Args;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use unicode_normalization::UnicodeNormalization;

mod py;

/// What is scored with precision, recall and F1, in score.py's order.
const SCORED_SETS: [&str; 7] = [
    "events",
    "events_fine",
    "statements",
    "statements_fine",
    "people",
    "places",
    "orgs",
];

/// Event attributes scored once events are matched (as in score.py).
const ATTR_KEYS: [&str; 8] = [
    "date",
    "place",
    "actor1",
    "actor2",
    "fatalities",
    "injured",
    "intercepted",
    "certainty",
];

#[derive(Args)]
pub struct EvalArgs {
    /// Folder of gold records (NAME.json for article NAME.txt).
    #[arg(long)]
    pub gold: PathBuf,
    /// JSON Lines records to score.
    pub records: PathBuf,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 1) when METRIC is below MIN: `--require events_f1=0.8`.
    #[arg(long, value_name = "METRIC=MIN")]
    pub require: Vec<String>,
}

/// score.py's `norm`: `str(s)`, NFKD, combining marks dropped, lower case, `’` as `'`,
/// white space collapsed (Python's `str.split()`).
fn norm(v: Option<&Value>) -> String {
    let s = match v {
        None | Some(Value::Null) => return String::new(),
        Some(other) => py::str(other),
    };
    let s: String = s
        .nfkd()
        .filter(|c| unicode_normalization::char::canonical_combining_class(*c) == 0)
        .collect();
    py::split(&s.to_lowercase().replace('’', "'")).join(" ")
}

/// score.py's `parse_date`: `date.fromisoformat(str(s)[:10])`, `None` where Python raises.
fn parse_date(v: Option<&Value>) -> Option<chrono::NaiveDate> {
    let s = py::str(v?);
    let head: String = s.chars().take(10).collect();
    py::date_fromisoformat(&head)
}

fn get<'a>(o: &'a Value, k: &str) -> Option<&'a Value> {
    o.get(k).filter(|v| !v.is_null())
}

fn truthy(v: Option<&Value>) -> bool {
    v.is_some_and(py::truthy)
}

/// score.py's `date_ok`: a gold date of null fits anything; `date_tolerance_days` read with
/// Python's `int()`; `year_known: false` compares month and day in the gold year.
fn date_ok(g: &Value, p: &Value) -> bool {
    if get(g, "date").is_none() {
        return true;
    }
    let Some(gd) = parse_date(get(g, "date")) else {
        // score.py raises on an unreadable gold date; count it as fitting, like a null.
        return true;
    };
    let Some(mut pd) = parse_date(get(p, "date")) else {
        return false;
    };
    let tol = match g.get("date_tolerance_days").filter(|v| py::truthy(v)) {
        None => 0,
        // score.py raises on a tolerance int() cannot read; count it as 0.
        Some(v) => py::int(v).unwrap_or(0),
    };
    if g.get("year_known") == Some(&Value::Bool(false)) {
        use chrono::Datelike;
        match pd.with_year(gd.year()) {
            Some(x) => pd = x,
            None => return false,
        }
    }
    i128::from((pd - gd).num_days().abs()) <= tol
}

/// score.py's `km`: `None` unless both sides have numeric (or boolean) `lat` and `lon`.
fn km(a: &Value, b: &Value) -> Option<f64> {
    let f = |o: &Value, k: &str| o.get(k).and_then(py::float);
    let (la1, lo1, la2, lo2) = (f(a, "lat")?, f(a, "lon")?, f(b, "lat")?, f(b, "lon")?);
    Some(sitrep_model::matching::haversine_km(la1, lo1, la2, lo2))
}

/// score.py's `place_ok`: within 30 km of a city-precision gold point, 150 km of a coarser
/// one; a region or country also matches by name, a city does not when both sides have
/// coordinates; without coordinates on one side, the name decides.
fn place_ok(g: Option<&Value>, p: Option<&Value>) -> bool {
    let empty = Value::Object(Map::new());
    let g = g.filter(|v| py::truthy(v)).unwrap_or(&empty);
    let p = p.filter(|v| py::truthy(v)).unwrap_or(&empty);
    if !py::truthy(g) {
        return true;
    }
    let city = match g.get("precision").filter(|v| py::truthy(v)) {
        None => true,
        Some(v) => v.as_str() == Some("city"),
    };
    if let Some(d) = km(g, p) {
        if d <= if city { 30.0 } else { 150.0 } {
            return true;
        }
        if city {
            return false;
        }
    }
    let gn = norm(g.get("name"));
    !gn.is_empty() && gn == norm(p.get("name"))
}

fn event_match(g: &Value, p: &Value, fine: bool) -> bool {
    if norm(get(g, "type")) != norm(get(p, "type")) {
        return false;
    }
    if fine && norm(get(g, "subtype")) != norm(get(p, "subtype")) {
        return false;
    }
    place_ok(get(g, "location"), get(p, "location")) && date_ok(g, p)
}

fn speaker_ok(g: &Value, p: &Value) -> bool {
    let (gs, ps) = (norm(get(g, "speaker")), norm(get(p, "speaker")));
    if gs.is_empty() || ps.is_empty() {
        return false;
    }
    gs == ps || gs.split(' ').next_back() == ps.split(' ').next_back()
}

fn statement_match(g: &Value, p: &Value, fine: bool) -> bool {
    if !speaker_ok(g, p) || !date_ok(g, p) {
        return false;
    }
    !fine || norm(get(g, "kind")) == norm(get(p, "kind"))
}

fn required(g: &Value) -> bool {
    g.get("required") != Some(&Value::Bool(false))
}

fn matching(
    golds: &[Value],
    preds: &[Value],
    same: impl Fn(&Value, &Value) -> bool,
) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..golds.len()).collect();
    order.sort_by_key(|&i| !required(&golds[i])); // stable: required first
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for gi in order {
        for (pi, p) in preds.iter().enumerate() {
            if !used.contains(&pi) && same(&golds[gi], p) {
                pairs.push((gi, pi));
                used.insert(pi);
                break;
            }
        }
    }
    pairs
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn add(&mut self, golds: &[Value], npreds: usize, pairs: &[(usize, usize)]) {
        let mg: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
        let mp: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
        self.tp += pairs.iter().filter(|(g, _)| required(&golds[*g])).count();
        self.fn_ += golds
            .iter()
            .enumerate()
            .filter(|(i, g)| !mg.contains(i) && required(g))
            .count();
        self.fp += (0..npreds).filter(|i| !mp.contains(i)).count();
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (round3(p), round3(r), round3(f))
    }
}

fn round3(x: f64) -> f64 {
    // Python's round(x, 3): correctly rounded, ties to even on the exact binary value.
    format!("{x:.3}").parse().unwrap()
}

/// What `for x in v or []` walks in score.py: a list's items, a string's characters, an
/// object's keys; nothing for a falsy or scalar value (where Python would raise).
fn as_list(v: Option<&Value>) -> Vec<Value> {
    match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::String(s)) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        Some(Value::Object(o)) => o.keys().map(|k| Value::String(k.clone())).collect(),
        _ => Vec::new(),
    }
}

fn load_preds(path: &Path) -> Result<HashMap<String, Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let rec: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let doc = rec.get("doc").map(py::str).unwrap_or_default();
        let base = doc.rsplit('/').next().unwrap_or("").to_string();
        out.insert(base, rec);
    }
    Ok(out)
}

/// Score `preds` against the gold folder; the same keys and values as score.py.
pub fn score(gold_dir: &Path, preds: &HashMap<String, Value>) -> Result<BTreeMap<String, Value>> {
    let keys = SCORED_SETS;
    let mut t: HashMap<&str, Tally> = keys.iter().map(|k| (*k, Tally::default())).collect();
    let attr_keys = ATTR_KEYS;
    let mut attrs: HashMap<&str, (usize, usize)> = attr_keys.iter().map(|k| (*k, (0, 0))).collect();
    let (mut pubs, mut genre, mut body, mut flags) = ((0, 0), (0, 0), (0, 0), (0, 0));
    let mut missing = 0;
    let mut linked: Vec<(String, Option<Value>, Option<Value>)> = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("cannot read gold folder {}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let empty = Value::Object(Map::new());
    for name in names {
        let path = gold_dir.join(&name);
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)
            .with_context(|| format!("{}: not JSON", path.display()))?;
        let doc = match get(&gold, "doc") {
            Some(d) if truthy(Some(d)) => py::str(d),
            _ => format!("{}.txt", &name[..name.len() - 5]),
        };
        let doc = doc.rsplit('/').next().unwrap_or("").to_string();
        let pred = match preds.get(&doc) {
            Some(p) => p,
            None => {
                missing += 1;
                &empty
            }
        };
        let or_none = |v: Option<&Value>| v.filter(|x| truthy(Some(x))).cloned();
        pubs.1 += 1;
        pubs.0 += py::eq_opt(
            or_none(gold.get("published")).as_ref(),
            or_none(pred.get("published")).as_ref(),
        ) as usize;
        genre.1 += 1;
        genre.0 += (norm(get(&gold, "genre")) == norm(get(pred, "genre"))) as usize;
        let text = norm(get(pred, "body"));
        for k in ["body_first", "body_last"] {
            if truthy(get(&gold, k)) {
                body.1 += 1;
                body.0 += text.contains(&norm(get(&gold, k))) as usize;
            }
        }
        for s in as_list(get(&gold, "boilerplate")) {
            body.1 += 1;
            body.0 += (!text.is_empty() && !text.contains(&norm(Some(&s)))) as usize;
        }
        let kinds = |v: Option<&Value>| -> HashSet<String> {
            as_list(v)
                .iter()
                .filter(|f| f.is_object())
                .map(|f| py::key(f.get("kind").unwrap_or(&Value::Null)))
                .collect()
        };
        let gflags = kinds(get(&gold, "flags"));
        let pflags = kinds(get(pred, "flags"));
        flags.1 += gflags.len();
        flags.0 += gflags.intersection(&pflags).count();
        let ge = as_list(get(&gold, "events"));
        let pe: Vec<Value> = as_list(get(pred, "events"))
            .into_iter()
            .filter(|e| e.is_object())
            .collect();
        for (key, fine) in [("events", false), ("events_fine", true)] {
            let pairs = matching(&ge, &pe, |g, p| event_match(g, p, fine));
            t.get_mut(key).unwrap().add(&ge, pe.len(), &pairs);
            if fine {
                continue;
            }
            for (gi, pi) in pairs {
                let (g, p) = (&ge[gi], &pe[pi]);
                linked.push((
                    doc.clone(),
                    get(g, "cluster").cloned(),
                    get(p, "cluster_id").cloned(),
                ));
                let loc = |o: &Value| get(o, "location").and_then(|l| get(l, "name")).cloned();
                let mut checks: Vec<(&str, bool)> = vec![
                    (
                        "date",
                        get(g, "date").is_none()
                            || parse_date(get(g, "date")) == parse_date(get(p, "date")),
                    ),
                    ("place", norm(loc(g).as_ref()) == norm(loc(p).as_ref())),
                    ("actor1", norm(get(g, "actor1")) == norm(get(p, "actor1"))),
                    ("actor2", norm(get(g, "actor2")) == norm(get(p, "actor2"))),
                    (
                        "certainty",
                        norm(get(g, "certainty")) == norm(get(p, "certainty")),
                    ),
                ];
                for c in ["fatalities", "injured", "intercepted"] {
                    if let Some(gv) = get(g, c) {
                        checks.push((c, py::eq_opt(Some(gv), get(p, c))));
                    }
                }
                for (c, ok) in checks {
                    let e = attrs.get_mut(c).unwrap();
                    e.1 += 1;
                    e.0 += ok as usize;
                }
            }
        }
        let gs = as_list(get(&gold, "statements"));
        let ps: Vec<Value> = as_list(get(pred, "statements"))
            .into_iter()
            .filter(|e| e.is_object())
            .collect();
        for (key, fine) in [("statements", false), ("statements_fine", true)] {
            let pairs = matching(&gs, &ps, |g, p| statement_match(g, p, fine));
            t.get_mut(key).unwrap().add(&gs, ps.len(), &pairs);
        }
        let gent = get(&gold, "entities").cloned().unwrap_or(empty.clone());
        let pent = get(pred, "entities").cloned().unwrap_or(empty.clone());
        for k in ["people", "places", "orgs"] {
            let gl: Vec<String> = as_list(get(&gent, k))
                .iter()
                .map(|x| norm(Some(x)))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let pl: Vec<String> = as_list(get(&pent, k))
                .iter()
                .filter(|x| x.is_string())
                .map(|x| norm(Some(x)))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let gd: Vec<Value> = gl.iter().map(|x| serde_json::json!({"n": x})).collect();
            let pv: Vec<Value> = pl.iter().map(|x| Value::String(x.clone())).collect();
            let pairs = matching(&gd, &pv, |g, p| g["n"].as_str() == p.as_str());
            t.get_mut(k).unwrap().add(&gd, pv.len(), &pairs);
        }
    }
    let mut out = BTreeMap::new();
    let num = |x: f64| {
        serde_json::Number::from_f64(x)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    };
    for k in keys {
        let (p, r, f) = t[k].prf();
        out.insert(format!("{k}_p"), num(p));
        out.insert(format!("{k}_r"), num(r));
        out.insert(format!("{k}_f1"), num(f));
    }
    for k in attr_keys {
        let (a, n) = attrs[k];
        out.insert(
            format!("attr_{k}"),
            if n > 0 {
                num(round3(a as f64 / n as f64))
            } else {
                Value::Null
            },
        );
    }
    let ratio = |(a, n): (usize, usize)| {
        if n > 0 {
            num(round3(a as f64 / n as f64))
        } else {
            Value::Null
        }
    };
    out.insert("published_acc".into(), ratio(pubs));
    out.insert("genre_acc".into(), ratio(genre));
    out.insert("body_acc".into(), ratio(body));
    out.insert("flags_r".into(), ratio(flags));
    if linked.iter().any(|(_, g, _)| truthy(g.as_ref())) {
        let (mut both, mut gold_same, mut pred_same) = (0usize, 0usize, 0usize);
        for i in 0..linked.len() {
            for j in i + 1..linked.len() {
                let (da, ga, pa) = &linked[i];
                let (db, gb, pb) = &linked[j];
                if da == db {
                    continue;
                }
                let g_same = ga.is_some() && py::eq_opt(ga.as_ref(), gb.as_ref());
                let p_same = pa.is_some() && py::eq_opt(pa.as_ref(), pb.as_ref());
                gold_same += g_same as usize;
                pred_same += p_same as usize;
                both += (g_same && p_same) as usize;
            }
        }
        let dp = if pred_same > 0 {
            both as f64 / pred_same as f64
        } else {
            0.0
        };
        let dr = if gold_same > 0 {
            both as f64 / gold_same as f64
        } else {
            0.0
        };
        out.insert("dedup_p".into(), num(round3(dp)));
        out.insert("dedup_r".into(), num(round3(dr)));
        out.insert(
            "dedup_f1".into(),
            num(if dp + dr > 0.0 {
                round3(2.0 * dp * dr / (dp + dr))
            } else {
                0.0
            }),
        );
    }
    out.insert("docs_missing".into(), Value::from(missing));
    Ok(out)
}

/// Order of keys as score.py prints them.
pub fn ordered_keys(out: &BTreeMap<String, Value>) -> Vec<String> {
    let mut keys = Vec::new();
    for k in SCORED_SETS {
        for s in ["p", "r", "f1"] {
            keys.push(format!("{k}_{s}"));
        }
    }
    for k in ATTR_KEYS {
        keys.push(format!("attr_{k}"));
    }
    for k in [
        "published_acc",
        "genre_acc",
        "body_acc",
        "flags_r",
        "dedup_p",
        "dedup_r",
        "dedup_f1",
        "docs_missing",
    ] {
        keys.push(k.to_string());
    }
    keys.retain(|k| out.contains_key(k));
    keys
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else {
                let f = n.as_f64().unwrap();
                if f == f.trunc() {
                    format!("{f:.1}")
                } else {
                    format!("{f}")
                }
            }
        }
        other => other.to_string(),
    }
}

pub fn run(a: EvalArgs) -> Result<ExitCode> {
    let preds = load_preds(&a.records)?;
    let out = score(&a.gold, &preds)?;
    if a.json {
        let mut m = Map::new();
        for k in ordered_keys(&out) {
            m.insert(k.clone(), out[&k].clone());
        }
        println!("{}", serde_json::to_string_pretty(&Value::Object(m))?);
    } else {
        for k in ordered_keys(&out) {
            println!("{:22} {}", k, show(&out[&k]));
        }
    }
    let mut failed = Vec::new();
    for req in &a.require {
        let Some((k, v)) = req.split_once('=') else {
            bail!("--require takes METRIC=MIN, got `{req}`")
        };
        let min: f64 = v
            .parse()
            .with_context(|| format!("--require {req}: `{v}` is not a number"))?;
        match out.get(k).and_then(|x| x.as_f64()) {
            Some(x) if x >= min => {}
            got => failed.push(format!(
                "{k}={} < {v}",
                got.map(|g| g.to_string()).unwrap_or("None".into())
            )),
        }
    }
    if !failed.is_empty() {
        println!("below target: {}", failed.join(", "));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
