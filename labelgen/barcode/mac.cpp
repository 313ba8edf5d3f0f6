#include "labelgen/barcode/mac.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/io/unnamed_file.hpp"

namespace lg::barcode {
namespace {

bool key_id_ok(std::string_view id) {
  if (id.empty() || id.size() > 8) return false;
  for (char c : id)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

void wipe(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

void wipe(std::vector<unsigned char>& v) {
  if (!v.empty()) OPENSSL_cleanse(v.data(), v.size());
  v.clear();
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::vector<unsigned char>> parse_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::vector<unsigned char> out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      wipe(out);
      return std::nullopt;
    }
    out.push_back(static_cast<unsigned char>(hi << 4 | lo));
  }
  return out;
}

/// Whitespace-separated words of one line.
std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

/// The two payload types share everything but their parser.
struct PayloadKind {
  const char* what;
  /// Parses text; returns whether it is valid and whether it has a MAC field.
  Result<bool> (*parse)(std::string_view);
};

const PayloadKind kLabel{"Pre-ID label", [](std::string_view t) -> Result<bool> {
                           auto p = parse_payload(t);
                           if (!p) return std::unexpected(p.error());
                           return p->mac.has_value();
                         }};
const PayloadKind kGis{"GIS", [](std::string_view t) -> Result<bool> {
                         auto g = parse_gis_payload(t);
                         if (!g) return std::unexpected(g.error());
                         return g->mac.has_value();
                       }};

Result<std::string> sign(std::string_view payload, const MacKey& key, const PayloadKind& kind) {
  auto parsed = kind.parse(payload);
  if (!parsed) return std::unexpected(parsed.error());
  if (*parsed) return fail("payload.mac", std::string(kind.what) + " payload is already signed");
  std::string out(payload);
  out += "|K";
  out += key.id();
  out += ':';
  out += compute_mac(payload, key);
  return out;
}

MacVerdict verify(std::string_view payload, const KeyRing& ring, const PayloadKind& kind) {
  const auto bar = payload.rfind('|');
  const std::string_view last = bar == std::string_view::npos ? std::string_view{} : payload.substr(bar + 1);
  auto parsed = kind.parse(payload);
  if (!parsed) {
    // A valid unsigned payload followed by a broken K field: a garbled or truncated MAC.
    if (last.empty() || last[0] != 'K') return MacVerdict::Malformed;
    auto body = kind.parse(payload.substr(0, bar));
    if (!body || *body) return MacVerdict::Malformed;
    return ring.empty() ? MacVerdict::NoKeyConfigured : MacVerdict::Forged;
  }
  if (ring.empty()) return MacVerdict::NoKeyConfigured;
  if (!*parsed) return MacVerdict::Unsigned;
  // parse_* accepted the field, so it is K<key id>:<mac> with a well-formed id and MAC.
  const auto colon = last.find(':');
  const MacKey* key = ring.find(last.substr(1, colon - 1));
  if (!key) return MacVerdict::UnknownKey;
  const std::string_view given = last.substr(colon + 1);
  const std::string expected = compute_mac(payload.substr(0, bar), *key);
  if (given.size() != expected.size()) return MacVerdict::Forged;
  return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0 ? MacVerdict::Valid
                                                                            : MacVerdict::Forged;
}

}  // namespace

// ---- Keys ---------------------------------------------------------------------------------------

Result<MacKey> MacKey::make(std::string id, std::vector<unsigned char> secret) {
  if (!key_id_ok(id)) {
    wipe(secret);
    // The id is not echoed: a line with its words swapped would put the secret in the message.
    return fail("key_id", "the key id must be 1-8 of A-Z 0-9");
  }
  if (secret.size() < kMinSecretBytes || secret.size() > kMaxSecretBytes) {
    const auto n = secret.size();
    wipe(secret);
    return fail("secret", "key " + id + ": the secret must be " + std::to_string(kMinSecretBytes) + "-" +
                              std::to_string(kMaxSecretBytes) + " bytes, got " + std::to_string(n));
  }
  return MacKey(std::move(id), std::move(secret));
}

MacKey::MacKey(const MacKey& other) = default;
MacKey::MacKey(MacKey&& other) noexcept : id_(std::move(other.id_)), secret_(std::move(other.secret_)) {
  other.secret_.clear();
}
MacKey& MacKey::operator=(MacKey other) noexcept {
  wipe(secret_);
  id_ = std::move(other.id_);
  secret_ = std::move(other.secret_);
  other.secret_.clear();
  return *this;
}
MacKey::~MacKey() { wipe(secret_); }

Result<void> KeyRing::add(MacKey key, bool signing) {
  if (find(key.id())) return fail("key_id", "key id " + key.id() + " is listed twice");
  if (signing && signing_ >= 0)
    return fail("sign", "two signing keys (" + keys_[static_cast<std::size_t>(signing_)].id() + " and " +
                            key.id() + "): mark one key `sign`");
  if (signing) signing_ = static_cast<std::ptrdiff_t>(keys_.size());
  keys_.push_back(std::move(key));
  return {};
}

const MacKey* KeyRing::signing_key() const {
  return signing_ >= 0 ? &keys_[static_cast<std::size_t>(signing_)] : nullptr;
}

const MacKey* KeyRing::find(std::string_view id) const {
  for (const auto& k : keys_)
    if (k.id() == id) return &k;
  return nullptr;
}

Result<KeyRing> KeyRing::parse(std::string_view text, const std::string& origin) {
  KeyRing ring;
  std::size_t line_no = 0, unmarked = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_no;
    const std::string at = origin + ":" + std::to_string(line_no) + ": ";
    auto w = words(line.ends_with('\r') ? line.substr(0, line.size() - 1) : line);
    if (w.empty() || w[0].starts_with('#')) continue;
    if (w.size() < 2 || w.size() > 3 || (w.size() == 3 && w[2] != "sign"))
      return fail("key_file", at + "expected `<key id> <hex secret> [sign]`");
    if (!key_id_ok(w[0])) return fail("key_file", at + "the key id (first word) must be 1-8 of A-Z 0-9");
    auto secret = parse_hex(w[1]);
    if (!secret)
      return fail("key_file", at + "the secret must be hex digits (" + std::to_string(2 * kMinSecretBytes) +
                                  "-" + std::to_string(2 * kMaxSecretBytes) + " of them)");
    auto key = MacKey::make(std::string(w[0]), std::move(*secret));
    if (!key) return fail("key_file", at + key.error().message);
    const bool signing = w.size() == 3;
    if (!signing) ++unmarked;
    if (auto ok = ring.add(std::move(*key), signing); !ok) return fail("key_file", at + ok.error().message);
  }
  if (ring.empty())
    return fail("key_file", origin + ": no keys (expected lines `<key id> <hex secret> [sign]`)");
  if (ring.size() == 1 && unmarked == 1) ring.signing_ = 0;  // a single key signs without a mark
  return ring;
}

