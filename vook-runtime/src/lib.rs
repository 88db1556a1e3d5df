//! vook-runtime (work in progress).
