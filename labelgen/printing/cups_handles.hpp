#pragma once
/// Owning wrappers of the libcups handles the printing stage uses: a connection (http_t), a
/// destination array (cups_dest_t[]), destination details (cups_dinfo_t), an IPP message
/// (ipp_t) and an option array (cups_option_t[]). Each frees its handle exactly once.
#include <cups/cups.h>

#include <memory>
#include <string>
#include <utility>

namespace lg::printing::cups {

struct HttpClose {
  void operator()(http_t* http) const { httpClose(http); }
};
/// A connection to a CUPS server.
using Http = std::unique_ptr<http_t, HttpClose>;

struct IppDelete {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
/// An IPP request or response. Hand a request to cupsDoRequest with release(): libcups frees it.
using Ipp = std::unique_ptr<ipp_t, IppDelete>;

struct DestInfoFree {
  void operator()(cups_dinfo_t* info) const { cupsFreeDestInfo(info); }
};
/// Details of a destination (supported options, media), from cupsCopyDestInfo.
using DestInfo = std::unique_ptr<cups_dinfo_t, DestInfoFree>;

/// An array of `count` destinations (cupsGetDests2, or one from cupsGetNamedDest), freed with
/// cupsFreeDests. Move-only.
class Dests {
 public:
  Dests() = default;
  Dests(cups_dest_t* dests, int count) : dests_(dests), count_(dests ? count : 0) {}
  Dests(Dests&& o) noexcept : dests_(std::exchange(o.dests_, nullptr)), count_(std::exchange(o.count_, 0)) {}
  Dests& operator=(Dests&& o) noexcept {
    if (this != &o) {
      reset();
      dests_ = std::exchange(o.dests_, nullptr);
      count_ = std::exchange(o.count_, 0);
    }
    return *this;
  }
  Dests(const Dests&) = delete;
  Dests& operator=(const Dests&) = delete;
  ~Dests() { reset(); }

  cups_dest_t* get() const { return dests_; }
  int count() const { return count_; }
  explicit operator bool() const { return dests_ != nullptr; }
  /// The first destination (the only one of cupsGetNamedDest).
  cups_dest_t* front() const { return dests_; }

 private:
  void reset() {
    if (dests_) cupsFreeDests(count_, dests_);
    dests_ = nullptr;
    count_ = 0;
  }
  cups_dest_t* dests_ = nullptr;
  int count_ = 0;
};

/// A job option array built with cupsAddOption. Move-only.
class Options {
 public:
  Options() = default;
  Options(Options&& o) noexcept
      : count_(std::exchange(o.count_, 0)), options_(std::exchange(o.options_, nullptr)) {}
  Options& operator=(Options&&) = delete;
  Options(const Options&) = delete;
  Options& operator=(const Options&) = delete;
  ~Options() { cupsFreeOptions(count_, options_); }

  void add(const std::string& name, const std::string& value) {
    count_ = cupsAddOption(name.c_str(), value.c_str(), count_, &options_);
  }
  int count() const { return count_; }
  cups_option_t* get() const { return options_; }

 private:
  int count_ = 0;
  cups_option_t* options_ = nullptr;
};

}  // namespace lg::printing::cups
