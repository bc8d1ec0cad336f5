//! sitrep-gazetteer (work in progress)
