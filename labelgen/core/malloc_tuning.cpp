#include "labelgen/core/malloc_tuning.hpp"

#include <malloc.h>

namespace lg {

void tune_malloc() {
  ::mallopt(M_TRIM_THRESHOLD, 512 << 20);
  ::mallopt(M_TOP_PAD, 64 << 20);
  ::mallopt(M_MMAP_THRESHOLD, 64 << 20);
}

}  // namespace lg
