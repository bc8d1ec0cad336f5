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
/// A gzip-compressed JSON Lines file may not decompress to more than this
/// (a plain one is bounded by its own size; a compressed one is not).
pub const MAX_GUNZIPPED_JSONL_BYTES: u64 = 2 * 1024 * 1024 * 1024;

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

/// The inputs named on a command line, directories expanded.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Files to read, in order, or the error of a path that cannot be.
    pub inputs: Vec<Result<PathBuf, InputError>>,
    /// Files found in directories that are not articles by their name
    /// (not `.txt`, `.html`, `.htm`, `.jsonl`, or one of those gzipped).
    pub ignored: Vec<PathBuf>,
}

impl Expanded {
    /// One line telling which files in directories were not read, or `None`.
    pub fn ignored_note(&self) -> Option<String> {
        let n = self.ignored.len();
        if n == 0 {
            return None;
        }
        let shown: Vec<String> = self
            .ignored
            .iter()
            .take(5)
            .map(|p| p.display().to_string())
            .collect();
        let more = if n > 5 {
            format!(" and {} more", n - 5)
        } else {
            String::new()
        };
        Some(format!(
            "ignored {n} file{} in directories that are not .txt, .html, .htm or .jsonl \
             (or those gzipped): {}{more}; name a file to read it anyway",
            if n == 1 { "" } else { "s" },
            shown.join(", ")
        ))
    }
}

/// Expand paths: directories are walked recursively (sorted, hidden entries
/// skipped), keeping files with a known extension and listing the others in
/// [`Expanded::ignored`]; files named explicitly are kept whatever their
/// extension. Unreadable directories become errors.
pub fn expand_paths(paths: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    for p in paths {
        if p.as_os_str() == "-" {
            out.inputs.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else if p.exists() {
            out.inputs.push(Ok(p.clone()));
        } else {
            out.inputs.push(Err(err(
                p.display().to_string(),
                "no such file or directory",
            )));
        }
    }
    out
}

/// `name` without a `.gz` suffix (any case), and whether it had one.
fn strip_gz(name: &str) -> (&str, bool) {
    let n = name.len();
    if n > 3 && name.is_char_boundary(n - 3) && name[n - 3..].eq_ignore_ascii_case(".gz") {
        (&name[..n - 3], true)
    } else {
        (name, false)
    }
}

fn known_extension(p: &Path) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = strip_gz(name).0.to_ascii_lowercase();
    [".txt", ".html", ".htm", ".jsonl"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn walk(dir: &Path, out: &mut Expanded) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.inputs.push(Err(err(
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
            out.inputs.push(Ok(p));
        } else {
            out.ignored.push(p);
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
    match format_of(strip_gz(&name).0) {
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

/// A gzip-compressed file, decompressed, refused past the limit of what it
/// holds (an article: [`MAX_INPUT_BYTES`]; JSON Lines: [`MAX_GUNZIPPED_JSONL_BYTES`]).
fn gunzip_bounded(path: &Path, is_jsonl: bool) -> Result<Vec<u8>, String> {
    let limit = if is_jsonl {
        MAX_GUNZIPPED_JSONL_BYTES
    } else {
        MAX_INPUT_BYTES
    };
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut buf = Vec::new();
    flate2::read::MultiGzDecoder::new(std::io::BufReader::new(f))
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot decompress (gzip): {e}"))?;
    if buf.len() as u64 > limit {
        return Err(format!("decompresses to more than the {limit}-byte limit"));
    }
    Ok(buf)
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
        let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (stem, gzipped) = strip_gz(file_name);
        let is_jsonl = stem.to_ascii_lowercase().ends_with(".jsonl");
        if gzipped {
            return gunzip_bounded(path, is_jsonl);
        }
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

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    /// A directory: gzipped articles are read like plain ones; files that are
    /// not articles are listed as ignored, not dropped unseen.
    #[test]
    fn directories_read_gzipped_inputs_and_list_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let page = "<html><head><title>Strike on Kharkiv</title></head><body><article>\
                    <p>Russian drones hit Kharkiv on Monday, officials said.</p></article></body></html>";
        std::fs::write(d.join("a.html.GZ"), gzip(page.as_bytes())).unwrap();
        std::fs::write(d.join("b.txt"), "Shelling hit Kherson.").unwrap();
        let jsonl = "{\"id\":\"x1\",\"text\":\"Drones hit Odesa.\"}\n{\"id\":\"x2\",\"text\":\"Shelling hit Sumy.\"}\n";
        std::fs::write(d.join("c.jsonl.gz"), gzip(jsonl.as_bytes())).unwrap();
        std::fs::write(d.join("notes.py"), "print(1)").unwrap();
        std::fs::write(d.join("truth.json"), "{}").unwrap();
        let ex = expand_paths(&[d.to_path_buf()]);
        assert_eq!(ex.inputs.len(), 3);
        assert_eq!(ex.ignored.len(), 2);
        let note = ex.ignored_note().unwrap();
        assert!(
            note.contains("ignored 2 files") && note.contains("notes.py"),
            "{note}"
        );
        let docs: Vec<Document> = ex
            .inputs
            .iter()
            .flat_map(|p| read_path(p.as_ref().unwrap()))
            .map(|d| d.unwrap())
            .collect();
        let ids: Vec<&str> = docs.iter().map(|d| d.doc.as_str()).collect();
        assert_eq!(ids, ["a.html.GZ", "b.txt", "x1", "x2"]);
        assert_eq!(docs[0].format, Format::Html);
        assert!(docs[0].raw.contains("Russian drones hit Kharkiv"));
        assert_eq!(docs[1].format, Format::Text);
        assert!(expand_paths(&[d.join("b.txt")]).ignored_note().is_none());
    }

    /// A gzip file that is damaged, or that decompresses past the limit, is
    /// one clear error naming it.
    #[test]
    fn bad_or_oversized_gzip_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.txt.gz");
        std::fs::write(&bad, b"\x1f\x8bnot really gzip").unwrap();
        let e = read_path(&bad).remove(0).unwrap_err();
        assert!(e.origin.ends_with("bad.txt.gz"));
        assert!(e.reason.contains("cannot decompress"), "{}", e.reason);
        let bomb = dir.path().join("bomb.html.gz");
        std::fs::write(&bomb, gzip(&vec![b' '; MAX_INPUT_BYTES as usize + 10])).unwrap();
        assert!(std::fs::metadata(&bomb).unwrap().len() < 1_000_000);
        let e = read_path(&bomb).remove(0).unwrap_err();
        assert!(e.reason.contains("more than the"), "{}", e.reason);
    }
}
