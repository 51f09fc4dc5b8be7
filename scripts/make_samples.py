#!/usr/bin/python3
"""Make the sample Word reports in samples/ from the seed text.

Usage (from the repository root):
    /usr/bin/python3 scripts/make_samples.py

Reads ../shared/seed/000_825f8da4abddf54c.txt (relative to the repository
root): the text of a scanned ITA report of เทศบาลตำบลก้อ for FY2566, in
which blank lines separate chunks, tab-separated lines are table rows,
check boxes are written as HTML <input> tags and some cells hold HTML lists.
Writes three WordprocessingML documents:

  samples/ko_2566_content_controls.docx   (a) the report, check boxes as
                                          Word 2010 check box content controls
  samples/other_agency_wingdings.docx     (b) the report rewritten for another
                                          agency, check boxes as Wingdings
  samples/thai_digits_formfields.docx     (c) the report with Thai digits,
                                          legacy FORMCHECKBOX fields and all
                                          43 items in one long table

Standard library only; the output is deterministic (fixed zip timestamps,
fixed entry order), so reruns give identical bytes.
"""

import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, '..', 'shared', 'seed', '000_825f8da4abddf54c.txt')
OUT_DIR = os.path.join(ROOT, 'samples')

THAI_FONT = 'TH SarabunPSK'
ZIP_DATE = (2024, 3, 1, 9, 0, 0)
DOC_DATE = '2024-03-01T09:00:00Z'

# --------------------------------------------------------------------------
# Parsing the seed text
# --------------------------------------------------------------------------

HEADER_KINDS = (('ลำดับ\t', 'measures'), ('ตัวชี้วัด\t', 'indicators'),
                ('ข้อ\t', 'items'))
ARTIFACT_RE = re.compile(r'^[-\t ]+$')        # "--\t--\t---..." OCR debris
PAGE_NO_RE = re.compile(r'^\s*-\d+-\s*$')     # "-7-"


class Para:
    def __init__(self, text, bold=False):
        self.text = text
        self.bold = bold


class Row:
    def __init__(self, cells, header=False):
        self.cells = cells
        self.header = header      # marked <w:tblHeader/> when at the top
        self.heading = False      # full-width section row (sample c)
        self.pua = False          # Wingdings as PUA text instead of w:sym (b)


class Table:
    def __init__(self, kind, header):
        self.kind = kind
        self.header = header
        self.rows = []


def parse_seed(text):
    """Return the document as a list of Para and Table blocks."""
    chunks, cur = [], []
    for line in text.split('\n'):
        if line.strip() == '':
            if cur:
                chunks.append(cur)
                cur = []
        else:
            cur.append(line)
    if cur:
        chunks.append(cur)

    blocks = []
    for chunk in chunks:
        if any('\t' in line for line in chunk):
            lines = [l for l in chunk if not ARTIFACT_RE.match(l)]
            assert all('\t' in l for l in lines), lines
            rows = [l.split('\t') for l in lines]
            kind = next((k for p, k in HEADER_KINDS if lines[0].startswith(p)), None)
            if kind:
                table = Table(kind, [c.strip() for c in rows[0]])
                blocks.append(table)
                rows = rows[1:]
            else:
                # A chunk that starts with a data row continues the table
                # before it (the row was broken by a page break).
                table = next(b for b in reversed(blocks) if isinstance(b, Table))
            for cells in rows:
                cells = [c.strip() for c in cells]
                cells += [''] * (len(table.header) - len(cells))
                assert len(cells) == len(table.header), cells
                table.rows.append(Row(cells))
        else:
            for line in chunk:
                if PAGE_NO_RE.match(line):
                    continue
                t = line.strip()
                bold = t.startswith('**') and t.endswith('**')
                t = t.strip('*').strip()
                if t.startswith(('ตัวชี้วัดย่อยที่', 'ประเด็นการประเมิน')):
                    bold = True
                blocks.append(Para(t, bold))
    return blocks


