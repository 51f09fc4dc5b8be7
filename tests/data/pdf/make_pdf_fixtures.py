#!/usr/bin/python3
"""Writes the small PDF fixtures read by tests/unit/pdf_graphics_pass_test.cc.

Each fixture starts as a tiny DOCX written here (stdlib zipfile, fixed entry
order and timestamps), or for the AcroForm one a flat ODT, which LibreOffice
converts to PDF; qpdf then makes the encrypted variants. Run from anywhere:

    /usr/bin/python3 tests/data/pdf/make_pdf_fixtures.py

Needs `libreoffice` (7.4 on Debian 12) and `qpdf`. The DOCX files are
deterministic; the PDFs are not byte-for-byte (LibreOffice writes the time of
conversion and a random document id into them), but their content is. The
intermediate DOCX/FODT files are written to a temporary directory and not kept.
See README.md for what each fixture holds and what the tests expect.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')

ROOT_RELS = DECL + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')

FONT = 'DejaVu Sans'  # installed here, so LibreOffice embeds it instead of substituting


def document(body):
    # A5 landscape-ish small page keeps the PDFs small; margins 1 cm.
    return (DECL + '<w:document ' + NS + '><w:body>' + body +
            '<w:sectPr><w:pgSz w:w="11906" w:h="8419"/>'
            '<w:pgMar w:top="567" w:right="567" w:bottom="567" w:left="567" '
            'w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>')


def rpr(font=FONT, size=22):
    return ('<w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s" w:eastAsia="%s"/>'
            '<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>' % (font, font, font, font, size, size))


def r(text, font=FONT):
    return '<w:r>' + rpr(font) + '<w:t xml:space="preserve">' + text + '</w:t></w:r>'


def sym(font, char):
    return '<w:r>' + rpr(font) + '<w:sym w:font="%s" w:char="%s"/></w:r>' % (font, char)


def p(inner):
    return '<w:p>' + inner + '</w:p>'


def formcheckbox(name, checked):
    state = '<w:default w:val="%d"/>' % (1 if checked else 0)
    return ('<w:r>' + rpr() + '<w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="%s"/><w:enabled/>'
            '<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>%s</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r>' + rpr() + '<w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r>' + rpr() + '<w:fldChar w:fldCharType="end"/></w:r>') % (name, state)


def table(rows, widths):
    border = ''.join('<w:%s w:val="single" w:sz="8" w:space="0" w:color="000000"/>' % s
                     for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    out = ('<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>%s</w:tblBorders>'
           '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>' % (sum(widths), border))
    out += ''.join('<w:gridCol w:w="%d"/>' % w for w in widths) + '</w:tblGrid>'
    for row in rows:
        out += '<w:tr>'
        for w, cell in zip(widths, row):
            out += '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (w, p(cell))
        out += '</w:tr>'
    return out + '</w:tbl>'


def write_docx(path, body):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in (('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
                           ('word/document.xml', document(body))):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode('utf-8'))


# (1) A bordered table whose status column holds Unicode ballot boxes.
def table_glyphs():
    rows = [
        [r('Code'), r('Item'), r('Status')],
        [r('O1'), r('Structure'), r('\u2611 done \u2610 not done')],
        [r('O2'), r('Executives'), r('\u2610 done \u2611 not done')],
        [r('O3'), r('Powers'), r('\u2610done')],  # box glued to its label: the word is split
    ]
    return p(r('Table with glyph boxes')) + table(rows, [1400, 3600, 4400]) + p(r('End.'))


# (2) Word symbol characters in Wingdings and Wingdings 2 (not installed here).
def wingdings():
    return (p(sym('Wingdings', 'F0FE') + r(' done ') + sym('Wingdings', 'F0A8') + r(' not done')) +
            p(sym('Wingdings 2', 'F052') + r(' yes ') + sym('Wingdings 2', 'F0A3') + r(' no')))


# (3) Legacy FORMCHECKBOX fields, two checked and two not, one pair in a table.
def formfields():
    rows = [[r('O1'), formcheckbox('Done1', True) + r(' done ') + formcheckbox('Todo1', False) + r(' not done')]]
    return (p(formcheckbox('Check1', True) + r(' checked field')) +
            p(formcheckbox('Check2', False) + r(' unchecked field')) +
            table(rows, [1400, 6000]))


# (4) The same check boxes as AcroForm fields. LibreOffice 7.4 does not export
# Word's FORMCHECKBOX fields (nor w14:checkbox content controls) as PDF form
# fields, whatever ExportFormFields says: it draws them, as in (3). Only its
# own form controls become AcroForm widgets, so this one is a flat ODT
# (.fodt) holding check box controls and a radio group in the same layout.
FODT_NS = ' '.join('xmlns:%s="%s"' % kv for kv in (
    ('office', 'urn:oasis:names:tc:opendocument:xmlns:office:1.0'),
    ('text', 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'),
    ('table', 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'),
    ('draw', 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0'),
    ('form', 'urn:oasis:names:tc:opendocument:xmlns:form:1.0'),
    ('svg', 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0'),
    ('style', 'urn:oasis:names:tc:opendocument:xmlns:style:1.0'),
    ('fo', 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0'),
    ('ooo', 'http://openoffice.org/2004/office')))  # control-implementation values are ooo: QNames


def acroform_fodt():
    def control(kind, name, cid, checked, value=None):
        impl = 'CheckBox' if kind == 'checkbox' else 'RadioButton'
        state = ' form:current-state="checked" form:state="checked"' if checked and kind == 'checkbox' else ''
        if kind == 'radio':
            state = ' form:value="%s"%s' % (value, ' form:current-selected="true" form:selected="true"' if checked else '')
        return ('<form:%s form:name="%s" form:control-implementation="ooo:com.sun.star.form.component.%s" '
                'xml:id="%s" form:id="%s"%s form:image-position="center"><form:properties>'
                '<form:property form:property-name="DefaultControl" office:value-type="string" '
                'office:string-value="com.sun.star.form.control.%s"/></form:properties></form:%s>'
                % (kind, name, impl, cid, cid, state, impl, kind))

    def anchor(cid):
        return ('<draw:control draw:style-name="gr1" text:anchor-type="as-char" svg:width="0.4cm" '
                'svg:height="0.4cm" draw:control="%s"/>' % cid)

    controls = [('checkbox', 'Check1', 'c1', True, None), ('checkbox', 'Check2', 'c2', False, None),
                ('checkbox', 'Done1', 'c3', True, None), ('checkbox', 'Todo1', 'c4', False, None),
                ('radio', 'Choice', 'c5', True, 'yes'), ('radio', 'Choice', 'c6', False, 'no')]
    forms = ('<office:forms form:automatic-focus="false" form:apply-design-mode="false">'
             '<form:form form:name="Standard" form:control-implementation="ooo:com.sun.star.form.component.Form">' +
             ''.join(control(*c) for c in controls) + '</form:form></office:forms>')
    cell = '<table:table-cell office:value-type="string"><text:p text:style-name="P1">%s</text:p></table:table-cell>'
    body = (forms +
            '<text:p text:style-name="P1">%s checked field</text:p>' % anchor('c1') +
            '<text:p text:style-name="P1">%s unchecked field</text:p>' % anchor('c2') +
            '<table:table table:name="T1" table:style-name="T1"><table:table-column table:style-name="T1A"/>'
            '<table:table-column table:style-name="T1B"/><table:table-row>' +
            cell.replace('<table:table-cell', '<table:table-cell table:style-name="C1"') % 'O1' +
            cell.replace('<table:table-cell', '<table:table-cell table:style-name="C1"') %
            (anchor('c3') + ' done ' + anchor('c4') + ' not done') +
            '</table:table-row></table:table>' +
            '<text:p text:style-name="P1">%s yes %s no</text:p>' % (anchor('c5'), anchor('c6')))
    styles = ('<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="\'DejaVu Sans\'"/>'
              '</office:font-face-decls><office:automatic-styles>'
              '<style:style style:name="P1" style:family="paragraph"><style:text-properties '
              'style:font-name="DejaVu Sans" fo:font-size="11pt"/></style:style>'
              '<style:style style:name="gr1" style:family="graphic"><style:graphic-properties '
              'style:vertical-pos="middle" style:vertical-rel="text"/></style:style>'
              '<style:style style:name="T1" style:family="table"><style:table-properties style:width="13.1cm" '
              'table:align="left"/></style:style>'
              '<style:style style:name="T1A" style:family="table-column"><style:table-column-properties '
              'style:column-width="2.5cm"/></style:style>'
              '<style:style style:name="T1B" style:family="table-column"><style:table-column-properties '
              'style:column-width="10.6cm"/></style:style>'
              '<style:style style:name="C1" style:family="table-cell"><style:table-cell-properties '
              'fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>'
              '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" '
              'fo:page-height="14.85cm" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" '
              'fo:margin-right="1cm"/></style:page-layout></office:automatic-styles>'
              '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>'
              '</office:master-styles>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document ' + FODT_NS +
            ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">' + styles +
            '<office:body><office:text>' + body + '</office:text></office:body></office:document>')


FIXTURES = [
    ('table_glyphs', table_glyphs, 'docx'),
    ('wingdings', wingdings, 'docx'),
    ('formcheckbox', formfields, 'docx'),
    ('formcheckbox_acroform', acroform_fodt, 'fodt'),
]


def convert(src, outdir, profile):
    target = 'pdf:writer_pdf_Export:{"ExportFormFields":{"type":"boolean","value":"true"}}'
    subprocess.run(['libreoffice', '-env:UserInstallation=file://' + profile, '--headless',
                    '--convert-to', target, '--outdir', outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    for tool in ('libreoffice', 'qpdf'):
        if shutil.which(tool) is None:
            sys.exit('make_pdf_fixtures: %s is not installed' % tool)
    with tempfile.TemporaryDirectory(prefix='itax_pdf_fixtures_') as tmp:
        profile = os.path.join(tmp, 'profile')  # a private LibreOffice profile
        for name, make, kind in FIXTURES:
            src = os.path.join(tmp, name + '.' + kind)
            if kind == 'docx':
                write_docx(src, make())
            else:
                with open(src, 'w', encoding='utf-8') as f:
                    f.write(make())
            convert(src, tmp, profile)
            shutil.copyfile(os.path.join(tmp, name + '.pdf'), os.path.join(HERE, name + '.pdf'))
        # (5) Encrypted copies of (1): AES-256 with a user password (cannot be
        # read without it), and with an empty user password plus an owner
        # password (opens without a password; only permissions are limited).
        src = os.path.join(HERE, 'table_glyphs.pdf')
        subprocess.run(['qpdf', '--static-id', '--encrypt', 'user', 'owner', '256', '--', src,
                        os.path.join(HERE, 'encrypted_user.pdf')], check=True)
        subprocess.run(['qpdf', '--static-id', '--encrypt', '', 'owner', '256', '--print=none', '--',
                        src, os.path.join(HERE, 'encrypted_owner_only.pdf')], check=True)
        # (6) (1) with /Rotate 90: the pass must give coordinates on the turned page.
        subprocess.run(['qpdf', '--static-id', '--rotate=+90:1', src, os.path.join(HERE, 'rotated.pdf')],
                       check=True)
    for name in sorted(os.listdir(HERE)):
        if name.endswith('.pdf'):
            print('%-28s %6d bytes' % (name, os.path.getsize(os.path.join(HERE, name))))


if __name__ == '__main__':
    main()
