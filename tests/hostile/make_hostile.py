#!/usr/bin/python3
"""Hostile inputs for itax (issue 7): files made to crash, hang, exhaust or
trick a reader. See tests/hostile/README.md for the table of inputs and the
record each must give.

Usage (from anywhere; standard library only, plus qpdf for one PDF):
    /usr/bin/python3 tests/hostile/make_hostile.py            # the committed fixtures, in tests/hostile/
    /usr/bin/python3 tests/hostile/make_hostile.py --runtime DIR
                                                              # the big / odd ones, made at test time in DIR

Committed fixtures are small (under 100 KB each) and deterministic: fixed zip
timestamps and entry order, zlib level 9, PDFs written byte by byte with
computed offsets; a rerun gives identical bytes. The --runtime set holds what
must not be committed (a 200 MB document.xml, 10,001 zip entries, a PDF
content stream that inflates to 200 MB) or cannot be (a directory named
x.pdf, a symlink loop, a FIFO, an unreadable file, file names in TIS-620
bytes or with a newline); check_hostile in tests/e2e/run_e2e.py makes it in
a temp dir on every run and removes it afterwards.
"""
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import warnings
import zlib

warnings.filterwarnings("ignore", message="Duplicate name")

HERE = os.path.dirname(os.path.abspath(__file__))
ZIP_DATE = (2024, 3, 1, 9, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'officeDocument" Target="word/document.xml"/></Relationships>')
TITLE_TEXT = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ 2566"


