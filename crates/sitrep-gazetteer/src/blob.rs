//! Binary form of [`Built`]: written by `build.rs` into `OUT_DIR`, embedded
//! in the binary and read back at start-up. Little-endian, length-prefixed,
//! versioned; no alignment or pointer tricks, so reading it is plain safe
//! code (≈ 0.1 s for 270,000 places and a million name keys, against ≈ 0.6 s
//! to normalise and sort the names from the TSV sources).

use crate::types::{Built, How, Place, PlaceKind, Posting};

const MAGIC: &[u8; 8] = b"SRGAZ\x00\x00\x03";

struct W(Vec<u8>);

impl W {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("gazetteer section fits u32"));
    }
    fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        for &x in v {
            self.u64(x);
        }
    }
}

struct R<'a> {
    b: &'a [u8],
    pos: usize,
}

type Res<T> = Result<T, String>;

impl<'a> R<'a> {
    fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Res<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("length checked"))
    }
    fn u8(&mut self) -> Res<u8> {
        Ok(self.arr::<1>()?[0])
    }
    fn u16(&mut self) -> Res<u16> {
        Ok(u16::from_le_bytes(self.arr()?))
    }
    fn u32(&mut self) -> Res<u32> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    fn u64(&mut self) -> Res<u64> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    fn f32(&mut self) -> Res<f32> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn str(&mut self) -> Res<&'a str> {
        let n = self.u32()? as usize;
        let at = self.pos;
        std::str::from_utf8(self.take(n)?).map_err(|e| format!("bad UTF-8 at byte {at}: {e}"))
    }
    /// A section length, bounded by the bytes left (each item takes ≥ 1 byte).
    fn len(&mut self) -> Res<usize> {
        let n = self.u32()? as usize;
        if n > self.b.len() - self.pos {
            return Err(format!(
                "section of {n} items at byte {} overruns",
                self.pos
            ));
        }
        Ok(n)
    }
    fn u64s(&mut self) -> Res<Vec<u64>> {
        let n = self.len()?;
        (0..n).map(|_| self.u64()).collect()
    }
}

fn kind_code(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Settlement => 0,
        PlaceKind::Admin1 => 1,
        PlaceKind::Region => 2,
        PlaceKind::Country => 3,
        PlaceKind::Continent => 4,
        PlaceKind::Site => 5,
    }
}

fn kind_of(c: u8) -> Res<PlaceKind> {
    Ok(match c {
        0 => PlaceKind::Settlement,
        1 => PlaceKind::Admin1,
        2 => PlaceKind::Region,
        3 => PlaceKind::Country,
        4 => PlaceKind::Continent,
        5 => PlaceKind::Site,
        _ => return Err(format!("unknown place kind {c}")),
    })
}

fn how_of(c: u8) -> Res<How> {
    Ok(match c {
        0 => How::Alias,
        1 => How::Main,
        2 => How::Suffixed,
        3 => How::Alt,
        4 => How::Abbrev,
        _ => return Err(format!("unknown key kind {c}")),
    })
}

/// Serialises a built gazetteer.
#[allow(dead_code)] // used by build.rs and the tests
pub(crate) fn encode(b: &Built) -> Vec<u8> {
    let mut w = W(Vec::with_capacity(32 << 20));
    w.0.extend_from_slice(MAGIC);
    w.len(b.places.len());
    for p in &b.places {
        w.str(&p.name);
        w.u8(kind_code(p.kind));
        w.u16(p.cc);
        w.u32(p.admin1);
        w.f32(p.lat);
        w.f32(p.lon);
        w.u32(p.pop);
        w.u32(p.gid);
        w.u8(p.flags);
        w.u8(p.head[0]);
        w.u8(p.head[1]);
    }
    w.len(b.admin1_names.len());
    for s in &b.admin1_names {
        w.str(s);
    }
    w.len(b.keys.len());
    for &(h, s, n) in &b.keys {
        w.u64(h);
        w.u32(s);
        w.u32(n);
    }
    w.len(b.postings.len());
    for p in &b.postings {
        w.u32(p.place);
        w.u8(p.how as u8);
    }
    w.len(b.codes.len());
    for c in &b.codes {
        w.str(c);
    }
    w.len(b.country_place.len());
    for &p in &b.country_place {
        w.u32(p);
    }
    w.len(b.country_words.len());
    for (s, c) in &b.country_words {
        w.str(s);
        w.u16(*c);
    }
    w.len(b.demonyms.len());
    for &(h, c) in &b.demonyms {
        w.u64(h);
        w.u16(c);
    }
    for v in [&b.stop, &b.blocked, &b.followers, &b.person] {
        w.u64s(v);
    }
    w.len(b.official.len());
    for (p, h, s) in &b.official {
        w.u32(*p);
        w.u64(*h);
        w.str(s);
    }
    w.0
}

