//! Kiln's native backend (work in progress).
