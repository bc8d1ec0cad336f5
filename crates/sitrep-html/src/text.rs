//! Small text helpers: HTML entity decoding for attribute values and
//! paragraph normalisation of the extracted body.

/// Decodes numeric character references and the named entities that show up
/// in titles and meta tags. Unknown entities are left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        // An entity is at most ~10 bytes up to its `;`.
        let semi = tail.as_bytes().iter().take(12).position(|&c| c == b';');
        let decoded = semi.and_then(|semi| {
            let name = &tail[1..semi];
            decode_one(name).map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201D}',
        "ldquo" => '\u{201C}',
        "sbquo" => '\u{201A}',
        "bdquo" => '\u{201E}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "laquo" => '\u{00AB}',
        "raquo" => '\u{00BB}',
        "middot" => '\u{00B7}',
        "bull" => '\u{2022}',
        "copy" => '\u{00A9}',
        "reg" => '\u{00AE}',
        "trade" => '\u{2122}',
        "deg" => '\u{00B0}',
        "euro" => '\u{20AC}',
        "pound" => '\u{00A3}',
        "shy" => '\u{00AD}',
        _ => return None,
    })
}

/// Collapses runs of whitespace inside a line to one space and trims.
pub fn squash_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises extracted text to the crate's body format: one paragraph per
/// non-empty line, inner whitespace collapsed, paragraphs joined by `"\n\n"`.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = squash_spaces(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("A &amp; B &#8217;s &#x2014; &bogus; &"),
            "A & B \u{2019}s \u{2014} &bogus; &"
        );
        assert_eq!(decode_entities("&#0;&#99999999;"), "&#0;&#99999999;");
    }

    #[test]
    fn paragraph_format() {
        assert_eq!(paragraphs("  a  b \n\n\n c\n \nd"), "a b\n\nc\n\nd");
    }
}
