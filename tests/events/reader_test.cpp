#include "labelgen/events/reader.hpp"

#include <gtest/gtest.h>

#include "tests/support/support.hpp"

namespace lg::events {
namespace {

const char* kHeader =
    "event_id,ssr_generated_at,ssid,last_name,first_name,middle_name,birth_date,grade,lea_cds,lea_name,"
    "school_cds,school_name,form,test_completed_on,mode,answer_book,charter_number,parent_notified_on\n";

/// A valid row with one field replaced (by column name).
std::string row(std::map<std::string, std::string> overrides = {}) {
  std::vector<std::pair<std::string, std::string>> fields{{"event_id", "E1"},
                                                          {"ssr_generated_at", "2024-08-12T14:03:00-07:00"},
                                                          {"ssid", "1234567890"},
                                                          {"last_name", "Nguyễn"},
                                                          {"first_name", "Thảo"},
                                                          {"middle_name", "Minh"},
                                                          {"birth_date", "2019-03-04"},
                                                          {"grade", "KN"},
                                                          {"lea_cds", "19642120000000"},
                                                          {"lea_name", "ABC Unified"},
                                                          {"school_cds", "19642126011111"},
                                                          {"school_name", "Aloha Elementary"},
                                                          {"form", "1"},
                                                          {"test_completed_on", "2024-08-06"},
                                                          {"mode", "in_person"},
                                                          {"answer_book", "complete"},
                                                          {"charter_number", ""},
                                                          {"parent_notified_on", "2024-08-20"}};
  std::string out;
  bool first = true;
  for (auto& [k, v] : fields) {
    if (auto it = overrides.find(k); it != overrides.end()) v = it->second;
    if (!first) out += ',';
    first = false;
    out += v;
  }
  return out + "\n";
}

TEST(ReadCsv, ValidRecord) {
  test::ScratchDir dir;
  auto f = dir.write("e.csv", std::string(kHeader) + row());
  auto r = read_all_events({f});
  ASSERT_EQ(r.stats.records, 1u);
  ASSERT_EQ(r.events.size(), 1u) << (r.rejected.empty() ? "" : r.rejected[0].describe());
  const auto& e = r.events[0];
  EXPECT_EQ(e.event_id, "E1");
  EXPECT_EQ(e.name.last, "Nguyễn");
  EXPECT_EQ(e.grade, Grade::KN);
  EXPECT_EQ(e.source.line, 2u);
  ASSERT_TRUE(e.parent_notified_on);
  EXPECT_EQ(e.parent_notified_on->iso(), "2024-08-20");
}

struct RejectCase {
  const char* column;
  const char* value;
  const char* reason;
};

class ReadCsvRejects : public ::testing::TestWithParam<RejectCase> {};

TEST_P(ReadCsvRejects, NamesFileLineAndField) {
  const auto& c = GetParam();
  test::ScratchDir dir;
  // Bad row between two good ones: the rest of the file is still read.
  auto f =
      dir.write("in.csv", std::string(kHeader) + row({{"event_id", "A"}, {"ssid", "1000000001"}}) + row([&] {
                            std::map<std::string, std::string> o{{"event_id", "B"}};
                            o[c.column] = c.value;
                            return o;
                          }()) +
                              row({{"event_id", "C"}, {"ssid", "1000000003"}}));
  auto r = read_all_events({f});
  EXPECT_EQ(r.stats.records, 3u);
  ASSERT_EQ(r.events.size(), 2u);
  ASSERT_EQ(r.rejected.size(), 1u);
  const auto& rej = r.rejected[0];
  EXPECT_EQ(rej.source.file, f.string());
  EXPECT_EQ(rej.source.line, 3u);
  EXPECT_EQ(rej.field, c.column);
  EXPECT_EQ(rej.reason, c.reason);
  EXPECT_EQ(rej.event_id, std::string(c.column) == "event_id" ? "" : "B");
  const std::string text = rej.describe();
  EXPECT_NE(text.find("in.csv:3: " + std::string(c.column) + ": "), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ReadCsvRejects,
    ::testing::Values(RejectCase{"ssid", "123456789", "invalid_ssid"},
                      RejectCase{"ssid", "12345678X0", "invalid_ssid"},
                      RejectCase{"lea_cds", "1964212000000", "invalid_lea_cds"},
                      RejectCase{"school_cds", "196421260111110", "invalid_school_cds"},
                      RejectCase{"school_cds", "37683386011111", "school_outside_lea"},
                      RejectCase{"birth_date", "2024-02-30", "invalid_birth_date"},
                      RejectCase{"birth_date", "2025-01-01", "inconsistent_dates"},
                      RejectCase{"test_completed_on", "08/06/2024", "invalid_test_completed_on"},
                      RejectCase{"ssr_generated_at", "2024-08-01", "inconsistent_dates"},
                      RejectCase{"ssr_generated_at", "yesterday", "invalid_ssr_generated_at"},
                      RejectCase{"parent_notified_on", "2024-08-01", "inconsistent_dates"},
                      RejectCase{"parent_notified_on", "2024-09-31", "invalid_parent_notified_on"},
                      RejectCase{"grade", "13", "invalid_grade"}, RejectCase{"form", "3", "invalid_form"},
                      RejectCase{"mode", "online", "invalid_mode"},
                      RejectCase{"answer_book", "yes", "invalid_answer_book"},
                      RejectCase{"last_name", "Smith & Co", "invalid_last_name"},
                      RejectCase{"first_name", "Th\xF1o", "invalid_utf8"},
                      RejectCase{"middle_name", "A@B", "invalid_middle_name"},
                      RejectCase{"last_name", "", "empty_field"}, RejectCase{"event_id", "", "empty_field"},
                      RejectCase{"charter_number", "12345", "invalid_charter_number"}));

TEST(ReadCsv, OverlongNameIsRejected) {
  test::ScratchDir dir;
  auto f = dir.write("in.csv", std::string(kHeader) + row({{"last_name", std::string(51, 'a')}}));
  auto r = read_all_events({f});
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].field, "last_name");
  EXPECT_NE(r.rejected[0].message.find("51 characters"), std::string::npos);
}

TEST(ReadCsv, AnyColumnOrderBomAndCrlf) {
  test::ScratchDir dir;
  // Reverse the columns of header and row, add a BOM and CRLF line ends.
  auto split = [](const std::string& line) {
    std::vector<std::string> v;
    std::string cur;
    for (char ch : line) {
      if (ch == ',') {
        v.push_back(cur);
        cur.clear();
      } else if (ch != '\n') {
        cur += ch;
      }
    }
    v.push_back(cur);
    return v;
  };
  auto h = split(kHeader), r1 = split(row());
  std::string text = "\xEF\xBB\xBF";
  for (auto* v : {&h, &r1}) {
    for (std::size_t i = v->size(); i-- > 0;) text += (*v)[i] + (i ? "," : "\r\n");
  }
  auto f = dir.write("rev.csv", text);
  auto r = read_all_events({f});
  ASSERT_EQ(r.events.size(), 1u) << (r.rejected.empty() ? "" : r.rejected[0].describe());
  EXPECT_EQ(r.events[0].name.first, "Thảo");
  EXPECT_EQ(r.events[0].event_id, "E1");
}

TEST(ReadCsv, QuotedCommasQuotesAndNewlines) {
  test::ScratchDir dir;
  std::string text = std::string(kHeader) +
                     row({{"event_id", "Q1"}, {"school_name", "\"Lincoln, \"\"Abe\"\"\nElementary\""}}) +
                     row({{"event_id", "Q2"}, {"ssid", "2000000002"}});
  auto f = dir.write("q.csv", text);
  auto r = read_all_events({f});
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].school_name, "Lincoln, \"Abe\"\nElementary");
  EXPECT_EQ(r.events[0].source.line, 2u);
  EXPECT_EQ(r.events[1].source.line, 4u) << "the line count includes the quoted newline";
}

