#!/usr/bin/python3
"""Make the PDF samples in samples/ with LibreOffice.

Usage (from the repository root, after scripts/make_samples.py):
    /usr/bin/python3 scripts/make_pdf_samples.py [--keep DIR]

Writes five PDFs:

  samples/ko_2566_content_controls.pdf   the DOCX sample (a), font Laksaman
  samples/other_agency_wingdings.pdf     the DOCX sample (b), font Garuda
  samples/thai_digits_formfields.pdf     the DOCX sample (c), font Laksaman
  samples/narrow_columns_wraps.pdf       sample (a)'s content with the item
                                         table's title and responsible
                                         columns made narrow, so Thai words
                                         wrap mid-word (font Laksaman)
  samples/pua_glyphs.pdf                 sample (a)'s content written with
                                         Thai PUA positional glyphs
                                         (U+F700..F71A) for the shifted marks
                                         (font Garuda, which maps them)

The three DOCX samples are converted unchanged. The DOCX files name
`TH SarabunPSK`, which is not installed here, so each conversion runs with its
own fontconfig file that replaces TH SarabunPSK with Laksaman or Garuda (both
Tlwg fonts, fonts-tlwg-laksaman / fonts-tlwg-garuda) and Wingdings with
OpenSymbol; the OpenSymbol mapping makes LibreOffice draw (b)'s Wingdings
boxes written as PUA text (U+F0FE/U+F0A8) as ☑/☐ instead of missing glyphs.
The other two reports are built with scripts/make_samples.py's code (imported)
into temporary DOCX files; --keep DIR keeps those.

Needs: libreoffice (soffice), fonts-tlwg-laksaman, fonts-tlwg-garuda,
poppler-utils (pdffonts, pdftotext, for the checks at the end).

Determinism: LibreOffice writes the creation time, a document checksum and a
file /ID from the time. They are replaced (same length, so no offset moves) by
a fixed date and an MD5 of the rest of the file. With the same LibreOffice
(7.4 here) and fonts, reruns give identical bytes.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import make_samples as ms  # noqa: E402  (the DOCX generator, for its writer)

SAMPLES = os.path.join(ROOT, 'samples')
PDF_DATE = b"D:20240301090000Z'"       # same length as LibreOffice's "D:YYYYMMDDHHMMSSZ'"
MAX_BYTES = 300 * 1024

# DOCX sample -> the Thai font it is rendered with.
DOCX_FONTS = {
    'ko_2566_content_controls': 'Laksaman',
    'other_agency_wingdings': 'Garuda',
    'thai_digits_formfields': 'Laksaman',
}

FONTCONFIG = '''<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <match target="pattern">
    <test name="family"><string>TH SarabunPSK</string></test>
    <edit name="family" mode="assign" binding="strong"><string>{font}</string></edit>
  </match>
  <match target="pattern">
    <test name="family"><string>Wingdings</string></test>
    <edit name="family" mode="assign" binding="strong"><string>OpenSymbol</string></edit>
  </match>
</fontconfig>
'''


# --------------------------------------------------------------------------
# The two extra reports
# --------------------------------------------------------------------------

class NarrowWriter(ms.Writer):
    """Sample (a) with the item table's title and responsible columns narrow.

    Landscape text width is 14570 twips. The title column (normally 2400)
    and the responsible column (normally 2000) get 1000 and 900 twips; cell
    margins take 170 of each, leaving about 14 mm and 13 mm for text at 14 pt.
    Words longer than that (ประชาสัมพันธ์, กองยุทธศาสตร์และ, งบประมาณ …) are
    broken inside the word by LibreOffice.
    """

    def widths(self, kind):
        w = super().widths(kind)
        if kind == 'items' and not self.portrait:
            return [700, 1000, 6400, 900, 5570]
        return w


# Thai PUA positional glyphs, Windows convention (the table in
# src/thai/normalize.cc): U+F700 THO THAN and U+F70F YO YING without their
# descender, U+F701..F704 / F710..F712 upper vowels shifted left, U+F705..F709
# tone marks shifted down and left, U+F70A..F70E tone marks shifted down,
# U+F713..F717 tone marks shifted left, U+F718..F71A lower vowels shifted down.
TALL = set('ปฝฟฬ')                      # consonants with an ascender
UPPER_LEFT = {'\u0e34': '\uf701', '\u0e35': '\uf702', '\u0e36': '\uf703',
              '\u0e37': '\uf704', '\u0e31': '\uf710', '\u0e4d': '\uf711',
              '\u0e47': '\uf712'}
LOWER_DOWN = {'\u0e38': '\uf718', '\u0e39': '\uf719', '\u0e3a': '\uf71a'}
NO_DESCENDER = {'\u0e10': '\uf700', '\u0e0d': '\uf70f'}    # ฐ ญ


def is_consonant(c):
    return '\u0e01' <= c <= '\u0e2e'


def to_pua(s):
    """Write `s` the way pre-OpenType Windows software put Thai into PDFs.

    Only the marks whose position changes are replaced, as a Windows font's
    positional forms would be picked:
      - a tone mark on a consonant with no upper vowel drops to the vowel's
        place: U+F70A..F70E (U+F705..F709 on ป ฝ ฟ ฬ);
      - on ป ฝ ฟ ฬ, upper vowels and a tone above an upper vowel move left:
        U+F701..F704, U+F710..F712, U+F713..F717;
      - lower vowels under ฎ ฏ move down (U+F718..F71A), and ฐ ญ lose their
        descender (U+F700, U+F70F) when a lower vowel follows.
    A tone mark followed by SARA AM stays as it is (it sits above the
    NIKHAHIT). Returns the new text and the number of code points replaced.
    """
    out = []
    base = None         # the consonant the marks sit on
    upper = False       # an upper vowel has been seen on it
    n = 0
    for i, c in enumerate(s):
        nxt = s[i + 1] if i + 1 < len(s) else ''
        if is_consonant(c):
            base, upper = c, False
            if c in NO_DESCENDER and nxt in LOWER_DOWN:
                out.append(NO_DESCENDER[c])
                n += 1
            else:
                out.append(c)
        elif c in UPPER_LEFT:
            upper = True
            if base in TALL:
                out.append(UPPER_LEFT[c])
                n += 1
            else:
                out.append(c)
        elif '\u0e48' <= c <= '\u0e4c':
            k = ord(c) - 0x0E48
            if base is None or nxt == '\u0e33':
                out.append(c)
            elif base in TALL:
                out.append(chr((0xF713 if upper else 0xF705) + k))
                n += 1
            elif not upper:
                out.append(chr(0xF70A + k))
                n += 1
            else:
                out.append(c)
        elif c in LOWER_DOWN:
            if base in ('ฎ', 'ฏ'):
                out.append(LOWER_DOWN[c])
                n += 1
            else:
                out.append(c)
        else:
            base, upper = None, False
            out.append(c)
    return ''.join(out), n


class PuaWriter(ms.Writer):
    """Sample (a) with every run's Thai text written with PUA glyphs."""

    replaced = 0

    def txt(self, s):
        s, n = to_pua(s)
        PuaWriter.replaced += n
        return super().txt(s)


