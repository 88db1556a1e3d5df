//! vook-codegen (work in progress).
