#!/bin/sh
# Typesets the LaTeX resumes of this folder into ../NAME-latex.pdf. Not run
# by the tests or CI: its output is committed. It needs
#   apt-get install texlive-latex-base texlive-latex-recommended \
#     texlive-latex-extra texlive-xetex texlive-fonts-recommended
# (moderncv is in texlive-latex-extra; fontawesome5.sty here stands in
# for the real one, see it). SOURCE_DATE_EPOCH and FORCE_SOURCE_DATE
# keep the creation dates; the file IDs still change from run to run.
set -eu
cd "$(dirname "$0")"
export SOURCE_DATE_EPOCH=1767225600 FORCE_SOURCE_DATE=1
tmp=$(mktemp -d)
export TEXINPUTS=.:
trap 'rm -rf "$tmp"' EXIT
pdflatex -interaction=batchmode -output-directory "$tmp" network-senior.tex >/dev/null
pdflatex -interaction=batchmode -output-directory "$tmp" devops-junior.tex >/dev/null
xelatex -interaction=batchmode -output-directory "$tmp" senior-sre.tex >/dev/null
# As older TeX installations (and dvips or dvipdfmx) write it: no ToUnicode
# maps, the fonts' codes read through their own built-in encodings.
pdflatex -interaction=batchmode -output-directory "$tmp" -jobname devops-junior-notounicode \
	'\pdfgentounicode=0 \input{devops-junior}' >/dev/null
# moderncv's fancy style: section headings in the label column too.
sed 's/moderncvstyle{classic}/moderncvstyle{fancy}/' network-senior.tex >"$tmp/network-senior-fancy.tex"
pdflatex -interaction=batchmode -output-directory "$tmp" "$tmp/network-senior-fancy.tex" >/dev/null
# T1-encoded text where the cm-super fonts are not installed: pdflatex
# draws every letter from bitmap (Type 3) fonts whose glyphs are named
# after their codes. (With cm-super installed this makes Type 1 fonts.)
pdflatex -interaction=batchmode -output-directory "$tmp" -jobname devops-junior-t1bitmap \
	'\RequirePackage[T1]{fontenc}\input{devops-junior}' >/dev/null
for n in network-senior devops-junior senior-sre devops-junior-notounicode network-senior-fancy devops-junior-t1bitmap; do
	cp "$tmp/$n.pdf" "../$n-latex.pdf"
done
