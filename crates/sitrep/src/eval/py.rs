//! The Python semantics `score.py` relies on, for JSON values: `str()`, truthiness, `int()`,
//! `==` between numbers of both kinds, set membership, `str.split()` and
//! `date.fromisoformat()` (CPython 3.11). The scorer's port calls these so that it gives
//! the reference scorer's figures on any record Python reads without raising; the test
//! `eval_agrees_on_generated_records` compares the two on generated records.

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;

/// Python's `str(x)` of a value `json.loads` produced.
pub fn str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => repr(other),
    }
}

/// Python's `repr(x)` of a value `json.loads` produced (`str` of containers uses it).
pub fn repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(u)) => u.to_string(),
            _ => float_repr(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => str_repr(s),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", str_repr(k), repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `repr(float)`: the shortest digits that read back, fixed notation for exponents -4..16,
/// else `1e+16`, `1.5e-05`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sci = format!("{f:e}"); // shortest round-trip digits: "1.5e-5", "-1e16"
    let (mant, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    if (-4..16).contains(&exp) {
        let s = format!("{f}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.abs())
    }
}

/// `repr(str)`: single quotes unless the text holds one and no double quote; backslash,
/// the quote and control characters escaped.
fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Python's truth value of a JSON value.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// White space as Python's `str.split()` sees it: Unicode white space plus the
/// information separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `s.split()`.
pub fn split(s: &str) -> Vec<&str> {
    s.split(is_py_space).filter(|w| !w.is_empty()).collect()
}

/// Python's `int(x)`; `None` where Python raises (a float that is not finite, a string that
/// is not a base-10 integer literal, a container).
pub fn int(v: &Value) -> Option<i128> {
    match v {
        Value::Bool(b) => Some(i128::from(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Some(i128::from(i)),
            (None, Some(u)) => Some(i128::from(u)),
            _ => {
                let f = n.as_f64()?.trunc();
                (f.is_finite() && f.abs() < 1e38).then_some(f as i128)
            }
        },
        Value::String(s) => int_literal(s.trim_matches(is_py_space)),
        _ => None,
    }
}

/// A base-10 literal as `int()` reads it: a sign, then decimal digits with single
/// underscores between them.
fn int_literal(s: &str) -> Option<i128> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let mut n: i128 = 0;
    let mut prev_digit = false;
    for c in digits.chars() {
        if c == '_' {
            if !prev_digit {
                return None;
            }
            prev_digit = false;
            continue;
        }
        let d = c.to_digit(10)? as i128;
        n = n.checked_mul(10)?.checked_add(d)?;
        prev_digit = true;
    }
    prev_digit.then_some(if neg { -n } else { n })
}

/// What `math.radians(x)` accepts: numbers and booleans.
pub fn float(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// A number as Python compares it: an exact integer, or a float.
enum Num {
    Int(i128),
    Float(f64),
}

fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(i128::from(*b))),
        Value::Number(n) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Num::Int(i128::from(i)),
            (None, Some(u)) => Num::Int(i128::from(u)),
            _ => Num::Float(n.as_f64()?),
        }),
        _ => None,
    }
}

/// Python's `a == b` for JSON values: `70 == 70.0`, `True == 1`, containers element by element.
pub fn eq(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return match (x, y) {
            (Num::Int(i), Num::Int(j)) => i == j,
            (Num::Float(f), Num::Float(g)) => f == g,
            (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => {
                // Exact comparison: an integral float within range equals the same integer.
                f.fract() == 0.0 && f.abs() < 1e38 && f as i128 == i
            }
        };
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| eq(v, w)))
        }
        _ => false,
    }
}

/// `a == b` where a missing value is Python's `None`.
pub fn eq_opt(a: Option<&Value>, b: Option<&Value>) -> bool {
    eq(a.unwrap_or(&Value::Null), b.unwrap_or(&Value::Null))
}