def item_number(code):
    """'01' -> 1, '0๓1' -> 31, 'O43' -> 43 (None for other text)."""
    code = code.translate(THAI_TO_ASCII)
    m = re.fullmatch(r'[0Oo]?(\d{1,2})', code.strip())
    return int(m.group(1)) if m else None


THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙'
THAI_TO_ASCII = str.maketrans(THAI_DIGITS, '0123456789')
ASCII_TO_THAI = str.maketrans('0123456789', THAI_DIGITS)


def item_rows(blocks):
    """Yield (number, table, index) for each item row (not continuations)."""
    for b in blocks:
        if isinstance(b, Table) and b.kind == 'items':
            for i, row in enumerate(b.rows):
                n = item_number(row.cells[0])
                if n is not None:
                    yield n, b, i


def find_item(blocks, n):
    for num, table, i in item_rows(blocks):
        if num == n:
            return table, i
    raise KeyError(n)


def find_indicator(blocks, n):
    for b in blocks:
        if isinstance(b, Table) and b.kind == 'indicators':
            for row in b.rows:
                if row.cells[0].startswith('ตัวชี้วัดที่ %d ' % n):
                    return row
    raise KeyError(n)


# --------------------------------------------------------------------------
# Cell text -> paragraphs
# --------------------------------------------------------------------------

# How plain (non-HTML) text of a column is broken into paragraphs:
# 'num' before "1." "2." numbering, 'dash' before "- " bullets.
SPLIT_MODES = {
    'measures': ['none', 'none', 'num', 'none', 'num', 'num', 'num'],
    'indicators': ['none', 'num', 'none', 'none', 'dash'],
    'items': ['none', 'none', 'dash', 'none', 'dash'],
}
NUM_SPLIT_RE = re.compile(r'\s+(?=\d{1,2}\.(?!\d))')
DASH_SPLIT_RE = re.compile(r'\s+(?=-)')
DASH_KEEP = ['ชื่อ - นามสกุล', 'ถาม - ตอบ', '65 - 31', 'ยืม - คืน']
TAG_RE = re.compile(r'(<input[^>]*/>|<ul[^>]*>|</ul>|<ol[^>]*>|</ol>|<li>|</li>'
                    r'|<a href="[^"]*">.*?</a>)')
LABELS = ('ยังไม่ได้ดำเนินการ', 'ดำเนินการ')


def split_plain(text, mode):
    text = re.sub(r'\s+', ' ', text).strip()
    if not text:
        return []
    if mode == 'num':
        return NUM_SPLIT_RE.split(text)
    if mode == 'dash':
        for keep in DASH_KEEP:
            text = text.replace(keep, keep.replace(' - ', ' \x00 '))
        return [p.replace('\x00', '-') for p in DASH_SPLIT_RE.split(text)]
    return [text]


def cell_paragraphs(s, mode):
    """Parse a seed cell into paragraphs.

    Each paragraph is ('box', checked, label) or ('text', pieces, level) where
    pieces are ('t', text) or ('a', href, text).
    """
    out = []
    level = 0
    cur = []              # inline pieces of the paragraph being collected
    box = None            # checked state of a box whose label comes next

    def flush():
        nonlocal cur
        if not cur:
            return
        if level == 0:
            # Plain text: split into paragraphs; a link stays at the end of
            # the paragraph it was in.
            flat = ''.join(p[1] if p[0] == 't' else '\x01%d\x01' % i
                           for i, p in enumerate(cur))
            for part in split_plain(flat, mode):
                pieces = []
                for j, bit in enumerate(re.split('\x01', part)):
                    if j % 2:
                        pieces.append(cur[int(bit)])
                    elif bit:
                        pieces.append(('t', bit))
                out.append(('text', pieces, 0))
        else:
            text = re.sub(r'\s+', ' ', ''.join(p[1] for p in cur)).strip()
            if text:
                out.append(('text', [('t', text)], level))
        cur = []

    for tok in TAG_RE.split(s):
        if not tok:
            continue
        if tok.startswith('<input'):
            flush()
            box = 'checked' in tok
        elif tok.startswith(('<ul', '<ol')):
            flush()
            level += 1
        elif tok in ('</ul>', '</ol>'):
            flush()
            level -= 1
        elif tok in ('<li>', '</li>'):
            flush()
        elif tok.startswith('<a '):
            m = re.match(r'<a href="([^"]*)">(.*?)</a>', tok)
            cur.append(('a', m.group(1), m.group(2)))
        else:
            if box is not None:
                t = tok.lstrip()
                label = next(l for l in LABELS if t.startswith(l))
                out.append(('box', box, label))
                box = None
                tok = t[len(label):]
            if tok.strip() or cur:
                cur.append(('t', tok))
    flush()
    assert box is None
    return out or [('text', [], 0)]


