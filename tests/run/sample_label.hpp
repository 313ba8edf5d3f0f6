#pragma once
// A labelled student for layout and backend tests (SSID, school and dates fixed; the name varies).
#include <string>

#include "labelgen/rules/plan.hpp"

namespace lg::test {

/// A labelled student (SSID and school fixed; the name varies).
inline rules::Label make_label(const std::string& last, const std::string& first, const std::string& middle,
                               const std::string& ssid = "8478921817") {
  rules::Label l;
  SsrEvent& e = l.event;
  e.source = {"events.csv", 2, 1};
  e.event_id = "SSR-0000000001";
  e.ssr_generated_at = *Timestamp::parse("2024-08-12T10:00");
  e.ssid = *Ssid::parse(ssid);
  e.name = *make_student_name(last, first, middle);
  e.birth_date = *Date::parse("2019-02-03");
  e.grade = Grade::KN;
  e.lea_cds = *CdsCode::parse("19642120000000");
  e.lea_name = "ABC Unified";
  e.school_cds = *CdsCode::parse("19642126011975");
  e.school_name = "Aloha Elementary";
  e.form = Form::F1;
  e.test_completed_on = *Date::parse("2024-07-29");
  e.parent_notified_on = *Date::parse("2024-08-20");
  l.batch = "2024-08";
  return l;
}

}  // namespace lg::test
