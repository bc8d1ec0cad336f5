//! Panics and closed pipes, as a user meets them.
//!
//! - A bug that panics on one article costs that article only: [`guarded`]
//!   turns the panic into an error that the caller prints as **one** stderr line
//!   naming the file (`sitrep: skipped FILE: internal error while extracting
//!   (please report): MESSAGE at SRC:LINE`). The panic message and backtrace
//!   that Rust prints by default appear only when `RUST_BACKTRACE` is set.
//! - A closed stdout (`sitrep events | head -2`) is a normal end: every command
//!   stops writing and exits 0 without a message ([`is_broken_pipe`],
//!   [`install_panic_hook`] for `println!`, which panics on a closed pipe).

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Inside [`guarded`] on this thread.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last guarded panic happened (`file:line`).
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// True when the user asked for backtraces (`RUST_BACKTRACE` set and not `0`).
fn backtraces_wanted() -> bool {
    std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0")
}

/// True for the panic `println!`/`print!` raise when stdout is a closed pipe.
fn is_closed_stdout_panic(msg: &str) -> bool {
    msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe")
}

/// The panic's message (a `String` or `&str` payload).
pub fn payload_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Installs the process's panic hook: silent inside [`guarded`] (the caller
/// reports one line) and for a closed stdout, unless `RUST_BACKTRACE` is set;
/// Rust's default report everywhere else.
pub fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let msg = payload_message(info.payload());
        if GUARDED.with(Cell::get) {
            LOCATION.with(|l| {
                *l.borrow_mut() = info.location().map(|l| format!("{}:{}", l.file(), l.line()))
            });
            if !backtraces_wanted() {
                return;
            }
        }
        if is_closed_stdout_panic(&msg) && !backtraces_wanted() {
            return;
        }
        default(info);
    }));
}

/// Runs `f`; a panic inside becomes `Err("MESSAGE at FILE:LINE")`.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = GUARDED.with(|g| g.replace(true));
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    r.map_err(|p| {
        let msg = payload_message(p.as_ref());
        match LOCATION.with(|l| l.borrow_mut().take()) {
            Some(at) => format!("{msg} at {at}"),
            None => msg,
        }
    })
}

/// True when `e` (or any error it wraps) is a closed pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// True when a panic payload is `println!`'s closed-stdout panic.
pub fn is_broken_pipe_panic(p: &(dyn std::any::Any + Send)) -> bool {
    is_closed_stdout_panic(&payload_message(p))
}
