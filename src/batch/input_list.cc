#include "batch/input_list.h"

#include "pipeline/inputs.h"

namespace itax::batch {

std::vector<std::string> read_path_list(std::istream& in) {
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) paths.push_back(line);
  }
  return paths;
}

std::vector<std::string> collect_inputs(const std::vector<std::string>& args, std::istream& list) {
  std::vector<std::string> named;
  bool list_read = false;
  for (const std::string& a : args) {
    if (a == "-") {
      if (list_read) continue;
      list_read = true;
      for (std::string& p : read_path_list(list)) named.push_back(std::move(p));
    } else {
      named.push_back(a);
    }
  }
  return expand_inputs(named);
}

}  // namespace itax::batch
