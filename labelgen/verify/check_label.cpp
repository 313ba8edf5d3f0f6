// One scanned label: lookup (ledger or payload), MAC, name match.
#include <string>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/verify/check.hpp"

namespace lg::verify {
namespace {

/// Records problem `code` of `r` once.
void add(LabelResult& r, const char* code, std::string detail) { r.add_problem(code, std::move(detail)); }

void from_payload(LabelResult& r, const barcode::PayloadFields& p) {
  r.serial = p.serial;
  r.ssid = p.ssid.str();
  r.name = p.name;
  r.administration = p.administration.str();
  r.lea = p.lea.str();
  r.school = p.school.str();
  r.grade = std::string(grade_code(p.grade));
  r.form = form_number(p.form);
  r.batch = p.batch;
}

/// Compares the payload with the ledger row; returns the differing field names.
std::string differences(const barcode::PayloadFields& p, const ledger::IssuedLabel& l) {
  std::string d;
  auto note = [&](bool differs, const char* field) {
    if (!differs) return;
    if (!d.empty()) d += ", ";
    d += field;
  };
  note(p.ssid.str() != l.event.ssid.str(), "ssid");
  note(p.name != l.printed_name, "name");
  note(p.lea.str() != l.event.lea_cds.str(), "lea");
  note(p.school.str() != l.event.school_cds.str(), "school");
  note(p.grade != l.event.grade, "grade");
  note(p.form != l.event.form, "form");
  note(p.batch != l.batch, "batch");
  return d;
}

}  // namespace

LabelResult check_label(const LabelScan& scan, const Settings& settings) {
  LabelResult r;
  r.position = scan.position;
  r.source = scan.source;
  const std::string year = settings.admin->year.str();
  r.administration = year;
  if (scan.payload) {
    from_payload(r, *scan.payload);
  } else if (scan.code) {
    r.serial = scan.code->serial;
    r.ssid = scan.code->ssid.str();
  }
  if (scan.disagree) add(r, problem::kSymbolsDisagree, "Code 128 and DataMatrix name different labels");

  // MAC of the DataMatrix payload.
  if (!scan.payload) {
    r.mac = "no payload";
  } else if (!settings.keys) {
    r.mac = scan.payload->mac ? "not checked" : "unsigned";
  } else {
    const auto v = barcode::verify_payload(scan.payload_text, *settings.keys);
    r.mac = std::string(barcode::verdict_name(v));
    if (v == barcode::MacVerdict::Forged || v == barcode::MacVerdict::Malformed)
      add(r, problem::kForged, "MAC does not match the payload");
    else if (v == barcode::MacVerdict::UnknownKey)
      add(r, problem::kUnknownKey, "MAC key id not in the key file");
    else if (v == barcode::MacVerdict::Unsigned)
      add(r, problem::kUnsigned, "payload carries no MAC but a key file is configured");
  }

  if (r.administration != year) {
    r.status = "other administration";
    add(r, problem::kOtherAdministration, "label of administration " + r.administration);
  } else if (settings.ledger) {
    auto row = settings.ledger->label(year, r.serial);
    if (!row) {
      r.status = "unknown";
      add(r, problem::kUnknown, "ledger lookup failed");
    } else if (!*row) {
      r.status = "unknown";
      add(r, problem::kUnknown,
          "serial " + barcode::format_serial(r.serial) + " is not in the " + year + " ledger");
    } else {
      const auto& l = **row;
      if (scan.payload) {
        if (auto d = differences(*scan.payload, l); !d.empty())
          add(r, problem::kForged, "payload disagrees with the ledger: " + d);
      } else if (scan.code && scan.code->ssid.str() != l.event.ssid.str()) {
        add(r, problem::kForged, "Code 128 disagrees with the ledger: ssid");
      }
      r.status = std::string(ledger::status_name(l.status));
      if (l.status != ledger::Status::Live) add(r, problem::kVoid, "label is " + r.status + " in the ledger");
      r.ssid = l.event.ssid.str();
      r.name = l.printed_name;
      r.lea = l.event.lea_cds.str();
      r.school = l.event.school_cds.str();
      r.grade = std::string(grade_code(l.event.grade));
      r.form = form_number(l.event.form);
      r.batch = l.batch;
      r.gis_serial = l.gis_serial;
      r.hold_until = l.hold_until;
      r.window_start = l.window_start;
    }
  } else {
    r.status = "offline";
    if (!scan.payload) add(r, problem::kNotConfirmed, "lone Code 128: no DataMatrix or ledger to confirm it");
  }
  if (settings.lea && !r.lea.empty() && r.lea != *settings.lea && r.administration == year)
    add(r, problem::kOtherLea, "label of another LEA");

  if (scan.book_name) {
    if (r.name.empty()) {
      r.name_grade = "not checked";
      r.name_reason = "the label's name is unknown";
    } else {
      const auto m = match::match_names(r.name, *scan.book_name, settings.match);
      r.name_grade = std::string(match::grade_name(m.grade));
      r.name_reason = m.reason;
      if (m.grade == match::Grade::Mismatch) add(r, problem::kNameMismatch, "name on the book: " + m.reason);
      if (m.grade == match::Grade::NeedsReview)
        add(r, problem::kNameNeedsReview, "name on the book: " + m.reason);
    }
  }
  return r;
}

}  // namespace lg::verify
