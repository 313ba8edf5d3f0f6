#include "labelgen/run/print_run.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <tuple>
#include <utility>

#include "labelgen/fonts/font_set.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/io/csv_writer.hpp"
#include "labelgen/io/file_appender.hpp"
#include "labelgen/io/sha256.hpp"
#include "labelgen/layout/engine.hpp"
#include "labelgen/run/content.hpp"
#include "labelgen/run/packing.hpp"
#include "labelgen/run/page_sink.hpp"

namespace lg::run {
namespace {

/// One PDF to write: a run of consecutive groups of one LEA.
struct DocumentJob {
  std::size_t lea = 0;  ///< index into BatchSource::leas
  std::size_t first_group = 0, end_group = 0;
  std::string file;
  std::size_t labels = 0;
};

struct DocumentResult {
  std::vector<OutputFile> files;  ///< one per written file, in order
  std::vector<Placement> placements;
};

std::string slug(const std::string& name) {
  std::string s;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      s += static_cast<char>(std::tolower(c));
    } else if (!s.empty() && s.back() != '-') {
      s += '-';
    }
    if (s.size() >= 40) break;
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? "lea" : s;
}

std::vector<DocumentJob> plan_documents(const BatchSource& source, std::size_t max_labels,
                                        const std::string& ext) {
  std::vector<DocumentJob> jobs;
  for (std::size_t l = 0; l < source.leas.size(); ++l) {
    const auto& lea = source.leas[l];
    std::vector<DocumentJob> parts;
    DocumentJob cur{l, 0, 0, "", 0};
    for (std::size_t g = 0; g < lea.group_sizes.size(); ++g) {
      const std::size_t n = lea.group_sizes[g];
      if (cur.labels > 0 && cur.labels + n > max_labels) {
        parts.push_back(cur);
        cur = {l, g, g, "", 0};
      }
      cur.end_group = g + 1;
      cur.labels += n;
    }
    if (cur.end_group > cur.first_group) parts.push_back(cur);
    const std::string base = lea.lea_cds + "-" + slug(lea.lea_name);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      parts[i].file = parts.size() == 1 ? base + ext : base + "-part" + std::to_string(i + 1) + ext;
      jobs.push_back(parts[i]);
    }
  }
  return jobs;
}

/// The manifest rows of document `job`, written beside the staged files until they are joined.
std::filesystem::path manifest_part(const std::filesystem::path& staging, std::size_t job) {
  return staging / (".manifest-" + std::to_string(job));
}

struct Renderer {
  const admin::Administration& admin;
  const RunOptions& options;
  const layout::LabelLayout& labels;
  const layout::GisLayout& gis;
  std::filesystem::path staging;

  const BatchSource& source;
  std::mutex* document_mutex;  // serializes options.on_document

