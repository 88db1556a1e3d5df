//! vook-client (work in progress).
