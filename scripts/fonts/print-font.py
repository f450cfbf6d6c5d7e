#!/usr/bin/python3
"""Builds public/fonts/print-latin.ttf and print-cjk.ttf: the fonts embedded in printed PDF sheets.

Two TrueType (glyf) subsets, used run by run: DejaVu Sans (Bitstream Vera / DejaVu licence, Debian
fonts-dejavu-core) for Latin, digits and symbols, and Droid Sans Fallback (Apache License 2.0, Debian
fonts-droid-fallback, which has no Latin) for every GB2312 character, CJK and full-width punctuation and
every character of the app's own texts and data — so a sheet's title, legend and sources embed as real
text. The PDF embeds these files whole (fontkit's glyph subsetter loses most CJK glyphs of this font,
measured with pdftoppm), so they are kept small here: 1 MB for the CJK part.

Run (developers only; the output is committed):
    apt-get install fonts-droid-fallback fonts-dejavu-core python3-fonttools
    /usr/bin/python3 scripts/fonts/print-font.py   (Debian python, where python3-fonttools lives)
"""
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = pathlib.Path('/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf')
LATIN = pathlib.Path('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')
OUT = ROOT / 'public' / 'fonts'


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return chars


def project_texts() -> set[str]:
    chars = set()
    globs = ['src/**/*.ts', 'src/**/*.svelte', 'public/data/**/*.json', 'data/stories/**/*.json']
    for g in globs:
        for p in sorted(ROOT.glob(g)):
            chars |= set(p.read_text(encoding='utf-8'))
    return chars


def main() -> None:
    for f in (SOURCE, LATIN):
        if not f.exists():
            sys.exit(f'{f} not found: apt-get install fonts-droid-fallback fonts-dejavu-core')
    chars = gb2312() | project_texts()
    chars |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)} | {chr(c) for c in range(0x3000, 0x3040)}
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)} | {'°', '²', '×', '±', '·', '—', '…', '→', '≈', '≤', '≥'}
    text = ''.join(sorted(c for c in chars if c.isprintable() and c not in '\n\r\t'))
    latin_cmap = TTFont(str(LATIN)).getBestCmap()
    latin = ''.join(c for c in text if ord(c) in latin_cmap and ord(c) < 0x2E80)
    cjk = ''.join(c for c in text if c not in latin)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path, chars in (('latin', LATIN, latin), ('cjk', SOURCE, cjk)):
        opts = subset.Options()
        opts.layout_features = []
        opts.name_IDs = ['*']
        opts.notdef_outline = True
        opts.hinting = False
        opts.drop_tables += ['FFTM']
        font = subset.load_font(str(path), opts)
        sub = subset.Subsetter(opts)
        sub.populate(text=chars)
        sub.subset(font)
        out = OUT / f'print-{name}.ttf'
        font.save(str(out))
        print(f'{out.relative_to(ROOT)}: {len(chars)} characters, {out.stat().st_size:,} bytes')


if __name__ == '__main__':
    main()
