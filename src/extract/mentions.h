// Places and local governments the text names, wherever they appear, so the
// validator can tell the report's own agency from names pasted in from
// another agency's template.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "extract/report.h"
#include "rules/rulebook.h"
#include "thai/segment.h"

namespace itax {

class MentionFinder {
 public:
  MentionFinder(const Rulebook& rules, const thai::Segmenter& seg) : rules_(rules), seg_(seg) {}
  // Appends every agency, district and province named in `text`.
  void find(std::string_view text, const std::string& target, const Location& where,
            std::vector<Mention>& out) const;

 private:
  // The place name at the start of `run` (text glued to a kind or อำเภอ):
  // words up to the first word that cannot be part of a name; "" when
  // there is none or it is too long to be a name.
  std::string place_name(std::string_view run) const;

  const Rulebook& rules_;
  const thai::Segmenter& seg_;
};

}  // namespace itax