# --------------------------------------------------------------------------
# WordprocessingML
# --------------------------------------------------------------------------

NS_DOC = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'mc:Ignorable="w14"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class Writer:
    """Serialises blocks; `style` picks the check box markup."""

    def __init__(self, style, thai_digits=False, portrait=False):
        self.style = style            # 'sdt' | 'wingdings' | 'formfield'
        self.thai_digits = thai_digits
        self.portrait = portrait
        self.links = []               # hyperlink targets, rId order
        self.sdt_id = 0
        self.box_no = 0
        self.bookmark = 0
        self.bare_checked = False

    # -- text runs ---------------------------------------------------------
    def txt(self, s):
        if self.thai_digits:
            s = s.translate(ASCII_TO_THAI)
        return escape(s)

    def rpr(self, bold=False, size=28, extra=''):
        b = '<w:b/><w:bCs/>' if bold else ''
        return ('<w:rPr>%s<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" '
                'w:cs="{f}"/>%s<w:sz w:val="%d"/><w:szCs w:val="%d"/>'
                '<w:lang w:val="th-TH" w:bidi="th-TH"/></w:rPr>'
                ).replace('{f}', THAI_FONT) % (extra, b, size, size)

    def run(self, text, bold=False, size=28, style=''):
        return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (
            self.rpr(bold, size, style), self.txt(text))

    def para(self, inner, jc=None, indent=0, first_line=0, keep_next=False,
             after=0):
        ppr = '<w:pPr>'
        if keep_next:
            ppr += '<w:keepNext/>'
        ppr += '<w:spacing w:before="0" w:after="%d" w:line="240" w:lineRule="auto"/>' % after
        if indent or first_line:
            ppr += '<w:ind w:left="%d"%s/>' % (
                indent, ' w:firstLine="%d"' % first_line if first_line else '')
        if jc:
            ppr += '<w:jc w:val="%s"/>' % jc
        ppr += '</w:pPr>'
        return '<w:p>%s%s</w:p>' % (ppr, inner)

    # -- check boxes -------------------------------------------------------
    def box(self, checked, pua=False):
        self.box_no += 1
        n = self.box_no
        if self.style == 'sdt':
            self.sdt_id += 1
            return ('<w:sdt><w:sdtPr><w:id w:val="%d"/><w14:checkbox>'
                    '<w14:checked w14:val="%d"/>'
                    '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
                    '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
                    '</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>'
                    '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>'
                    '</w:rPr><w:t>%s</w:t></w:r></w:sdtContent></w:sdt>'
                    % (1000 + self.sdt_id, 1 if checked else 0,
                       '\u2612' if checked else '\u2610'))
        if self.style == 'wingdings':
            code = 'F0FE' if checked else 'F0A8'
            if pua:
                return ('<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'
                        '<w:sz w:val="28"/></w:rPr><w:t>%s</w:t></w:r>'
                        % chr(int(code, 16)))
            return ('<w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
                    '<w:sym w:font="Wingdings" w:char="%s"/></w:r>' % code)
        # Legacy form field. Variations seen in Word files: the state in
        # w:checked (overriding w:default), only in w:default, a bare
        # <w:checked/>, and fields written without a "separate" mark.
        self.bookmark += 1
        name = 'Check%d' % self.bookmark
        if checked:
            if n % 7 == 3:
                state = '<w:default w:val="1"/>'
            elif n >= 20 and not self.bare_checked:
                self.bare_checked = True
                state = '<w:default w:val="0"/><w:checked/>'
            else:
                state = '<w:default w:val="0"/><w:checked w:val="1"/>'
        else:
            if n % 11 == 4:
                state = '<w:default w:val="1"/><w:checked w:val="0"/>'
            else:
                state = '<w:default w:val="0"/>'
        separate = '' if n % 9 == 5 else '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        return ('<w:bookmarkStart w:id="%d" w:name="%s"/>'
                '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="%s"/>'
                '<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>%s'
                '</w:checkBox></w:ffData></w:fldChar></w:r>'
                '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
                '%s<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                '<w:bookmarkEnd w:id="%d"/>'
                % (self.bookmark, name, name, state, separate, self.bookmark))

    # -- blocks ------------------------------------------------------------
    def cell_xml(self, text, mode, bold=False, pua=False):
        parts = []
        for p in cell_paragraphs(text, mode):
            if p[0] == 'box':
                parts.append(self.para(self.box(p[1], pua) + self.run(' ' + p[2])))
            else:
                inner = ''
                for piece in p[1]:
                    if piece[0] == 't':
                        inner += self.run(piece[1], bold)
                    else:
                        self.links.append(piece[1])
                        inner += ('<w:hyperlink r:id="rIdLink%d" w:history="1">%s</w:hyperlink>'
                                  % (len(self.links),
                                     self.run(piece[2], style='<w:rStyle w:val="Hyperlink"/>')))
                level = p[2]
                parts.append(self.para(inner, indent=227 * level))
        return ''.join(parts)

    def widths(self, kind):
        if self.portrait:
            return {'measures': [500, 1300, 2000, 900, 1100, 1900, 1938],
                    'indicators': [1600, 3000, 1200, 1100, 2738],
                    'items': [900, 1400, 3150, 1250, 2938]}[kind]
        return {'measures': [700, 2200, 3000, 1400, 1700, 2800, 2770],
                'indicators': [2400, 4500, 1800, 1600, 4270],
                'items': [700, 2400, 5000, 2000, 4470]}[kind]

    def table(self, t):
        w = self.widths(t.kind)
        modes = SPLIT_MODES[t.kind]
        border = ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % s
                         for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
        x = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
             '<w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>%s</w:tblBorders>'
             '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
             '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
             'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
             % (sum(w), border)]
        x += ['<w:gridCol w:w="%d"/>' % c for c in w]
        x.append('</w:tblGrid>')
        rows = [Row(t.header, header=True)] + t.rows
        top = True      # header rows count as repeating only at the top
        for row in rows:
            trpr = ''
            if row.header and top:
                trpr = '<w:trPr><w:tblHeader/></w:trPr>'
            else:
                top = False
            x.append('<w:tr>%s' % trpr)
            if row.heading:
                x.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:gridSpan w:val="%d"/>'
                         '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>'
                         % (sum(w), len(w)))
                x.append(''.join(self.para(self.run(p, True)) for p in row.cells))
                x.append('</w:tc>')
            else:
                for i, cell in enumerate(row.cells):
                    shd = ('<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
                           if row.header else '')
                    va = '<w:vAlign w:val="center"/>' if row.header else ''
                    x.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s%s</w:tcPr>'
                             % (w[i], shd, va))
                    if row.header:
                        x.append(self.para(self.run(cell, True), jc='center'))
                    else:
                        x.append(self.cell_xml(cell, modes[i], pua=row.pua))
                    x.append('</w:tc>')
            x.append('</w:tr>')
        x.append('</w:tbl>')
        # Word needs a paragraph between two tables or they merge.
        x.append(self.para(''))
        return ''.join(x)

    def document(self, blocks):
        body = []
        title_lines = 2
        for i, b in enumerate(blocks):
            if isinstance(b, Table):
                body.append(self.table(b))
            elif i < title_lines:
                body.append(self.para(self.run(b.text, True, 36), jc='center'))
            elif b.bold:
                body.append(self.para(self.run(b.text, True, 32), keep_next=True,
                                      after=60))
            else:
                body.append(self.para(self.run(b.text), jc='thaiDistribute',
                                      first_line=720, after=120))
        if self.portrait:
            pg = '<w:pgSz w:w="11906" w:h="16838"/>'
        else:
            pg = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        sect = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>%s'
                '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" '
                'w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="708"/>'
                '<w:docGrid w:linePitch="360"/></w:sectPr>' % pg)
        return (XML_DECL + '<w:document %s><w:body>%s%s</w:body></w:document>'
                % (NS_DOC, ''.join(body), sect))

    def footer(self):
        instr = ' PAGE '
        first = '1'
        return (XML_DECL + '<w:ftr %s><w:p><w:pPr><w:jc w:val="center"/></w:pPr>%s'
                '<w:fldSimple w:instr="%s"><w:r><w:t>%s</w:t></w:r></w:fldSimple>%s</w:p></w:ftr>'
                % (NS_DOC, self.run('-'), instr, first, self.run('-')))


