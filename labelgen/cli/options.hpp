#pragma once
/// Shared Boost.Program_options plumbing for subcommands.
#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include <memory>

#include "labelgen/admin/administration.hpp"
#include "labelgen/barcode/mac.hpp"
#include "labelgen/core/date.hpp"
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

/// Today's date in the local time zone (the LEA's calendar).
Date local_today();

/// Loads the signing key of `--key-file` (empty path: no key, unsigned labels). Prints an
/// error and returns nullopt when the file is unreadable, too open (chmod 600) or has no
/// signing key.
std::optional<std::shared_ptr<const barcode::MacKey>> load_signing_key_or_report(const char* command,
                                                                                 const std::string& path);

}  // namespace lg::cli
