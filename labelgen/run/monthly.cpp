#include "labelgen/run/monthly.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <tuple>
#include <unordered_map>

#include "labelgen/run/planned_batch.hpp"

namespace lg::run {
namespace {

std::string student_key(const std::string& ssid, Form form) {
  return ssid + "/" + std::to_string(form_number(form));
}

std::vector<std::string> printed_changes(const ledger::IssuedLabel& issued, const SsrEvent& latest) {
  std::vector<std::string> changed;
  if (issued.printed_name != latest.name.label_form()) changed.push_back("printed_name");
  if (issued.event.birth_date != latest.birth_date) changed.push_back("birth_date");
  if (issued.event.grade != latest.grade) changed.push_back("grade");
  if (issued.event.school_cds != latest.school_cds) changed.push_back("school_cds");
  if (issued.event.lea_cds != latest.lea_cds) changed.push_back("lea_cds");
  return changed;
}

}  // namespace

Result<rules::Label> to_label(const admin::Administration& admin, const ledger::IssuedLabel& issued) {
  rules::Label l;
  l.event = issued.event;
  l.batch = issued.batch;
  for (const auto& p : admin.programs)
    if (p.id == issued.program_id) l.program = &p;
  if (!l.program) l.program = admin.program_for(issued.event.form);
  if (!issued.window_start.empty()) {
    auto start = Date::parse(issued.window_start);
    if (!start) return fail("window_start", "ledger label " + std::to_string(issued.serial) + ": bad window");
    for (const auto& w : admin.windows)
      if (w.start == *start) l.window = w;
    if (!l.window)
      return fail("window_start", "ledger label " + std::to_string(issued.serial) + ": window " +
                                      issued.window_start + " is not in the administration file");
  }
  if (!issued.hold_until.empty()) {
    auto d = Date::parse(issued.hold_until);
    if (!d) return fail("hold_until", "ledger label " + std::to_string(issued.serial) + ": bad hold date");
    l.hold_until = *d;
  }
  return l;
}

Result<RunResult> rerender(const admin::Administration& admin, ledger::Ledger& ledger,
                           const RunOptions& options) {
  auto issued = ledger.batch_labels(admin.year.str(), options.batch);
  if (!issued) return std::unexpected(issued.error());
  if (issued->empty()) return fail("batch", "batch " + options.batch + " is not in the ledger");
  auto gis = ledger.batch_gis(admin.year.str(), options.batch);
  if (!gis) return std::unexpected(gis.error());
  std::vector<rules::Label> labels;
  labels.reserve(issued->size());
  std::uint32_t first_serial = issued->front().serial;
  for (const auto& i : *issued) {
    auto l = to_label(admin, i);
    if (!l) return std::unexpected(l.error());
    labels.push_back(std::move(*l));
    first_serial = std::min(first_serial, i.serial);
  }
  std::uint32_t first_gis = gis->empty() ? 1 : gis->front().gis_serial;
  for (const auto& g : *gis) first_gis = std::min(first_gis, g.gis_serial);
  // Serials of a batch are contiguous and were assigned in packing order, so packing the same
  // labels again reproduces them; check it label by label.
  auto packs = pack(labels, first_serial, first_gis);
  std::unordered_map<std::string, std::uint32_t> expected;
  for (const auto& i : *issued) expected[student_key(i.event.ssid.str(), i.event.form)] = i.serial;
  for (const auto& p : packs)
    for (const auto& g : p.groups)
      for (std::size_t k = 0; k < g.labels.size(); ++k)
        if (expected[student_key(g.labels[k]->event.ssid.str(), g.labels[k]->event.form)] != g.serials[k])
          return fail("batch", "batch " + options.batch +
                                   ": ledger serials are not in packing order; cannot re-render");
  RunOptions o = options;
  o.labels_only = options.labels_only || gis->empty();  // one-label reprints have no GIS
  auto staged = render_batch(admin, packs, o);
  if (!staged) return std::unexpected(staged.error());
  auto dir = publish(*staged, o);
  if (!dir) return std::unexpected(dir.error());
  return std::move(staged->result);
}

Result<std::vector<std::string>> recover(const admin::Administration& admin, ledger::Ledger& ledger,
                                         const RunOptions& options) {
  std::vector<std::string> recovered;
  remove_stale_staging(options.out_dir);
  auto batches = ledger.batches(admin.year.str());
  if (!batches) return std::unexpected(batches.error());
  for (const auto& b : *batches) {
    std::error_code ec;
    if (b.issued == 0 || std::filesystem::exists(options.out_dir / b.batch, ec)) continue;
    RunOptions o = options;
    o.batch = b.batch;
    if (auto p = printers::find_profile(b.printer)) o.printer = *p;
    o.replace = false;
    o.progress = nullptr;
    auto r = rerender(admin, ledger, o);
    if (!r) return fail("recover", "recovering batch " + b.batch + ": " + r.error().message);
    recovered.push_back(b.batch);
  }
  return recovered;
}

namespace {

/// Row buffers reused from one document to the next (RunOptions::on_document calls never
/// overlap): assigning into rows that already hold strings reuses their memory, where fresh
/// rows allocated every field of every label again.
struct RowBuffers {
  std::vector<ledger::IssuedGis> gis_rows;
  std::vector<ledger::IssuedLabel> label_rows;
};

/// The ledger rows of one rendered document.
Result<void> record_document(const RenderedDocument& doc, const RunOptions& o,
                             const std::string& administration, ledger::BatchWriter& writer,
                             RowBuffers& buffers) {
  std::unordered_map<std::uint32_t, const Placement*> where;
  for (const auto& p : doc.placements) where[p.serial] = &p;
  std::size_t labels = 0;
  for (const auto& g : doc.groups) labels += g.labels.size();
  auto& gis_rows = buffers.gis_rows;
  auto& label_rows = buffers.label_rows;
  gis_rows.clear();
  if (label_rows.size() < labels) label_rows.resize(labels);
  std::size_t next = 0;
  for (const auto& g : doc.groups) {
    ledger::IssuedGis gis;
    gis.gis_serial = g.gis_serial;
    gis.lea_cds = g.lea_cds;
    gis.school_cds = g.school_cds;
    gis.grade = std::string(grade_code(g.grade));
    gis.form = form_number(g.form);
    gis.window_start = g.window_start;
    gis.count = static_cast<std::uint32_t>(g.labels.size());
    for (std::size_t i = 0; i < g.labels.size(); ++i) {
      const rules::Label& l = *g.labels[i];
      ledger::IssuedLabel& issued = label_rows[next++];
      issued.serial = g.serials[i];
      issued.administration = administration;
      issued.batch = o.batch;
      issued.gis_serial = g.gis_serial;
      issued.status = ledger::Status::Live;
      issued.printed_name = l.event.name.label_form();
      issued.event = l.event;
      issued.program_id = l.program ? l.program->id : "";
      issued.window_start = l.window ? l.window->start.iso() : "";
      issued.hold_until = l.hold_until ? l.hold_until->iso() : "";
      issued.replaces.reset();
      issued.file.clear();
      issued.page = issued.position = 0;
      if (auto it = where.find(issued.serial); it != where.end()) {
        issued.file = it->second->file;
        issued.page = it->second->page;
        issued.position = it->second->position;
        gis.file = it->second->file;
      }
    }
    gis_rows.push_back(std::move(gis));
  }
  return writer.add(gis_rows, std::span<const ledger::IssuedLabel>(label_rows.data(), labels));
}

}  // namespace

Result<MonthlyReport> monthly_run(const admin::Administration& admin, rules::Planner& planner,
                                  ledger::Ledger& ledger, const MonthlyOptions& options) {
  MonthlyReport report;
  auto lap = [&report, t = std::chrono::steady_clock::now()](const char* stage) mutable {
    const auto now = std::chrono::steady_clock::now();
    report.timings.emplace_back(stage, std::chrono::duration<double>(now - t).count());
    t = now;
  };
  const std::string year = admin.year.str();
  auto run_id = ledger.begin_run(year, options.command_line, now_utc_iso());
  if (!run_id) return std::unexpected(run_id.error());
  auto finish = [&](const std::string& status) { (void)ledger.finish_run(*run_id, status, now_utc_iso()); };
  auto failed = [&](const Error& e) {
    finish("failed: " + e.message);
    return std::unexpected(e);
  };

  auto recovered = recover(admin, ledger, options.render);
  if (!recovered) return failed(recovered.error());
  report.recovered = std::move(*recovered);

  // Students who already hold a live label become `already_labelled` skips. The ledger's
  // live labels are read one at a time and matched against the labels by SSID and form.
  {
    std::vector<std::tuple<std::uint64_t, int, std::uint32_t>> labelled;  // SSID, form, record
    auto listed = planner.for_each_planned([&](std::size_t i, const rules::Planned& p) -> Result<void> {
      if (p.outcome() == rules::Outcome::Label)
        labelled.emplace_back(p.ssid(), form_number(p.form()), static_cast<std::uint32_t>(i));
      return {};
    });
    if (!listed) return failed(listed.error());
    std::sort(labelled.begin(), labelled.end());
    struct Held {
      std::uint32_t record;
      std::uint32_t serial;
      std::string batch;
      std::string event_id;
      std::vector<std::string> changed;
    };
    std::vector<Held> held;
    auto matched = ledger.for_each_live_label(year, [&](const ledger::IssuedLabel& issued) -> Result<void> {
      const std::uint64_t ssid = rules::Planner::ssid_key(issued.event.ssid);
      const auto key = std::make_tuple(ssid, form_number(issued.event.form), std::uint32_t{0});
      auto it = std::lower_bound(labelled.begin(), labelled.end(), key);
      for (; it != labelled.end() && std::get<0>(*it) == ssid && std::get<1>(*it) == std::get<1>(key); ++it) {
        auto latest = planner.label(std::get<2>(*it));
        if (!latest) return std::unexpected(latest.error());
        held.push_back({std::get<2>(*it), issued.serial, issued.batch, latest->event.event_id,
                        printed_changes(issued, latest->event)});
      }
      return {};
    });
    if (!matched) return failed(matched.error());
    std::sort(held.begin(), held.end(), [](const Held& a, const Held& b) { return a.record < b.record; });
    for (auto& h : held) {
      if (auto ok = planner.mark_already_labelled(h.record, h.serial, h.batch, !h.changed.empty()); !ok)
        return failed(ok.error());
      ++report.already_labelled;
      if (!h.changed.empty())
        report.reprints.push_back({h.serial, h.batch, h.event_id, std::move(h.changed)});
    }
  }
  if (planner.counts().labelled == 0) {
    finish("nothing-to-do");
    return report;
  }
  RunOptions o = options.render;
  for (int n = 2;; ++n) {
    auto batch_info = ledger.batch(year, o.batch);
    if (!batch_info) return std::unexpected(batch_info.error());
    if (!*batch_info) break;
    if (!options.auto_suffix || n > 99) {
      finish("failed: batch exists");
      return fail("batch", "batch " + o.batch + " is already in the ledger with " +
                               std::to_string((*batch_info)->issued) +
                               " labels; new students need a new batch id (--batch)");
    }
    o.batch = options.render.batch + "-" + std::to_string(n);
  }
  auto first = ledger.next_serial(year);
  if (!first) return std::unexpected(first.error());
  auto first_gis = ledger.next_gis_serial(year);
  if (!first_gis) return std::unexpected(first_gis.error());
  auto source = planned_batch(planner, *first, *first_gis);
  if (!source) return failed(source.error());
  std::error_code ec;
  if (std::filesystem::exists(o.out_dir / o.batch, ec) && !o.replace) {
    finish("failed: folder exists");
    return fail("out",
                (o.out_dir / o.batch).string() +
                    " exists but is not in the ledger (written without it?); move it away or use --replace");
  }
  lap("ledger-check");

  // The batch goes into the ledger document by document, in one transaction that commits
  // only after every file is staged.
  ledger::BatchRecord header;
  header.administration = year;
  header.batch = o.batch;
  header.printer = o.printer.name;
  header.created_at = now_utc_iso();
  header.run_id = *run_id;
  if (!valid_batch_id(o.batch))
    return failed(Error{"batch", "batch id \"" + o.batch + "\" must be 1-32 of A-Z a-z 0-9 . _ -"});
  auto writer = ledger.begin_batch(header);
  if (!writer) return failed(writer.error());
  o.keep_placements = false;
  RowBuffers row_buffers;
  o.on_document = [&](const RenderedDocument& doc) {
    return record_document(doc, o, year, *writer, row_buffers);
  };
  auto staged = render_batch(admin, *source, o);
  if (!staged) return failed(staged.error());
  lap("render");
  ledger::Ledger::crash_point("before-commit");
  std::vector<ledger::BatchFile> files;
  for (const auto& f : staged->result.files)
    files.push_back({f.file, f.sha256, f.bytes, static_cast<std::uint32_t>(f.labels),
                     static_cast<std::uint32_t>(f.pages)});
  if (auto ok = writer->commit(files, staged->result.next_serial, staged->result.next_gis_serial); !ok)
    return failed(ok.error());
  ledger::Ledger::crash_point("after-commit");
  lap("ledger-commit");
  auto dir = publish(*staged, o);
  if (!dir) return failed(dir.error());
  ledger::Ledger::crash_point("after-publish");
  lap("publish");
  report.printed = true;
  report.result = std::move(staged->result);
  finish("ok");
  return report;
}

}  // namespace lg::run
