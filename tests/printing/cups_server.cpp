#include "tests/printing/cups_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace lg::printing::test {
namespace {

constexpr const char* kCupsd = "/usr/sbin/cupsd";
constexpr const char* kCupsPdfPpd = "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd";

void write(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

bool can_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

/// A PPD option whose default choice cups-pdf reads as one of its settings.
std::string setting(const std::string& key, const std::string& value) {
  return "*OpenUI *" + key + "/" + key + ": PickOne\n*Default" + key + ": " + value + "\n*" + key + " " +
         value + "/" + value + ": \"\"\n*CloseUI: *" + key + "\n";
}

/// Debian's cups-pdf PPD with US letter as the default size (labelgen's sheets are letter:
/// on an A4 default pdftopdf would shrink every page) and cups-pdf's folders inside the scratch
/// folder.
std::string make_ppd() {
  std::string ppd = lg::test::read_file(kCupsPdfPpd);
  if (ppd.empty()) return {};
  for (const char* key : {"PageSize", "PageRegion", "ImageableArea", "PaperDimension"})
    ppd =
        replace_all(ppd, std::string("*Default") + key + ": A4", std::string("*Default") + key + ": Letter");
  ppd += "*OpenGroup: Labelgen/labelgen test settings\n";
  ppd += setting("Out", "cups-pdf-out");
  ppd += setting("Spool", "cups-pdf-spool");
  ppd += setting("Log", "cups-pdf-log");
  ppd += setting("GSTmp", "cups-pdf-tmp");
  ppd += setting("TitlePref", "1");  // name files after the job title...
  ppd += setting("Label", "1");      // ...prefixed with job_<id>-
  ppd += setting("LogType", "3");
  ppd += "*CloseGroup: Labelgen\n";
  return ppd;
}

}  // namespace

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = 0;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(fd);
  return port;
}

CupsServer::CupsServer(const fs::path& dir) : dir_(dir) {
  if (::geteuid() != 0) {
    error_ = "the CUPS tests need root (cupsd and the cups-pdf backend run as root)";
    return;
  }
  if (::access(kCupsd, X_OK) != 0 || ::access("/usr/lib/cups/backend/cups-pdf", F_OK) != 0 ||
      ::access(kCupsPdfPpd, R_OK) != 0) {
    error_ = "cupsd or cups-pdf is not installed (Debian packages cups, printer-driver-cups-pdf)";
    return;
  }
  // The filters run as user lp: they must reach the spool folder inside the scratch folder.
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  for (const char* d : {"root", "spool", "cache", "state", "log", "cups-pdf-out", "cups-pdf-spool",
                        "cups-pdf-log", "cups-pdf-tmp"})
    fs::create_directories(dir_ / d);
  port_ = free_port();
  if (port_ == 0) {
    error_ = "no free port on 127.0.0.1";
    return;
  }
  const fs::path root = dir_ / "root";
  write(root / "cupsd.conf", "Listen 127.0.0.1:" + std::to_string(port_) +
                                 "\n"
                                 "LogLevel info\nMaxLogSize 0\nBrowsing No\nWebInterface No\n"
                                 "DefaultAuthType None\nJobRetryLimit 0\n"
                                 "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                 "<Policy default>\n"
                                 "  JobPrivateAccess all\n  JobPrivateValues none\n"
                                 "  SubscriptionPrivateAccess all\n  SubscriptionPrivateValues none\n"
                                 "  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n");
  write(root / "cups-files.conf",
        "ServerRoot " + root.string() + "\nRequestRoot " + (dir_ / "spool").string() + "\nCacheDir " +
            (dir_ / "cache").string() + "\nStateDir " + (dir_ / "state").string() + "\nErrorLog " +
            (dir_ / "log/error_log").string() + "\nAccessLog " + (dir_ / "log/access_log").string() +
            "\nPageLog " + (dir_ / "log/page_log").string() + "\nPrintcap\nFileDevice No\n");
  const std::string conf = (root / "cupsd.conf").string(), files = (root / "cups-files.conf").string();
  const std::string out = (dir_ / "cupsd.out").string();
  pid_ = ::fork();
  if (pid_ < 0) {
    error_ = "fork failed";
    return;
  }
  if (pid_ == 0) {
    // The child: cupsd's working folder is the scratch folder (cups-pdf's relative paths), and
    // it ends with the test process even when that crashes.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::chdir(dir_.c_str()) != 0) ::_exit(126);
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, 0);
    ::execl(kCupsd, "cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      error_ = "cupsd exited at start (status " + std::to_string(status) + ")\n" + logs();
      return;
    }
    if (can_connect(port_)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  error_ = "cupsd did not listen on " + address() + " within 15 s\n" + logs();
}

CupsServer::~CupsServer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
}

std::string CupsServer::add_queue(const std::string& name, QueueKind kind) {
  const std::string ppd = make_ppd();
  if (ppd.empty()) return std::string("cannot read or adapt ") + kCupsPdfPpd;
  const fs::path ppd_file = dir_ / (name + ".ppd");
  write(ppd_file, ppd);
  std::string cmd = "lpadmin -h " + address() + " -p " + name + " -E -P '" + ppd_file.string() + "'";
  if (kind == QueueKind::Broken)
    cmd += " -v 'serial:/dev/labelgen-test-missing?baud=9600' -o printer-error-policy=abort-job";
  else
    cmd += " -v cups-pdf:/";
  if (kind == QueueKind::Stopped) cmd += " && cupsdisable -h " + address() + " " + name;
  const auto r = lg::test::run_shell(cmd);
  if (r.exit_code != 0) return "lpadmin exited " + std::to_string(r.exit_code) + ": " + r.err + "\n" + logs();
  return {};
}

std::string CupsServer::logs() const {
  std::string s = "--- cupsd output:\n" + lg::test::read_file(dir_ / "cupsd.out");
  std::string log = lg::test::read_file(dir_ / "log/error_log");
  if (log.size() > 20000) log = "…" + log.substr(log.size() - 20000);
  s += "--- error_log:\n" + log;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_ / "cups-pdf-log", ec))
    s += "--- " + e.path().filename().string() + ":\n" + lg::test::read_file(e.path());
  return s;
}

}  // namespace lg::printing::test
