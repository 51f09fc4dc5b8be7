#include "batch/engine.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <deque>
#include <optional>
#include <string_view>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "batch/outputs.h"
#include "batch/store.h"
#include "batch/worker_pool.h"
#include "emit/json_record.h"
#include "pipeline/inputs.h"
#include "pipeline/pipeline.h"
#include "rules/rulebook.h"
#include "util/sha256.h"

namespace itax::batch {
namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

unsigned default_jobs() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned>(n) : 1u;
}

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_stop_signal(int) { g_stop = 1; }

// SIGINT/SIGTERM set a flag (and interrupt poll) while a batch runs.
class StopSignals {
 public:
  explicit StopSignals(bool on) : on_(on) {
    g_stop = 0;
    if (!on_) return;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    if (!on_) return;
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  bool on_;
  struct sigaction old_int_ {}, old_term_ {};
};

std::string format_from_name(const std::string& path) {
  std::string e = fs::path(path).extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e == ".pdf" ? "pdf" : e == ".docx" ? "docx" : "";
}

// Removes "<name>.tmp.<pid>" files that a killed run left in `dir` (the
// atomic writes of records and outputs), unless that process still lives.
void remove_stale_temp_files(const std::string& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    size_t at = name.rfind(".tmp.");
    if (at == std::string::npos || at + 5 >= name.size()) continue;
    std::string pid = name.substr(at + 5);
    if (pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) == 0 || errno == EPERM) continue;
    std::error_code ec2;
    fs::remove(it->path(), ec2);
  }
}

// One input on its way through the run.
struct Pending {
  std::size_t index = 0;
  std::string key, json_out;
  InputInfo info;  // path and file always; sha256, bytes and format when readable
};

class Runner {
 public:
  Runner(const BatchOptions& o, std::shared_ptr<const Rulebook> rules) : o_(o), rules_(std::move(rules)) {}

  BatchResult run() {
    res_.counts.total = o_.inputs.size();
    std::string store_path = o_.store_path.empty() ? (fs::path(o_.out_dir) / "itax.sqlite").string() : o_.store_path;
    std::error_code ec;
    fs::create_directories(o_.out_dir, ec);
    if (ec || !fs::is_directory(o_.out_dir)) {
      res_.run_error = "cannot create the output directory " + o_.out_dir + (ec ? ": " + ec.message() : "");
      return res_;
    }
    if (fs::path sp = fs::path(store_path).parent_path(); !sp.empty()) fs::create_directories(sp, ec);
    remove_stale_temp_files(o_.out_dir);
    Progress progress(stderr, o_.progress, ::isatty(STDERR_FILENO) == 1);
    progress_ = &progress;
    try {
      Store store(store_path);
      store_ = &store;
      Pipeline pipeline(rules_);  // built once; every worker is forked from it
      PoolOptions po;
      po.jobs = o_.jobs ? o_.jobs : default_jobs();
      po.timeout_s = o_.timeout_s;
      po.max_memory_mb = o_.max_memory_mb;
      po.worker_start = o_.worker_start;
      WorkerPool pool(pipeline, po);
      OutputNamer namer(o_.out_dir);
      namer_ = &namer;
      StopSignals signals(o_.handle_signals);
      loop(pool, progress);
      pool.shutdown();
      // What finished is kept, also when the run stops early (not after a store error: that throws).
      commit_group();
      res_.counts.workers_started = pool.started();
      if (!res_.run_failed() || g_stop) {
        // The outputs always list every stored document exactly once.
        StageTimer t;
        std::string e = write_outputs(store, o_.out_dir);
        t.stop(res_.parent.outputs);
        if (!e.empty() && res_.run_error.empty()) res_.run_error = e;
      }
      res_.outputs.push_back(store_path);
      for (const std::string& f : output_files(o_.out_dir).all()) res_.outputs.push_back(f);
      if (o_.json_files) res_.outputs.push_back(std::to_string(json_files_) + " JSON record file(s) in " + o_.out_dir);
    } catch (const StoreError& e) {
      res_.run_error = std::string("results store: ") + e.what();
      forget_unstored();
    } catch (const PoolError& e) {
      res_.run_error = e.what();
    }
    progress.finish(res_.counts, res_.outputs);
    return res_;
  }

