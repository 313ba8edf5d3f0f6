#pragma once
/// Shared fixtures of the admin tests: a small valid administration file and an environment guard.
#include <cstdlib>
#include <optional>
#include <string>

namespace lg::test {

/// A valid administration file for the made-up year 2030-31: two LEAs, two windows.
inline std::string minimal_administration_toml() {
  return R"(# test administration
year = "2030-31"
title = "Test administration"
source = "test.txt"
code_kind = "cds14"
hold_days = 30
last_ship_date = 2030-12-09
tested_on_or_before = 2030-10-31

[[windows]]
start = 2030-07-01
end = 2030-07-31
preid_arrival = 2030-08-19
ship_by = 2030-09-06

[[windows]]
start = 2030-08-05
end = 2030-09-03
preid_arrival = 2030-09-23
ship_by = 2030-10-14

[[programs]]
id = "rsvp"
name = "RSVP"
form = 1
grades = ["KN", "01", "02"]
leas = [
  { code = "19642120000000", name = "ABC Unified" },
  { code = "19647330100743", name = "Accelerated Charter Elementary" },
]
)";
}

/// Sets an environment variable for the lifetime of the object, then restores the old value.
class EnvGuard {
 public:
  EnvGuard(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    ::setenv(name_.c_str(), value.c_str(), 1);
  }
  ~EnvGuard() {
    if (old_)
      ::setenv(name_.c_str(), old_->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }
  EnvGuard(const EnvGuard&) = delete;
  EnvGuard& operator=(const EnvGuard&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace lg::test
