#include "labelgen/run/monthly.hpp"

#include <chrono>
#include <ctime>
#include <map>
#include <unordered_map>

namespace lg::run {
namespace {


std::string student_key(const std::string& ssid, Form form) { return ssid + "/" + std::to_string(form_number(form)); }

std::vector<std::string> printed_changes(const ledger::IssuedLabel& issued, const SsrEvent& latest) {
  std::vector<std::string> changed;
  if (issued.printed_name != latest.name.label_form()) changed.push_back("printed_name");
  if (issued.event.birth_date != latest.birth_date) changed.push_back("birth_date");
  if (issued.event.grade != latest.grade) changed.push_back("grade");
  if (issued.event.school_cds != latest.school_cds) changed.push_back("school_cds");
  if (issued.event.lea_cds != latest.lea_cds) changed.push_back("lea_cds");
  return changed;
}

/// Ledger records of a freshly rendered batch. The events of `labels` (those `packs` point
/// into) move into the records: nothing reads them after rendering, and a copy of every
/// event was the largest allocation of the commit.
ledger::BatchRecord batch_record(const admin::Administration& admin, const std::vector<LeaPack>& packs,
                                 std::vector<rules::Label>& labels, const RunResult& result,
                                 const RunOptions& options, std::int64_t run_id) {
  ledger::BatchRecord b;
  b.administration = admin.year.str();
  b.batch = options.batch;
  b.printer = options.printer.name;
  b.created_at = now_utc_iso();
  b.run_id = run_id;
  std::unordered_map<std::uint32_t, const Placement*> where;
  for (const auto& p : result.placements) where[p.serial] = &p;
  for (const auto& pack_ : packs)
    for (const auto& g : pack_.groups) {
      ledger::IssuedGis gis;
      gis.gis_serial = g.gis_serial;
      gis.lea_cds = g.lea_cds;
      gis.school_cds = g.school_cds;
      gis.grade = std::string(grade_code(g.grade));
      gis.form = form_number(g.form);
      gis.window_start = g.window_start;
      gis.count = static_cast<std::uint32_t>(g.labels.size());
      for (std::size_t i = 0; i < g.labels.size(); ++i) {
        rules::Label& l = labels[static_cast<std::size_t>(g.labels[i] - labels.data())];
        ledger::IssuedLabel issued;
        issued.serial = g.serials[i];
        issued.administration = b.administration;
        issued.batch = b.batch;
        issued.gis_serial = g.gis_serial;
        issued.status = ledger::Status::Live;
        issued.printed_name = l.event.name.label_form();
        issued.event = std::move(l.event);
        issued.program_id = l.program ? l.program->id : "";
        issued.window_start = l.window ? l.window->start.iso() : "";
        issued.hold_until = l.hold_until ? l.hold_until->iso() : "";
        if (auto it = where.find(issued.serial); it != where.end()) {
          issued.file = it->second->file;
          issued.page = it->second->page;
          issued.position = it->second->position;
          gis.file = it->second->file;
        }
        b.labels.push_back(std::move(issued));
      }
      b.gis.push_back(std::move(gis));
    }
  for (const auto& f : result.files)
    b.files.push_back({f.file, f.sha256, f.bytes, static_cast<std::uint32_t>(f.labels),
                       static_cast<std::uint32_t>(f.pages)});
  b.next_serial = result.next_serial;
  b.next_gis_serial = result.next_gis_serial;
  return b;
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

Result<RunResult> rerender(const admin::Administration& admin, ledger::Ledger& ledger, const RunOptions& options) {
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
          return fail("batch", "batch " + options.batch + ": ledger serials are not in packing order; cannot re-render");
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

Result<MonthlyReport> monthly_run(const admin::Administration& admin, rules::Plan& plan, ledger::Ledger& ledger,
                                  const MonthlyOptions& options) {
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

  auto recovered = recover(admin, ledger, options.render);
  if (!recovered) {
    finish("failed: " + recovered.error().message);
    return std::unexpected(recovered.error());
  }
  report.recovered = std::move(*recovered);

  // Who already holds a live label.
  auto live = ledger.live_labels(year);
  if (!live) return std::unexpected(live.error());
  std::unordered_map<std::string, const ledger::IssuedLabel*> holder;
  for (const auto& l : *live) holder[student_key(l.event.ssid.str(), l.event.form)] = &l;
  std::map<std::pair<std::string, std::size_t>, rules::Decision*> decision_of;
  if (!holder.empty())  // only a later run of the administration turns decisions into skips
    for (auto& d : plan.decisions) decision_of[{d.source.file, d.source.record}] = &d;

  // Students without a live label stay, compacted in place (a second vector of them was the
  // largest allocation of a first run).
  std::size_t kept = 0;
  for (auto& l : plan.labels) {
    auto it = holder.find(student_key(l.event.ssid.str(), l.event.form));
    if (it == holder.end()) {
      if (&plan.labels[kept] != &l) plan.labels[kept] = std::move(l);
      ++kept;
      continue;
    }
    ++report.already_labelled;
    auto changed = printed_changes(*it->second, l.event);
    if (!changed.empty()) report.reprints.push_back({it->second->serial, it->second->batch, l.event.event_id, changed});
    if (auto d = decision_of.find({l.event.source.file, l.event.source.record}); d != decision_of.end()) {
      d->second->outcome = rules::Outcome::Skipped;
      d->second->reason = "already_labelled";
      d->second->detail = "holds live label " + std::to_string(it->second->serial) + " from batch " + it->second->batch +
                          (changed.empty() ? std::string() : "; needs a reprint");
    }
  }
  plan.labels.erase(plan.labels.begin() + static_cast<std::ptrdiff_t>(kept), plan.labels.end());
  plan.labelled -= report.already_labelled;
  plan.skipped_total += report.already_labelled;
  if (report.already_labelled) plan.skipped["already_labelled"] += report.already_labelled;

  if (plan.labels.empty()) {
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
  const auto packs = pack(plan.labels, *first, *first_gis);
  std::error_code ec;
  if (std::filesystem::exists(o.out_dir / o.batch, ec) && !o.replace) {
    finish("failed: folder exists");
    return fail("out", (o.out_dir / o.batch).string() +
                           " exists but is not in the ledger (written without it?); move it away or use --replace");
  }
  lap("ledger-check");
  auto staged = render_batch(admin, packs, o);
  if (!staged) {
    finish("failed: " + staged.error().message);
    return std::unexpected(staged.error());
  }
  lap("render");
  ledger::Ledger::crash_point("before-commit");
  if (auto ok = ledger.commit_batch(batch_record(admin, packs, plan.labels, staged->result, o, *run_id));
      !ok) {
    finish("failed: " + ok.error().message);
    return std::unexpected(ok.error());
  }
  ledger::Ledger::crash_point("after-commit");
  lap("ledger-commit");
  auto dir = publish(*staged, o);
  if (!dir) {
    finish("failed: " + dir.error().message);
    return std::unexpected(dir.error());
  }
  ledger::Ledger::crash_point("after-publish");
  lap("publish");
  report.printed = true;
  report.result = std::move(staged->result);
  finish("ok");
  return report;
}

}  // namespace lg::run
