#include "labelgen/events/store.hpp"

#include <cstring>
#include <optional>
#include <string_view>

#include "labelgen/io/unnamed_file.hpp"

namespace lg::events {
namespace {

constexpr char kEventTag = 'E';
constexpr char kRejectionTag = 'R';
constexpr std::size_t kWriteBuffer = 1 << 20;
constexpr const char* kWhat = "the temporary event store";

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u8(unsigned v) { out_.push_back(static_cast<char>(v)); }
  void i64(std::int64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(std::string_view s) {
    const auto n = static_cast<std::uint32_t>(s.size());
    out_.append(reinterpret_cast<const char*>(&n), sizeof n);
    out_.append(s);
  }
  void source(const SourceRef& s) {
    str(s.file);
    i64(static_cast<std::int64_t>(s.line));
    i64(static_cast<std::int64_t>(s.record));
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  unsigned u8() {
    if (!take(1)) return 0;
    return static_cast<unsigned char>(in_[pos_ - 1]);
  }
  std::int64_t i64() {
    std::int64_t v = 0;
    if (take(sizeof v)) std::memcpy(&v, in_.data() + pos_ - sizeof v, sizeof v);
    return v;
  }
  std::string str() {
    std::uint32_t n = 0;
    if (!take(sizeof n)) return {};
    std::memcpy(&n, in_.data() + pos_ - sizeof n, sizeof n);
    if (!take(n)) return {};
    return std::string(in_.substr(pos_ - n, n));
  }
  SourceRef source() {
    SourceRef s;
    s.file = str();
    s.line = static_cast<std::size_t>(i64());
    s.record = static_cast<std::size_t>(i64());
    return s;
  }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  bool take(std::size_t n) {
    if (!ok_ || in_.size() - pos_ < n) return ok_ = false;
    pos_ += n;
    return true;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

void encode(const SsrEvent& e, std::string& out) {
  Writer w(out);
  w.u8(kEventTag);
  w.source(e.source);
  w.str(e.event_id);
  w.i64(e.ssr_generated_at.date.serial());
  w.i64(e.ssr_generated_at.order_key);
  w.str(e.ssr_generated_at.text);
  w.str(e.ssid.str());
  w.str(e.name.last);
  w.str(e.name.first);
  w.str(e.name.middle);
  w.i64(e.birth_date.serial());
  w.u8(static_cast<unsigned>(e.grade));
  w.str(e.lea_cds.str());
  w.str(e.lea_name);
  w.str(e.school_cds.str());
  w.str(e.school_name);
  w.u8(static_cast<unsigned>(form_number(e.form)));
  w.i64(e.test_completed_on.serial());
  w.u8(static_cast<unsigned>(e.mode));
  w.u8(static_cast<unsigned>(e.answer_book));
  w.str(e.charter_number);
  w.u8(e.parent_notified_on ? 1 : 0);
  w.i64(e.parent_notified_on ? e.parent_notified_on->serial() : 0);
}

void encode(const Rejection& r, std::string& out) {
  Writer w(out);
  w.u8(kRejectionTag);
  w.source(r.source);
  w.str(r.event_id);
  w.str(r.field);
  w.str(r.reason);
  w.str(r.message);
}

Result<SsrEvent> decode_event(std::string_view bytes) {
  Reader r(bytes);
  auto corrupt = [] { return fail("store", "the temporary event store is corrupt"); };
  if (r.u8() != static_cast<unsigned char>(kEventTag)) return corrupt();
  SsrEvent e;
  e.source = r.source();
  e.event_id = r.str();
  e.ssr_generated_at.date = Date::from_serial(r.i64());
  e.ssr_generated_at.order_key = r.i64();
  e.ssr_generated_at.text = r.str();
  auto ssid = Ssid::parse(r.str());
  e.name.last = r.str();
  e.name.first = r.str();
  e.name.middle = r.str();
  e.birth_date = Date::from_serial(r.i64());
  e.grade = static_cast<Grade>(r.u8());
  auto lea = CdsCode::parse(r.str());
  e.lea_name = r.str();
  auto school = CdsCode::parse(r.str());
  e.school_name = r.str();
  e.form = r.u8() == 2 ? Form::F2 : Form::F1;
  e.test_completed_on = Date::from_serial(r.i64());
  e.mode = static_cast<TestMode>(r.u8());
  e.answer_book = static_cast<AnswerBook>(r.u8());
  e.charter_number = r.str();
  const bool notified = r.u8() != 0;
  const std::int64_t notified_on = r.i64();
  if (notified) e.parent_notified_on = Date::from_serial(notified_on);
  if (!r.ok() || !r.at_end() || !ssid || !lea || !school) return corrupt();
  e.ssid = std::move(*ssid);
  e.lea_cds = std::move(*lea);
  e.school_cds = std::move(*school);
  return e;
}

Result<Rejection> decode_rejection(std::string_view bytes) {
  Reader r(bytes);
  if (r.u8() != static_cast<unsigned char>(kRejectionTag))
    return fail("store", "the temporary event store is corrupt");
  Rejection j;
  j.source = r.source();
  j.event_id = r.str();
  j.field = r.str();
  j.reason = r.str();
  j.message = r.str();
  if (!r.ok() || !r.at_end()) return fail("store", "the temporary event store is corrupt");
  return j;
}

}  // namespace

struct EventStore::Impl {
  io::OwnedFd fd;  // none: in memory
  std::optional<std::filesystem::path> dir;
  std::string memory;         // the whole store (in memory), or the unwritten tail (file)
  std::uint64_t written = 0;  // bytes already in the file
  std::string scratch;

  Result<StoreRef> append() {
    const std::uint64_t offset = written + memory.size();
    memory += scratch;
    StoreRef ref{offset, static_cast<std::uint32_t>(scratch.size())};
    scratch.clear();
    if (fd && memory.size() >= kWriteBuffer)
      if (auto ok = write_out(); !ok) return std::unexpected(ok.error());
    return ref;
  }

  Result<void> write_out() {
    if (auto ok = io::write_all(fd.get(), memory.data(), memory.size(), kWhat); !ok) return ok;
    written += memory.size();
    memory.clear();
    return {};
  }

  Result<std::string> read(StoreRef ref) const {
    std::string bytes(ref.size, '\0');
    if (!fd) {
      if (ref.offset + ref.size > memory.size()) return fail("store", "reference outside the event store");
      std::memcpy(bytes.data(), memory.data() + ref.offset, ref.size);
      return bytes;
    }
    if (ref.offset + ref.size > written)
      return fail("store", "reference outside the event store (not flushed?)");
    if (auto ok = io::read_exactly(fd.get(), bytes.data(), ref.size, static_cast<off_t>(ref.offset), kWhat);
        !ok)
      return std::unexpected(ok.error());
    return bytes;
  }
};

EventStore::EventStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventStore::EventStore(EventStore&&) noexcept = default;
EventStore& EventStore::operator=(EventStore&&) noexcept = default;
EventStore::~EventStore() = default;

Result<EventStore> EventStore::in_folder(const std::filesystem::path& dir) {
  auto fd = io::open_unnamed_file(dir, kWhat);
  if (!fd) return std::unexpected(fd.error());
  auto impl = std::make_unique<Impl>();
  impl->fd = std::move(*fd);
  impl->dir = dir;
  impl->memory.reserve(kWriteBuffer * 2);
  return EventStore(std::move(impl));
}

EventStore EventStore::in_memory() { return EventStore(std::make_unique<Impl>()); }

Result<StoreRef> EventStore::put(const SsrEvent& event) {
  encode(event, impl_->scratch);
  return impl_->append();
}

Result<StoreRef> EventStore::put(const Rejection& rejection) {
  encode(rejection, impl_->scratch);
  return impl_->append();
}

Result<void> EventStore::flush() {
  if (!impl_->fd || impl_->memory.empty()) return {};
  return impl_->write_out();
}

Result<SsrEvent> EventStore::event(StoreRef ref) const {
  auto bytes = impl_->read(ref);
  if (!bytes) return std::unexpected(bytes.error());
  return decode_event(*bytes);
}

Result<Rejection> EventStore::rejection(StoreRef ref) const {
  auto bytes = impl_->read(ref);
  if (!bytes) return std::unexpected(bytes.error());
  return decode_rejection(*bytes);
}

std::uint64_t EventStore::size() const { return impl_->written + impl_->memory.size(); }

std::optional<std::filesystem::path> EventStore::folder() const { return impl_->dir; }

}  // namespace lg::events
