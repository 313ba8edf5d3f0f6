#pragma once
/// The command-line front end: each subcommand parses its options and calls one stage entry point.
#include <string>
#include <vector>

namespace lg::cli {

/// Documented exit codes (see README "Exit codes").
enum ExitCode : int {
  kOk = 0,           ///< done
  kNothingToDo = 1,  ///< nothing to do / date outside every window: not an error
  kUsage = 2,        ///< bad command line
  kBadInput = 3,     ///< unreadable or invalid input (events file, administration, template)
  kIoFailure = 4,    ///< could not write output
  kLockHeld = 5,     ///< another run holds the lock
  kNotReady = 6,     ///< verify: a group is not ready to ship
  kInternal = 70,    ///< bug
};

using Args = std::vector<std::string>;

int cmd_schedule(const Args& args);
int cmd_plan(const Args& args);
int cmd_run(const Args& args);
int cmd_status(const Args& args);
int cmd_reprint(const Args& args);
int cmd_proof(const Args& args);
int cmd_print(const Args& args);
int cmd_calibrate(const Args& args);
int cmd_verify(const Args& args);
int cmd_purge(const Args& args);

}  // namespace lg::cli