TEST(ReadCsv, UnterminatedQuoteDoesNotSwallowTheFile) {
  test::ScratchDir dir;
  std::string text = std::string(kHeader) + row({{"event_id", "U1"}, {"school_name", "\"Lincoln"}}) +
                     row({{"event_id", "U2"}, {"ssid", "2000000002"}}) +
                     row({{"event_id", "U3"}, {"ssid", "2000000003"}});
  auto f = dir.write("u.csv", text);
  auto r = read_all_events({f});
  EXPECT_EQ(r.stats.records, 3u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].reason, "unterminated_quote");
  EXPECT_EQ(r.rejected[0].source.line, 2u);
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].event_id, "U2");
  EXPECT_EQ(r.events[1].source.line, 4u);
}

TEST(ReadCsv, MissingColumnRejectsEveryRecordAndSaysWhich) {
  test::ScratchDir dir;
  std::string header = kHeader;
  header.replace(header.find("grade,"), 6, "");
  std::string body = row();
  // Drop the grade value (8th field).
  std::size_t pos = 0;
  for (int i = 0; i < 7; ++i) pos = body.find(',', pos) + 1;
  body.erase(pos, body.find(',', pos) - pos + 1);
  auto f = dir.write("m.csv", header + body + body);
  auto r = read_all_events({f});
  EXPECT_EQ(r.stats.records, 2u);
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].reason, "missing_column");
  EXPECT_EQ(r.rejected[0].field, "grade");
  EXPECT_NE(r.rejected[0].describe().find("m.csv:2: grade:"), std::string::npos);
}

