//! Sources: turn paths (files, directories, `-` for stdin) into [`Document`]s.
//!
//! Every bad input becomes an [`InputError`] naming the file (and line) and the
//! reason; the caller reports it and goes on with the rest of the batch.

use serde::Deserialize;
use sitrep_model::Flag;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Inputs larger than this are refused (one clear error; the batch goes on).
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;
/// A JSON Lines input line longer than this is refused.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// What kind of text a document carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

/// One article as read from its source, before any stage ran.
#[derive(Debug, Clone)]
pub struct Document {
    /// Record id: file name, or the `id` of a JSON Lines line.
    pub doc: String,
    /// Where it came from, for error messages (`path` or `path:line`).
    pub origin: String,
    pub format: Format,
    /// The raw content (text or HTML), decoded as UTF-8 (lossily, flagged).
    pub raw: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Publication date given by the source (JSONL `published`), unparsed.
    pub published: Option<String>,
    /// Outlet name.
    pub source: Option<String>,
    /// Problems found while reading (`invalid_utf8`).
    pub flags: Vec<Flag>,
}

impl Document {
    /// A plain-text document (tests, examples).
    pub fn text(doc: &str, raw: &str) -> Self {
        Document {
            doc: doc.to_string(),
            origin: doc.to_string(),
            format: Format::Text,
            raw: raw.to_string(),
            title: None,
            url: None,
            published: None,
            source: None,
            flags: Vec::new(),
        }
    }
}

/// A bad input: where, and why. `Display` gives `where: why`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub origin: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

impl std::error::Error for InputError {}

fn err(origin: impl Into<String>, reason: impl Into<String>) -> InputError {
    InputError {
        origin: origin.into(),
        reason: reason.into(),
    }
}

/// Expand paths: directories are walked recursively (sorted, hidden entries skipped),
/// keeping files with a known extension; files named explicitly are kept whatever
/// their extension. Unreadable directories become errors.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(err(
                p.display().to_string(),
                "no such file or directory",
            )));
        }
    }
    out
}

fn known_extension(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "html" | "htm" | "jsonl")
    )
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, InputError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Err(err(
                dir.display().to_string(),
                format!("cannot read directory: {e}"),
            )));
            return;
        }
    };
    let mut items: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    items.sort();
    for p in items {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if known_extension(&p) {
            out.push(Ok(p));
        }
    }
}

/// Decode bytes as UTF-8; invalid sequences are replaced and flagged.
pub fn decode(bytes: Vec<u8>, flags: &mut Vec<Flag>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            let valid_up_to = std::str::from_utf8(&bytes)
                .err()
                .map(|e| e.valid_up_to())
                .unwrap_or(0);
            flags.push(Flag {
                kind: "invalid_utf8".into(),
                evidence: format!("invalid UTF-8 at byte {valid_up_to}, decoded lossily"),
            });
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }
}

/// True when the bytes look binary (NUL bytes or mostly control characters in the head).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let ctrl = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && ctrl * 10 > head.len()
}

fn format_of(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        Some(Format::Html)
    } else if lower.ends_with(".jsonl") {
        None
    } else {
        Some(Format::Text)
    }
}

fn sniff_html(s: &str) -> bool {
    let head: String = s
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && head.contains("<head"))
}

/// One JSON Lines input line.
#[derive(Debug, Deserialize)]
struct JsonlLine {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    source: Option<String>,
}

/// Parse one JSON Lines line into a document. `origin` is `path:line`.
pub fn parse_jsonl_line(
    line: &str,
    origin: &str,
    fallback_id: &str,
) -> Result<Document, InputError> {
    if line.len() > MAX_LINE_BYTES {
        return Err(err(
            origin,
            format!(
                "line of {} bytes exceeds the {MAX_LINE_BYTES}-byte limit",
                line.len()
            ),
        ));
    }
    let v: JsonlLine =
        serde_json::from_str(line).map_err(|e| err(origin, format!("malformed JSON: {e}")))?;
    let id = match v.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id.to_string(),
    };
    let (format, raw) = match (v.text, v.html) {
        (Some(t), _) if !t.trim().is_empty() => (Format::Text, t),
        (_, Some(h)) if !h.trim().is_empty() => (Format::Html, h),
        _ => return Err(err(origin, "no `text` or `html` field with content")),
    };
    Ok(Document {
        doc: id,
        origin: origin.to_string(),
        format,
        raw,
        title: v.title.filter(|t| !t.trim().is_empty()),
        url: v.url,
        published: v.published,
        source: v.source,
        flags: Vec::new(),
    })
}

