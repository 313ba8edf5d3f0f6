#include "tests/support/support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace lg::test {

std::filesystem::path repo_dir() {
  if (const char* env = std::getenv("LABELGEN_DATA_DIR")) return env;
  return LABELGEN_TEST_REPO;
}

ScratchDir::ScratchDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (int i = 0; i < 100; ++i) {
    auto p = base / ("labelgen-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(p)) {
      path_ = p;
      return;
    }
  }
  throw std::runtime_error("cannot create scratch directory");
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path ScratchDir::write(const std::string& name, const std::string& content) const {
  auto p = path_ / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult run_shell(const std::string& command, const std::string& stdin_text) {
  ScratchDir tmp;
  auto in = tmp.write("stdin", stdin_text);
  auto out = tmp / "stdout";
  auto err = tmp / "stderr";
  std::string full = "(" + command + ") <'" + in.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

CommandResult run_labelgen(const std::string& args, const std::string& stdin_text) {
  const char* bin = std::getenv("LABELGEN_BIN");
  return run_shell(std::string("'") + (bin ? bin : LABELGEN_TEST_BIN) + "' " + args, stdin_text);
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false, in_field = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      in_quotes = in_field = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      in_field = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      in_field = false;
    } else {
      field += c;
      in_field = true;
    }
  }
  if (in_quotes) throw std::runtime_error("CSV: unterminated quoted field");
  if (in_field || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

void expect_same_event(const SsrEvent& a, const SsrEvent& b) {
  EXPECT_EQ(a.source.file, b.source.file);
  EXPECT_EQ(a.source.line, b.source.line);
  EXPECT_EQ(a.source.record, b.source.record);
  EXPECT_EQ(a.event_id, b.event_id);
  EXPECT_EQ(a.ssr_generated_at.text, b.ssr_generated_at.text);
  EXPECT_EQ(a.ssr_generated_at.order_key, b.ssr_generated_at.order_key);
  EXPECT_EQ(a.ssr_generated_at.date, b.ssr_generated_at.date);
  EXPECT_EQ(a.ssid, b.ssid);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.birth_date, b.birth_date);
  EXPECT_EQ(a.grade, b.grade);
  EXPECT_EQ(a.lea_cds, b.lea_cds);
  EXPECT_EQ(a.lea_name, b.lea_name);
  EXPECT_EQ(a.school_cds, b.school_cds);
  EXPECT_EQ(a.school_name, b.school_name);
  EXPECT_EQ(a.form, b.form);
  EXPECT_EQ(a.test_completed_on, b.test_completed_on);
  EXPECT_EQ(a.mode, b.mode);
  EXPECT_EQ(a.answer_book, b.answer_book);
  EXPECT_EQ(a.charter_number, b.charter_number);
  EXPECT_EQ(a.parent_notified_on, b.parent_notified_on);
}

}  // namespace lg::test