/// A key under which values Python's sets hold as equal fall together (`1`, `1.0`, `True`).
pub fn key(v: &Value) -> String {
    match num(v) {
        Some(Num::Int(i)) => format!("i{i}"),
        Some(Num::Float(f)) if f.fract() == 0.0 && f.abs() < 1e38 => format!("i{}", f as i128),
        Some(Num::Float(f)) => format!("f{}", float_repr(f)),
        None => format!("{}{}", if v.is_string() { 's' } else { 'o' }, repr(v)),
    }
}

/// CPython 3.11's `date.fromisoformat(s)`: 7, 8 or 10 UTF-8 bytes holding `YYYY-MM-DD`,
/// `YYYYMMDD`, `YYYY-Www[-D]` or `YYYYWww[D]`; bytes after the date part are not read.
pub fn date_fromisoformat(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if !matches!(b.len(), 7 | 8 | 10) {
        return None;
    }
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = digits(0, 4)? as i32;
    let sep = b.get(4) == Some(&b'-');
    let mut p = 4 + usize::from(sep);
    let date = if b.get(p) == Some(&b'W') {
        p += 1;
        let week = digits(p, 2)?;
        p += 2;
        let mut day = 1;
        if p < b.len() {
            if sep {
                if b[p] != b'-' {
                    return None;
                }
                p += 1;
            }
            day = digits(p, 1)?;
        }
        let wd = match day {
            1 => Weekday::Mon,
            2 => Weekday::Tue,
            3 => Weekday::Wed,
            4 => Weekday::Thu,
            5 => Weekday::Fri,
            6 => Weekday::Sat,
            7 => Weekday::Sun,
            _ => return None,
        };
        NaiveDate::from_isoywd_opt(year, week, wd)?
    } else {
        let month = digits(p, 2)?;
        p += 2;
        if sep {
            if b.get(p) != Some(&b'-') {
                return None;
            }
            p += 1;
        }
        let day = digits(p, 2)?;
        NaiveDate::from_ymd_opt(year, month, day)?
    };
    (1..=9999).contains(&date.year()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_follows_python() {
        for (f, s) in [
            (70.0, "70.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (-2.5e100, "-2.5e+100"),
        ] {
            assert_eq!(float_repr(f), s);
        }
    }

    #[test]
    fn fromisoformat_reads_what_python_reads() {
        let d = |s| date_fromisoformat(s).map(|d| d.to_string());
        assert_eq!(d("2024-01-05").as_deref(), Some("2024-01-05"));
        assert_eq!(d("20240105").as_deref(), Some("2024-01-05"));
        assert_eq!(d("2024-W01").as_deref(), Some("2024-01-01"));
        assert_eq!(d("2024W013").as_deref(), Some("2024-01-03"));
        assert_eq!(d("2020-W53-7").as_deref(), Some("2021-01-03"));
        assert_eq!(d("20240105T1").as_deref(), Some("2024-01-05"));
        for bad in ["2024-1-5", "2024/01/05", "2024-W53", "0000-01-01", "2024-02-30", "2024-01-5 "] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn int_and_eq_follow_python() {
        assert_eq!(int(&json!(" 3\n")), Some(3));
        assert_eq!(int(&json!("1_0")), Some(10));
        assert_eq!(int(&json!(-3.9)), Some(-3));
        assert_eq!(int(&json!("3.0")), None);
        assert_eq!(int(&json!("_1")), None);
        assert!(eq(&json!(70), &json!(70.0)));
        assert!(eq(&json!(true), &json!(1)));
        assert!(!eq(&json!("70"), &json!(70)));
        assert!(eq(&json!([1, "a"]), &json!([1.0, "a"])));
        assert_eq!(key(&json!(1)), key(&json!(1.0)));
        assert_eq!(str(&json!(["a", 1.0, null])), "['a', 1.0, None]");
        assert_eq!(split("a\u{1c}b  c"), vec!["a", "b", "c"]);
    }
}
