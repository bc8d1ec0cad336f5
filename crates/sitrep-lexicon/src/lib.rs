//! sitrep-lexicon (work in progress)