STYLES = XML_DECL + '''<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
</w:styles>'''.replace('{f}', THAI_FONT)

SETTINGS = XML_DECL + '''<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:bidi="th-TH"/></w:settings>'''

FONT_TABLE = XML_DECL + '''<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="{f}"><w:panose1 w:val="020B0500040200020003"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="MS Gothic"><w:altName w:val="ＭＳ ゴシック"/><w:charset w:val="80"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="Wingdings"><w:panose1 w:val="05000000000000000000"/><w:charset w:val="02"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
</w:fonts>'''.replace('{f}', THAI_FONT)

CONTENT_TYPES = XML_DECL + '''<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'''

ROOT_RELS = XML_DECL + '''<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>'''


def doc_rels(links):
    rels = ['<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
            '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>',
            '<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>',
            '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>']
    for i, url in enumerate(links, 1):
        rels.append('<Relationship Id="rIdLink%d" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/hyperlink" Target=%s TargetMode="External"/>'
                    % (i, quoteattr(url)))
    return (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + ''.join(rels) + '</Relationships>')


def core_props(title):
    return (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>itax make_samples.py</dc:creator>'
            '<cp:lastModifiedBy>itax make_samples.py</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>'
            % (escape(title), DOC_DATE, DOC_DATE))


APP_PROPS = XML_DECL + '''<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><AppVersion>16.0000</AppVersion></Properties>'''