  Result<DocumentResult> render(const DocumentJob& job, std::size_t job_index) const {
    DocumentResult out;
    const auto& lea = source.leas[job.lea];
    auto loaded = source.load(job.lea, job.first_group, job.end_group);
    if (!loaded) return std::unexpected(loaded.error());
    std::string manifest;
    // Files in the staging folder reach the disk together, before the batch is committed.
    auto sink = PageSink::open(
        {options.printer, options.max_pages_per_file, io::Durability::Deferred},
        "Pre-ID labels " + admin.year.str() + " batch " + options.batch + " LEA " + lea.lea_cds,
        staging / job.file);
    if (!sink) return std::unexpected(sink.error());
    std::map<std::string, std::pair<std::size_t, std::size_t>> counts;  // file → labels, GIS
    const auto& stock = labels.stock();
    const int per_page = stock.labels_per_page();
    for (const GisGroup& group : loaded->groups) {
      if (!options.labels_only) {
        auto fields = gis_fields(group, admin, options.batch, options.signing_key.get());
        if (!fields) return std::unexpected(fields.error());
        std::vector<layout::FieldMap> roster;
        roster.reserve(group.labels.size());
        for (std::size_t i = 0; i < group.labels.size(); ++i)
          roster.push_back(roster_fields(*group.labels[i], group.serials[i], i + 1, admin.hold_days));
        auto pages = gis.draw(*fields, roster);
        if (!pages) return std::unexpected(pages.error());
        if (!pages->empty()) ++counts[sink->next_position(pages->front().size).first].second;
        for (const auto& p : *pages)
          if (auto ok = sink->add(p); !ok) return std::unexpected(ok.error());
      }
      // The group's labels start on a fresh sheet, so each sheet packs with one GIS.
      layout::Page sheet = labels.new_page();
      auto [file, page] = sink->next_position(sheet.size);  // where this sheet will land
      for (std::size_t i = 0; i < group.labels.size(); ++i) {
        const int slot = static_cast<int>(i % static_cast<std::size_t>(per_page));
        if (slot == 0 && i > 0) {
          if (auto ok = sink->add(sheet); !ok) return std::unexpected(ok.error());
          sheet = labels.new_page();
          std::tie(file, page) = sink->next_position(sheet.size);
        }
        const rules::Label& label = *group.labels[i];
        auto lf = label_fields(label, group.serials[i], admin.year, options.batch, options.signing_key.get());
        if (!lf) return fail("", "label " + std::to_string(group.serials[i]) + ": " + lf.error().message);
        if (auto ok = labels.draw(*lf, stock.slot_origin(slot), sheet); !ok)
          return fail("", "label " + std::to_string(group.serials[i]) + " (event " + label.event.event_id +
                              "): " + ok.error().message);
        const auto& e = label.event;
        manifest += io::csv_row({*lf->find("serial"), e.ssid.str(), *lf->find("name"), e.lea_cds.str(),
                                 e.school_cds.str(), std::string(grade_code(e.grade)),
                                 std::to_string(form_number(e.form)), group.id(), file, std::to_string(page),
                                 std::to_string(slot + 1), e.event_id});
        out.placements.push_back({group.serials[i], file, page, slot + 1});
        ++counts[file].first;
      }
      if (!group.labels.empty())
        if (auto ok = sink->add(sheet); !ok) return std::unexpected(ok.error());
    }
    auto written = sink->finish();
    if (!written) return std::unexpected(written.error());
    for (const auto& w : *written) {
      OutputFile info;
      info.file = w.path.filename().string();
      info.lea_cds = lea.lea_cds;
      info.lea_name = lea.lea_name;
      info.pages = w.pages;
      if (auto c = counts.find(info.file); c != counts.end()) std::tie(info.labels, info.gis) = c->second;
      std::error_code ec;
      info.bytes = std::filesystem::file_size(w.path, ec);
      auto sum = io::sha256_file(w.path);
      if (!sum) return std::unexpected(sum.error());
      info.sha256 = std::move(*sum);
      out.files.push_back(std::move(info));
    }
    if (auto ok = io::write_scratch_file(manifest_part(staging, job_index), manifest); !ok)
      return std::unexpected(ok.error());
    if (options.on_document) {
      std::lock_guard lock(*document_mutex);
      if (auto ok = options.on_document(RenderedDocument{loaded->groups, out.placements, out.files}); !ok)
        return std::unexpected(ok.error());
    }
    if (!options.keep_placements) std::vector<Placement>().swap(out.placements);  // capacity too
    return out;
  }
};

nlohmann::json summary_json(const admin::Administration& admin, const RunOptions& options,
                            const RunResult& result, std::uint32_t first_serial) {
  nlohmann::json j;
  j["administration"] = admin.year.str();
  j["batch"] = options.batch;
  j["printer"] = options.printer.name;
  j["signed_with_key"] = options.signing_key ? options.signing_key->id() : "";
  j["labels"] = result.labels;
  j["gis"] = result.gis;
  j["pages"] = result.pages;
  j["first_serial"] = first_serial;
  j["last_serial"] = result.next_serial - 1;
  j["files"] = nlohmann::json::array();
  for (const auto& f : result.files)
    j["files"].push_back({{"file", f.file},
                          {"lea_cds", f.lea_cds},
                          {"lea_name", f.lea_name},
                          {"pages", f.pages},
                          {"labels", f.labels},
                          {"gis", f.gis},
                          {"bytes", f.bytes},
                          {"sha256", f.sha256}});
  return j;
}

}  // namespace

