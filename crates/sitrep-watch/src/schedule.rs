//! When to fetch: pure functions of the state and a given time (Unix ms).
//!
//! - a feed is due when its `next_fetch` has come (or it was never fetched);
//! - after a success the next fetch is one interval later;
//! - after a failure the interval doubles per consecutive failure, up to
//!   [`MAX_BACKOFF_MS`], and never earlier than a server's `Retry-After`
//!   (itself capped at [`MAX_RETRY_AFTER_MS`]);
//! - a failed item is tried again after a delay that doubles per attempt;
//! - requests to one host are spaced by the politeness delay ([`HostGate`]).

use std::collections::HashMap;

/// Longest wait between two fetches of a failing feed.
pub const MAX_BACKOFF_MS: i64 = 6 * 3600 * 1000;
/// Longest `Retry-After` honoured (longer asks are cut to this).
pub const MAX_RETRY_AFTER_MS: i64 = 24 * 3600 * 1000;
/// First retry delay of a failed item, doubled per attempt (capped at [`MAX_BACKOFF_MS`]).
pub const ITEM_RETRY_MS: i64 = 60 * 1000;

/// Whether a source is due at `now`.
pub fn is_due(next_fetch: Option<i64>, now: i64) -> bool {
    next_fetch.is_none_or(|t| t <= now)
}

/// Next fetch after a success.
pub fn next_after_success(now: i64, every_ms: i64) -> i64 {
    now + every_ms.max(1)
}

/// Next fetch after the `failures`-th consecutive failure (1 = first).
pub fn next_after_failure(
    now: i64,
    every_ms: i64,
    failures: u32,
    retry_after_ms: Option<i64>,
) -> i64 {
    let every = every_ms.max(1);
    let exp = failures.saturating_sub(1).min(20);
    let backoff = every
        .saturating_mul(1i64 << exp)
        .min(MAX_BACKOFF_MS.max(every));
    let t = now + backoff;
    match retry_after_ms {
        Some(ra) => t.max(now + ra.clamp(0, MAX_RETRY_AFTER_MS)),
        None => t,
    }
}

/// When a failed item is tried again, after its `attempts`-th failure.
pub fn item_next_try(now: i64, attempts: u32, retry_after_ms: Option<i64>) -> i64 {
    let exp = attempts.saturating_sub(1).min(20);
    let t = now
        + ITEM_RETRY_MS
            .saturating_mul(1i64 << exp)
            .min(MAX_BACKOFF_MS);
    match retry_after_ms {
        Some(ra) => t.max(now + ra.clamp(0, MAX_RETRY_AFTER_MS)),
        None => t,
    }
}

/// `Retry-After` as a delay in ms from `now`: delta-seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: i64) -> Option<i64> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some((secs.min(i64::MAX as u64 / 1000) as i64).saturating_mul(1000));
    }
    let t = httpdate::parse_http_date(v).ok()?;
    let ms = t
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_millis()
        .min(i64::MAX as u128) as i64;
    Some((ms - now).max(0))
}

/// Spacing of requests per host: each request to a host waits until the
/// politeness delay has passed since the previous one, or until the end of a
/// pause the host asked for (429/503 with `Retry-After`).
#[derive(Debug, Default, Clone)]
pub struct HostGate {
    delay_ms: i64,
    next_free: HashMap<String, i64>,
    paused_until: HashMap<String, i64>,
}

impl HostGate {
    pub fn new(delay_ms: i64) -> Self {
        HostGate {
            delay_ms: delay_ms.max(0),
            ..Default::default()
        }
    }

    /// Books the next request to `host`: the time it may be sent (≥ `now`).
    pub fn reserve(&mut self, host: &str, now: i64) -> i64 {
        let free = self.next_free.get(host).copied().unwrap_or(i64::MIN);
        let at = now.max(free);
        self.next_free.insert(host.to_string(), at + self.delay_ms);
        at
    }

    /// The host asked for a pause: no request before `until`.
    pub fn pause(&mut self, host: &str, until: i64) {
        let e = self.paused_until.entry(host.to_string()).or_insert(until);
        *e = (*e).max(until);
    }

    /// Until when the host is paused, if it is at `now`.
    pub fn paused(&self, host: &str, now: i64) -> Option<i64> {
        self.paused_until.get(host).copied().filter(|&t| t > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn success_waits_one_interval_and_failures_back_off() {
        assert!(is_due(None, 0));
        assert!(is_due(Some(100), 100));
        assert!(!is_due(Some(101), 100));
        assert_eq!(next_after_success(1_000, 5 * MIN), 1_000 + 5 * MIN);
        let every = 5 * MIN;
        let waits: Vec<i64> = (1..=8)
            .map(|f| next_after_failure(0, every, f, None))
            .collect();
        assert_eq!(&waits[..4], &[5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN]);
        assert!(
            waits.windows(2).all(|w| w[0] <= w[1]),
            "never shrinks: {waits:?}"
        );
        assert_eq!(*waits.last().unwrap(), MAX_BACKOFF_MS, "capped");
        // An interval longer than the cap is kept.
        assert_eq!(next_after_failure(0, 24 * 60 * MIN, 3, None), 24 * 60 * MIN);
        // Retry-After is honoured when longer, capped at a day.
        assert_eq!(next_after_failure(0, every, 1, Some(30 * MIN)), 30 * MIN);
        assert_eq!(next_after_failure(0, every, 1, Some(MIN)), every);
        assert_eq!(
            next_after_failure(0, every, 1, Some(i64::MAX)),
            MAX_RETRY_AFTER_MS
        );
    }

    #[test]
    fn items_retry_later_each_time() {
        assert_eq!(item_next_try(0, 1, None), ITEM_RETRY_MS);
        assert_eq!(item_next_try(0, 2, None), 2 * ITEM_RETRY_MS);
        assert_eq!(item_next_try(0, 40, None), MAX_BACKOFF_MS);
        assert_eq!(item_next_try(0, 1, Some(10 * MIN)), 10 * MIN);
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after("120", 0), Some(120_000));
        assert_eq!(parse_retry_after(" 0 ", 5), Some(0));
        // Sun, 06 Nov 1994 08:49:37 GMT = 784111777 s.
        let now = 784_111_777_000 - 30_000;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(30_000)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now + 60_000),
            Some(0)
        );
        assert_eq!(parse_retry_after("soon", 0), None);
        assert_eq!(parse_retry_after("-5", 0), None);
    }

    #[test]
    fn requests_to_one_host_are_spaced_and_pauses_hold() {
        let mut g = HostGate::new(1_000);
        assert_eq!(g.reserve("a", 10_000), 10_000);
        assert_eq!(g.reserve("a", 10_000), 11_000);
        assert_eq!(g.reserve("a", 10_500), 12_000);
        assert_eq!(g.reserve("b", 10_500), 10_500, "hosts are independent");
        assert_eq!(
            g.reserve("a", 20_000),
            20_000,
            "no wait once the delay passed"
        );
        assert_eq!(g.paused("a", 0), None);
        g.pause("a", 50_000);
        g.pause("a", 40_000);
        assert_eq!(
            g.paused("a", 30_000),
            Some(50_000),
            "the longer pause stands"
        );
        assert_eq!(g.paused("a", 50_000), None);
        let mut z = HostGate::new(0);
        assert_eq!(z.reserve("a", 5), 5);
        assert_eq!(z.reserve("a", 5), 5);
    }
}
