// One document through every stage: read -> Thai repair -> extract ->
// validate. Holds what is costly to build (compiled rules, ICU segmenter,
// lexicon) so it is paid once per process, not per document.
#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "extract/extractor.h"
#include "pipeline/record.h"
#include "readers/reader.h"
#include "rules/rulebook.h"
#include "thai/damage_repair.h"
#include "thai/segment.h"

namespace itax {

class Pipeline {
 public:
  // `threads`: threads working on one PDF (reading its pages, repairing its
  // text); 1 where documents are processed in parallel instead (batch
  // workers). Records do not depend on it.
  explicit Pipeline(std::shared_ptr<const Rulebook> rules, ReaderLimits limits = {}, int threads = 1);
  // Always returns a record; failures are error records, never exceptions.
  Record run(const std::string& path) const;
  const Rulebook& rules() const { return *rules_; }

 private:
  Record run_unguarded(const std::string& path) const;
  std::shared_ptr<const Rulebook> rules_;
  ReaderOptions reader_opts_;
  thai::Segmenter segmenter_;
  thai::Lexicon lexicon_;
  // The damage repair's word lists (dictionary files + lexicon): built on the
  // first PDF, then reused, so a worker pays for them once and a run of DOCX
  // files never does.
  const thai::RepairWords& repair_words() const;
  mutable std::once_flag repair_words_once_;
  mutable std::unique_ptr<thai::RepairWords> repair_words_;
  Extractor extractor_;
};

// Fills path, file, bytes and sha256 from the file on disk.
Result<InputInfo> describe_input(const std::string& path, std::uint64_t max_bytes);

// The Thai stage's lexicon: unit names and aliases, checklist item and
// indicator titles (what Pipeline builds once; `itax text` uses it too).
thai::Lexicon build_lexicon(const Rulebook& rules);

}  // namespace itax
