#!/usr/bin/python3
"""Make the damaged-PDF fixtures in tests/data/bad_pdf/.

Usage (from the repository root, after scripts/make_pdf_samples.py, because
the fixtures are cut from samples/ko_2566_content_controls.pdf):
    /usr/bin/python3 tests/data/make_bad_pdfs.py [--force]

Needs qpdf and pdftoppm (poppler-utils). Deterministic except for
encrypted_aes256.pdf: qpdf draws a random AES-256 file key and offers no way
to fix it, so that file is only written when it is missing (or with --force);
a rerun leaves it as it is. See tests/data/README.md for the table of files
and the record each one should give.
"""

import os
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = os.path.join(ROOT, 'samples', 'ko_2566_content_controls.pdf')
OUT = os.path.join(ROOT, 'tests', 'data', 'bad_pdf')

HTML = '''<!DOCTYPE html>
<html lang="th">
<head><meta charset="utf-8"><title>ดาวน์โหลดเอกสาร ITA - เทศบาลตำบลตัวอย่าง</title></head>
<body>
<h1>ไม่พบไฟล์ที่ต้องการ (404)</h1>
<p>รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2566
ถูกย้ายไปยังหน้าใหม่ <a href="https://example.com/ita/2566.pdf">คลิกที่นี่</a></p>
</body>
</html>
'''


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, 'wb') as f:
        f.write(data)
    print('%-26s %7d bytes' % (name, len(data)))
    return path


def run(*cmd):
    subprocess.run(cmd, check=True)


def read_pbm(data):
    """(width, height, packed rows) from a binary PBM (P4) as pdftoppm -mono writes."""
    parts = data.split(maxsplit=3)
    assert parts[0] == b'P4', parts[0]
    w, h = int(parts[1]), int(parts[2])
    bits = parts[3]
    assert len(bits) == (w + 7) // 8 * h
    return w, h, bits


def image_pdf(scans, dpi):
    """A PDF whose pages are only 1-bit images, as a scanner makes: no fonts, no text."""
    objs = []                       # bodies; object n is objs[n-1]

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)
    pages = add(None)
    kids = []
    for pbm in scans:
        w, h, bits = read_pbm(pbm)
        data = zlib.compress(bits, 9)
        # PBM: 1 = black; DeviceGray: 0 = black, hence /Decode [1 0].
        img = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d '
                  b'/ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] '
                  b'/Filter /FlateDecode /Length %d >>\nstream\n' % (w, h, len(data))
                  + data + b'\nendstream')
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = zlib.compress(b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n' % (pw, ph), 9)
        cs = add(b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(content)
                 + content + b'\nendstream')
        page = add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] '
                   b'/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>'
                   % (pages, pw, ph, img, cs))
        kids.append(page)
    objs[catalog - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pages
    objs[pages - 1] = (b'<< /Type /Pages /Kids [%s] /Count %d >>'
                       % (b' '.join(b'%d 0 R' % k for k in kids), len(kids)))
    info = add(b'<< /Producer (itax make_bad_pdfs.py) /Creator (scanner) '
               b'/CreationDate (D:20240301090000Z) >>')

    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % n + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += (b'trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objs) + 1, catalog, info, xref))
    return bytes(out)


def main():
    force = sys.argv[1:] == ['--force']
    if sys.argv[1:] and not force:
        print(__doc__)
        return 2
    if not os.path.exists(SOURCE):
        print('%s missing: run scripts/make_pdf_samples.py first' % SOURCE, file=sys.stderr)
        return 1
    os.makedirs(OUT, exist_ok=True)
    with open(SOURCE, 'rb') as f:
        pdf = f.read()

    # Downloads cut short. LibreOffice writes the page tree, catalog, xref
    # and trailer last, so none of these cuts has a trailer.
    for pct in (10, 50, 90):
        write('truncated_%02d.pdf' % pct, pdf[:len(pdf) * pct // 100])

    write('empty.pdf', b'')
    write('html_renamed.pdf', HTML.encode('utf-8'))
    write('header_only.pdf', b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n%%EOF\n')

    with tempfile.TemporaryDirectory(prefix='itax_bad_pdf_') as tmp:
        # Pages 1-2 of the sample, as a small base for the encrypted files.
        small = os.path.join(tmp, 'small.pdf')
        run('qpdf', '--empty', '--deterministic-id', '--pages', SOURCE, '1-2', '--', small)

        # Needs the user password "user" to open (AES-128, R4). --static-id
        # and --static-aes-iv (qpdf's test options) make it deterministic.
        run('qpdf', '--static-id', '--static-aes-iv', '--encrypt', 'user', 'owner', '128',
            '--use-aes=y', '--', small, os.path.join(tmp, 'e128.pdf'))
        with open(os.path.join(tmp, 'e128.pdf'), 'rb') as f:
            write('encrypted_aes128.pdf', f.read())

        # Needs the user password "user" to open (AES-256, R6); random key.
        e256 = os.path.join(OUT, 'encrypted_aes256.pdf')
        if force or not os.path.exists(e256):
            run('qpdf', '--encrypt', 'user', 'owner', '256', '--', small, e256)
            print('%-26s %7d bytes (new random key)' % ('encrypted_aes256.pdf',
                                                         os.path.getsize(e256)))
        else:
            print('%-26s %7d bytes (kept; --force to remake)' % (
                'encrypted_aes256.pdf', os.path.getsize(e256)))

        # An owner password only (empty user password), copying forbidden: it
        # opens without a password, so it must be read like any other PDF.
        run('qpdf', '--static-id', '--static-aes-iv', '--encrypt', '', 'owner', '128',
            '--use-aes=y', '--extract=n', '--', small, os.path.join(tmp, 'own.pdf'))
        with open(os.path.join(tmp, 'own.pdf'), 'rb') as f:
            write('encrypted_owner_only.pdf', f.read())

        # A scan: pages 1-2 rendered black-and-white at 150 dpi, wrapped in a
        # PDF that has only the images (no fonts, no text operators).
        run('pdftoppm', '-f', '1', '-l', '2', '-r', '150', '-mono', SOURCE,
            os.path.join(tmp, 'scan'))
        scans = []
        for name in sorted(os.listdir(tmp)):
            if name.startswith('scan') and name.endswith('.pbm'):
                with open(os.path.join(tmp, name), 'rb') as f:
                    scans.append(f.read())
        assert len(scans) == 2, os.listdir(tmp)
        write('scanned_no_text.pdf', image_pdf(scans, 150))

    # What Poppler makes of them.
    for name in sorted(os.listdir(OUT)):
        if name.endswith('.pdf'):
            p = subprocess.run(['pdfinfo', os.path.join(OUT, name)], capture_output=True,
                               text=True)
            first = (p.stdout + p.stderr).strip().splitlines()
            pages = [l for l in first if l.startswith('Pages:')]
            print('  pdfinfo %-26s exit %d  %s' % (
                name, p.returncode, pages[0] if pages else (first[-1] if first else '')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
