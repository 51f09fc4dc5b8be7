#!/usr/bin/python3
"""Writes the small DOCX fixtures read by tests/unit/docx_reader_test.cc.

Deterministic: fixed entry order, fixed timestamps, stdlib zipfile only.
Run from anywhere:  /usr/bin/python3 tests/data/docx/make_docx_fixtures.py
The XML is written by hand, the way Word writes it, so that each fixture
shows exactly one or two constructs; see README.md for what each one holds.
"""
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14"'
)

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '{overrides}</Types>'
)

ROOT_RELS = DECL + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def document(body):
    return DECL + '<w:document ' + NS + '><w:body>' + body + \
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'


def part(root, body):
    return DECL + '<w:' + root + ' ' + NS + '>' + body + '</w:' + root + '>'


def p(inner, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ''
    return '<w:p>' + ppr + inner + '</w:p>'


def r(text, font=None):
    rpr = ''
    if font:
        rpr = '<w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s"/></w:rPr>' % (font, font, font)
    return '<w:r>' + rpr + '<w:t xml:space="preserve">' + text + '</w:t></w:r>'


def tc(inner, props=''):
    tcpr = '<w:tcPr><w:tcW w:w="2000" w:type="dxa"/>' + props + '</w:tcPr>'
    return '<w:tc>' + tcpr + inner + '</w:tc>'


def tr(cells, props=''):
    trpr = '<w:trPr>' + props + '</w:trPr>' if props else ''
    return '<w:tr>' + trpr + cells + '</w:tr>'


def tbl(rows, cols=3):
    grid = '<w:tblGrid>' + '<w:gridCol w:w="2000"/>' * cols + '</w:tblGrid>'
    return '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' + grid + rows + '</w:tbl>'


def write_docx(name, body_xml, extra_parts=()):
    """extra_parts: (zip name, xml, content type) tuples, e.g. headers."""
    overrides = ''.join('<Override PartName="/%s" ContentType="%s"/>' % (n, ct)
                        for n, _, ct in extra_parts)
    entries = [
        ('[Content_Types].xml', CONTENT_TYPES.format(overrides=overrides)),
        ('_rels/.rels', ROOT_RELS),
        ('word/document.xml', body_xml),
    ] + [(n, x) for n, x, _ in extra_parts]
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, 'w') as z:
        for n, data in entries:
            info = zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode('utf-8'))
    return path


HDR_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml'
FTR_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml'


def make_basic():
    body = ''
    # 1: runs, tab, break, carriage return, no-break hyphen; a tab stop
    # definition in pPr (not text) and a revised-away old style (not current).
    body += ('<w:p><w:pPr><w:pStyle w:val="Title"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>'
             '<w:pPrChange w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z">'
             '<w:pPr><w:pStyle w:val="OldStyle"/></w:pPr></w:pPrChange></w:pPr>'
             + r('Hello') + '<w:r><w:tab/><w:t>World</w:t><w:br/><w:t>Line2</w:t><w:cr/>'
             '<w:t>x</w:t><w:noBreakHyphen/><w:t>y</w:t></w:r></w:p>')
    # 2: hyperlink, smartTag, customXml, ins kept; del and moveFrom dropped
    body += p('<w:hyperlink r:id="rId9"><w:r><w:t>link text</w:t></w:r></w:hyperlink>'
              '<w:smartTag w:uri="urn:x" w:element="place">' + r(' smart') + '</w:smartTag>'
              '<w:customXml w:element="c">' + r(' custom') + '</w:customXml>'
              '<w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">' + r(' inserted') + '</w:ins>'
              '<w:del w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText> DELETED</w:delText></w:r></w:del>'
              '<w:moveFrom w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z">' + r(' MOVEDAWAY') + '</w:moveFrom>'
              '<w:moveTo w:id="4" w:author="a" w:date="2024-01-01T00:00:00Z">' + r(' moved') + '</w:moveTo>')
    # 3: simple field and complex field: the result text is kept, the code not
    body += p(r('Page ') + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'
              + r(' date ') +
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy-MM-dd" </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
              + r('2024-01-01') +
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + r(' end'))
    # 4: Thai text in a Thai font
    body += p(r('สวัสดีครับ ท่านผู้อ่าน', 'TH SarabunPSK'))
    # 5: a text box, written as Word does: DrawingML in mc:Choice, VML in
    # mc:Fallback, both with the same text
    txbx = '<w:txbxContent>' + p(r('box text')) + '</w:txbxContent>'
    body += p(r('anchor') +
              '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
              '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
              '<wps:wsp><wps:txbx>' + txbx + '</wps:txbx></wps:wsp></a:graphicData></a:graphic>'
              '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' + txbx +
              '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>' + r(' tail'))
    # 6: a symbol that is no check box, and a plain last paragraph
    body += p(r('bullet ') + '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>')
    body += p(r('after'))
    header = part('hdr', p(r('HEADER TEXT'), 'Header'))
    footer = part('ftr', p(r('FOOTER page ') +
                           '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                           '<w:r><w:instrText> PAGE </w:instrText></w:r>'
                           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r('1') +
                           '<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    write_docx('basic.docx', document(body), [
        ('word/header1.xml', header, HDR_CT),
        ('word/footer1.xml', footer, FTR_CT),
    ])


