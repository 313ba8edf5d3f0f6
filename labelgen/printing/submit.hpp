#pragma once
/// Printing through CUPS (libcups): each document becomes one job on a queue, sent with its
/// document-format and copies, and followed until it reaches a final state (completed,
/// aborted, canceled) or a timeout. Jobs go one at a time in the given order, so a batch
/// prints in packing order; by default sending stops at the first job that does not complete.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/printing/document.hpp"

namespace lg::printing {

/// IPP job states (RFC 8011 job-state), plus Rejected for a job the server did not accept.
enum class JobState { Pending, Held, Processing, Stopped, Canceled, Aborted, Completed, Rejected };
/// `pending`, `held`, `processing`, `stopped`, `canceled`, `aborted`, `completed`, `rejected`.
std::string_view job_state_name(JobState state);
/// Completed, canceled, aborted and rejected jobs change no more.
bool is_final(JobState state);

struct SubmitOptions {
  std::string queue;  ///< CUPS queue (printer) name
  /// CUPS server, `host[:port]` or a socket path; empty: libcups' default (CUPS_SERVER,
  /// client.conf, then the local scheduler).
  std::string server;
  int copies = 1;
  /// How long to wait for each job to reach a final state after it was sent.
  std::chrono::milliseconds timeout = std::chrono::minutes(5);
  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(200);
  /// Stop sending at the first job that does not complete (the rest stays unsent).
  bool stop_on_failure = true;
};

/// What became of one document.
struct JobResult {
  std::filesystem::path file;
  std::string title;
  int job_id = 0;        ///< 0 when the server did not create the job
  std::string job_name;  ///< `<queue>-<id>`, as lpstat shows it
  JobState state = JobState::Rejected;
  bool timed_out = false;  ///< the wait ended before a final state; `state` is the last seen
  std::string message;     ///< the printer's or server's message, or job-state-reasons
  bool completed() const { return state == JobState::Completed; }
};

/// The jobs of one submission in sending order; documents after a failure are not sent.
struct SubmitReport {
  std::string server;  ///< `host:port` (or socket) actually used
  std::string queue;
  std::vector<JobResult> jobs;
  std::vector<std::filesystem::path> not_sent;
  bool all_completed() const;
};

/// The server that `options` resolve to, as `host:port` (no connection is made).
std::string server_name(const SubmitOptions& options);

/// Called after each job reaches its end (final state, timeout or rejection).
using JobCallback = std::function<void(const JobResult&)>;

/// Sends `documents` to `options.queue`, one job each, in order, waiting for each job's final
/// state. Fails (field `server`) when the server cannot be reached, (field `queue`) when it has
/// no such queue; every job's outcome, good or bad, is a value in the report.
Result<SubmitReport> submit(const std::vector<Document>& documents, const SubmitOptions& options,
                            const JobCallback& on_job = {});

}  // namespace lg::printing
