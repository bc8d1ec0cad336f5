//! Size statistics of what the pre-extraction scan leaves of a folder of
//! `*.html.gz` pages: total bytes before/after, the largest pages (start
//! tags, cleaned bytes, raw bytes), and which tags/attributes take the bytes.
//!
//! `cargo run --release -p sitrep-html --example scanstat -- DIR/html`

use std::io::Read;
fn main() {
    let dir = std::env::args().nth(1).expect("usage: scanstat DIR");
    let start_tag = regex::Regex::new(r"<[a-zA-Z]").unwrap();
    let re = regex::Regex::new(r"<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>").unwrap();
    let are = regex::Regex::new(r#"([a-zA-Z_:-][a-zA-Z0-9_:.-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#)
        .unwrap();
    let (mut raw, mut cleaned) = (0usize, 0usize);
    let mut maxes = Vec::new();
    let mut tags = std::collections::HashMap::<String, (usize, usize)>::new();
    let mut attrs = std::collections::HashMap::<String, usize>::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let mut v = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap())
            .read_to_end(&mut v)
            .unwrap();
        let s = String::from_utf8_lossy(&v);
        let sc = sitrep_html::scan::scan(&s);
        raw += s.len();
        let n = start_tag.find_iter(&sc.cleaned).count();
        maxes.push((n, sc.cleaned.len(), s.len()));
        cleaned += sc.cleaned.len();
        // crude tag + attr stats over cleaned
        let c = sc.cleaned.as_str();
        for m in re.captures_iter(c) {
            let t = tags.entry(m[1].to_ascii_lowercase()).or_default();
            t.0 += 1;
            t.1 += m[0].len();
            for a in are.captures_iter(&m[2]) {
                let n = a[1].to_ascii_lowercase();
                let n = if n.starts_with("data-") {
                    "data-*".to_string()
                } else if n.starts_with("on") {
                    "on*".into()
                } else if n.starts_with("aria-") {
                    "aria-*".into()
                } else {
                    n
                };
                *attrs.entry(n).or_default() += a[0].len();
            }
        }
    }
    println!("raw {} cleaned {}", raw, cleaned);
    maxes.sort();
    println!(
        "largest (start tags, cleaned bytes, raw bytes): {:?}",
        &maxes[maxes.len() - 5..]
    );
    let mut t: Vec<_> = tags.into_iter().collect();
    t.sort_by_key(|x| std::cmp::Reverse(x.1 .1));
    for x in t.iter().take(25) {
        println!("{:10} n={:7} bytes={}", x.0, x.1 .0, x.1 .1);
    }
    let mut a: Vec<_> = attrs.into_iter().collect();
    a.sort_by_key(|x| std::cmp::Reverse(x.1));
    for x in a.iter().take(20) {
        println!("attr {:12} bytes={}", x.0, x.1);
    }
}