def build_docx(path, writer, seed):
    blocks = ms.sample_a(ms.parse_seed(seed))
    title = ('รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน '
             'ประจำปีงบประมาณ 2566')
    ms.write_docx(path, blocks, writer, title)


# --------------------------------------------------------------------------
# LibreOffice
# --------------------------------------------------------------------------

def convert(docx, font, work):
    """DOCX -> PDF with LibreOffice, TH SarabunPSK drawn as `font`."""
    conf = os.path.join(work, 'fonts-%s.conf' % font)
    cache = os.path.join(work, 'fontconfig-cache')
    with open(conf, 'w', encoding='utf-8') as f:
        f.write(FONTCONFIG.format(font=font, cache=cache))
    env = dict(os.environ, FONTCONFIG_FILE=conf, TZ='UTC', LC_ALL='C.UTF-8')
    outdir = os.path.join(work, 'out')
    os.makedirs(outdir, exist_ok=True)
    profile = 'file://' + os.path.join(work, 'lo-profile')
    p = subprocess.run(['soffice', '-env:UserInstallation=' + profile, '--headless',
                        '--norestore', '--convert-to', 'pdf', '--outdir', outdir, docx],
                       env=env, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise RuntimeError('soffice failed on %s' % docx)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(docx))[0] + '.pdf')
    with open(pdf, 'rb') as f:
        data = f.read()
    os.remove(pdf)
    return data


