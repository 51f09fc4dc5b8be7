#!/usr/bin/python3
"""Make the bad-input fixtures in tests/data/bad/.

Usage (from the repository root, after scripts/make_samples.py):
    /usr/bin/python3 tests/data/make_bad_inputs.py

Standard library only and deterministic: fixed zip timestamps, fixed entry
order, and the encrypted zip uses a fixed encryption header instead of a
random one, so reruns give identical bytes. See tests/data/README.md for what
each fixture is and what error it should give.
"""

import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BAD = os.path.join(HERE, 'bad')
SAMPLE_A = os.path.join(ROOT, 'samples', 'ko_2566_content_controls.docx')
ZIP_DATE = (2024, 3, 1, 9, 0, 0)

W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '</Types>')
ROOT_RELS = (DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
             '</Relationships>')


def para(text):
    return ('<w:p><w:r><w:rPr><w:rFonts w:ascii="TH SarabunPSK" w:hAnsi="TH SarabunPSK" '
            'w:cs="TH SarabunPSK"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text)


def document(body, prolog=DECL):
    return prolog + '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (W_NS, body)


TITLE = para('รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ 2566')


def zinfo(name):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    # Python 3.11/3.12 read _compresslevel, 3.13+ compress_level.
    info._compresslevel = 9
    try:
        info.compress_level = 9
    except AttributeError:
        pass
    return info


def write_zip(path, parts):
    """parts: list of (name, bytes)."""
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in parts:
            z.writestr(zinfo(name), data, compresslevel=9)


def docx_parts(document_xml):
    if isinstance(document_xml, str):
        document_xml = document_xml.encode('utf-8')
    return [('[Content_Types].xml', CONTENT_TYPES.encode()),
            ('_rels/.rels', ROOT_RELS.encode()),
            ('word/document.xml', document_xml)]


# -- the fixtures ------------------------------------------------------------

def truncated():
    with open(SAMPLE_A, 'rb') as f:
        data = f.read()
    return data[:len(data) // 2]


def not_a_zip():
    return ('This is a plain text file named .docx; it is not a ZIP archive.\n'
            'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2566\n'
            ).encode('utf-8')


def no_document_xml(path):
    write_zip(path, [('[Content_Types].xml', CONTENT_TYPES.encode()),
                     ('_rels/.rels', ROOT_RELS.encode()),
                     ('docProps/app.xml', (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/'
                                           'officeDocument/2006/extended-properties"/>').encode())])


BOMB_SIZE = 300 * 1024 * 1024        # inflated size of word/document.xml


def zip_bomb(path):
    """A well-formed document.xml of ~300 MB: one paragraph, then a huge
    comment of spaces. Deflate (level 9) squeezes it about 1000:1."""
    head = (DECL + '<w:document xmlns:w="%s"><w:body>%s<!--' % (W_NS, TITLE)).encode('utf-8')
    tail = '--><w:sectPr/></w:body></w:document>'.encode('utf-8')
    fill = BOMB_SIZE - len(head) - len(tail)
    block = b' ' * (1024 * 1024)
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in docx_parts('')[:2]:
            z.writestr(zinfo(name), data, compresslevel=9)
        with z.open(zinfo('word/document.xml'), 'w') as f:
            f.write(head)
            left = fill
            while left:
                n = min(left, len(block))
                f.write(block[:n])
                left -= n
            f.write(tail)


def xxe(path):
    prolog = (DECL.replace('standalone="yes"', 'standalone="no"') +
              '<!DOCTYPE w:document [\n'
              '  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
              ']>\n')
    body = TITLE + para('&xxe;')
    write_zip(path, docx_parts(document(body, prolog)))


def xxe_parameter_entity(path):
    prolog = (DECL.replace('standalone="yes"', 'standalone="no"') +
              '<!DOCTYPE w:document [\n'
              '  <!ENTITY % ext SYSTEM "file:///etc/passwd">\n'
              '  <!ENTITY % wrap "<!ENTITY leak SYSTEM \'file:///etc/hostname\'>">\n'
              '  %wrap;\n'
              '  %ext;\n'
              ']>\n')
    body = TITLE + para('&leak;')
    write_zip(path, docx_parts(document(body, prolog)))


def billion_laughs(path):
    ents = ['  <!ENTITY lol "lol">']
    prev = 'lol'
    for i in range(1, 10):
        name = 'lol%d' % i
        ents.append('  <!ENTITY %s "%s">' % (name, ('&%s;' % prev) * 10))
        prev = name
    prolog = (DECL.replace('standalone="yes"', 'standalone="no"') +
              '<!DOCTYPE w:document [\n' + '\n'.join(ents) + '\n]>\n')
    body = TITLE + para('&lol9;')
    write_zip(path, docx_parts(document(body, prolog)))


def invalid_utf8(path):
    good = document(TITLE + para('@@BAD@@')).encode('utf-8')
    # 0xFF never occurs in UTF-8; C3 28 is a lead byte followed by a
    # non-continuation; E0 B8 is a truncated Thai sequence.
    bad = good.replace(b'@@BAD@@', 'ดำเนินการ '.encode('utf-8') + b'\xff\xfe \xc3\x28 \xe0\xb8 ok')
    write_zip(path, docx_parts(bad))


def html_renamed():
    return ('<!DOCTYPE html>\n<html lang="th">\n<head><meta charset="utf-8">'
            '<title>ITA 2566 - เทศบาลตำบลก้อ</title></head>\n<body>\n'
            '<h1>รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน</h1>\n'
            '<p>This is an HTML page saved with a .pdf name (a typical result of '
            '"save link as" on a download page). It is not a PDF.</p>\n'
            '</body>\n</html>\n').encode('utf-8')


# -- traditional PKWARE (ZipCrypto) encryption, deterministic -----------------

CRC_TABLE = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0xEDB88320 if _c & 1 else _c >> 1
    CRC_TABLE.append(_c)


class ZipCrypto:
    def __init__(self, password):
        self.k = [0x12345678, 0x23456789, 0x34567890]
        for c in password:
            self.update(c)

    def update(self, c):
        k0, k1, k2 = self.k
        k0 = CRC_TABLE[(k0 ^ c) & 0xFF] ^ (k0 >> 8)
        k1 = (k1 + (k0 & 0xFF)) & 0xFFFFFFFF
        k1 = (k1 * 134775813 + 1) & 0xFFFFFFFF
        k2 = CRC_TABLE[(k2 ^ (k1 >> 24)) & 0xFF] ^ (k2 >> 8)
        self.k = [k0, k1, k2]

    def encrypt(self, data):
        out = bytearray()
        for c in data:
            t = (self.k[2] | 2) & 0xFFFF
            out.append(c ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self.update(c)
        return bytes(out)


def encrypted_zip(path, password=b'pass'):
    """A docx whose entries are all encrypted with ZipCrypto (as `zip -P`
    does), written by hand with a fixed 12-byte encryption header."""
    dostime = (ZIP_DATE[3] << 11) | (ZIP_DATE[4] << 5) | (ZIP_DATE[5] // 2)
    dosdate = ((ZIP_DATE[0] - 1980) << 9) | (ZIP_DATE[1] << 5) | ZIP_DATE[2]
    out = bytearray()
    central = bytearray()
    parts = docx_parts(document(TITLE + para('ไฟล์นี้เข้ารหัสด้วยรหัสผ่าน pass')))
    for name, data in parts:
        crc = zlib.crc32(data) & 0xFFFFFFFF
        co = zlib.compressobj(9, zlib.DEFLATED, -15)
        comp = co.compress(data) + co.flush()
        header = bytes(range(1, 12)) + bytes([crc >> 24])
        enc = ZipCrypto(password).encrypt(header + comp)
        fname = name.encode('utf-8')
        offset = len(out)
        out += struct.pack('<IHHHHHIIIHH', 0x04034B50, 20, 0x0001, 8, dostime, dosdate,
                           crc, len(enc), len(data), len(fname), 0) + fname + enc
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 20, 20, 0x0001, 8,
                               dostime, dosdate, crc, len(enc), len(data), len(fname),
                               0, 0, 0, 0, 0, offset) + fname
    cd_offset = len(out)
    out += central
    out += struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, len(parts), len(parts),
                       len(central), cd_offset, 0)
    with open(path, 'wb') as f:
        f.write(out)


def write_bytes(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def main():
    if not os.path.exists(SAMPLE_A):
        sys.exit('run scripts/make_samples.py first (needs %s)' % SAMPLE_A)
    os.makedirs(BAD, exist_ok=True)
    p = lambda name: os.path.join(BAD, name)
    write_bytes(p('truncated.docx'), truncated())
    write_bytes(p('not_a_zip.docx'), not_a_zip())
    no_document_xml(p('no_document_xml.docx'))
    zip_bomb(p('zip_bomb.docx'))
    xxe(p('xxe.docx'))
    xxe_parameter_entity(p('xxe_parameter_entity.docx'))
    billion_laughs(p('billion_laughs.docx'))
    invalid_utf8(p('invalid_utf8.docx'))
    write_bytes(p('empty.docx'), b'')
    write_bytes(p('html_renamed.pdf'), html_renamed())
    encrypted_zip(p('encrypted_zip.docx'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
