#include "batch/merge.h"

#include <filesystem>

#include "batch/outputs.h"

namespace itax::batch {
namespace fs = std::filesystem;

MergeReport merge_stores(const std::vector<std::string>& inputs, const std::string& out, bool write_files) {
  // Check every input first, so a typo does not leave a half-merged output.
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!fs::is_regular_file(in, ec)) throw MergeInputError("no such store: " + in);
    try {
      Store check(in, /*read_only=*/true);
    } catch (const StoreError& e) {
      throw MergeInputError(std::string(e.what()));
    }
  }
  MergeReport rep;
  fs::path dir = fs::path(out).parent_path();
  std::error_code ec;
  if (!dir.empty()) fs::create_directories(dir, ec);
  Store store(out);
  for (const std::string& in : inputs) {
    MergeStats s = store.merge_from(in);
    rep.stats.added += s.added;
    rep.stats.replaced += s.replaced;
    rep.stats.kept += s.kept;
  }
  rep.documents = store.count();
  if (write_files) {
    std::string d = dir.empty() ? "." : dir.string();
    if (std::string e = write_outputs(store, d); !e.empty()) throw std::runtime_error(e);
    rep.outputs = output_files(d).all();
  }
  return rep;
}

}  // namespace itax::batch
