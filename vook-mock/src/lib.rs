//! vook-mock (work in progress).
