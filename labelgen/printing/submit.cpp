#include "labelgen/printing/submit.hpp"

#include <fstream>
#include <thread>
#include <vector>

#include "labelgen/printing/cups_handles.hpp"

namespace lg::printing {
namespace {

JobState from_ipp(int state) {
  switch (state) {
    case IPP_JSTATE_PENDING:
      return JobState::Pending;
    case IPP_JSTATE_HELD:
      return JobState::Held;
    case IPP_JSTATE_PROCESSING:
      return JobState::Processing;
    case IPP_JSTATE_STOPPED:
      return JobState::Stopped;
    case IPP_JSTATE_CANCELED:
      return JobState::Canceled;
    case IPP_JSTATE_ABORTED:
      return JobState::Aborted;
    case IPP_JSTATE_COMPLETED:
      return JobState::Completed;
    default:
      return JobState::Pending;
  }
}

/// Applies the server choice to libcups (per thread) and returns what it resolves to.
std::string use_server(const SubmitOptions& options) {
  if (!options.server.empty()) cupsSetServer(options.server.c_str());
  const std::string host = cupsServer();
  if (!host.empty() && host[0] == '/') return host;  // a local domain socket
  return host + ":" + std::to_string(ippPort());
}

std::string last_error() {
  const char* s = cupsLastErrorString();
  return s && *s ? s : ippErrorString(cupsLastError());
}

/// One look at a job: its state and what the printer or server says about it.
struct Seen {
  JobState state = JobState::Pending;
  std::string message;
};

Result<Seen> look_at_job(http_t* http, const std::string& printer_uri, int job_id) {
  cups::Ipp request(ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES));
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri.c_str());
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  static const char* const kWanted[] = {"job-state", "job-state-reasons", "job-printer-state-message"};
  ippAddStrings(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr,
                kWanted);
  cups::Ipp response(cupsDoRequest(http, request.release(), "/"));
  if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
    return fail("job", "cannot read the state of job " + std::to_string(job_id) + ": " + last_error());
  Seen seen;
  ipp_attribute_t* state = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM);
  if (!state) return fail("job", "the server sent no state for job " + std::to_string(job_id));
  seen.state = from_ipp(ippGetInteger(state, 0));
  if (ipp_attribute_t* m = ippFindAttribute(response.get(), "job-printer-state-message", IPP_TAG_TEXT)) {
    if (const char* s = ippGetString(m, 0, nullptr); s && *s) seen.message = s;
  }
  if (seen.message.empty()) {
    if (ipp_attribute_t* r = ippFindAttribute(response.get(), "job-state-reasons", IPP_TAG_KEYWORD)) {
      for (int i = 0; i < ippGetCount(r); ++i) {
        const char* s = ippGetString(r, i, nullptr);
        if (!s || std::string_view(s) == "none") continue;
        if (!seen.message.empty()) seen.message += ", ";
        seen.message += s;
      }
    }
  }
  return seen;
}

/// Sends one document as one job; on success the result holds the job id (state Pending).
JobResult send(http_t* http, cups_dest_t* dest, cups_dinfo_t* info, const Document& doc, int copies) {
  JobResult r;
  r.file = doc.path;
  r.title = doc.title;
  std::ifstream in(doc.path, std::ios::binary);
  if (!in) {
    r.message = "cannot read " + doc.path.string();
    return r;
  }
  cups::Options options;
  if (copies != 1) options.add("copies", std::to_string(copies));
  int job_id = 0;
  if (cupsCreateDestJob(http, dest, info, &job_id, doc.title.c_str(), options.count(), options.get()) >
          IPP_STATUS_OK_CONFLICTING ||
      job_id <= 0) {
    r.message = "the server did not create the job: " + last_error();
    return r;
  }
  r.job_id = job_id;
  r.job_name = std::string(dest->name) + "-" + std::to_string(job_id);
  const std::string docname = doc.path.filename().string();
  bool sent = cupsStartDestDocument(http, dest, info, job_id, docname.c_str(), doc.format.c_str(),
                                    options.count(), options.get(), 1) == HTTP_STATUS_CONTINUE;
  std::string why = sent ? "" : last_error();
  std::vector<char> buffer(64 * 1024);
  while (sent) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    if (cupsWriteRequestData(http, buffer.data(), n) != HTTP_STATUS_CONTINUE) {
      sent = false;
      why = last_error();
    }
  }
  if (sent && in.bad()) {
    sent = false;
    why = "reading " + doc.path.string() + " failed";
  }
  if (cupsFinishDestDocument(http, dest, info) > IPP_STATUS_OK_CONFLICTING && sent) {
    sent = false;
    why = last_error();
  }
  if (!sent) {
    cupsCancelDestJob(http, dest, job_id);
    r.message = "sending the document failed: " + why;
    return r;
  }
  r.state = JobState::Pending;
  return r;
}

