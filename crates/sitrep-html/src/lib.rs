//! sitrep-html (work in progress)
