#include "labelgen/ledger/crash_point.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>

#include "labelgen/ledger/ledger.hpp"

namespace lg::ledger {
namespace {

struct Countdown {
  bool loaded = false;
  long long remaining = 0;  ///< 0: disabled
};

Countdown& countdown() {
  static Countdown c;
  return c;
}

}  // namespace

void detail::reset_crash_point() { countdown() = Countdown{}; }

void Ledger::crash_point(const char* where) {
  Countdown& c = countdown();
  if (!c.loaded) {
    // Read lazily, once: the first call after start-up (or after reset_crash_point).
    c.loaded = true;
    c.remaining = 0;
    if (const char* env = std::getenv("LABELGEN_LEDGER_FAIL_AFTER"); env && *env) {
      char* end = nullptr;
      const long long n = std::strtoll(env, &end, 10);
      if (end && *end == '\0' && n > 0) c.remaining = n;
    }
  }
  if (c.remaining <= 0) return;
  if (--c.remaining > 0) return;
  std::string msg = "labelgen: LABELGEN_LEDGER_FAIL_AFTER reached at ledger crash point '";
  msg += where ? where : "?";
  msg += "'; killing the process\n";
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, msg.data(), msg.size());
  std::raise(SIGKILL);
}

}  // namespace lg::ledger