TEST(ReadCsv, ShortAndLongRowsAreRejected) {
  test::ScratchDir dir;
  std::string good = row();
  std::string shortrow = good.substr(0, good.rfind(',', good.rfind(',') - 1)) + "\n";
  std::string longrow = good.substr(0, good.size() - 1) + ",extra\n";
  auto f = dir.write("s.csv", std::string(kHeader) + shortrow + longrow + row({{"event_id", "OK"}}));
  auto r = read_all_events({f});
  EXPECT_EQ(r.stats.records, 3u);
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].reason, "field_count");
  EXPECT_EQ(r.rejected[0].field, "charter_number");
  EXPECT_EQ(r.rejected[1].reason, "field_count");
  EXPECT_EQ(r.events.size(), 1u);
}

TEST(ReadCsv, OptionalColumnsMayBeAbsent) {
  test::ScratchDir dir;
  std::string header = kHeader;
  header = header.substr(0, header.find(",charter_number")) + "\n";
  std::string body = row();
  body = body.substr(0, body.rfind(',', body.rfind(',') - 1)) + "\n";
  auto r = read_all_events({dir.write("o.csv", header + body)});
  ASSERT_EQ(r.events.size(), 1u) << (r.rejected.empty() ? "" : r.rejected[0].describe());
  EXPECT_FALSE(r.events[0].parent_notified_on);
}

TEST(ReadJsonl, SameFieldsAndErrors) {
  test::ScratchDir dir;
  std::string good =
      R"({"event_id":"J1","ssr_generated_at":"2024-08-12","ssid":"1234567890","last_name":"Trần","first_name":"Bảo",)"
      R"("middle_name":"","birth_date":"2019-01-02","grade":"01","lea_cds":"19642120000000","lea_name":"ABC Unified",)"
      R"("school_cds":"19642126011111","school_name":"X","form":1,"test_completed_on":"2024-08-06","mode":"remote",)"
      R"("answer_book":"complete"})";
  std::string bad_ssid = good;
  bad_ssid.replace(bad_ssid.find("1234567890"), 10, "12345");
  bad_ssid.replace(bad_ssid.find("J1"), 2, "J2");
  std::string bad_utf8 = good;
  bad_utf8.replace(bad_utf8.find("Bảo"), 4, "B\xE1o");
  std::string not_json = "{\"event_id\": \"J4\", ";
  std::string number_ssid = good;
  number_ssid.replace(number_ssid.find("\"1234567890\""), 12, "1234567890");
  auto f = dir.write("e.jsonl", "\xEF\xBB\xBF" + good + "\n\n" + bad_ssid + "\n" + bad_utf8 + "\r\n" +
                                    not_json + "\n" + number_ssid + "\n");
  auto r = read_all_events({f});
  EXPECT_EQ(r.stats.records, 5u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].name.last, "Trần");
  ASSERT_EQ(r.rejected.size(), 4u);
  EXPECT_EQ(r.rejected[0].reason, "invalid_ssid");
  EXPECT_EQ(r.rejected[0].source.line, 3u);
  EXPECT_EQ(r.rejected[1].reason, "invalid_utf8");
  EXPECT_EQ(r.rejected[1].field, "first_name");
  EXPECT_EQ(r.rejected[2].reason, "malformed_json");
  EXPECT_EQ(r.rejected[2].source.line, 5u);
  EXPECT_EQ(r.rejected[3].reason, "invalid_ssid");
  EXPECT_NE(r.rejected[3].message.find("JSON string"), std::string::npos);
}

TEST(ReadEvents, UnreadableFileIsReportedNotCounted) {
  auto r = read_all_events({"/nonexistent/file.csv"});
  EXPECT_EQ(r.stats.records, 0u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].reason, "unreadable_file");
}