 private:
  void loop(WorkerPool& pool, Progress& progress) {
    const std::size_t n = o_.inputs.size();
    const std::size_t want_queue = 2 * static_cast<std::size_t>(pool.jobs());
    for (;;) {
      if (g_stop) {
        res_.run_error = "interrupted; every finished document is stored, rerun the same command to do the rest";
        return;
      }
      auto t0 = Clock::now();
      StageTimer inputs;
      while (next_ < n && queue_.size() < want_queue && Clock::now() - t0 < std::chrono::milliseconds(50)) {
        prepare(next_++);
        if (res_.run_failed()) return;
      }
      inputs.stop(res_.parent.inputs);
      dispatch(pool);
      if (next_ >= n && queue_.empty() && pool.busy() == 0) return;
      int wait_ms = (pool.busy() == 0 || (next_ < n && queue_.size() < want_queue)) ? 0 : 200;
      StageTimer answers;
      std::vector<Outcome> finished = pool.wait(wait_ms);
      answers.stop(res_.parent.answers);
      // Feed the workers that just finished before storing their results,
      // so they parse while the parent writes.
      dispatch(pool);
      StageTimer storing;
      for (Outcome& out : finished) {
        if (!store_->in_group()) {
          store_->begin_group();
          group_started_ = Clock::now();
        }
        settle(out);
        if (res_.run_failed()) return;
      }
      // Group commit: at most kGroupDocs documents or kGroupTime old, and
      // whenever the workers fall idle.
      if (store_->in_group() && (store_->group_size() >= kGroupDocs || Clock::now() - group_started_ >= kGroupTime ||
                                 pool.busy() == 0))
        commit_group();
      storing.stop(res_.parent.store);
      progress.tick(res_.counts, to_process());
    }
  }

  void dispatch(WorkerPool& pool) {
    while (!queue_.empty() && pool.has_idle()) {
      Pending p = std::move(queue_.front());
      queue_.pop_front();
      pool.submit(Task{p.index, p.info.path, p.json_out});
      in_flight_.emplace(p.index, std::move(p));
    }
    res_.counts.in_flight = pool.busy();
    res_.counts.workers_started = pool.started();
  }

  // Documents still to parse, for the ETA: the queue, the workers, and the
  // unexamined inputs at the share that needed parsing so far.
  double to_process() const {
    double share = examined_ ? static_cast<double>(queued_) / static_cast<double>(examined_) : 1.0;
    return static_cast<double>(queue_.size() + in_flight_.size()) +
           static_cast<double>(o_.inputs.size() - next_) * share;
  }

  void prepare(std::size_t index) {
    ++examined_;
    Pending p;
    p.index = index;
    const std::string& path = o_.inputs[index];
    auto info = describe_input(path, ReaderLimits{}.max_file_bytes);
    if (info) {
      p.info = std::move(info.value());
    } else {
      p.info.path = path;
      p.info.file = fs::path(path).filename().string();
      p.info.format = format_from_name(path);
    }
    const std::string& sha = p.info.sha256;
    p.key = document_key(sha, path);
    if (!in_shard(o_.shard, sha.empty() ? sha256_hex(path) : sha)) {
      ++res_.counts.other_shard;
      return;
    }
    if (!seen_.insert(p.key).second) {
      ++res_.counts.duplicates;
      spdlog::debug("{}: same bytes as an earlier input, stored once", path);
      return;
    }
    if (o_.json_files) p.json_out = namer_->name_for(p.info.file, sha);
    // Unreadable inputs (no hash) are always redone: they cost nothing.
    if (!o_.force && !sha.empty()) {
      if (auto st = store_->find(p.key);
          st && st->rules_version == rules_->version() && !(o_.retry_errors && st->status == "error")) {
        skip_stored(p, *st);
        return;
      }
    }
    ++queued_;
    queue_.push_back(std::move(p));
  }

  void skip_stored(const Pending& p, const StoredDocument& st) {
    ++res_.counts.stored;
    if (st.status != "ok") {
      ++res_.counts.stored_failed;
      ++res_.counts.errors[st.error_code];
    }
    for (const std::string& f : st.flag_codes) ++res_.counts.flags[f];
    std::string line;
    if (!p.json_out.empty()) {
      ++json_files_;
      std::error_code ec;
      if (!fs::exists(p.json_out, ec)) {  // e.g. killed between the store and the file
        line = store_->record_line(p.key);
        ojson j = ojson::parse(line, nullptr, false);
        if (!j.is_discarded()) write_json_file(p.json_out, j);
      }
    }
    if (o_.jsonl) emit_line(line.empty() ? store_->record_line(p.key) : line);
  }

