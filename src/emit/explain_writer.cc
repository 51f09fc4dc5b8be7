#include "emit/explain_writer.h"

#include <fmt/format.h>

namespace itax {
namespace {

std::string where(const Location& w) {
  std::string s = w.locator.empty() ? "?" : w.locator;
  if (w.page > 0) s += fmt::format(" (page {}", w.page);
  if (w.bbox) s += fmt::format(", box {:.1f},{:.1f}–{:.1f},{:.1f}", w.bbox->x0, w.bbox->y0, w.bbox->x1, w.bbox->y1);
  if (w.page > 0) s += ")";
  return s;
}

std::string clip(const std::string& text, size_t max_bytes = 160) {
  std::string one;
  for (char c : text) one += (c == '\n' || c == '\t') ? ' ' : c;
  if (one.size() <= max_bytes) return one;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(one[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  return one.substr(0, cut) + "…";
}

std::string source_line(const Source& s) {
  return fmt::format("[{}] {}: \"{}\"", s.rule.empty() ? "no rule" : s.rule, where(s.where), clip(s.text));
}

std::string units(const std::vector<ResponsibleUnit>& us) {
  std::string out;
  for (const ResponsibleUnit& u : us) {
    if (!out.empty()) out += ", ";
    out += u.name;
    if (u.text != u.name) out += " (written \"" + u.text + "\")";
    if (!u.known) out += " [unknown unit]";
  }
  return out.empty() ? "(none)" : out;
}

void boxes(std::string& out, const std::vector<StatusBox>& bs) {
  for (const StatusBox& b : bs)
    out += fmt::format("      box {} \"{}\" -> {} ({}{}{}) at {}\n", b.checked ? "[x]" : "[ ]", clip(b.label, 60),
                       b.meaning.empty() ? "no meaning" : b.meaning, b.encoding, b.rule.empty() ? "" : ", ",
                       b.rule, where(b.where));
}

void dates(std::string& out, const std::vector<DateSpan>& ds) {
  for (const DateSpan& d : ds) out += fmt::format("      date \"{}\" = {}\n", d.text, d.iso());
}

}  // namespace

std::string explain_record(const Record& r, const ExplainOptions& opts) {
  std::string out;
  out += fmt::format("{} ({}, {} bytes, sha256 {}, rules {})\n", r.input.path, r.input.format.empty() ? "?" : r.input.format,
                     r.input.bytes, r.input.sha256.substr(0, 16), r.rules_version);
  if (r.error) {
    out += fmt::format("ERROR {}: {}\n", r.error->code, r.error->message);
    return out;
  }
  const Report& rep = r.report;
  bool all = opts.item.empty();
  if (all) {
    out += fmt::format("agency       {} (kind {}, subdistrict {}, district {}, province {})\n",
                       rep.agency.name.empty() ? "?" : rep.agency.name, rep.agency.kind, rep.agency.subdistrict,
                       rep.agency.district, rep.agency.province);
    if (rep.agency.source) out += "             " + source_line(*rep.agency.source) + "\n";
    out += fmt::format("fiscal year  {}\n", rep.fiscal_year ? std::to_string(*rep.fiscal_year) : "?");
    if (rep.fiscal_year_source) out += "             " + source_line(*rep.fiscal_year_source) + "\n";
    out += fmt::format("ITA          score {} result {}\n", rep.ita.score ? fmt::format("{}", *rep.ita.score) : "?",
                       rep.ita.result.empty() ? "?" : rep.ita.result);
    if (rep.ita.source) out += "             " + source_line(*rep.ita.source) + "\n";
    if (!r.repairs.by_kind.empty()) {
      out += "text repairs";
      for (const auto& [k, v] : r.repairs.by_kind) out += fmt::format(" {}={}", k, v);
      out += "\n";
    }
  }
  for (const MeasureRecord& m : rep.measures) {
    std::string target = "measure " + std::to_string(m.no);
    if (!all && opts.item != target) continue;
    out += fmt::format("{}  {}\n    {}\n    responsible: {}\n    indicators cited: {}\n", target, clip(m.title, 100),
                       source_line(m.source), units(m.responsible), fmt::join(m.indicator_refs, ", "));
    if (m.period_span) out += fmt::format("    period \"{}\" = {}\n", m.period, m.period_span->iso());
    dates(out, m.dates);
  }
  for (const IndicatorRecord& ind : rep.indicators) {
    std::string target = "indicator " + std::to_string(ind.no);
    if (!all && opts.item != target) continue;
    out += fmt::format("{}  {}  {}\n    {}\n    responsible: {}\n", target, status_name(ind.status),
                       clip(ind.title, 80), source_line(ind.source), units(ind.responsible));
    boxes(out, ind.boxes);
    if (ind.period_span) out += fmt::format("    period \"{}\" = {}\n", ind.period, ind.period_span->iso());
    dates(out, ind.dates);
  }
  for (const ItemRecord& it : rep.items) {
    std::string target = it.code.empty() ? "item '" + it.code_text + "'" : it.code;
    if (!all && opts.item != target) continue;
    out += fmt::format("{}  {}  [{}] {}\n    code written \"{}\"; {}\n    responsible: {}\n", target,
                       status_name(it.status), it.subindicator, clip(it.title, 80), it.code_text,
                       source_line(it.source), units(it.responsible));
    boxes(out, it.boxes);
    dates(out, it.dates);
  }
  size_t shown = 0;
  for (const Flag& f : rep.flags) {
    if (!all && f.target != opts.item) continue;
    if (shown++ == 0) out += "flags:\n";
    out += fmt::format("  {} {} {}: {}\n", f.severity, f.code, f.target, f.message);
    if (!f.message_th.empty()) out += "      " + f.message_th + "\n";
    if (f.source) out += "      because of " + source_line(*f.source) + "\n";
  }
  if (all && shown == 0) out += "flags: none\n";
  return out;
}

}  // namespace itax
