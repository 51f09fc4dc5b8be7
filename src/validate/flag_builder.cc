#include "validate/flag_builder.h"

namespace itax {

std::string fill_template(const std::string& tmpl, const FlagBuilder::Args& args) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      size_t end = tmpl.find('}', i);
      if (end != std::string::npos) {
        auto it = args.find(tmpl.substr(i + 1, end - i - 1));
        if (it != args.end()) {
          out += it->second;
          i = end + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

void FlagBuilder::add(const std::string& code, const std::string& target, Args args, std::optional<Source> source) {
  args["target"] = target;
  Flag f;
  f.code = code;
  f.target = target;
  f.source = std::move(source);
  if (const FlagText* t = rules_.flag_text(code)) {
    f.severity = t->severity;
    f.message = fill_template(t->en, args);
    f.message_th = fill_template(t->th, args);
  } else {  // rules are checked at load, so this is a programming slip
    f.severity = "error";
    f.message = code + " (no message in rules/flags.yaml)";
  }
  report_.flags.push_back(std::move(f));
}

}  // namespace itax