  void settle(Outcome& out) {
    auto it = in_flight_.find(out.id);
    if (it == in_flight_.end()) return;
    Pending p = std::move(it->second);
    in_flight_.erase(it);

    std::optional<DocumentRows> rows;
    std::string line;
    if (out.kind == Outcome::Kind::Record) {
      if (!out.write_error.empty()) {
        res_.run_error = out.write_error;
        return;
      }
      rows = std::move(out.rows);
      line = std::move(out.record_line);
      if (!rows) {
        out.kind = Outcome::Kind::Crashed;
        out.detail = "the worker sent a malformed answer";
      } else if ((rows->facts().sha256.empty() && !p.info.sha256.empty()) || rows->facts().rules_version.empty()) {
        // An out-of-memory record made in a hurry lacks what the parent
        // knows (hash, size, rules version): fill it in, rewrite its file.
        ojson rec = ojson::parse(line, nullptr, false);
        if (rec.is_discarded() || !rec.is_object()) {
          rows.reset();
          out.kind = Outcome::Kind::Crashed;
          out.detail = "the worker sent a record that is not JSON";
        } else {
          ojson& src = rec["source"];
          if (src.is_object() && src["sha256"].is_null() && !p.info.sha256.empty()) {
            src["sha256"] = p.info.sha256;
            src["bytes"] = p.info.bytes;
            if (src["format"].is_null() && !p.info.format.empty()) src["format"] = p.info.format;
          }
          if (rec["tool"].is_object()) rec["tool"]["rules_version"] = rules_->version();
          line = dump_json(rec, true);
          rows = DocumentRows::from_record(rec);
          if (!p.json_out.empty() && !write_json_file(p.json_out, rec)) return;
        }
      }
    }
    if (!rows) {  // crashed, timed out, out of memory: the parent writes the record
      Record r;
      r.input = p.info;
      r.rules_version = rules_->version();
      const char* code = out.kind == Outcome::Kind::Timeout       ? "timeout"
                         : out.kind == Outcome::Kind::OutOfMemory ? "out_of_memory"
                                                                   : "crashed";
      r.error = Error{code, p.info.path + ": " + out.detail};
      ojson rec = to_json(r);
      line = dump_json(rec, true);
      rows = DocumentRows::from_record(rec);
      if (!p.json_out.empty() && !write_json_file(p.json_out, rec)) return;
    }
    const RowFacts* facts = &rows->facts();
    const std::string key = facts->sha256.empty() ? p.key : facts->sha256;
    putting_ = true;
    store_->put_rows(key, *rows, line, out.elapsed_ms);
    putting_ = false;
    if (!p.json_out.empty()) ++json_files_;

    for (BatchCounts* c : {&res_.counts, &group_}) {
      for (const std::string& f : facts->flag_codes) ++c->flags[f];
      ++(facts->status == "ok" ? c->ok : c->failed);
      if (facts->status != "ok") ++c->errors[facts->error_code];
    }
    if (facts->status == "ok") {
      spdlog::debug("{}: ok in {:.0f} ms", p.info.path, out.elapsed_ms);
    } else {
      if (spdlog::should_log(spdlog::level::err)) {  // as itax extract: shown unless logging is off
        // Most messages start with the path already ("<path>: not a readable PDF ..."): name it once.
        std::string_view msg = facts->error_message;
        const std::string lead = p.info.path + ": ";
        if (msg.substr(0, lead.size()) == lead) msg.remove_prefix(lead.size());
        progress_->note("error: " + lead + std::string(msg) + " (" + facts->error_code + ")");
      }
    }
    if (o_.jsonl) emit_line(line);
  }

  void commit_group() {
    store_->commit_group();
    group_ = BatchCounts{};
  }

  // A store error rolls back the open group: its documents are counted as
  // unsaved, not as processed, so the summary never claims what the store
  // does not hold. A rerun of the same command redoes exactly these.
  void forget_unstored() {
    BatchCounts& c = res_.counts;
    c.unsaved = group_.processed() + (putting_ ? 1 : 0);
    c.ok -= group_.ok;
    c.failed -= group_.failed;
    for (const auto& [code, n] : group_.errors)
      if ((c.errors[code] -= n) == 0) c.errors.erase(code);
    for (const auto& [code, n] : group_.flags)
      if ((c.flags[code] -= n) == 0) c.flags.erase(code);
    if (c.unsaved)
      res_.run_error += "; " + std::to_string(c.unsaved) +
                        " finished document(s) were not stored: rerun the same command to do them";
    group_ = BatchCounts{};
  }

  bool write_json_file(const std::string& path, const ojson& j) {
    if (std::string e = write_file_atomic(path, dump_json(j, false) + "\n"); !e.empty()) {
      res_.run_error = e;
      return false;
    }
    return true;
  }

  void emit_line(const std::string& line) {
    if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size() || std::fputc('\n', stdout) == EOF ||
        std::fflush(stdout) != 0)
      res_.run_error = "cannot write to stdout (--jsonl): the reader went away?";
  }

  const BatchOptions& o_;
  std::shared_ptr<const Rulebook> rules_;
  BatchResult res_;
  Store* store_ = nullptr;
  OutputNamer* namer_ = nullptr;
  Progress* progress_ = nullptr;
  // Every commit rewrites the index pages it touched (64 KB each) into the
  // WAL: a group of ~70 documents a second cost 0.12 ms of parent CPU per
  // document less than groups of 250 ms. A kill loses at most this second.
  static constexpr std::size_t kGroupDocs = 256;
  static constexpr std::chrono::milliseconds kGroupTime{1000};
  Clock::time_point group_started_;
  BatchCounts group_;     // what settle() counted since the last commit
  bool putting_ = false;  // inside put_rows: a throw there loses that document too
  std::size_t next_ = 0, examined_ = 0, queued_ = 0, json_files_ = 0;
  std::deque<Pending> queue_;
  std::unordered_map<std::size_t, Pending> in_flight_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

BatchResult run_batch(const BatchOptions& options, std::shared_ptr<const Rulebook> rules) {
  return Runner(options, std::move(rules)).run();
}

}  // namespace itax::batch
