#include "labelgen/cli/options.hpp"

#include <ctime>
#include <iostream>

namespace lg::cli {

std::optional<int> parse_options(const char* command, const char* synopsis, po::options_description& desc,
                                 const po::positional_options_description* positional, const Args& args,
                                 po::variables_map& vm) {
  desc.add_options()("help,h", "show this help");
  try {
    auto parser = po::command_line_parser(args).options(desc);
    if (positional) parser.positional(*positional);
    po::store(parser.run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: labelgen " << command << " " << synopsis << "\n\n" << desc << "\n";
      return kOk;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "labelgen " << command << ": " << e.what() << "\n(see labelgen " << command << " --help)\n";
    return kUsage;
  }
  return std::nullopt;
}

std::optional<admin::Administration> load_admin_or_report(const char* command, const std::string& year) {
  auto y = AdminYear::parse(year);
  if (!y) {
    std::cerr << "labelgen " << command << ": --admin: " << y.error().message << "\n";
    return std::nullopt;
  }
  auto a = admin::find_administration(*y);
  if (!a) {
    std::cerr << "labelgen " << command << ": " << a.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*a);
}

std::optional<std::shared_ptr<const barcode::MacKey>> load_signing_key_or_report(const char* command,
                                                                                 const std::string& path) {
  if (path.empty()) return std::shared_ptr<const barcode::MacKey>();
  auto ring = barcode::KeyRing::load(path);
  if (!ring) {
    std::cerr << "labelgen " << command << ": --key-file: " << ring.error().message << "\n";
    return std::nullopt;
  }
  const barcode::MacKey* key = ring->signing_key();
  if (!key) {
    std::cerr << "labelgen " << command << ": --key-file: " << path
              << " has no signing key (mark one key with 'sign')\n";
    return std::nullopt;
  }
  return std::make_shared<const barcode::MacKey>(*key);
}

Date local_today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date::from_ymd(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                        static_cast<unsigned>(tm.tm_mday));
}

}  // namespace lg::cli
