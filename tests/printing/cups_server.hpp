#pragma once
// A private CUPS scheduler for the printing tests: Debian's /usr/sbin/cupsd run in the
// foreground as a child process, listening on a free loopback port, with its ServerRoot, spool,
// cache, state and logs inside a scratch folder, and virtual printers of printer-driver-cups-pdf.
// Killed (SIGTERM, then SIGKILL) when the object dies.
//
// cups-pdf reads /etc/cups/cups-pdf.conf (a path compiled into it), then the default choice of
// every option of the queue's PPD whose keyword is one of its settings, then the job's options.
// libcups drops everything from the first '/' of a PPD default, so the PPD can only name paths
// relative to the backend's working folder, which is cupsd's: the test starts cupsd inside the
// scratch folder and gives Out/Spool/Log/GSTmp as relative names of folders it made there (a
// relative folder that does not exist crashes cups-pdf 3.0.1's create_dir). Nothing outside
// the scratch folder is read for configuration except cups-pdf.conf, and nothing is written
// outside it. The cups-pdf backend needs root (it is mode 0700 and calls setuid(0)), as does
// cupsd here: the tests run as root (CI too).
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "tests/support/support.hpp"

namespace lg::printing::test {

namespace fs = std::filesystem;

/// Test queues.
enum class QueueKind {
  /// A virtual PDF printer: CUPS turns a PDF job into PostScript (pdftopdf, pdftops), and
  /// Debian's cups-pdf 3.0.1 (which has no PDF pass-through) has Ghostscript write a PDF of it.
  CupsPdf,
  Broken,   ///< a serial port that does not exist; error policy abort-job
  Stopped,  ///< a cups-pdf queue that accepts jobs but is stopped (cupsdisable): jobs stay pending
};

class CupsServer {
 public:
  /// Starts cupsd in `dir` (which must exist and be empty). Check ok() / error().
  explicit CupsServer(const fs::path& dir);
  ~CupsServer();
  CupsServer(const CupsServer&) = delete;
  CupsServer& operator=(const CupsServer&) = delete;

  bool ok() const { return error_.empty(); }
  /// Why the server is not usable, with its logs.
  const std::string& error() const { return error_; }
  /// `127.0.0.1:<port>`.
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  /// Where the cups-pdf queues write their PDFs (`job_<id>-<title>.pdf`).
  fs::path output_dir() const { return dir_ / "cups-pdf-out"; }
  /// Adds an enabled queue; returns an empty string or what went wrong (with the logs).
  std::string add_queue(const std::string& name, QueueKind kind);
  /// cupsd's error log, cupsd's own output and the cups-pdf logs.
  std::string logs() const;

 private:
  fs::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::string error_;
};

/// A free TCP port on 127.0.0.1 (bound, read and released).
int free_port();

}  // namespace lg::printing::test
