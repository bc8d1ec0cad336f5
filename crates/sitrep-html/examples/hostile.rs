//! Times `sitrep_html::extract` on synthetic hostile pages (~50 MB each):
//! `cargo run --release -p sitrep-html --example hostile [MB]`.

use std::time::Instant;

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .map_or(50, |s| s.parse().expect("MB"));
    let target = mb * 1_000_000;
    let para = "<p>Shelling was reported near the town overnight, officials said, and repairs began.</p>\n";
    let cases: Vec<(&str, String)> = vec![
        ("one huge script", format!("<html><body><p>Intro.</p><script>{}</script></body></html>", "var a=1;".repeat(target / 8))),
        ("paragraph flood", format!("<html><body><article>{}</article></body></html>", para.repeat(target / para.len()))),
        ("deep nesting", format!("<html><body>{}deep{}</body></html>", "<div>".repeat(target / 11), "</div>".repeat(target / 11))),
        ("unclosed tags", "<div><span><b><i><a href=x>t ".repeat(target / 30)),
        ("unterminated quote", format!("<p class=\"{}", "x".repeat(target))),
        ("comment opener flood", "<!-".repeat(target / 3)),
        ("many tiny tables", "<table><tr><td>1</td><td>2</td></tr>".repeat(target / 40)),
        ("attribute bloat", format!("<html><body>{}</body></html>", "<div data-x=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" style=\"color:red\"><p>Some words here.</p></div>".repeat(target / 100))),
    ];
    for (name, html) in cases {
        let t = Instant::now();
        // A 2 MiB stack, like rayon's worker threads: deep recursion in the
        // extractor must not overflow it.
        let a = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn_scoped(s, || sitrep_html::extract(&html))
                .expect("spawn")
                .join()
                .expect("extract panicked")
        });
        println!(
            "{name:22} {:6.1} MB in {:6.2} s, body {} bytes",
            html.len() as f64 / 1e6,
            t.elapsed().as_secs_f64(),
            a.body.len()
        );
    }
}
