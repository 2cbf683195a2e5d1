#!/bin/sh
# Makes the PDFs of this folder, whose text is not drawn the plain way,
# from ../libreoffice/sre.pdf and ../chromium/network.pdf. Not run by the
# tests or CI: its output is committed. It needs pdflatex with pdfpages
# (texlive-latex-recommended) and qpdf.
#   placed.pdf       the page placed in a new one by pdfpages, as pdfjam
#                    and "merge PDFs" tools do: its text is in a Form
#                    XObject (Do)
#   turned.pdf       the page placed turned a quarter left (pdfpages
#                    angle=90): every line runs up the page
#   turned-back.pdf  turned.pdf with /Rotate 90, so that a viewer shows it
#                    upright, as scanners and landscape exports write
#   rotate-only.pdf  chromium/network.pdf with /Rotate 90 and nothing else:
#                    a viewer shows it sideways, its text runs as before
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp ../libreoffice/sre.pdf "$tmp/in.pdf"
for v in placed:"" turned:"angle=90"; do
	name=${v%%:*}
	opt=${v#*:}
	printf '\\documentclass[a4paper]{article}\\usepackage{pdfpages}\\begin{document}\\includepdf[%s]{in.pdf}\\end{document}\n' "$opt" >"$tmp/$name.tex"
	(cd "$tmp" && pdflatex -interaction=batchmode "$name.tex" >/dev/null)
	cp "$tmp/$name.pdf" "$name.pdf"
done
qpdf --rotate=+90 turned.pdf turned-back.pdf
qpdf --rotate=+90 ../chromium/network.pdf rotate-only.pdf