bool valid_batch_id(std::string_view batch) {
  if (batch.empty() || batch.size() > 32 || batch[0] == '.') return false;
  for (unsigned char c : batch)
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

StagedBatch::StagedBatch(StagedBatch&& other) noexcept
    : result(std::move(other.result)), staging(std::exchange(other.staging, {})) {}

StagedBatch& StagedBatch::operator=(StagedBatch&& other) noexcept {
  if (this != &other) {
    std::error_code ec;
    if (!staging.empty()) std::filesystem::remove_all(staging, ec);
    result = std::move(other.result);
    staging = std::exchange(other.staging, {});
  }
  return *this;
}

StagedBatch::~StagedBatch() {
  std::error_code ec;
  if (!staging.empty()) std::filesystem::remove_all(staging, ec);
}

void remove_stale_staging(const std::filesystem::path& out_dir) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(out_dir, ec)) {
    const auto name = e.path().filename().string();
    if (name.rfind(".staging-", 0) == 0 || name.rfind(".old-", 0) == 0)
      std::filesystem::remove_all(e.path(), ec);
  }
}

BatchSource batch_source(const std::vector<LeaPack>& packs) {
  BatchSource source;
  std::uint32_t min_serial = 0, max_serial = 0, max_gis = 0;
  for (const auto& p : packs) {
    BatchSource::Lea lea{p.lea_cds, p.lea_name, {}};
    for (const auto& g : p.groups) {
      lea.group_sizes.push_back(g.labels.size());
      max_gis = std::max(max_gis, g.gis_serial);
      for (auto s : g.serials) {
        min_serial = min_serial ? std::min(min_serial, s) : s;
        max_serial = std::max(max_serial, s);
      }
    }
    source.leas.push_back(std::move(lea));
  }
  source.first_serial = min_serial;
  source.next_serial = max_serial + 1;
  source.next_gis_serial = max_gis + 1;
  source.load = [&packs](std::size_t lea, std::size_t first, std::size_t end) -> Result<LoadedGroups> {
    LoadedGroups loaded;
    const auto& groups = packs[lea].groups;
    loaded.groups.assign(groups.begin() + static_cast<std::ptrdiff_t>(first),
                         groups.begin() + static_cast<std::ptrdiff_t>(end));
    return loaded;
  };
  return source;
}

Result<StagedBatch> render_batch(const admin::Administration& admin, const std::vector<LeaPack>& packs,
                                 const RunOptions& options) {
  return render_batch(admin, batch_source(packs), options);
}

