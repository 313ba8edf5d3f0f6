#pragma once
/// Barcode stage, authentication: the MAC field `K<key id>:<mac>` of label and GIS payloads
/// (docs/payload.md, "MAC field"). The MAC is HMAC-SHA256, keyed with a secret from a key file,
/// over every byte of the payload before the `|` that precedes `K`, truncated to 80 bits and
/// written as 16 characters of RFC 4648 base32 without padding.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/core/result.hpp"

namespace lg::barcode {

/// Bits of the HMAC-SHA256 output kept in a payload (docs/payload.md explains the choice).
inline constexpr std::size_t kMacBits = 80;
/// Base32 characters of a kept MAC: 80 bits / 5 bits per character.
inline constexpr std::size_t kMacChars = 16;
/// Shortest and longest secret accepted in a key file, in bytes.
inline constexpr std::size_t kMinSecretBytes = 16;
inline constexpr std::size_t kMaxSecretBytes = 64;

/// One secret key. The secret is wiped from memory when the key is destroyed.
class MacKey {
 public:
  /// Checks the id (1–8 of `A-Z 0-9`) and the secret's length (16–64 bytes).
  static Result<MacKey> make(std::string id, std::vector<unsigned char> secret);
  MacKey(const MacKey& other);
  MacKey(MacKey&& other) noexcept;
  MacKey& operator=(MacKey other) noexcept;
  ~MacKey();

  const std::string& id() const { return id_; }
  const std::vector<unsigned char>& secret() const { return secret_; }

 private:
  MacKey(std::string id, std::vector<unsigned char> secret)
      : id_(std::move(id)), secret_(std::move(secret)) {}
  std::string id_;
  std::vector<unsigned char> secret_;
};

/// The keys a print run signs with and a verifier checks against: at most one signing key and
/// any number of keys that only verify (older keys kept during a rotation).
///
/// Key file format (one key per line; blank lines and lines starting with `#` are ignored):
///
///     <key id> <secret as hex, 32-128 hex digits> [sign]
///
/// The key marked `sign` signs; a file with a single key needs no mark. Key ids are unique.
/// The file must not be readable, writable or executable by group or others (chmod 600): a
/// file that is, is refused with a message naming it. Messages never show a secret.
class KeyRing {
 public:
  KeyRing() = default;
  /// Loads a key file, checking its permissions first.
  static Result<KeyRing> load(const std::filesystem::path& file);
  /// Parses key file text (no permission check); `origin` names the text in messages.
  static Result<KeyRing> parse(std::string_view text, const std::string& origin);

  /// Adds a key; fails when its id is already in the ring, or when `signing` and the ring
  /// already has a signing key.
  Result<void> add(MacKey key, bool signing);
  /// The key that signs, or nullptr when the ring only verifies.
  const MacKey* signing_key() const;
  /// The key with this id, or nullptr.
  const MacKey* find(std::string_view id) const;
  bool empty() const { return keys_.empty(); }
  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<MacKey> keys_;
  std::ptrdiff_t signing_ = -1;
};

/// The MAC field's text for `signed_bytes` (the payload before `|K`): 16 base32 characters.
std::string compute_mac(std::string_view signed_bytes, const MacKey& key);

/// Appends `|K<key id>:<mac>` to a valid, unsigned Pre-ID label payload (format_payload's
/// output). Fails when the payload does not parse or already has a MAC field.
Result<std::string> sign_payload(std::string_view payload, const MacKey& key);
/// The same for a GIS payload (format_gis_payload's output).
Result<std::string> sign_gis_payload(std::string_view payload, const MacKey& key);

/// What a payload's MAC says, checked in this order.
enum class MacVerdict {
  Malformed,        ///< not a version-1 payload of the expected type (its other fields are invalid)
  NoKeyConfigured,  ///< the key ring is empty: nothing can be verified (signed or not)
  Unsigned,         ///< no MAC field
  UnknownKey,       ///< a well-formed MAC field whose key id is not in the ring
  Forged,           ///< the MAC does not match: altered content, another key with the same id,
                    ///< a truncated, over-long or garbled MAC field
  Valid,            ///< the MAC matches the payload under the key its id names
};
/// `malformed`, `no key configured`, `unsigned`, `unknown key`, `forged`, `valid`.
std::string_view verdict_name(MacVerdict v);

/// Checks a Pre-ID label payload's MAC against `ring`. Comparison is constant-time.
MacVerdict verify_payload(std::string_view payload, const KeyRing& ring);
/// Checks a GIS payload's MAC against `ring`.
MacVerdict verify_gis_payload(std::string_view payload, const KeyRing& ring);

/// RFC 4648 base32 (`A-Z 2-7`) without padding; exposed for tests.
std::string base32(const unsigned char* bytes, std::size_t size);
/// Full HMAC-SHA256 (32 bytes); exposed for the RFC 4231 test vectors.
std::vector<unsigned char> hmac_sha256(const std::vector<unsigned char>& key, std::string_view message);

}  // namespace lg::barcode
