#include "labelgen/events/csv.hpp"

#include <cerrno>
#include <cstring>

namespace lg::events {
namespace {

/// Bytes that end a run of plain field text outside quotes. A quote there is literal unless it
/// opens the field, which the parser checks before it gets here.
bool special(char c) { return c == ',' || c == '\n' || c == '\r' || c == '"'; }

}  // namespace

CsvReader::CsvReader(const std::filesystem::path& path) : buffer_(1 << 16) {
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (!file_) error_ = std::strerror(errno);
}

int CsvReader::get() {
  if (pos_ == end_) {
    buffer_offset_ += static_cast<long>(end_);
    end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
    pos_ = 0;
    if (end_ == 0) return EOF;
  }
  return static_cast<unsigned char>(buffer_[pos_++]);
}

void CsvReader::seek(long offset) {
  std::fseek(file_.get(), offset, SEEK_SET);
  buffer_offset_ = offset;
  pos_ = end_ = 0;
}

int CsvReader::peek() {
  int c = get();
  if (c != EOF) --pos_;
  return c;
}

bool CsvReader::next(CsvRecord& record) {
  if (!file_) return false;
  if (!started_) {
    started_ = true;
    if (peek() == 0xEF) {
      // Skip a UTF-8 BOM (EF BB BF); anything else is left for the field parser.
      get();
      if (peek() == 0xBB) {
        get();
        if (peek() == 0xBF) get();
      }
    }
  }
  record.fields.clear();
  record.unterminated_quote = false;
  // Skip empty lines between records.
  for (;;) {
    int c = peek();
    if (c == '\n') {
      get();
      ++line_;
    } else if (c == '\r') {
      get();
      if (peek() == '\n') get();
      ++line_;
    } else {
      break;
    }
  }
  if (peek() == EOF) return false;
  record.line = line_;
  std::string field;
  bool quoted = false;
  bool field_started_quoted = false;
  long resume_offset = -1;  // just past the record's first line break inside quotes
  std::size_t first_line_fields = 0;
  std::string first_line_field;
  for (;;) {
    int c = get();
    if (c == EOF) {
      if (quoted) {
        record.unterminated_quote = true;
        if (resume_offset >= 0) {
          record.fields.resize(first_line_fields);
          record.fields.push_back(std::move(first_line_field));
          seek(resume_offset);
          line_ = record.line + 1;
          return true;
        }
      }
      record.fields.push_back(std::move(field));
      return true;
    }
    if (quoted) {
      if (c == '"') {
        if (peek() == '"') {
          get();
          field.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') {
          ++line_;
          if (resume_offset < 0) {
            resume_offset = buffer_offset_ + static_cast<long>(pos_);
            first_line_fields = record.fields.size();
            first_line_field = field;
          }
        }
        field.push_back(static_cast<char>(c));
        // The rest of the buffer up to the next quote or line break, in one piece.
        const std::size_t from = pos_;
        while (pos_ < end_ && buffer_[pos_] != '"' && buffer_[pos_] != '\n') ++pos_;
        field.append(buffer_.data() + from, pos_ - from);
      }
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      field_started_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && peek() == '\n') get();
      ++line_;
      record.fields.push_back(std::move(field));
      return true;
    } else if (c == '"' && field.empty() && !field_started_quoted) {
      quoted = true;
      field_started_quoted = true;
    } else {
      field.push_back(static_cast<char>(c));
      // The rest of the buffer up to the next delimiter, in one piece.
      const std::size_t from = pos_;
      while (pos_ < end_ && !special(buffer_[pos_])) ++pos_;
      field.append(buffer_.data() + from, pos_ - from);
    }
  }
}

}  // namespace lg::events
