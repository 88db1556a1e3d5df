//! vook-macros (work in progress).