/// Follows a sent job until a final state or the timeout.
void wait_for(http_t* http, const std::string& printer_uri, JobResult& job, const SubmitOptions& options) {
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  for (;;) {
    auto seen = look_at_job(http, printer_uri, job.job_id);
    if (seen) {
      job.state = seen->state;
      job.message = seen->message;
      if (is_final(job.state)) return;
    } else {
      job.message = seen.error().message;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      job.timed_out = true;
      return;
    }
    std::this_thread::sleep_for(options.poll_interval);
  }
}

}  // namespace

std::string_view job_state_name(JobState state) {
  switch (state) {
    case JobState::Pending:
      return "pending";
    case JobState::Held:
      return "held";
    case JobState::Processing:
      return "processing";
    case JobState::Stopped:
      return "stopped";
    case JobState::Canceled:
      return "canceled";
    case JobState::Aborted:
      return "aborted";
    case JobState::Completed:
      return "completed";
    case JobState::Rejected:
      return "rejected";
  }
  return "unknown";
}

bool is_final(JobState state) {
  return state == JobState::Completed || state == JobState::Canceled || state == JobState::Aborted ||
         state == JobState::Rejected;
}

bool SubmitReport::all_completed() const {
  if (!not_sent.empty()) return false;
  for (const auto& j : jobs)
    if (!j.completed()) return false;
  return true;
}

std::string server_name(const SubmitOptions& options) { return use_server(options); }

Result<SubmitReport> submit(const std::vector<Document>& documents, const SubmitOptions& options,
                            const JobCallback& on_job) {
  if (options.queue.empty()) return fail("queue", "no CUPS queue given");
  if (options.copies < 1) return fail("copies", "copies must be at least 1");
  SubmitReport report;
  report.server = use_server(options);
  report.queue = options.queue;
  cups::Http http(
      httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 30000, nullptr));
  if (!http)
    return fail("server", "cannot connect to the CUPS server " + report.server + ": " + last_error());
  cups::Dests dest(cupsGetNamedDest(http.get(), options.queue.c_str(), nullptr), 1);
  if (!dest)
    return fail("queue", "the CUPS server " + report.server + " has no queue \"" + options.queue +
                             "\" (lpstat -h " + report.server + " -p lists its queues)");
  cups::DestInfo info(cupsCopyDestInfo(http.get(), dest.front()));
  if (!info)
    return fail("queue", "cannot read the details of queue \"" + options.queue + "\" on " + report.server +
                             ": " + last_error());
  std::string printer_uri;
  if (const char* uri =
          cupsGetOption("printer-uri-supported", dest.front()->num_options, dest.front()->options)) {
    printer_uri = uri;
  } else {
    char buf[1024];
    httpAssembleURIf(HTTP_URI_CODING_ALL, buf, sizeof buf, "ipp", nullptr, "localhost", ippPort(),
                     "/printers/%s", options.queue.c_str());
    printer_uri = buf;
  }
  for (std::size_t i = 0; i < documents.size(); ++i) {
    JobResult job = send(http.get(), dest.front(), info.get(), documents[i], options.copies);
    if (job.job_id > 0 && job.state == JobState::Pending) wait_for(http.get(), printer_uri, job, options);
    const bool ok = job.completed();
    report.jobs.push_back(job);
    if (on_job) on_job(report.jobs.back());
    if (!ok && options.stop_on_failure) {
      for (std::size_t k = i + 1; k < documents.size(); ++k) report.not_sent.push_back(documents[k].path);
      break;
    }
  }
  return report;
}

}  // namespace lg::printing
