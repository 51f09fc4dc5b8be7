// Makes flags from the messages in rules/flags.yaml: fills "{name}"
// placeholders in the English and Thai texts.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "extract/report.h"
#include "rules/rulebook.h"

namespace itax {

class FlagBuilder {
 public:
  FlagBuilder(const Rulebook& rules, Report& report) : rules_(rules), report_(report) {}
  using Args = std::map<std::string, std::string>;
  // Adds flag `code` for `target`; {target} is always available to templates.
  void add(const std::string& code, const std::string& target, Args args = {},
           std::optional<Source> source = std::nullopt);

 private:
  const Rulebook& rules_;
  Report& report_;
};

std::string fill_template(const std::string& tmpl, const FlagBuilder::Args& args);

}  // namespace itax
