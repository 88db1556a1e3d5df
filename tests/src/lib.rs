//! vook-tests (work in progress).
