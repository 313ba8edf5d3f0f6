#pragma once
/// The files of a written batch, in the order to print them (summary.json's order: packing
/// order), each checked against the sha256 the run recorded before it may be printed.
#include <filesystem>
#include <string>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/printing/document.hpp"

namespace lg::printing {

/// Where a batch is.
struct BatchSource {
  std::filesystem::path out_dir;  ///< output root of the runs (holds `<batch>/` and ledger.db)
  std::string batch;              ///< batch id
  std::filesystem::path ledger;   ///< default `<out_dir>/ledger.db`
};

/// A batch ready to print.
struct BatchDocuments {
  std::string administration;
  std::string batch;
  std::string printer;              ///< the printer profile the batch was rendered for
  bool ledger_checked = false;      ///< the ledger's sha256s were compared (false: no ledger file)
  std::vector<Document> documents;  ///< in summary.json's order; titled `<batch> <file>`
  /// Files that belong to a document but are not sent with it: the GIS sheets of a ZPL
  /// document (`<stem>-gis.pdf`), which go to an office laser, not the label printer.
  std::vector<std::filesystem::path> companions;
};

/// Reads `<out>/<batch>/summary.json`, compares its files with the ledger's record of the
/// batch (when the ledger exists) and every file's sha256 on disk (each written file, the
/// `<stem>-gis.pdf` beside a ZPL file included, has its own entry). Fails (field `batch`) for an
/// unknown batch, (field `file`) for a missing or changed file or a summary that disagrees with
/// the ledger: a changed file is never printed.
Result<BatchDocuments> batch_documents(const BatchSource& source);

}  // namespace lg::printing
