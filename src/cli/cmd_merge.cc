// itax merge: shard stores into one store (src/batch/merge.h), with
// results.jsonl, summary.csv and flags.csv regenerated beside it.
#include <cstdio>

#include <spdlog/spdlog.h>

#include "batch/merge.h"
#include "cli/common.h"

namespace itax::cli {

namespace {

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string out;
  bool no_outputs = false;
};

int run_merge(const MergeOptions& o) {
  try {
    batch::MergeReport r = batch::merge_stores(o.inputs, o.out, !o.no_outputs);
    spdlog::info("merged {} store(s) into {}: {} added, {} replaced by newer, {} already there; {} document(s)",
                 o.inputs.size(), o.out, r.stats.added, r.stats.replaced, r.stats.kept, r.documents);
    for (const std::string& f : r.outputs) spdlog::info("wrote {}", f);
    return kOk;
  } catch (const batch::MergeInputError& e) {
    std::fprintf(stderr, "itax: %s\n", e.what());
    return kUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "itax: the merge failed: %s\n", e.what());
    return kRunFailed;
  }
}

}  // namespace

Command add_merge_command(CLI::App& app) {
  auto o = std::make_shared<MergeOptions>();
  CLI::App* sub = app.add_subcommand("merge", "Merge batch stores (e.g. the shards of a run) into one");
  sub->add_option("DB", o->inputs, "Stores written by itax batch (itax.sqlite)")->required();
  sub->add_option("--out", o->out, "The merged store (created if missing)")->required();
  sub->add_flag("--no-outputs", o->no_outputs, "Do not write results.jsonl, summary.csv, flags.csv beside it");
  return {sub, [o] { return run_merge(*o); }};
}

}  // namespace itax::cli
