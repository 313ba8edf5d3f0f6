#pragma once
/// Print runs: a plan's labels → per-LEA PDFs in packing order (each GIS followed by its
/// labels), a manifest and a summary, staged and moved into place only when complete.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/barcode/mac.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/rules/plan.hpp"
#include "labelgen/run/packing.hpp"

namespace lg::run {

struct RenderedDocument;

struct RunOptions {
  printers::Profile printer;
  std::filesystem::path out_dir;       ///< the batch folder is created inside it
  std::string batch;                   ///< batch id, e.g. `2024-08`; [A-Za-z0-9._-]
  std::uint32_t first_serial = 1;      ///< first label serial of this run
  std::uint32_t first_gis_serial = 1;  ///< first GIS serial of this run
  std::size_t max_labels_per_file = 5000;  ///< bound on one PDF (libharu holds it in memory)
  unsigned threads = 0;                ///< 0: one per core
  bool replace = false;                ///< replace an existing batch folder
  std::size_t max_pages_per_file = 0;  ///< 0: all; proofs draw only the first pages
  bool labels_only = false;            ///< no GIS pages (one-label reprints join an existing group)
  /// Signs every label and GIS payload (HMAC, docs/payload.md) when set; the key must outlive
  /// the run. Re-rendering a signed batch byte for byte needs the same key.
  std::shared_ptr<const barcode::MacKey> signing_key;
  /// Called from worker threads as documents finish: (labels done, labels total).
  std::function<void(std::size_t, std::size_t)> progress;
  /// Called once per rendered document (calls never overlap), before its labels are
  /// released: the ledger rows of a streaming run are made here. An error stops the run.
  std::function<Result<void>(const RenderedDocument&)> on_document;
  /// Keep every label's placement in RunResult::placements; off when on_document records them.
  bool keep_placements = true;
};

/// Where one label was printed.
struct Placement {
  std::uint32_t serial = 0;
  std::string file;
  int page = 0;      ///< 1-based page within the file
  int position = 0;  ///< 1-based slot on the sheet
};

/// One written document.
struct OutputFile {
  std::string file;  ///< relative to the batch folder
  std::string lea_cds;
  std::string lea_name;
  std::size_t pages = 0;
  std::size_t labels = 0;
  std::size_t gis = 0;
  std::uintmax_t bytes = 0;
  std::string sha256;
};

/// One rendered document as handed to RunOptions::on_document.
struct RenderedDocument {
  const std::vector<GisGroup>& groups;        ///< its groups, labels in packing order
  const std::vector<Placement>& placements;   ///< where each of its labels landed
  const std::vector<OutputFile>& files;       ///< the file(s) written
};

struct RunResult {
  std::filesystem::path batch_dir;
  std::vector<Placement> placements;  ///< in serial order (when RunOptions::keep_placements)
  std::uint32_t first_serial = 0;     ///< first label serial of the batch (0: none)
  std::vector<OutputFile> files;
  std::size_t labels = 0;
  std::size_t gis = 0;
  std::size_t pages = 0;
  std::uint32_t next_serial = 0;      ///< first serial not used
  std::uint32_t next_gis_serial = 0;
};

/// A batch rendered into a private staging folder next to its destination; removed when
/// destroyed unless published.
class StagedBatch {
 public:
  StagedBatch() = default;
  StagedBatch(StagedBatch&& other) noexcept;
  StagedBatch& operator=(StagedBatch&& other) noexcept;
  ~StagedBatch();
  RunResult result;
  std::filesystem::path staging;  ///< the private folder holding the files
};

/// The labels of some groups, loaded to render one document.
struct LoadedGroups {
  std::vector<rules::Label> storage;  ///< the labels the groups point into, when loaded
  std::vector<GisGroup> groups;       ///< serials assigned, labels in packing order
};

/// A batch to render: LEAs and their group sizes up front, labels loaded a document at a
/// time, so a streaming run holds only the documents being rendered.
struct BatchSource {
  struct Lea {
    std::string lea_cds, lea_name;
    std::vector<std::size_t> group_sizes;  ///< labels per group, in packing order
  };
  std::vector<Lea> leas;  ///< in packing order
  std::uint32_t first_serial = 0, next_serial = 0, next_gis_serial = 0;
  /// Loads groups [first, end) of `leas[lea]`. Called from worker threads.
  std::function<Result<LoadedGroups>(std::size_t lea, std::size_t first, std::size_t end)> load;
};

/// A source over packs held in memory (which must outlive it).
BatchSource batch_source(const std::vector<LeaPack>& packs);

/// Renders a batch (serials already assigned) into a staging folder inside
/// `options.out_dir`: PDFs, manifest.csv and summary.json. Output depends only on the labels,
/// the administration and the options, so a batch re-rendered from the ledger is identical.
Result<StagedBatch> render_batch(const admin::Administration& admin, const BatchSource& source,
                                 const RunOptions& options);
Result<StagedBatch> render_batch(const admin::Administration& admin, const std::vector<LeaPack>& packs,
                                 const RunOptions& options);

/// Moves a staged batch to `<out>/<batch>` (replacing an existing folder only when
/// `options.replace`). Returns the batch folder.
Result<std::filesystem::path> publish(StagedBatch& staged, const RunOptions& options);

/// Removes staging folders left behind by an interrupted run in `out_dir`.
void remove_stale_staging(const std::filesystem::path& out_dir);

/// Renders the plan's labels (pack + render_batch + publish, no ledger). Writes `<out>/<batch>/` atomically: `*.pdf` (one per LEA, split
/// into parts of at most max_labels_per_file labels at GIS-group boundaries), `manifest.csv`
/// (serial, ssid, name, lea_cds, school_cds, grade, form, gis_id, file, page, position) and
/// `summary.json`. Nothing is left behind on failure. Files are 0600, folders 0700.
Result<RunResult> print_run(const admin::Administration& admin, const rules::Plan& plan, const RunOptions& options);

/// Batch ids allowed in payloads and folder names.
bool valid_batch_id(std::string_view batch);

}  // namespace lg::run
