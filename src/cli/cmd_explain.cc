// itax explain: how each value of one document was found, and why each flag.
#include <cstdio>

#include "cli/common.h"
#include "emit/explain_writer.h"
#include "pipeline/pipeline.h"

namespace itax::cli {
namespace {

struct ExplainArgs {
  std::string file, rules_dir, item;
};

int run_explain(const ExplainArgs& a) {
  auto rules = load_rules_or_report(find_rules_dir(a.rules_dir));
  if (!rules) return kUsage;
  Pipeline pipeline(rules);
  Record rec = pipeline.run(a.file);
  ExplainOptions opts;
  opts.item = a.item;
  // "o14", "014" and "O14" all mean item O14.
  if (!opts.item.empty() && (opts.item[0] == 'o' || opts.item[0] == '0')) opts.item[0] = 'O';
  if (opts.item.size() > 2 && opts.item[0] == 'O' && opts.item[1] == '0') opts.item.erase(1, 1);
  std::string text = explain_record(rec, opts);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return rec.error ? kSomeFailed : kOk;
}

}  // namespace

Command add_explain_command(CLI::App& app) {
  auto a = std::make_shared<ExplainArgs>();
  CLI::App* sub = app.add_subcommand("explain", "Show how each value of one document was found and why each flag was raised");
  sub->add_option("FILE", a->file, "A .docx or .pdf report")->required();
  sub->add_option("--item", a->item, "Only this record: O14, \"indicator 4\", \"measure 1\"");
  sub->add_option("--rules", a->rules_dir, "Rules directory");
  return {sub, [a] { return run_explain(*a); }};
}

}  // namespace itax::cli
