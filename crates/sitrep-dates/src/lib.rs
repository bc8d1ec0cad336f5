//! sitrep-dates (work in progress)
