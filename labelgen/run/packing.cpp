#include "labelgen/run/packing.hpp"

#include <unicode/coll.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

#include "labelgen/barcode/payload.hpp"

namespace lg::run {
namespace {

/// Collation keys of names (root locale, secondary strength: accents matter after letters).
class NameKeys {
 public:
  NameKeys() {
    UErrorCode status = U_ZERO_ERROR;
    collator_.reset(icu::Collator::createInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) collator_.reset();
    if (collator_) collator_->setStrength(icu::Collator::TERTIARY);
  }
  std::string key(const std::string& text) const {
    if (!collator_) return text;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    std::string out(64, '\0');
    int32_t n =
        collator_->getSortKey(u, reinterpret_cast<uint8_t*>(out.data()), static_cast<int32_t>(out.size()));
    if (n > static_cast<int32_t>(out.size())) {
      out.resize(static_cast<std::size_t>(n));
      n = collator_->getSortKey(u, reinterpret_cast<uint8_t*>(out.data()), n);
    }
    out.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // drop the terminating 0
    return out;
  }

 private:
  std::unique_ptr<icu::Collator> collator_;
};

std::string school_key(const NameKeys& keys, const std::string& name, const std::string& cds) {
  return keys.key(name) + '\x01' + cds;
}

std::string window_of(const rules::Label& l) { return l.window ? l.window->start.iso() : std::string(); }

struct Keyed {
  const rules::Label* label;
  std::string school_key;
  std::string last, first, middle;
};

}  // namespace

std::string GisGroup::id() const { return "G" + std::to_string(gis_serial); }

std::size_t LeaPack::label_count() const {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.labels.size();
  return n;
}

std::vector<std::string> school_sort_keys(const std::vector<std::pair<std::string, std::string>>& schools) {
  NameKeys keys;
  std::vector<std::string> out;
  out.reserve(schools.size());
  for (const auto& [name, cds] : schools) out.push_back(school_key(keys, name, cds));
  return out;
}

Result<void> check_group_size(std::size_t books, const std::string& lea_cds, const std::string& school_cds,
                              Grade grade, Form form) {
  if (books <= barcode::kMaxGisCount) return {};
  return fail("", "the GIS group of LEA " + lea_cds + ", school " + school_cds + ", grade " +
                      std::string(grade_code(grade)) + ", Form " + std::to_string(form_number(form)) +
                      " has " + std::to_string(books) + " answer books; one GIS counts at most " +
                      std::to_string(barcode::kMaxGisCount) + " (run the month in parts with --through)");
}

Result<void> check_group_sizes(const std::vector<LeaPack>& packs) {
  for (const auto& p : packs)
    for (const auto& g : p.groups)
      if (auto ok = check_group_size(g.labels.size(), g.lea_cds, g.school_cds, g.grade, g.form); !ok)
        return ok;
  return {};
}

std::vector<LeaPack> pack(const std::vector<rules::Label>& labels, std::uint32_t first_serial,
                          std::uint32_t first_gis_serial) {
  NameKeys keys;
  std::vector<Keyed> keyed;
  keyed.reserve(labels.size());
  for (const auto& l : labels) {
    const auto& e = l.event;
    keyed.push_back({&l, school_key(keys, e.school_name, e.school_cds.str()), keys.key(e.name.last),
                     keys.key(e.name.first), keys.key(e.name.middle)});
  }
  auto tuple_of = [](const Keyed& k) {
    const auto& e = k.label->event;
    const auto window = k.label->window ? k.label->window->start.serial() : 0;
    return std::make_tuple(std::cref(e.lea_cds.str()), std::cref(k.school_key),
                           static_cast<int>(testing_grade(e.grade)), form_number(e.form), window,
                           std::cref(k.last), std::cref(k.first), std::cref(k.middle),
                           std::cref(e.ssid.str()));
  };
  std::sort(keyed.begin(), keyed.end(),
            [&](const Keyed& a, const Keyed& b) { return tuple_of(a) < tuple_of(b); });

  std::vector<LeaPack> packs;
  std::uint32_t serial = first_serial, gis_serial = first_gis_serial;
  for (const auto& k : keyed) {
    const auto& e = k.label->event;
    if (packs.empty() || packs.back().lea_cds != e.lea_cds.str())
      packs.push_back({e.lea_cds.str(), e.lea_name, {}});
    auto& pack_ = packs.back();
    const Grade g = testing_grade(e.grade);
    if (pack_.groups.empty() || pack_.groups.back().school_cds != e.school_cds.str() ||
        pack_.groups.back().grade != g || pack_.groups.back().form != e.form ||
        pack_.groups.back().window_start != window_of(*k.label)) {
      GisGroup group;
      group.lea_cds = e.lea_cds.str();
      group.school_cds = e.school_cds.str();
      group.grade = g;
      group.form = e.form;
      group.window_start = window_of(*k.label);
      group.gis_serial = gis_serial++;
      pack_.groups.push_back(std::move(group));
    }
    pack_.groups.back().labels.push_back(k.label);
    pack_.groups.back().serials.push_back(serial++);
  }
  return packs;
}

}  // namespace lg::run
