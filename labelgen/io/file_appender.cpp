#include "labelgen/io/file_appender.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "labelgen/io/atomic_file.hpp"

namespace lg::io {

FileAppender::~FileAppender() {
  if (out_) std::fclose(out_);
  std::error_code ec;
  if (!temp_.empty()) std::filesystem::remove(temp_, ec);
}

Result<void> FileAppender::failed(const char* what) {
  const std::string reason = std::strerror(errno);
  return fail("output", std::string(what) + " '" + target_.string() + "': " + reason);
}

Result<void> FileAppender::open(const std::filesystem::path& target) {
  target_ = target;
  auto temp = create_temp_for(target);
  if (!temp) return std::unexpected(temp.error());
  temp_ = *temp;
  out_ = std::fopen(temp_.c_str(), "wbe");
  if (!out_) return failed("cannot open the temporary file of");
  return {};
}

Result<void> FileAppender::append(std::string_view data) {
  if (!out_) return fail("output", "no file open");
  if (!data.empty() && std::fwrite(data.data(), 1, data.size(), out_) != data.size())
    return failed("cannot write");
  return {};
}

Result<void> FileAppender::append_file(const std::filesystem::path& file) {
  std::FILE* in = std::fopen(file.c_str(), "rbe");
  if (!in) return fail("output", "cannot read '" + file.string() + "': " + std::strerror(errno));
  std::vector<char> buffer(1 << 16);
  Result<void> ok;
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
    if (n > 0) ok = append(std::string_view(buffer.data(), n));
    if (!ok || n < buffer.size()) break;
  }
  if (ok && std::ferror(in)) ok = fail("output", "cannot read '" + file.string() + "'");
  std::fclose(in);
  return ok;
}

Result<void> FileAppender::commit() {
  if (!out_) return fail("output", "no file open");
  const bool closed = std::fclose(out_) == 0;
  out_ = nullptr;
  if (!closed) return failed("cannot write");
  auto ok = commit_temp(temp_, target_);
  temp_.clear();  // committed, or removed by commit_temp
  return ok;
}

}  // namespace lg::io