def write_docx(path, blocks, writer, title):
    document = writer.document(blocks)
    footer = writer.footer()
    parts = [
        ('[Content_Types].xml', CONTENT_TYPES),
        ('_rels/.rels', ROOT_RELS),
        ('docProps/core.xml', core_props(title)),
        ('docProps/app.xml', APP_PROPS),
        ('word/document.xml', document),
        ('word/_rels/document.xml.rels', doc_rels(writer.links)),
        ('word/styles.xml', STYLES),
        ('word/settings.xml', SETTINGS),
        ('word/fontTable.xml', FONT_TABLE),
        ('word/footer1.xml', footer),
    ]
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data.encode('utf-8'), compresslevel=9)


# --------------------------------------------------------------------------
# The three samples
# --------------------------------------------------------------------------

def sample_a(blocks):
    """(a) the report as it is; content-control check boxes."""
    return blocks


NEW_NAME = 'องค์การบริหารส่วนตำบลบ้านใหม่'
NEW_URL = 'https://banmai.example.com'
B_REMOVED = [5, 17, 38]
B_NOT_DONE = {
    9: '- อยู่ระหว่างจัดทำช่องทางเชื่อมโยงเครือข่ายสังคมออนไลน์บนเว็บไซต์',
    21: '- อยู่ระหว่างรวบรวมข้อมูลสรุปผลการจัดซื้อจัดจ้างรายเดือน',
    29: '- อยู่ระหว่างรวบรวมข้อมูลเชิงสถิติเรื่องร้องเรียน',
    40: '- อยู่ระหว่างแต่งตั้งคณะทำงานขับเคลื่อนจริยธรรม',
}
B_BOTH = [33]
B_RESPONSIBLE = {
    2: 'กองยุทธฯ', 3: 'กองยุทธฯ', 11: 'กองยุทธฯ, กองคลัง', 16: 'กองยุทธฯ',
    36: 'กองยุทธฯ', 42: 'กองยุทธฯ',
    10: 'สป.', 14: 'สป., กองยุทธฯ, กองช่าง, กองคลัง', 24: 'สป.', 39: 'สป.',
}
B_PUA_ITEMS = [6, 22, 35]
B_PUA_INDICATORS = [5]
BOX_NO = '<input type="checkbox"/> '
BOX_YES = '<input checked="" type="checkbox"/> '