def make_tables():
    body = p(r('before'))
    nested = tbl(tr(tc(p(r('n1'))) + tc(p(r('n2')))), 2)
    rows = ''
    rows += tr(tc(p(r('H1'))) + tc(p(r('H2'))) + tc(p(r('H3'))), '<w:tblHeader/>')
    rows += tr(tc(p(r('span')), '<w:gridSpan w:val="2"/>') +
               tc(p(r('vm')), '<w:vMerge w:val="restart"/>'))
    rows += tr(tc(p(r('a'))) + tc(p(r('b'))) + tc(p(''), '<w:vMerge/>'))
    rows += tr(tc(p(r('gb'))) + tc(p(r('gb2'))), '<w:gridBefore w:val="1"/>')
    rows += tr(tc(p(r('outer')) + nested + p(r('after nested')), '<w:gridSpan w:val="3"/>'))
    body += tbl(rows)
    body += p(r('between'))
    body += tbl(tr(tc(p(r('t3')))), 1)
    body += p(r('end'))
    write_docx('tables.docx', document(body))


def sdt_checkbox(checked, glyph):
    val = '1' if checked else '0'
    return ('<w:sdt><w:sdtPr><w:id w:val="1"/><w14:checkbox><w14:checked w14:val="%s"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
            '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
            'w:hAnsi="MS Gothic"/></w:rPr><w:t>%s</w:t></w:r></w:sdtContent></w:sdt>' % (val, glyph))


def formcheckbox(ffcheckbox_inner):
    return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
            '<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>' + ffcheckbox_inner +
            '</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def make_checkboxes():
    body = ''
    # 1, 2: content-control check boxes; the glyph inside is not text
    body += p(sdt_checkbox(True, '☒') + r(' w14 yes'))
    body += p(sdt_checkbox(False, '☐') + r(' w14 no'))
    # 3, 4, 5: legacy form fields
    body += p(formcheckbox('<w:default w:val="1"/>') + r(' ff default'))
    body += p(formcheckbox('<w:default w:val="0"/><w:checked/>') + r(' ff checked'))
    body += p(formcheckbox('<w:default w:val="1"/><w:checked w:val="0"/>') + r(' ff unchecked'))
    # 6: Insert > Symbol from Wingdings
    body += p('<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>' + r(' sym yes ') +
              '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>' + r(' sym no'))
    # 7: private-use characters typed in a Wingdings run (F06F is no box)
    body += p(r('\uf0fe', 'Wingdings') + r(' pua yes ') + r('\uf06f', 'Wingdings') + r(' pua other'))
    # 8: Wingdings 2 'R' (checked) and '£' (empty); 'R' in a text font is text
    body += p(r('R', 'Wingdings 2') + r(' wd2 yes ') + r('£', 'Wingdings 2') + r(' wd2 no ') +
              r('R', 'TH SarabunPSK'))
    # 9: Unicode ballot boxes in a text font
    body += p(r('☐ empty ☑ tick ☒ cross', 'TH SarabunPSK'))
    # 10: plain-text marks
    body += p(r('[X] มี ( ) ไม่มี'))
    # 11: a content-control box inside a table cell
    body += tbl(tr(tc(p(sdt_checkbox(True, '☒') + r(' in cell')))), 1)
    # 12: U+F0FE in a run with no symbol font (as when the font comes from a
    # character style): taken as a box because every symbol font agrees
    body += p('<w:r><w:rPr><w:rStyle w:val="CheckSymbol"/></w:rPr><w:t>\uf0fe</w:t></w:r>' + r(' styled'))
    write_docx('checkboxes.docx', document(body))


