// JSON output of a review.
#include "report/json_report.hpp"

#include <nlohmann/json.hpp>

namespace mentor::report {

void write_json(std::ostream& out, std::span<const review::CommitReview> reviews) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& review : reviews) {
    for (const auto& f : review.findings) {
      nlohmann::ordered_json finding{
          {"rule", f.rule->id},
          {"severity", rules::to_string(f.rule->severity)},
          {"message", f.message},
          {"path", f.path},
          {"line", f.line},
          {"column", f.column},
          {"end_line", f.end_line},
          {"end_column", f.end_column},
          {"commit", f.commit},
          {"author", f.author},
          {"fingerprint", f.fingerprint},
          {"skill", f.rule->skill},
          {"suppressed", f.suppressed},
      };
      if (f.suppressed)
        finding["suppression_reason"] = f.suppression_reason;
      if (f.fixed_later)
        finding["fixed_later"] = true;
      if (f.fix) {
        finding["fix"] = {
            {"replacement", f.fix->replacement}, {"start_byte", f.fix->start_byte},
            {"end_byte", f.fix->end_byte},       {"line", f.fix->line},
            {"column", f.fix->column},           {"end_line", f.fix->end_line},
            {"end_column", f.fix->end_column},
        };
      }
      array.push_back(std::move(finding));
    }
  }
  out << array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace mentor::report
