#pragma once
/// Process-wide glibc malloc tuning, set once by a program's main (never by a library).

namespace lg {

/// Keeps freed memory mapped (trim threshold 512 MB, top pad 64 MB, mmap threshold 64 MB):
/// libharu's allocation churn, ZXing's per-call bit matrices and page rasters would otherwise
/// be returned to the kernel and faulted back in (a third of decode time, most of rasterizing).
/// Idempotent.
void tune_malloc();

}  // namespace lg
