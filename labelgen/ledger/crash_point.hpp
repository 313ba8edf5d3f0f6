#pragma once
/// Internal: test support for Ledger::crash_point.
namespace lg::ledger::detail {

/// Forgets the crash-point countdown so that the next Ledger::crash_point call reads
/// LABELGEN_LEDGER_FAIL_AFTER again (for a forked test child that sets it with setenv).
void reset_crash_point();

}  // namespace lg::ledger::detail
