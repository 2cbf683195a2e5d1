#!/usr/bin/env python3
"""Makes the PDF and .docx files of the labelled resumes (see README.md).

Not run by the tests or CI: its output is committed. It needs python3,
LibreOffice (soffice), groff and ghostscript (ps2pdf):

    apt-get install libreoffice-writer-nogui groff ghostscript
    python3 gen.py

src/NAME.txt is a resume with layout marks, written as a Word document by
hand (docx_of), then opened and saved by LibreOffice as NAME.docx and
NAME.pdf, so both files are a real writer's output:

    # Heading           a bold heading paragraph
    • item              a bulleted list paragraph (w:numPr)
    Title<TAB>dates     a right-aligned tab stop, as dates usually sit
    @table ... @end     a bordered table, one row a line, cells split at " | "
    @sidebar ... @main ... @end
                        a two-column layout table, sidebar left (LinkedIn's
                        "Save to PDF" and many templates look like this)
    @textbox ... @end   a floating text box (wps:txbx with its VML fallback)

NAME.txt files listed in GROFF are typeset with groff -ms (as LaTeX-like
one-column output, or two newspaper columns) and made PDFs by ps2pdf.
"""
import os
import shutil
import subprocess
import tempfile
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
GROFF = {"network-senior": 1, "sre-twocolumn": 2}  # name -> columns

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')


def run(text, bold=False, size=None):
    props = ""
    if bold or size:
        props = "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "") + "</w:rPr>"
    out = []
    for i, part in enumerate(text.split("\t")):
        tab = "<w:tab/>" if i else ""
        out.append(f'<w:r>{props}{tab}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def para(line):
    if line.startswith("# "):
        return f'<w:p><w:pPr><w:spacing w:before="160"/></w:pPr>{run(line[2:], bold=True, size=26)}</w:p>'
    if line.startswith("• "):
        return ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                f"{run(line[2:])}</w:p>")
    if "\t" in line:
        return f'<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs></w:pPr>{run(line, bold=True)}</w:p>'
    return f"<w:p>{run(line)}</w:p>"


def cell(width, lines):
    body = "".join(para(l) for l in lines) or "<w:p/>"
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def table(rows, widths, borders):
    b = ""
    if borders:
        b = "<w:tblBorders>" + "".join(
            f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="888888"/>'
            for s in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    trs = "".join("<w:tr>" + "".join(cell(w, c) for w, c in zip(widths, r)) + "</w:tr>" for r in rows)
    return f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{b}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>'


def textbox(lines, n):
    inner = "".join(para(l) for l in lines)
    cy = 300000 * (len(lines) + 1)
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{n}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="5600000" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{n}" name="Text Box {n}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f'<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5600000" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="888888"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
        '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
        f'<v:shape type="#_x0000_t202" style="width:441pt;height:{cy // 12700}pt"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def docx_body(lines):
    out, i, boxes = [], 0, 0
    while i < len(lines):
        l = lines[i]
        if l == "@table":
            j = lines.index("@end", i)
            rows = [[[c.strip()] for c in r.split(" | ")] for r in lines[i + 1:j]]
            out.append(table(rows, [2600, 6400], True))
            i = j + 1
        elif l == "@sidebar":
            m, j = lines.index("@main", i), lines.index("@end", i)
            out.append(table([[lines[i + 1:m], lines[m + 1:j]]], [2900, 6600], False))
            i = j + 1
        elif l == "@textbox":
            j = lines.index("@end", i)
            boxes += 1
            out.append(textbox(lines[i + 1:j], boxes))
            i = j + 1
        else:
            if l:
                out.append(para(l))
            i += 1
    return "".join(out)


NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
             '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def docx_of(text, path):
    body = docx_body(text.splitlines())
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}'
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1000" w:right="1100" w:bottom="1000" w:left="1100"/></w:sectPr>'
           '</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
        z.writestr("word/numbering.xml", NUMBERING)


def ms_of(text, columns):
    """groff -ms source: headings as .SH, bullets as .IP, lines kept."""
    out = [".nr PS 10", ".nr VS 12", ".nr PO 0.7i", ".nr LL 7.0i", ".nr HM 0.6i", ".nr FM 0.6i", ".ds CH", ".LP"]
    if columns == 2:
        out += [".nr LL 7.0i", ".2C"]
    for l in text.splitlines():
        if not l.strip():
            out.append(".sp 0.4")
            continue
        esc = l.replace("\\", "\\e")
        if esc.startswith((".", "'")):
            esc = "\\&" + esc
        if l.isupper() or l in ("Profile", "Professional Experience", "Technical Skills", "Certifications", "Education", "Languages"):
            out += [".SH", esc, ".LP"]
        elif l.startswith("• "):
            out += [".IP \\(bu 2", esc[2:], ".LP"]
        else:
            out += [esc, ".br"]
    return "\n".join(out) + "\n"


def main():
    tmp = tempfile.mkdtemp()
    try:
        for name in sorted(os.listdir(os.path.join(HERE, "src"))):
            stem = name.removesuffix(".txt")
            with open(os.path.join(HERE, "src", name), encoding="utf-8") as f:
                hand = os.path.join(tmp, stem + ".docx")
                docx_of(f.read(), hand)
            for kind in ("pdf", "docx"):
                out = os.path.join(tmp, kind)
                subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", out, hand], check=True, capture_output=True)
                shutil.copy(os.path.join(out, stem + "." + kind), os.path.join(HERE, stem + "." + kind))
        for stem, columns in GROFF.items():
            with open(os.path.join(HERE, stem + ".txt"), encoding="utf-8") as f:
                ms = ms_of(f.read(), columns)
            ps = subprocess.run(["groff", "-k", "-ms", "-Tps"], input=ms.encode(), check=True, capture_output=True).stdout
            subprocess.run(["ps2pdf", "-", os.path.join(HERE, stem + ".pdf")], input=ps, check=True)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
