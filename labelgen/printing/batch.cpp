#include "labelgen/printing/batch.hpp"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "labelgen/io/sha256.hpp"
#include "labelgen/ledger/ledger.hpp"

namespace lg::printing {
namespace {

bool plain_name(const std::string& s) {
  if (s.empty() || s[0] == '.' || s.size() > 255) return false;
  for (unsigned char c : s)
    if (c == '/' || c == '\\' || c < 0x20) return false;
  return true;
}

std::string short_sum(const std::string& sum) { return sum.substr(0, 16) + "…"; }

struct SummaryFile {
  std::string file, sha256;
  int pages = 0;
};

}  // namespace

Result<BatchDocuments> batch_documents(const BatchSource& source) {
  if (!plain_name(source.batch)) return fail("batch", "\"" + source.batch + "\" is not a batch id");
  const auto dir = source.out_dir / source.batch;
  const auto summary_path = dir / "summary.json";
  std::ifstream in(summary_path, std::ios::binary);
  if (!in)
    return fail("batch", "no batch " + source.batch + " in " + source.out_dir.string() + " (no " +
                             summary_path.string() + ")");
  BatchDocuments out;
  out.batch = source.batch;
  std::vector<SummaryFile> files;
  try {
    const auto j = nlohmann::json::parse(in);
    out.administration = j.at("administration").get<std::string>();
    out.printer = j.at("printer").get<std::string>();
    if (j.at("batch").get<std::string>() != source.batch)
      return fail("batch", summary_path.string() + " describes batch " + j.at("batch").get<std::string>());
    for (const auto& f : j.at("files"))
      files.push_back(
          {f.at("file").get<std::string>(), f.at("sha256").get<std::string>(), f.at("pages").get<int>()});
  } catch (const nlohmann::json::exception& e) {
    return fail("batch", summary_path.string() + ": not a batch summary (" + e.what() + ")");
  }
  if (files.empty()) return fail("batch", "batch " + source.batch + " has no files to print");

  const auto ledger_path = source.ledger.empty() ? source.out_dir / "ledger.db" : source.ledger;
  std::error_code ec;
  if (std::filesystem::exists(ledger_path, ec)) {
    auto ledger = ledger::Ledger::open({ledger_path});
    if (!ledger) return fail("batch", ledger_path.string() + ": " + ledger.error().message);
    auto info = ledger->batch(out.administration, source.batch);
    if (!info) return fail("batch", ledger_path.string() + ": " + info.error().message);
    if (!*info)
      return fail("batch", "batch " + source.batch + " of " + out.administration + " is not in the ledger " +
                               ledger_path.string());
    std::map<std::string, std::string> recorded;
    for (const auto& f : (*info)->files) recorded[f.file] = f.sha256;
    if (recorded.size() != files.size())
      return fail("file", "summary.json lists " + std::to_string(files.size()) + " files of batch " +
                              source.batch + ", the ledger " + std::to_string(recorded.size()));
    for (const auto& f : files) {
      auto it = recorded.find(f.file);
      if (it == recorded.end())
        return fail("file",
                    f.file + " is in summary.json but not in the ledger's record of batch " + source.batch);
      if (it->second != f.sha256)
        return fail("file", f.file + ": summary.json and the ledger disagree (sha256 " + short_sum(f.sha256) +
                                " vs " + short_sum(it->second) + "); refusing to print");
    }
    out.ledger_checked = true;
  }

  for (const auto& f : files) {
    if (!plain_name(f.file))
      return fail("file", "summary.json names a file \"" + f.file + "\" outside the batch");
    const auto path = dir / f.file;
    if (!std::filesystem::is_regular_file(path, ec)) return fail("file", path.string() + ": missing");
    auto sum = io::sha256_file(path);
    if (!sum) return fail("file", path.string() + ": " + sum.error().message);
    if (*sum != f.sha256)
      return fail("file", path.string() + " changed since batch " + source.batch + " was written (sha256 " +
                              short_sum(*sum) + ", recorded " + short_sum(f.sha256) +
                              "); refusing to print it. Re-render the batch with labelgen run --rerender " +
                              source.batch);
    // The GIS sheets of a ZPL batch (`<stem>-gis.pdf` beside `<stem>.zpl`) go to an office
    // laser, not the label printer: checked like every file, listed, not sent.
    if (f.file.ends_with("-gis.pdf")) {
      auto zpl = path;
      zpl.replace_filename(f.file.substr(0, f.file.size() - 8) + ".zpl");
      if (std::filesystem::is_regular_file(zpl, ec)) {
        out.companions.push_back(path);
        continue;
      }
    }
    auto format = document_format(path);
    if (!format) return std::unexpected(format.error());
    out.documents.push_back({path, source.batch + " " + f.file, *format, f.pages});
  }
  return out;
}

}  // namespace lg::printing