def make_lying_header():
    """basic-like document whose zip headers understate the inflated size of
    word/document.xml (100 bytes claimed, ~60 KB real)."""
    body = ''.join(p(r('padding paragraph %d ' % i + 'x' * 40)) for i in range(600))
    path = write_docx('lying_size.docx', document(body))
    data = bytearray(open(path, 'rb').read())
    target = b'word/document.xml'
    # local file header: signature, then uncompressed size at offset 22
    pos = 0
    while True:
        pos = data.find(b'PK\x03\x04', pos)
        if pos < 0:
            break
        nlen = struct.unpack_from('<H', data, pos + 26)[0]
        if bytes(data[pos + 30:pos + 30 + nlen]) == target:
            struct.pack_into('<I', data, pos + 22, 100)
        pos += 4
    # central directory header: uncompressed size at offset 24
    pos = 0
    while True:
        pos = data.find(b'PK\x01\x02', pos)
        if pos < 0:
            break
        nlen = struct.unpack_from('<H', data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + nlen]) == target:
            struct.pack_into('<I', data, pos + 24, 100)
        pos += 4
    open(path, 'wb').write(bytes(data))


def make_item_list():
    """An OIT checklist written as paragraphs, not a table: each item is a
    code line, check boxes and labelled lines, in the encodings Word offers.
    Also text that starts like an item but has no boxes, which is not one."""
    th = 'TH SarabunPSK'
    wd = lambda ch: '<w:r><w:sym w:font="Wingdings" w:char="%s"/></w:r>' % ch
    yes, no = wd('F0FE'), wd('F0A8')
    body = ''
    body += p(r('รายงานการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT)', th), 'Title')
    body += p(r('องค์การบริหารส่วนตำบลบ้านใหม่ อำเภอเมืองลำพูน จังหวัดลำพูน', th))
    body += p(r('ประจำปีงบประมาณ พ.ศ. 2566', th))
    body += p(r('ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน', th))
    # O1: code line, then a box line (Wingdings symbols), then a labelled line
    body += p(r('O1 โครงสร้าง', th))
    body += p(yes + r(' ดำเนินการ ', th) + no + r(' ยังไม่ได้ดำเนินการ', th))
    body += p(r('ผู้รับผิดชอบ : สำนักปลัด', th))
    # O2: boxes on the code line (content controls); a label without a colon
    body += p(r('O2 ข้อมูลผู้บริหาร ', th) + sdt_checkbox(True, '☒') + r(' ดำเนินการ ', th) +
              sdt_checkbox(False, '☐') + r(' ยังไม่ได้ดำเนินการ', th))
    body += p(r('หน่วยงานที่รับผิดชอบ กองคลัง', th))
    # O3: a bullet, "ข้อ" and a Thai-digit code as typists write it; two lines
    # of details before the boxes; not done
    body += p(r('- ข้อ ๐๓. อำนาจหน้าที่', th))
    body += p(r('อำนาจหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล', th))
    body += p(r('☐ ดำเนินการ ☑ ยังไม่ได้ดำเนินการ', th))
    body += p(r('ผู้รับผิดชอบ: กองยุทธศาสตร์และงบประมาณ', th))
    body += p(r('ผลการดำเนินการ: อยู่ระหว่างปรับปรุงเว็บไซต์ เมื่อ 15 มีนาคม 2566', th))
    # O4: legacy form-field boxes
    body += p(r('O4 แผนพัฒนาท้องถิ่น', th))
    body += p(formcheckbox('<w:default w:val="1"/>') + r(' ดำเนินการ ', th) +
              formcheckbox('<w:default w:val="0"/>') + r(' ยังไม่ได้ดำเนินการ', th))
    body += p(r('ผู้รับผิดชอบ : กองยุทธศาสตร์และงบประมาณ', th))
    # Not items: a code at the start of a sentence with no boxes after it
    body += p(r('O5 ถึง O43 จะรายงานในรอบถัดไป', th))
    body += p(r('ทั้งนี้ ได้มอบหมายให้ทุกกองดำเนินการตามแผน', th))
    body += p(r('ลงชื่อ นายกองค์การบริหารส่วนตำบลบ้านใหม่', th))
    write_docx('item_list.docx', document(body))


if __name__ == '__main__':
    make_basic()
    make_tables()
    make_checkboxes()
    make_lying_header()
    make_item_list()