def rename(s):
    """Rewrite the report's references to itself for the new agency."""
    keep = 'เทศบาลตำบลร้อยเอ็ด'        # template slip kept on purpose
    s = s.replace(keep, '\x02')
    for old, new in [
            ('เทศบาลตำบลก้อ ตำบลก้อ อำเภอถ้ำ จังหวัดลำพูน',
             NEW_NAME + ' ตำบลบ้านใหม่ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่'),
            ('เทศบาลตำบลก่อตั้ง', NEW_NAME + 'ได้'),      # OCR slips of the name
            ('เทศบาลตำบลก็ได้', NEW_NAME + 'ได้'),
            ('เทศบาลตำบลก้อ', NEW_NAME),
            ('เทศบาล ตำบลก้อ', 'องค์การบริหารส่วน ตำบลบ้านใหม่'),
            ('ระหว่างเทศบาลตำบลกับ', 'ระหว่างองค์การบริหารส่วนตำบลกับ'),
            ('https://tambonkor.go.th', NEW_URL)]:
        s = s.replace(old, new)
    # Generic "เทศบาล" (the municipality) becomes "อบต."
    s = re.sub(r'(?<=[\u0E00-\u0E7F])เทศบาล', ' เทศบาล', s)
    s = re.sub(r'เทศบาล(?=[\u0E00-\u0E7F])', 'เทศบาล ', s)
    s = s.replace('เทศบาล', 'อบต.')
    s = s.replace('\x02', keep)
    assert 'ก้อ' not in s and 'tambonkor' not in s, s
    return s


def sample_b(blocks):
    """(b) another agency, different score, changed statuses, Wingdings."""
    for b in blocks:
        if isinstance(b, Para):
            b.text = rename(b.text)
        else:
            for row in b.rows:
                row.cells = [rename(c) for c in row.cells]
    intro = next(b for b in blocks if isinstance(b, Para) and 'คะแนน' in b.text)
    old = 'ได้คะแนน 91.39 อยู่ในระดับ ผ่าน'
    assert old in intro.text
    intro.text = intro.text.replace(old, 'ได้คะแนน 78.50 อยู่ในระดับ ไม่ผ่าน')

    for n in B_REMOVED:
        table, i = find_item(blocks, n)
        del table.rows[i]
        assert not table.rows[i:] or table.rows[i].cells[0] != ''  # no continuation
    for n, text in B_NOT_DONE.items():
        table, i = find_item(blocks, n)
        cells = table.rows[i].cells
        assert cells[4].startswith(BOX_NO + 'ยังไม่ได้ดำเนินการ ' + BOX_YES + 'ดำเนินการ')
        cells[4] = (BOX_YES + 'ยังไม่ได้ดำเนินการ ' + BOX_NO + 'ดำเนินการ ' + text)
    for n in B_BOTH:
        table, i = find_item(blocks, n)
        cells = table.rows[i].cells
        assert cells[4].startswith(BOX_NO)
        cells[4] = BOX_YES + cells[4][len(BOX_NO):]
    for n, text in B_RESPONSIBLE.items():
        table, i = find_item(blocks, n)
        table.rows[i].cells[3] = text
    for n in B_PUA_ITEMS:
        table, i = find_item(blocks, n)
        table.rows[i].pua = True
    for n in B_PUA_INDICATORS:
        find_indicator(blocks, n).pua = True
    # Item codes written the canonical way, O1 .. O43.
    for n, table, i in list(item_rows(blocks)):
        table.rows[i].cells[0] = 'O%d' % n
    return [b for b in blocks if not (isinstance(b, Table) and not b.rows)]