Result<KeyRing> KeyRing::load(const std::filesystem::path& file) {
  const std::string name = file.string();
  io::OwnedFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fail("key_file", name + ": cannot open the key file: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail("key_file", name + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return fail("key_file", name + ": the key file is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return fail("key_file", name + ": the key file is accessible to group or others (mode " + mode +
                                "); refusing to use it: run chmod 600 " + name);
  }
  std::string text;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      OPENSSL_cleanse(buf, sizeof buf);
      wipe(text);
      return fail("key_file", name + ": cannot read the key file: " + std::strerror(err));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > (1 << 20)) {
      OPENSSL_cleanse(buf, sizeof buf);
      wipe(text);
      return fail("key_file", name + ": the key file is larger than 1 MiB");
    }
  }
  OPENSSL_cleanse(buf, sizeof buf);
  auto ring = parse(text, name);
  wipe(text);
  return ring;
}

// ---- MAC ----------------------------------------------------------------------------------------

std::string base32(const unsigned char* bytes, std::size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((size * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::vector<unsigned char> hmac_sha256(const std::vector<unsigned char>& key, std::string_view message) {
  std::vector<unsigned char> out(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  static const unsigned char kEmpty = 0;
  const unsigned char* data =
      message.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(message.data());
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data, message.size(), out.data(),
            &length))
    length = 0;  // cannot happen with SHA-256 in memory; an empty MAC then never verifies
  out.resize(length);
  return out;
}

std::string compute_mac(std::string_view signed_bytes, const MacKey& key) {
  auto full = hmac_sha256(key.secret(), signed_bytes);
  if (full.size() < kMacBits / 8) return {};
  std::string mac = base32(full.data(), kMacBits / 8);
  wipe(full);
  return mac;
}

Result<std::string> sign_payload(std::string_view payload, const MacKey& key) {
  return sign(payload, key, kLabel);
}

Result<std::string> sign_gis_payload(std::string_view payload, const MacKey& key) {
  return sign(payload, key, kGis);
}

MacVerdict verify_payload(std::string_view payload, const KeyRing& ring) {
  return verify(payload, ring, kLabel);
}

MacVerdict verify_gis_payload(std::string_view payload, const KeyRing& ring) {
  return verify(payload, ring, kGis);
}

std::string_view verdict_name(MacVerdict v) {
  switch (v) {
    case MacVerdict::Malformed:
      return "malformed";
    case MacVerdict::NoKeyConfigured:
      return "no key configured";
    case MacVerdict::Unsigned:
      return "unsigned";
    case MacVerdict::UnknownKey:
      return "unknown key";
    case MacVerdict::Forged:
      return "forged";
    case MacVerdict::Valid:
      return "valid";
  }
  return "malformed";
}

}  // namespace lg::barcode
