// Turns a "responsible" cell into the list of units it names, canonical
// where rules/units.yaml knows the unit, cleaned text where it does not.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "extract/report.h"
#include "rules/rulebook.h"

namespace itax {

class UnitMatcher {
 public:
  explicit UnitMatcher(const Rulebook& rules);
  std::vector<ResponsibleUnit> match(std::string_view text) const;

 private:
  struct Alias {
    std::string key;   // spaces removed
    size_t unit = 0;   // index into names_
  };
  // Longest alias starting at `at` in `squeezed`, or nullptr.
  const Alias* longest_at(std::string_view squeezed, size_t at) const;
  void add_unknown(std::string_view text, std::vector<ResponsibleUnit>& out) const;

  std::vector<std::string> names_;
  std::vector<Alias> aliases_;  // sorted by key length, longest first
  std::vector<std::string> connectors_;
};

}  // namespace itax