Result<StagedBatch> render_batch(const admin::Administration& admin, const BatchSource& source,
                                 const RunOptions& options) {
  if (!valid_batch_id(options.batch))
    return fail("batch", "batch id \"" + options.batch + "\" must be 1-32 of A-Z a-z 0-9 . _ -");
  auto fonts = fonts::FontSet::load();
  if (!fonts) return std::unexpected(fonts.error());
  auto label_tmpl = layout::load_label_template(options.printer.label_template);
  if (!label_tmpl) return std::unexpected(label_tmpl.error());
  auto gis_tmpl = layout::load_gis_template(options.printer.gis_template);
  if (!gis_tmpl) return std::unexpected(gis_tmpl.error());
  layout::LayoutOptions lo{options.printer.dpi, options.printer.offset_x, options.printer.offset_y};
  auto label_layout = layout::LabelLayout::create(*label_tmpl, *fonts, lo);
  if (!label_layout) return std::unexpected(label_layout.error());
  auto gis_layout = layout::GisLayout::create(*gis_tmpl, *fonts, lo);
  if (!gis_layout) return std::unexpected(gis_layout.error());

  const auto jobs = plan_documents(source, std::max<std::size_t>(1, options.max_labels_per_file),
                                   PageSink::extension(options.printer));
  if (auto ok = io::make_private_dir(options.out_dir); !ok) return std::unexpected(ok.error());
  StagedBatch staged;
  staged.staging = options.out_dir / (".staging-" + options.batch + "-" + std::to_string(::getpid()));
  std::error_code ec;
  std::filesystem::remove_all(staged.staging, ec);
  if (auto ok = io::make_private_dir(staged.staging); !ok) return std::unexpected(ok.error());

  std::mutex document_mutex;
  Renderer renderer{admin, options, *label_layout, *gis_layout, staged.staging, source, &document_mutex};
  std::vector<std::optional<Result<DocumentResult>>> results(jobs.size());
  std::atomic<std::size_t> next{0}, done_labels{0};
  std::atomic<bool> failed{false};
  std::size_t total_labels = 0;
  for (const auto& j : jobs) total_labels += j.labels;
  // Largest documents first, so no worker is left with a big one at the end (the files and
  // the manifest keep document order whatever order they are rendered in).
  std::vector<std::size_t> order(jobs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return jobs[a].labels > jobs[b].labels; });
  auto worker = [&] {
    for (;;) {
      const std::size_t k = next.fetch_add(1);
      if (k >= jobs.size() || failed.load()) return;
      const std::size_t i = order[k];
      results[i] = renderer.render(jobs[i], i);
      if (!*results[i]) {
        failed = true;
        return;
      }
      const std::size_t now = done_labels.fetch_add(jobs[i].labels) + jobs[i].labels;
      if (options.progress) options.progress(now, total_labels);
    }
  };
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, jobs.size())));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
  }
  RunResult& result = staged.result;
  for (auto& r : results) {
    if (!r) continue;
    if (!*r) return std::unexpected(r->error());
    auto& doc = **r;
    for (auto& f : doc.files) {
      result.labels += f.labels;
      result.gis += f.gis;
      result.pages += f.pages;
      result.files.push_back(std::move(f));
    }
    for (auto& p : doc.placements) result.placements.push_back(std::move(p));
  }
  if (failed) return fail("", "rendering stopped after an error");
  results.clear();
  std::sort(result.placements.begin(), result.placements.end(),
            [](const Placement& a, const Placement& b) { return a.serial < b.serial; });
  result.first_serial = source.first_serial;
  result.next_serial = source.next_serial;
  result.next_gis_serial = source.next_gis_serial;

  // The manifest: the documents' rows in document order.
  {
    io::FileAppender manifest;
    if (auto ok = manifest.open(staged.staging / "manifest.csv"); !ok) return std::unexpected(ok.error());
    if (auto ok = manifest.append(io::csv_row({"serial", "ssid", "name", "lea_cds", "school_cds", "grade",
                                               "form", "gis_id", "file", "page", "position", "event_id"}));
        !ok)
      return std::unexpected(ok.error());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (auto ok = manifest.append_file(manifest_part(staged.staging, i)); !ok)
        return std::unexpected(ok.error());
      std::filesystem::remove(manifest_part(staged.staging, i), ec);
    }
    if (auto ok = manifest.commit(); !ok) return std::unexpected(ok.error());
  }
  if (auto ok =
          io::write_file_atomic(staged.staging / "summary.json",
                                summary_json(admin, options, result, source.first_serial).dump(2) + "\n");
      !ok)
    return std::unexpected(ok.error());
  if (auto ok = io::sync_folder(staged.staging); !ok) return std::unexpected(ok.error());
  return staged;
}

Result<std::filesystem::path> publish(StagedBatch& staged, const RunOptions& options) {
  const auto final_dir = options.out_dir / options.batch;
  std::error_code ec;
  const bool had_old = std::filesystem::exists(final_dir, ec);
  if (had_old && !options.replace)
    return fail("out", final_dir.string() + " already exists (batch " + options.batch +
                           " was written before); use --replace to write it again");
  const auto old = options.out_dir / (".old-" + options.batch + "-" + std::to_string(::getpid()));
  if (had_old && std::rename(final_dir.c_str(), old.c_str()) != 0)
    return fail("out", final_dir.string() + ": cannot move the previous batch aside");
  if (std::rename(staged.staging.c_str(), final_dir.c_str()) != 0) {
    if (had_old) std::rename(old.c_str(), final_dir.c_str());
    return fail("out", final_dir.string() + ": cannot move the staged batch into place");
  }
  staged.staging.clear();
  if (had_old) std::filesystem::remove_all(old, ec);
  staged.result.batch_dir = final_dir;
  return final_dir;
}

Result<RunResult> print_run(const admin::Administration& admin, const rules::Plan& plan,
                            const RunOptions& options) {
  std::error_code ec;
  if (std::filesystem::exists(options.out_dir / options.batch, ec) && !options.replace)
    return fail("out", (options.out_dir / options.batch).string() + " already exists (batch " +
                           options.batch + " was written before); use --replace to write it again");
  const auto packs = pack(plan.labels, options.first_serial, options.first_gis_serial);
  if (auto ok = check_group_sizes(packs); !ok) return std::unexpected(ok.error());
  auto staged = render_batch(admin, packs, options);
  if (!staged) return std::unexpected(staged.error());
  auto dir = publish(*staged, options);
  if (!dir) return std::unexpected(dir.error());
  return std::move(staged->result);
}

}  // namespace lg::run