def merge_continuations(table):
    rows = []
    for row in table.rows:
        if row.cells[0] == '' and rows:
            prev = rows[-1]
            prev.cells = [(a + ' ' + b).strip() for a, b in zip(prev.cells, row.cells)]
        else:
            rows.append(row)
    table.rows = rows


def sample_c(blocks):
    """(c) Thai digits, form fields, all 43 items in one long table."""
    for b in blocks:
        if isinstance(b, Table):
            merge_continuations(b)
    # The stray line "เรียบร้อยแล้ว" after O8 is the end of O8's progress text.
    stray = next(b for b in blocks if isinstance(b, Para) and b.text == 'เรียบร้อยแล้ว')
    table, i = find_item(blocks, 8)
    table.rows[i].cells[4] += ' ' + stray.text
    blocks = [b for b in blocks if b is not stray]

    # Item codes in Thai digits: O๑ .. O๓๐, then ๐๓๑ .. ๐๔๓ (zero for O).
    for n, table, i in list(item_rows(blocks)):
        table.rows[i].cells[0] = ('O%d' % n if n <= 30 else '0%d' % n)

    # Everything from the first items table on becomes one table; the
    # paragraphs between the seed's item tables become full-width rows.
    first = next(k for k, b in enumerate(blocks)
                 if isinstance(b, Table) and b.kind == 'items')
    while first > 0 and isinstance(blocks[first - 1], Para) and \
            blocks[first - 1].text.startswith('ตัวชี้วัดย่อยที่'):
        first -= 1
    big = Table('items', next(b for b in blocks[first:] if isinstance(b, Table)).header)
    pending = []
    for b in blocks[first:]:
        if isinstance(b, Para):
            pending.append(b.text)
            continue
        if pending:
            r = Row(pending)
            r.heading = True
            big.rows.append(r)
            pending = []
        if b is not blocks[first] and any(item_number(r.cells[0]) == 23 for r in b.rows):
            # A second header row typed by hand in the middle of the table
            # (not marked as a repeating header).
            big.rows.append(Row(list(b.header), header=True))
        big.rows.extend(b.rows)
    assert not pending
    assert sum(1 for r in big.rows if item_number(r.cells[0])) == 43
    return blocks[:first] + [big]


def main():
    with open(SEED, encoding='utf-8') as f:
        seed = f.read()
    os.makedirs(OUT_DIR, exist_ok=True)
    title = 'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ 2566'

    blocks = sample_a(parse_seed(seed))
    assert sum(1 for _ in item_rows(blocks)) == 43
    write_docx(os.path.join(OUT_DIR, 'ko_2566_content_controls.docx'), blocks,
               Writer('sdt'), title)

    blocks = sample_b(parse_seed(seed))
    assert sum(1 for _ in item_rows(blocks)) == 40
    write_docx(os.path.join(OUT_DIR, 'other_agency_wingdings.docx'), blocks,
               Writer('wingdings'), title)

    blocks = sample_c(parse_seed(seed))
    write_docx(os.path.join(OUT_DIR, 'thai_digits_formfields.docx'), blocks,
               Writer('formfield', thai_digits=True, portrait=True),
               title.translate(ASCII_TO_THAI))
    return 0


if __name__ == '__main__':
    sys.exit(main())