// Many records, so that fields (quoted, with commas, doubled quotes and line breaks) straddle
// the reader's 64 KB buffer at every offset, with rejections mixed in; read on one thread and
// with helper threads, every record comes back the same, in the same order.
TEST(ReadCsv, LargeFileSameOnOneThreadAndOnHelpers) {
  test::ScratchDir dir;
  std::string text = kHeader;
  std::vector<std::string> schools;
  for (int i = 0; i < 6000; ++i) {
    const std::string id = "L" + std::to_string(i);
    char ssid[16];
    std::snprintf(ssid, sizeof ssid, "%010d", 1000000000 + i);
    std::string school = "School-" + std::string(static_cast<std::size_t>(i % 37), 'x');
    std::string field = school;
    if (i % 3 == 0) {
      school = "Lincoln, \"Abe\" " + std::to_string(i) + "\nCampus";
      field = "\"Lincoln, \"\"Abe\"\" " + std::to_string(i) + "\nCampus\"";
    }
    std::map<std::string, std::string> o{{"event_id", id}, {"ssid", ssid}, {"school_name", field}};
    if (i % 11 == 0) o["birth_date"] = "2019-02-30";  // rejected: not a date
    schools.push_back(i % 11 == 0 ? "" : school);
    std::string r = row(o);
    if (i % 5 == 0) r.insert(r.size() - 1, "\r");  // CRLF
    text += r;
  }
  auto f = dir.write("large.csv", text);
  ASSERT_GT(text.size(), 4u * 65536) << "the file must span several buffers";
  auto one = read_all_events({f}, {});
  ReadOptions helpers;
  helpers.threads = 3;
  auto many = read_all_events({f}, helpers);
  EXPECT_EQ(one.stats.records, 6000u);
  EXPECT_EQ(one.rejected.size(), 546u);  // every 11th of 6,000
  ASSERT_EQ(one.events.size(), 6000u - 546u);
  std::size_t k = 0;
  for (int i = 0; i < 6000; ++i) {
    if (i % 11 == 0) continue;
    EXPECT_EQ(one.events[k].event_id, "L" + std::to_string(i));
    EXPECT_EQ(one.events[k].school_name, schools[static_cast<std::size_t>(i)]) << "record " << i;
    ++k;
  }
  EXPECT_EQ(many.stats.records, one.stats.records);
  EXPECT_EQ(many.stats.events, one.stats.events);
  EXPECT_EQ(many.stats.rejected, one.stats.rejected);
  ASSERT_EQ(many.events.size(), one.events.size());
  ASSERT_EQ(many.rejected.size(), one.rejected.size());
  for (std::size_t i = 0; i < one.events.size(); ++i) test::expect_same_event(many.events[i], one.events[i]);
  for (std::size_t i = 0; i < one.rejected.size(); ++i) {
    EXPECT_EQ(many.rejected[i].describe(), one.rejected[i].describe());
    EXPECT_EQ(many.rejected[i].source.line, one.rejected[i].source.line);
    EXPECT_EQ(many.rejected[i].source.record, one.rejected[i].source.record);
  }
}

// Helper threads keep the order across files and file kinds, unreadable files included.
TEST(ReadEvents, HelpersKeepOrderAcrossFiles) {
  test::ScratchDir dir;
  std::string csv = kHeader, jsonl;
  for (int i = 0; i < 3000; ++i) {
    char ssid[16];
    std::snprintf(ssid, sizeof ssid, "%010d", 1000000000 + i);
    csv += row({{"event_id", "C" + std::to_string(i)}, {"ssid", ssid}});
    jsonl +=
        "{\"event_id\":\"J" + std::to_string(i) +
        "\",\"ssr_generated_at\":\"2024-08-12T14:03:00-07:00\","
        "\"ssid\":\"" +
        ssid +
        "\",\"last_name\":\"Tr\u1ea7n\",\"first_name\":\"An\",\"middle_name\":\"\",\"birth_date\":"
        "\"2019-03-04\",\"grade\":\"KN\",\"lea_cds\":\"19642120000000\",\"lea_name\":\"ABC\",\"school_cds\":"
        "\"19642126011111\",\"school_name\":\"Aloha\",\"form\":1,\"test_completed_on\":\"2024-08-06\","
        "\"mode\":\"in_person\",\"answer_book\":\"complete\"}\n";
  }
  const std::vector<std::filesystem::path> files{dir.write("a.csv", csv), "/nonexistent/b.csv",
                                                 dir.write("c.jsonl", jsonl), dir.write("d.csv", csv)};
  ReadOptions helpers;
  helpers.threads = 2;
  auto one = read_all_events(files, {});
  auto many = read_all_events(files, helpers);
  ASSERT_EQ(one.events.size(), 9000u) << (one.rejected.empty() ? "" : one.rejected[0].describe());
  ASSERT_EQ(many.events.size(), one.events.size());
  for (std::size_t i = 0; i < one.events.size(); ++i) test::expect_same_event(many.events[i], one.events[i]);
  ASSERT_EQ(many.rejected.size(), 1u);
  EXPECT_EQ(many.rejected[0].reason, "unreadable_file");
  EXPECT_EQ(many.stats.records, 9000u) << "an unreadable file holds no records";
}

}  // namespace
}  // namespace lg::events
