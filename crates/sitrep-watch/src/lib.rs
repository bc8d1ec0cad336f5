//! # sitrep-watch
//!
//! Keeps the store current from live sources: RSS and Atom feeds (each new
//! or updated item's page fetched, extracted as `sitrep extract` does for
//! HTML, and stored) and directories where new or changed article files
//! appear. Used by `sitrep watch` and `sitrep serve --watch`.
//!
//! The parts, each behind a small interface and pure where it can be:
//!
//! | module | what |
//! |---|---|
//! | [`sources`] | command-line sources: feed URLs, feed lists (`URL [outlet name]` per line, `#` comments), directories |
//! | [`feed`] | feed bytes → items (`feed-rs`), relative links resolved, entities decoded, named errors for HTML, truncated or malformed feeds, unreadable dates listed |
//! | [`http`] | the [`Fetcher`](http::Fetcher) interface and the real client (`ureq` + rustls/ring): http(s) only, bounded size, time and redirects, conditional requests, User-Agent naming sitrep |
//! | [`policy`] | no private, loopback or reserved address unless the user named the host |
//! | [`schedule`] | when to fetch: interval, backoff on errors, `Retry-After`, per-host politeness ([`HostGate`](schedule::HostGate)) — functions of the state and a given time |
//! | [`dir`] | which files of a watched directory to read now |
//! | [`watcher`] | the cycle and the loop; state in the store (`sitrep_store::watch`), written so that a kill at any point loses nothing committed |
//! | [`clock`] | the injected clock |

pub mod clock;
pub mod dir;
pub mod error;
pub mod feed;
pub mod http;
pub mod policy;
pub mod schedule;
pub mod sources;
pub mod watcher;

pub use clock::{Clock, SystemClock};
pub use error::{FeedError, FetchError, ItemError};
pub use sources::{FeedSpec, Sources};
pub use watcher::{CycleReport, Log, Options, SourceReport, Watcher};
