#include "extract/mentions.h"

#include <algorithm>

namespace itax {

std::string MentionFinder::place_name(std::string_view run) const {
  std::vector<std::string> words = seg_.words(run);
  const auto& stop = rules_.not_place_words();
  std::string name;
  int count = 0;
  for (const std::string& w : words) {
    if (std::find(stop.begin(), stop.end(), w) != stop.end()) break;
    name += w;
    ++count;
  }
  if (count == 0 || count > rules_.max_place_words()) return {};
  return name;
}

void MentionFinder::find(std::string_view text, const std::string& target, const Location& where,
                         std::vector<Mention>& out) const {
  std::string view = rule_view(text);
  if (view.empty()) return;
  auto add = [&](const char* kind, std::string name) {
    for (const Mention& m : out)
      if (m.target == target && m.kind == kind && m.name == name) return;
    out.push_back({kind, std::move(name), target, Source{where, view, ""}});
    out.back().source.rule = std::string("mention.") + kind;
  };
  re2::StringPiece in(view);
  std::string kind, run;
  while (RE2::FindAndConsume(&in, *rules_.pattern("mention.agency").re, &kind, &run)) {
    std::string place = place_name(run);
    if (!place.empty()) add("agency", kind + place);
  }
  in = view;
  while (RE2::FindAndConsume(&in, *rules_.pattern("mention.district").re, &run)) {
    std::string place = place_name(run);
    if (!place.empty()) add("district", place);
  }
  in = view;
  while (RE2::FindAndConsume(&in, *rules_.pattern("mention.province").re, &run)) add("province", run);
}

}  // namespace itax
