#include "fuzz_common.h"

#include <fcntl.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>
#include <set>

#include "emit/json_record.h"
#include "pipeline/pipeline.h"
#include "pipeline/record.h"
#include "thai/document_repair.h"
#include "util/utf8.h"
#include "validate/validator.h"

namespace itax::fuzz {

const std::shared_ptr<const Rulebook>& rules() {
  static const std::shared_ptr<const Rulebook> r = [] {
    const char* env = std::getenv("ITAX_RULES");
    std::string dir = env && *env ? env : ITAX_SOURCE_DIR "/rules";
    auto loaded = Rulebook::load(dir);
    if (!loaded) {
      std::fprintf(stderr, "fuzz: rules in %s do not load: %s\n", dir.c_str(), loaded.error().message.c_str());
      std::abort();
    }
    return loaded.value();
  }();
  return r;
}

Stages::Stages()
    : lexicon(build_lexicon(*rules())), words(thai::repair_words(lexicon)), extractor(rules(), seg) {}

Stages& stages() {
  static Stages* s = new Stages();  // never destroyed: no exit-time work
  return *s;
}

void run_stages(Document& doc) {
  Stages& st = stages();
  Record rec;
  thai::repair_document(doc, st.seg, st.lexicon, st.words, rec.repairs);
  rec.report = st.extractor.extract(doc);
  validate_report(rec.report, *rules());
  rec.notes = doc.notes;
  std::string json = dump_json(to_json(rec), true);
  if (json.empty()) std::abort();
}

ReaderOptions fuzz_reader_options() {
  ReaderOptions o;
  o.glyphs = &rules()->glyphs();
  o.limits.max_file_bytes = 8u << 20;
  o.limits.max_entry_bytes = 8u << 20;
  o.limits.max_total_bytes = 16u << 20;
  o.limits.max_zip_entries = 2000;
  o.limits.max_pdf_pages = 8;
  o.limits.max_pdf_paths_per_page = 20000;
  return o;
}

namespace {
// Paths handed out by temp_path, removed when the process exits normally so
// that replay runs in ctest leave nothing behind in $TMPDIR.
std::vector<std::string>& temp_paths() {
  static auto* v = new std::vector<std::string>();
  return *v;
}
void remove_temp_paths() {
  std::error_code ec;
  for (const std::string& p : temp_paths()) std::filesystem::remove_all(p, ec);
}
}  // namespace

std::string temp_path(const std::string& tag, const std::string& ext) {
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = tmp && *tmp ? tmp : "/tmp";
  std::string path = dir + "/itax_fuzz_" + std::to_string(::getpid()) + "_" + tag + ext;
  if (temp_paths().empty()) std::atexit(remove_temp_paths);
  temp_paths().push_back(path);
  return path;
}

void write_file(const std::string& path, const std::uint8_t* data, std::size_t size) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::fprintf(stderr, "fuzz: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    std::abort();
  }
  std::size_t off = 0;
  while (off < size) {
    ssize_t n = ::write(fd, data + off, size - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::fprintf(stderr, "fuzz: short write to %s\n", path.c_str());
      std::abort();
    }
    off += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

void write_file(const std::string& path, std::string_view data) {
  write_file(path, reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
}

const std::vector<std::string>& vocabulary() {
  static const std::vector<std::string> v = [] {
    std::set<std::string> seen;
    std::vector<std::string> out;
    auto add = [&](const std::string& s) {
      if (!s.empty() && seen.insert(s).second) out.push_back(s);
    };
    const Rulebook& r = *rules();
    for (const Unit& u : r.units()) {
      add(u.name);
      for (const auto& a : u.aliases) add(a);
    }
    for (const auto& c : r.connectors()) add(c);
    for (const AgencyKind& k : r.agency_kinds()) {
      add(k.kind);
      for (const auto& s : k.short_forms) add(s);
    }
    for (const auto& p : r.provinces()) add(p);
    for (const auto& [m, n] : r.months()) add(m);
    for (const auto& w : r.whole_fiscal_year()) add(w);
    for (const auto& c : r.checklists()) {
      for (const ChecklistItem& i : c.items) {
        add(i.code);
        add(i.title);
        add(i.subindicator);
      }
      for (const ChecklistIndicator& i : c.indicators) add(i.title);
      for (const auto& [no, title] : c.subindicators) {
        add(no);
        add(title);
      }
      for (const ResultBand& b : c.results) add(b.result);
    }
    for (const PatternRule& p : r.patterns())
      for (const RuleExample& e : p.examples) add(e.text);
    for (const StatusRule& s : r.status_rules())
      for (const RuleExample& e : s.examples) add(e.text);
    for (const auto& [cp, on] : r.glyphs().unicode) {
      std::string g;
      utf8::append(g, cp);
      add(g);
    }
    for (const auto& [m, on] : r.glyphs().marks) add(m);
    for (const char* s :
         {"ลำดับ", "ที่", "มาตรการ", "วิธีดำเนินการ", "ระยะเวลา", "ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ",
          "สรุปผล", "ผลลัพธ์", "ตัวชี้วัด", "ตัวชี้วัดที่", "แนวทาง", "ความก้าวหน้า", "ข้อ", "รหัส", "ข้อมูล",
          "รายการ", "องค์ประกอบ", "ผลการดำเนินการ", "ดำเนินการ", "ยังไม่ได้ดำเนินการ", "คะแนน", "ผ่าน",
          "ไม่ผ่าน", "ปีงบประมาณ", "พ.ศ.", "ถึง", "-", "–", "ต.ค.", "ก.ย.", "๒๕๖๖", "2566", "๙๑.๓๙", "91.39",
          "O", "0", "๐", "1", "๑", "9", "๙", ".", " ", "\t", "\n", "\xC2\xA0", "\xE2\x80\x8B", "\xE0\xB8\xB3",
          "\xE0\xB9\x8D\xE0\xB8\xB2", "\xEF\x9C\x80", "\xEF\x83\xBE", "เเ", "ต ัว", "งบประมา", "ณ"})
      add(s);
    return out;
  }();
  return v;
}

std::string make_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    char32_t cp = 0;
    if (ok) {
      cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
      for (std::size_t k = 1; k < len && ok; ++k) {
        unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) ok = false;
        cp = (cp << 6) | (d & 0x3F);
      }
      static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      if (ok && (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string fuzz_text(FuzzedDataProvider& fdp, bool valid_utf8) {
  const auto& v = vocabulary();
  std::string out;
  int pieces = fdp.ConsumeIntegralInRange<int>(1, 4);
  for (int k = 0; k < pieces && fdp.remaining_bytes() > 0; ++k) {
    if (fdp.ConsumeBool()) {
      out += v[fdp.ConsumeIntegralInRange<std::size_t>(0, v.size() - 1)];
    } else {
      std::string raw = fdp.ConsumeRandomLengthString(64);
      out += valid_utf8 ? make_valid_utf8(raw) : raw;
    }
  }
  return out;
}

}  // namespace itax::fuzz