/// Read one path (a file or `-`) into documents. A JSON Lines file yields one
/// result per non-blank line; other files yield one.
pub fn read_path(path: &Path) -> Vec<Result<Document, InputError>> {
    let is_stdin = path.as_os_str() == "-";
    let origin = if is_stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let name = if is_stdin {
        "stdin".to_string()
    } else {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| origin.clone())
    };
    let bytes = match read_bounded(path, is_stdin) {
        Ok(b) => b,
        Err(reason) => return vec![Err(err(origin, reason))],
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return vec![Err(err(origin, "empty input"))];
    }
    if looks_binary(&bytes) {
        return vec![Err(err(
            origin,
            "binary content (not text, HTML or JSON Lines)",
        ))];
    }
    let mut flags = Vec::new();
    let text = decode(bytes, &mut flags);
    match format_of(&name) {
        None => read_jsonl(&text, &origin, &name, &flags),
        Some(mut format) => {
            if format == Format::Text && sniff_html(&text) {
                format = Format::Html;
            }
            if is_stdin && text.trim_start().starts_with('{') {
                return read_jsonl(&text, &origin, &name, &flags);
            }
            vec![Ok(Document {
                doc: name,
                origin,
                format,
                raw: text,
                title: None,
                url: None,
                published: None,
                source: None,
                flags,
            })]
        }
    }
}

fn read_jsonl(
    text: &str,
    origin: &str,
    name: &str,
    flags: &[Flag],
) -> Vec<Result<Document, InputError>> {
    let stem = name.trim_end_matches(".jsonl");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let o = format!("{origin}:{}", i + 1);
            let mut d = parse_jsonl_line(line, &o, &format!("{stem}:{}", i + 1))?;
            d.flags.extend(flags.iter().cloned());
            Ok(d)
        })
        .collect()
}

fn read_bounded(path: &Path, is_stdin: bool) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let res = if is_stdin {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
    } else {
        let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
        if meta.is_dir() {
            return Err("is a directory".into());
        }
        let is_jsonl = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
        if !is_jsonl && meta.len() > MAX_INPUT_BYTES {
            return Err(format!(
                "file of {} bytes exceeds the {MAX_INPUT_BYTES}-byte limit",
                meta.len()
            ));
        }
        std::fs::File::open(path).and_then(|f| {
            let limit = if is_jsonl {
                u64::MAX
            } else {
                MAX_INPUT_BYTES + 1
            };
            // `Take` hides the file's size from `read_to_end`, which would then
            // grow the buffer by doubling (copying a large JSONL file several times).
            buf.reserve_exact(meta.len().min(limit) as usize + 1);
            f.take(limit).read_to_end(&mut buf)
        })
    };
    res.map_err(|e| format!("cannot read: {e}"))?;
    if is_stdin && buf.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("input exceeds the {MAX_INPUT_BYTES}-byte limit"));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_line_errors_name_the_line() {
        let e = parse_jsonl_line("{not json", "a.jsonl:3", "a:3").unwrap_err();
        assert_eq!(e.origin, "a.jsonl:3");
        assert!(e.reason.contains("malformed JSON"), "{}", e.reason);
        let e = parse_jsonl_line(r#"{"id":"x"}"#, "a.jsonl:4", "a:4").unwrap_err();
        assert!(e.reason.contains("no `text`"));
        let d = parse_jsonl_line(
            r#"{"id":7,"text":"hi","published":"2024-01-02"}"#,
            "a.jsonl:5",
            "a:5",
        )
        .unwrap();
        assert_eq!(d.doc, "7");
        assert_eq!(d.published.as_deref(), Some("2024-01-02"));
    }

    #[test]
    fn invalid_utf8_is_decoded_and_flagged() {
        let mut flags = Vec::new();
        let s = decode(b"ok \xff then".to_vec(), &mut flags);
        assert!(s.starts_with("ok ") && s.ends_with(" then"));
        assert_eq!(flags[0].kind, "invalid_utf8");
    }

    #[test]
    fn binary_is_detected() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x00\x00"));
        assert!(!looks_binary("Kyiv, 7 November — text".as_bytes()));
    }

    proptest::proptest! {
        #[test]
        fn jsonl_reader_never_panics(s in ".{0,200}") {
            let _ = parse_jsonl_line(&s, "f:1", "f:1");
        }
    }
}