def make_deterministic(data):
    """Replace LibreOffice's time-based values, keeping every byte offset."""
    data, n = re.subn(rb"D:\d{14}Z'", PDF_DATE, data)
    assert n >= 1, 'no CreationDate found'
    id_re = re.compile(rb'/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]')
    sum_re = re.compile(rb'/DocChecksum /([0-9A-F]{32})')
    blank = id_re.sub(lambda m: m.group(0).replace(m.group(1), b'0' * 32)
                      .replace(m.group(2), b'0' * 32), data)
    blank = sum_re.sub(lambda m: m.group(0).replace(m.group(1), b'0' * 32), blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    data = id_re.sub(lambda m: m.group(0).replace(m.group(1), digest)
                     .replace(m.group(2), digest), blank)
    data = sum_re.sub(lambda m: m.group(0).replace(b'0' * 32, digest), data)
    return data


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------

def pdf_text(path, *opts):
    return subprocess.run(['pdftotext', *opts, path, '-'], capture_output=True,
                          check=True).stdout.decode('utf-8')


def embedded_fonts(path):
    out = subprocess.run(['pdffonts', path], capture_output=True, check=True).stdout.decode()
    return [line.split()[0].split('+')[-1] for line in out.splitlines()[2:] if line.strip()]


def pages(path):
    out = subprocess.run(['pdfinfo', path], capture_output=True, check=True).stdout.decode()
    return int(re.search(r'^Pages:\s+(\d+)', out, re.M).group(1))


def mid_word_breaks(text):
    """Lines that begin inside a Thai word: with ะ, า or ำ, which never start one."""
    return [l.strip() for l in text.splitlines() if l.strip()[:1] in ('ะ', 'า', 'ำ')]


def check(name, path, font):
    size = os.path.getsize(path)
    fonts = embedded_fonts(path)
    print('%-32s %3d pages %7d bytes  fonts: %s' % (name, pages(path), size, ', '.join(fonts)))
    assert size < MAX_BYTES, '%s is %d bytes' % (name, size)
    assert font in fonts, '%s: %s not embedded (%s)' % (name, font, fonts)
    assert 'SarabunPSK' not in ' '.join(fonts)
    text = pdf_text(path)
    if name == 'other_agency_wingdings.pdf':
        # Every box (40 items + 8 indicators, two boxes each) is drawn from
        # OpenSymbol; the text layer keeps the Wingdings codes.
        assert 'Loma' not in fonts and 'OpenSymbol' in fonts, fonts
        assert text.count('\uf0fe') + text.count('\uf0a8') == 96
    return text


def main():
    argv = sys.argv[1:]
    keep = None
    if argv[:1] == ['--keep'] and len(argv) == 2:
        keep = argv[1]
    elif argv:
        print(__doc__)
        return 2
    if not shutil.which('soffice'):
        print('soffice (libreoffice) not found', file=sys.stderr)
        return 1
    with open(ms.SEED, encoding='utf-8') as f:
        seed = f.read()

    work = tempfile.mkdtemp(prefix='itax_pdf_samples_')
    try:
        jobs = []        # (docx path, font, output name)
        for stem, font in DOCX_FONTS.items():
            docx = os.path.join(SAMPLES, stem + '.docx')
            if not os.path.exists(docx):
                print('%s missing: run scripts/make_samples.py first' % docx, file=sys.stderr)
                return 1
            jobs.append((docx, font, stem + '.pdf'))
        narrow = os.path.join(work, 'narrow_columns_wraps.docx')
        build_docx(narrow, NarrowWriter('sdt'), seed)
        jobs.append((narrow, 'Laksaman', 'narrow_columns_wraps.pdf'))
        pua = os.path.join(work, 'pua_glyphs.docx')
        build_docx(pua, PuaWriter('sdt'), seed)
        assert PuaWriter.replaced > 1000, PuaWriter.replaced
        jobs.append((pua, 'Garuda', 'pua_glyphs.pdf'))
        if keep:
            os.makedirs(keep, exist_ok=True)
            shutil.copy(narrow, keep)
            shutil.copy(pua, keep)

        for docx, font, name in jobs:
            data = make_deterministic(convert(docx, font, work))
            out = os.path.join(SAMPLES, name)
            with open(out, 'wb') as f:
                f.write(data)
            text = check(name, out, font)
            if name == 'pua_glyphs.pdf':
                n = sum(1 for c in text if '\uf700' <= c <= '\uf71a')
                print('  text layer: %d PUA positional code points' % n)
                assert n > 1000
            if name == 'narrow_columns_wraps.pdf':
                # A text-layer line that starts with a following vowel is
                # the second half of a word broken in two (sample (a) has 3).
                broken = mid_word_breaks(text)
                print('  text layer: %d lines start inside a word, e.g. %s'
                      % (len(broken), ' '.join(broken[:8])))
                assert len(broken) >= 20
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == '__main__':
    sys.exit(main())