/// Reads what [`encode`] wrote; an error names the byte where it went wrong.
pub(crate) fn decode(bytes: &[u8]) -> Result<Built, String> {
    let mut r = R { b: bytes, pos: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err("not a sitrep gazetteer index (or another version)".into());
    }
    let n = r.len()?;
    let mut places = Vec::with_capacity(n);
    for _ in 0..n {
        places.push(Place {
            name: r.str()?.into(),
            kind: kind_of(r.u8()?)?,
            cc: r.u16()?,
            admin1: r.u32()?,
            lat: r.f32()?,
            lon: r.f32()?,
            pop: r.u32()?,
            gid: r.u32()?,
            flags: r.u8()?,
            head: [r.u8()?, r.u8()?],
        });
    }
    let n = r.len()?;
    let admin1_names = (0..n)
        .map(|_| r.str().map(Into::into))
        .collect::<Res<_>>()?;
    let n = r.len()?;
    let mut keys = Vec::with_capacity(n);
    for _ in 0..n {
        keys.push((r.u64()?, r.u32()?, r.u32()?));
    }
    let n = r.len()?;
    let mut postings = Vec::with_capacity(n);
    for _ in 0..n {
        postings.push(Posting {
            place: r.u32()?,
            how: how_of(r.u8()?)?,
        });
    }
    let n = r.len()?;
    let codes = (0..n)
        .map(|_| r.str().map(str::to_string))
        .collect::<Res<_>>()?;
    let n = r.len()?;
    let country_place = (0..n).map(|_| r.u32()).collect::<Res<_>>()?;
    let n = r.len()?;
    let country_words = (0..n)
        .map(|_| Ok((r.str()?.to_string(), r.u16()?)))
        .collect::<Res<_>>()?;
    let n = r.len()?;
    let demonyms = (0..n)
        .map(|_| Ok((r.u64()?, r.u16()?)))
        .collect::<Res<_>>()?;
    let stop = r.u64s()?;
    let blocked = r.u64s()?;
    let followers = r.u64s()?;
    let person = r.u64s()?;
    let n = r.len()?;
    let official = (0..n)
        .map(|_| Ok((r.u32()?, r.u64()?, r.str()?.into())))
        .collect::<Res<_>>()?;
    if r.pos != bytes.len() {
        return Err(format!("{} trailing bytes", bytes.len() - r.pos));
    }
    Ok(Built {
        places,
        admin1_names,
        keys,
        postings,
        codes,
        country_place,
        country_words,
        demonyms,
        stop,
        blocked,
        followers,
        person,
        official,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded index is what the sources give today: a stale or
    /// mis-encoded index cannot pass.
    #[test]
    fn embedded_index_equals_a_fresh_build_from_the_sources() {
        let fresh = crate::data::load();
        let embedded = decode(crate::BLOB).expect("embedded index decodes");
        assert!(fresh.places.len() > 200_000 && fresh.keys.len() > 500_000);
        // NaN coordinates compare unequal: compare bit patterns through a re-encode.
        assert_eq!(encode(&embedded), encode(&fresh));
        assert_eq!(embedded.places.len(), fresh.places.len());
    }

    #[test]
    fn damaged_index_is_an_error_not_a_panic() {
        let good = encode(&crate::data::load());
        assert!(decode(&good[..good.len() - 3]).is_err());
        assert!(decode(b"SRGAZ\0\0\x03rest").is_err());
        let mut bad = good.clone();
        bad.truncate(40);
        assert!(decode(&bad).is_err());
        assert!(decode(&[]).is_err());
    }
}
