#pragma once
/// Shared Boost.Program_options plumbing for subcommands.
#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "labelgen/admin/administration.hpp"
#include "labelgen/cli/command.hpp"

namespace lg::cli {

namespace po = boost::program_options;

/// Parses `args` against `desc` (+ --help). Returns an exit code when the command should stop
/// (help printed → 0, bad usage → 2), or nullopt to go on.
std::optional<int> parse_options(const char* command, const char* synopsis, po::options_description& desc,
                                 const po::positional_options_description* positional, const Args& args,
                                 po::variables_map& vm);

/// Loads the administration named by --admin, printing an error on failure.
std::optional<admin::Administration> load_admin_or_report(const char* command, const std::string& year);

}  // namespace lg::cli