def para(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def document(body, prolog=DECL):
    return prolog + '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (W_NS, body)


def zinfo(name, method=zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = method
    info.create_system = 0
    info.external_attr = 0
    info._compresslevel = 9
    try:
        info.compress_level = 9
    except AttributeError:
        pass
    return info


def write_zip(path, entries, method=zipfile.ZIP_DEFLATED):
    """entries: [(name, str|bytes)] in order."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(zinfo(name, method), data)


def docx_entries(doc_xml, extra=()):
    return [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), *extra,
            ("word/document.xml", doc_xml)]


# --- zip -------------------------------------------------------------------------

def make_zip_slip(path):
    """Entries named ../../ and absolute paths beside a readable document.
    itax never extracts to disk: they are only names. The record is ok."""
    write_zip(path, docx_entries(document(para(TITLE_TEXT)), extra=[
        ("../../../../../../../../tmp/itax-zip-slip-relative.txt", "written by a zip-slip"),
        ("/tmp/itax-zip-slip-absolute.txt", "written by an absolute entry name"),
        ("..\\..\\..\\tmp\\itax-zip-slip-backslash.txt", "written by a backslash entry name"),
        ("word/../../../../tmp/itax-zip-slip-inner.txt", "written by an inner ../"),
    ]))


def make_rels_traversal(path):
    """No word/document.xml; _rels/.rels points the main part outside the zip."""
    rels = (DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="../../../../etc/passwd"/></Relationships>')
    write_zip(path, [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", rels)])


def patch_eocd(data, entries_disk=None, entries_total=None, cd_size=None, cd_offset=None):
    i = data.rfind(b"PK\x05\x06")
    sig, disk, cd_disk, n_disk, n_total, size, off, clen = struct.unpack("<IHHHHIIH", data[i:i + 22])
    eocd = struct.pack("<IHHHHIIH", sig, disk, cd_disk,
                       n_disk if entries_disk is None else entries_disk,
                       n_total if entries_total is None else entries_total,
                       size if cd_size is None else cd_size,
                       off if cd_offset is None else cd_offset, clen)
    return data[:i] + eocd + data[i + 22:]


def make_lying_entry_count(path):
    """The end record claims 65,535 entries; the central directory holds 3."""
    tmp = path + ".tmp"
    write_zip(tmp, docx_entries(document(para(TITLE_TEXT))))
    with open(tmp, "rb") as f:
        data = f.read()
    os.remove(tmp)
    with open(path, "wb") as f:
        f.write(patch_eocd(data, 0xFFFF, 0xFFFF))


def make_zip64_huge_count(path):
    """A Zip64 end record that claims 2**62 entries and a 2**62-byte central
    directory: a reader that trusts it allocates without bound."""
    tmp = path + ".tmp"
    write_zip(tmp, docx_entries(document(para(TITLE_TEXT))))
    with open(tmp, "rb") as f:
        data = f.read()
    os.remove(tmp)
    i = data.rfind(b"PK\x05\x06")
    _, _, _, _, _, cd_size, cd_off, _ = struct.unpack("<IHHHHIIH", data[i:i + 22])
    body = data[:i]
    z64_off = len(body)
    z64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 2 ** 62, 2 ** 62, 2 ** 62, cd_off)
    loc = struct.pack("<IIQI", 0x07064B50, 0, z64_off, 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(path, "wb") as f:
        f.write(body + z64 + loc + eocd)


def make_duplicate_entries(path):
    """word/document.xml twice: one harmless, one a DOCTYPE with an external
    entity. Whichever the reader takes, /etc/passwd must not leak."""
    evil = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>' % W_NS)
    write_zip(path, docx_entries(document(para(TITLE_TEXT))) + [("word/document.xml", evil)])


def make_unknown_compression(path):
    """word/document.xml with its compression method set to 200 (no such method)."""
    tmp = path + ".tmp"
    write_zip(tmp, docx_entries(document(para(TITLE_TEXT))))
    with open(tmp, "rb") as f:
        data = bytearray(f.read())
    os.remove(tmp)
    name = b"word/document.xml"
    for sig, method_off, name_off in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        start = 0
        while (i := data.find(sig, start)) >= 0:
            if data[i + name_off:i + name_off + len(name)] == name:
                struct.pack_into("<H", data, i + method_off, 200)
            start = i + 4
    with open(path, "wb") as f:
        f.write(bytes(data))


# --- XML -------------------------------------------------------------------------------

def make_deep_nesting(path):
    """10,000 nested elements (of a foreign namespace) inside a paragraph."""
    depth = 10_000
    inner = "<x:a>" * depth + "deep" + "</x:a>" * depth
    body = '<w:p xmlns:x="urn:itax:deep"><w:r><w:t>%s</w:t></w:r>%s</w:p>' % (TITLE_TEXT, inner)
    write_zip(path, docx_entries(document(body)))


def make_nested_tables(path):
    """Tables nested 1,000 deep: each cell holds the next table."""
    depth = 1000
    body = "<w:tbl><w:tr><w:tc>" * depth + para("innermost") + "</w:tc></w:tr></w:tbl>" * depth
    write_zip(path, docx_entries(document(para(TITLE_TEXT) + body)))


def utf16(xml):
    return b"\xff\xfe" + xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")


def make_utf16(path):
    """document.xml in UTF-16LE with a BOM (legal XML; Word writes UTF-8)."""
    write_zip(path, docx_entries(utf16(document(para(TITLE_TEXT) + para("ข้อ O1 โครงสร้าง")))))


def make_utf16_xxe(path):
    """UTF-16 hides the DOCTYPE from a byte-wise UTF-8 prolog scan; an external entity."""
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>' % W_NS)
    write_zip(path, docx_entries(utf16(xml)))


def make_utf16_billion_laughs(path):
    ents = '<!ENTITY lol "lol">' + "".join(
        '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10) for i in range(1, 10))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [%s]>\n'
           '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
           % (ents, W_NS))
    write_zip(path, docx_entries(utf16(xml)))


# --- PDF -------------------------------------------------------------------------------

def pdf_bytes(objects, root=1, trailer_extra=b"", xref=True, prev=None):
    """A classic PDF: objects is {num: bytes body}; offsets computed."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref_at = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for n in range(1, size):
            out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s" % (size, root, trailer_extra)
    if prev is not None:
        out += b" /Prev %d" % (xref_at if prev == "self" else prev)
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def stream(data, extra=b"", compress=False):
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


HELV = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
TEXT = b"BT /F1 14 Tf 56 780 Td (ITA report 2566: O1 O2 O3) Tj 0 -20 Td (Integrity and Transparency) Tj ET"


def simple_page_objects(content=TEXT, media=b"[0 0 595 842]", font=HELV, extra_objs=None):
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
           % media,
        4: stream(content),
        5: font,
    }
    objs.update(extra_objs or {})
    return objs


def make_xref_loop(path):
    """The trailer's /Prev points back at its own xref table: a cross-reference loop."""
    with open(path, "wb") as f:
        f.write(pdf_bytes(simple_page_objects(), prev="self"))


def make_xref_loop_broken(path):
    """Two xref sections whose /Prev point at each other, and every offset wrong:
    the reader must reconstruct (or refuse), not follow the loop forever."""
    body = pdf_bytes(simple_page_objects(), xref=False)
    cut = body.rfind(b"trailer")
    body = body[:cut]
    a = len(body)
    sect_a = b"xref\n0 6\n0000000000 65535 f \n" + b"0000000009 00000 n \n" * 5
    b_at = a + len(sect_a) + len(b"trailer\n<< /Size 6 /Root 1 0 R /Prev 0000000000 >>\n")
    trailer_a = b"trailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n" % b_at
    sect_b = b"xref\n0 6\n0000000000 65535 f \n" + b"0000000017 00000 n \n" * 5
    trailer_b = b"trailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n" % a
    with open(path, "wb") as f:
        f.write(body + sect_a + trailer_a + sect_b + trailer_b + b"startxref\n%d\n%%%%EOF\n" % a)


def make_page_tree_cycle(path):
    """/Pages 2 has kids [3 0 R, 6 0 R]; 6 is a /Pages node whose kid is 2 again."""
    objs = simple_page_objects()
    objs[2] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 3 >>"
    objs[6] = b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 2 >>"
    with open(path, "wb") as f:
        f.write(pdf_bytes(objs))


def make_many_pages(path, n=10_000):
    """10,000 empty pages sharing one content stream, packed into object
    streams by qpdf (when installed) so the file stays small."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: stream(b"% empty page\n"), 4: HELV}
    kids = []
    for i in range(n):
        num = 5 + i
        kids.append(b"%d 0 R" % num)
        objs[num] = b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> >>" % (
        b" ".join(kids), n)
    raw = pdf_bytes(objs)
    if shutil.which("qpdf"):
        tmp = path + ".raw"
        with open(tmp, "wb") as f:
            f.write(raw)
        subprocess.run(["qpdf", "--static-id", "--object-streams=generate", "--compression-level=9",
                        "--deterministic-id", tmp, path], check=False, capture_output=True)
        os.remove(tmp)
        if os.path.exists(path):
            return
    with open(path, "wb") as f:
        f.write(raw)


def make_huge_page(path):
    """MediaBox 200,000 x 200,000 pt (70 m square), text at both ends."""
    content = (b"BT /F1 14 Tf 56 199900 Td (ITA report 2566 at the top) Tj ET "
               b"BT /F1 14 Tf 199000 56 Td (and at the far corner) Tj ET "
               b"0 0 m 200000 200000 l S 10 10 199980 199980 re S")
    with open(path, "wb") as f:
        f.write(pdf_bytes(simple_page_objects(content, media=b"[0 0 200000 200000]")))


def same_code_cmap(dst):
    codes = b"".join(b"<%02X> <%s>\n" % (c, dst) for c in range(256))
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Same def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"100 beginbfchar\n" + b"".join(codes.splitlines(True)[:100]) + b"endbfchar\n"
            b"100 beginbfchar\n" + b"".join(codes.splitlines(True)[100:200]) + b"endbfchar\n"
            b"56 beginbfchar\n" + b"".join(codes.splitlines(True)[200:]) + b"endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return cmap


def make_same_glyph_font(path, dst=b"0E01"):
    """A font whose ToUnicode maps all 256 codes to one character (here ก)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    content = TEXT + b" BT /F1 12 Tf 56 700 Td (" + b"ABCDEFGHIJ" * 30 + b") Tj ET"
    objs = simple_page_objects(content, font=font, extra_objs={6: stream(same_code_cmap(dst))})
    with open(path, "wb") as f:
        f.write(pdf_bytes(objs))


# --- runtime set (not committed) ---------------------------------------------------------

def make_big_document_xml(path, mib=200):
    """A DOCX whose word/document.xml is `mib` MiB, stored (not compressed, so
    the ratio check does not apply): one title paragraph, then the bulk as
    one XML comment, written in 1 MiB chunks without holding it in memory."""
    head = (DECL + '<w:document xmlns:w="%s"><w:body>%s<!--' % (W_NS, para(TITLE_TEXT))).encode()
    tail = b"--><w:sectPr/></w:body></w:document>"
    bulk = mib * (1 << 20) - len(head) - len(tail)
    chunk = (b"x" * 1023 + b"\n") * 1024
    with zipfile.ZipFile(path, "w", allowZip64=True) as z:
        z.writestr(zinfo("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(zinfo("_rels/.rels"), ROOT_RELS)
        with z.open(zinfo("word/document.xml", zipfile.ZIP_STORED), "w", force_zip64=True) as w:
            w.write(head)
            left = bulk
            while left > 0:
                part = chunk[:min(left, len(chunk))]
                w.write(part)
                left -= len(part)
            w.write(tail)


def make_big_text_xml(path, mib=64):
    """A DOCX whose stored word/document.xml is `mib` MiB of real paragraphs of
    varied text: all of it ends up in the document model."""
    head = (DECL + '<w:document xmlns:w="%s"><w:body>' % W_NS).encode()
    tail = b"<w:sectPr/></w:body></w:document>"
    words = ["ข้อ", "O1", "โครงสร้าง", "สำนักปลัด", "กองคลัง", "ดำเนินการ", "ประจำปีงบประมาณ", "2566", "ITA"]
    paras = []
    for i in range(4096):
        text = " ".join(words[(i * 7 + k * 3) % len(words)] + str((i * k) % 97) for k in range(12))
        paras.append(para(text).encode())
    block = b"".join(paras)
    with zipfile.ZipFile(path, "w", allowZip64=True) as z:
        z.writestr(zinfo("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(zinfo("_rels/.rels"), ROOT_RELS)
        with z.open(zinfo("word/document.xml", zipfile.ZIP_STORED), "w", force_zip64=True) as w:
            w.write(head)
            left = mib * (1 << 20)
            while left > 0:
                w.write(block)
                left -= len(block)
            w.write(tail)


def make_many_entries(path, n=10_001):
    """10,001 tiny stored entries beside a good document: over max_zip_entries."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in docx_entries(document(para(TITLE_TEXT))):
            z.writestr(zinfo(name), data)
        for i in range(n):
            z.writestr(zinfo("x/%05d" % i, zipfile.ZIP_STORED), b"")


def make_content_bomb(path, mib=200):
    """One page whose FlateDecode content stream inflates to `mib` MiB of
    stroked line segments (about 14 million drawing operators)."""
    op = b"0 0 m 1 1 l S\n"
    unit = op * (65536 // len(op))
    comp = zlib.compressobj(9)
    data = bytearray()
    total = 0
    while total < mib << 20:
        data += comp.compress(unit)
        total += len(unit)
    data += comp.flush()
    objs = simple_page_objects()
    objs[4] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + bytes(data) + b"\nendstream"
    with open(path, "wb") as f:
        f.write(pdf_bytes(objs))


def make_text_bomb(path, mib=64):
    """One page whose FlateDecode content stream inflates to `mib` MiB of
    shown text (Tj strings): millions of characters on one page."""
    line = b"(" + b"ITA report O1 " * 64 + b") Tj 0 -1 Td\n"
    unit = line * (65536 // len(line))
    comp = zlib.compressobj(9)
    data = bytearray(comp.compress(b"BT /F1 1 Tf 56 800 Td\n"))
    total = 0
    while total < mib << 20:
        data += comp.compress(unit)
        total += len(unit)
    data += comp.compress(b"ET\n") + comp.flush()
    objs = simple_page_objects()
    objs[4] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + bytes(data) + b"\nendstream"
    with open(path, "wb") as f:
        f.write(pdf_bytes(objs))


COMMITTED = {
    "zip_slip.docx": make_zip_slip,
    "rels_traversal.docx": make_rels_traversal,
    "lying_entry_count.docx": make_lying_entry_count,
    "zip64_huge_count.docx": make_zip64_huge_count,
    "duplicate_entries.docx": make_duplicate_entries,
    "unknown_compression.docx": make_unknown_compression,
    "deep_nesting.docx": make_deep_nesting,
    "nested_tables.docx": make_nested_tables,
    "utf16.docx": make_utf16,
    "utf16_xxe.docx": make_utf16_xxe,
    "utf16_billion_laughs.docx": make_utf16_billion_laughs,
    "xref_loop.pdf": make_xref_loop,
    "xref_loop_broken.pdf": make_xref_loop_broken,
    "page_tree_cycle.pdf": make_page_tree_cycle,
    "many_pages.pdf": make_many_pages,
    "huge_page.pdf": make_huge_page,
    "same_glyph_font.pdf": make_same_glyph_font,
    "surrogate_font.pdf": lambda p: make_same_glyph_font(p, b"D800"),
}


def make_stored_repeat(path, mib, unit, head_xml=""):
    """A DOCX whose stored word/document.xml is `unit` repeated to `mib` MiB
    inside <w:body> (after head_xml): stored, so no ratio limit applies."""
    head = (DECL + '<w:document xmlns:w="%s"><w:body>%s' % (W_NS, head_xml)).encode()
    tail = b"<w:sectPr/></w:body></w:document>"
    block = unit * max(1, 65536 // len(unit))
    with zipfile.ZipFile(path, "w", allowZip64=True) as z:
        z.writestr(zinfo("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(zinfo("_rels/.rels"), ROOT_RELS)
        with z.open(zinfo("word/document.xml", zipfile.ZIP_STORED), "w", force_zip64=True) as w:
            w.write(head)
            left = mib << 20
            while left > 0:
                w.write(block)
                left -= len(block)
            w.write(tail)


def make_many_paragraphs(path):
    """20 MiB of empty paragraphs ("<w:p/>", 3.5 million): six bytes each, a
    few hundred bytes of document model each."""
    make_stored_repeat(path, 20, b"<w:p/>", para(TITLE_TEXT))


def make_many_marks(path):
    """One w:t holding "[X]" three million times (9 MB, under libxml2's
    10 MB text limit): each mark becomes a check box."""
    body = para(TITLE_TEXT) + '<w:p><w:r><w:t>' + "[X]" * 3_000_000 + '</w:t></w:r></w:p>'
    write_zip(path, docx_entries(document(body)), method=zipfile.ZIP_STORED)


def make_wide_row(path):
    """One table row of 600,000 empty cells, each w:gridSpan 4096 (32 MB
    stored): the grid columns add up past 2**31."""
    cell = b'<w:tc><w:tcPr><w:gridSpan w:val="4096"/></w:tcPr></w:tc>'
    head = (DECL + '<w:document xmlns:w="%s"><w:body>%s<w:tbl><w:tr>' % (W_NS, para(TITLE_TEXT))).encode()
    tail = b"</w:tr></w:tbl><w:sectPr/></w:body></w:document>"
    with zipfile.ZipFile(path, "w", allowZip64=True) as z:
        z.writestr(zinfo("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(zinfo("_rels/.rels"), ROOT_RELS)
        with z.open(zinfo("word/document.xml", zipfile.ZIP_STORED), "w", force_zip64=True) as w:
            w.write(head)
            for _ in range(600):
                w.write(cell * 1000)
            w.write(tail)


# The runtime set: name -> maker. FAST ones are a few MB and quick to read;
# SLOW ones are big files or meant to take a reader a long time.
def runtime_fast(d):
    os.makedirs(d, exist_ok=True)
    make_many_entries(os.path.join(d, "many_entries.docx"))
    make_many_paragraphs(os.path.join(d, "many_paragraphs.docx"))
    make_many_marks(os.path.join(d, "many_marks.docx"))
    make_wide_row(os.path.join(d, "wide_row.docx"))
    good = document(para(TITLE_TEXT))
    os.mkdir(os.path.join(d, "x.pdf"))                        # a directory named like a document
    write_zip(os.path.join(d, "x.pdf", "inside_x_pdf.docx"), docx_entries(good))
    os.symlink("loop_b.pdf", os.path.join(d, "loop_a.pdf"))   # a symlink loop
    os.symlink("loop_a.pdf", os.path.join(d, "loop_b.pdf"))
    os.symlink("/nonexistent/itax.pdf", os.path.join(d, "dangling.pdf"))
    os.mkfifo(os.path.join(d, "fifo.pdf"))                   # opening it would block forever
    unreadable = os.path.join(d, "unreadable.docx")
    write_zip(unreadable, docx_entries(good))
    os.chmod(unreadable, 0)
    tis620 = "รายงาน".encode("tis-620") + b".docx"               # not UTF-8
    write_zip(os.path.join(os.fsencode(d), tis620).decode("utf-8", "surrogateescape"), docx_entries(good))
    write_zip(os.path.join(d, "new\nline.docx"), docx_entries(good))


def runtime_slow(d):
    os.makedirs(d, exist_ok=True)
    make_big_document_xml(os.path.join(d, "big_document_xml.docx"))
    make_content_bomb(os.path.join(d, "content_bomb.pdf"))
    make_text_bomb(os.path.join(d, "text_bomb.pdf"))


def make_runtime(d):
    """The test-time set: d/fast and d/slow."""
    runtime_fast(os.path.join(d, "fast"))
    runtime_slow(os.path.join(d, "slow"))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--runtime":
        make_runtime(sys.argv[2])
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--big-text":   # by hand: 64 MiB of Thai paragraphs
        make_big_text_xml(sys.argv[2])
        return
    if len(sys.argv) != 1:
        print(__doc__)
        sys.exit(2)
    for name, fn in COMMITTED.items():
        path = os.path.join(HERE, name)
        fn(path)
        print("%-28s %8d bytes" % (name, os.path.getsize(path)))


if __name__ == "__main__":
    main()
