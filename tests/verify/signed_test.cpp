// A signed run (--key-file): edited payloads with the MAC kept, another key, an unsigned payload
// and a voided serial, typed in wedge mode as a 2D scanner types DataMatrix payloads.
#include <sys/stat.h>

#include "labelgen/barcode/mac.hpp"
#include "tests/verify/verify_support.hpp"

namespace lg::verify::test {
namespace {

const char* kSecret = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const char* kOtherSecret = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1eff";

barcode::PayloadFields fields(const Label& l) {
  barcode::PayloadFields f;
  f.administration = *AdminYear::parse(kAdmin);
  f.form = *parse_form(l.form);
  f.lea = *CdsCode::parse(l.lea);
  f.school = *CdsCode::parse(l.school);
  f.grade = *parse_grade(l.grade);
  f.ssid = *Ssid::parse(l.ssid);
  f.serial = static_cast<std::uint32_t>(std::stoul(l.serial));
  f.batch = "2024-12";
  f.name = l.name;
  return f;
}

barcode::MacKey key(const char* hex) {
  std::vector<unsigned char> secret;
  for (std::size_t i = 0; hex[i] && hex[i + 1]; i += 2)
    secret.push_back(static_cast<unsigned char>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
  return *barcode::MacKey::make("K1", secret);
}

std::string signed_payload(const barcode::PayloadFields& f, const char* secret) {
  return *barcode::sign_payload(*barcode::format_payload(f), key(secret));
}

TEST(VerifySigned, ForgedOtherKeyUnsignedAndVoid) {
  lg::test::ScratchDir dir;
  const auto keys = dir.write("keys", std::string("K1 ") + kSecret + " sign\n");
  ::chmod(keys.c_str(), 0600);
  const fs::path out = dir / "out";
  auto r = lg::test::run_labelgen(std::string("run --admin ") + kAdmin + " --events " +
                                  q(lg::test::repo_dir() / "samples/events.csv") +
                                  " --through 2024-12-31 --key-file " + q(keys) + " --out " + q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto manifest = read_manifest(out / "2024-12" / "manifest.csv");
  // Five labels of the LEA with the most labels (so that no label is of another LEA).
  std::map<std::string, std::vector<Label>> by_lea;
  for (const auto& l : manifest) by_lea[l.lea].push_back(l);
  const auto& five = std::max_element(by_lea.begin(), by_lea.end(), [](const auto& a, const auto& b) {
                       return a.second.size() < b.second.size();
                     })->second;
  ASSERT_GE(five.size(), 5u);
  const Label &good = five[0], &edited = five[1], &other = five[2], &unsigned_l = five[3], &voided = five[4];
  r = lg::test::run_labelgen(std::string("reprint --admin ") + kAdmin + " --out " + q(out) + " --serial " +
                             voided.serial + " --reason lost --next-batch");
  ASSERT_EQ(r.exit_code, 0) << r.err;

  auto f = fields(edited);
  const std::string genuine = signed_payload(f, kSecret);
  const std::string mac = genuine.substr(genuine.rfind('|'));
  f.name = "SOMEONE, ELSE";  // the name edited, the MAC kept
  const std::string forged_name = *barcode::format_payload(f) + mac;
  std::string in;
  for (const auto& [line, name] : std::vector<std::pair<std::string, std::string>>{
           {signed_payload(fields(good), kSecret), good.name},
           {forged_name, edited.name},
           {signed_payload(fields(other), kOtherSecret), other.name},
           {*barcode::format_payload(fields(unsigned_l)), unsigned_l.name},
           {signed_payload(fields(voided), kSecret), voided.name}})
    in += line + "\n" + name + "\n";
  r = lg::test::run_labelgen(
      std::string("verify --wedge --json --admin ") + kAdmin + " --out " + q(out) + " --key-file " + q(keys),
      in);
  EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
  // With --json, stdout is the JSON alone; the session's prompts went to stderr.
  EXPECT_NE(r.err.find("name on answer book: "), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> macs;
  for (const auto& l : j.at("labels"))
    if (l.at("scanned").get<bool>()) macs[l.at("serial").get<std::string>()] = l.at("mac").get<std::string>();
  EXPECT_EQ(macs[good.serial], "valid");
  EXPECT_EQ(macs[edited.serial], "forged");
  EXPECT_EQ(macs[other.serial], "forged");
  EXPECT_EQ(macs[unsigned_l.serial], "unsigned");
  EXPECT_EQ(macs[voided.serial], "valid");
  auto problems = problems_by_serial(j);
  EXPECT_EQ(problems[good.serial], std::set<std::string>{});
  EXPECT_EQ(problems[edited.serial], std::set<std::string>{"forged"});  // MAC fails, and the ledger disagrees
  EXPECT_EQ(problems[other.serial], std::set<std::string>{"forged"});
  EXPECT_EQ(problems[unsigned_l.serial], std::set<std::string>{"unsigned"});
  EXPECT_EQ(problems[voided.serial], std::set<std::string>{"void"});
  for (const auto& l : manifest) {
    EXPECT_EQ(r.err.find(l.name), std::string::npos);
    EXPECT_EQ(r.err.find(l.ssid), std::string::npos);
  }

  // Without the key file the same labels are reported, MACs not checked.
  r = lg::test::run_labelgen(std::string("verify --wedge --json --admin ") + kAdmin + " --out " + q(out), in);
  const auto j2 = nlohmann::json::parse(r.out);
  for (const auto& l : j2.at("labels"))
    if (l.at("scanned").get<bool>() && l.at("serial") != unsigned_l.serial) {
      EXPECT_EQ(l.at("mac"), "not checked");
    }
}

}  // namespace
}  // namespace lg::verify::test
