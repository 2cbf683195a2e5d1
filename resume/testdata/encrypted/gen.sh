#!/bin/sh
# Makes the encrypted PDFs of this folder from the test resumes' PDFs with
# qpdf (apt-get install qpdf). Not run by the tests or CI: its output is
# committed. Every file but user-password*.pdf has an empty user password
# (it opens in any viewer without asking) and the owner password
# "ownerpw", and forbids copying text and editing, as resumes "protected"
# by an owner password do; the user-password ones need "user". qpdf
# writes a new file ID and new keys each run, so regenerating changes
# every byte, not the text.
set -eu
cd "$(dirname "$0")"
weak=--allow-weak-crypto
qpdf $weak --encrypt "" ownerpw 40 --extract=n --modify=n -- ../libreoffice/sre.pdf rc4-40.pdf
qpdf $weak --encrypt "" ownerpw 128 --extract=n --modify=none -- ../chromium/devops.pdf rc4-128.pdf
qpdf $weak --encrypt "" ownerpw 128 --extract=n --modify=none --force-V4 -- ../labelled/network-senior.pdf rc4-128-v4.pdf
qpdf --encrypt "" ownerpw 128 --extract=n --modify=none --use-aes=y -- ../libreoffice/network.pdf aes-128.pdf
qpdf --encrypt "" ownerpw 128 --extract=n --modify=none --use-aes=y --cleartext-metadata -- ../chromium/network.pdf aes-128-clear-metadata.pdf
qpdf --object-streams=generate --encrypt "" ownerpw 256 --extract=n --modify=none -- ../chromium/sre.pdf aes-256.pdf
qpdf --encrypt "" ownerpw 256 --extract=n --modify=none --force-R5 -- ../libreoffice/sysadmin.pdf aes-256-r5.pdf
qpdf --encrypt user ownerpw 256 --extract=n --modify=none -- ../libreoffice/sre.pdf user-password.pdf
qpdf $weak --encrypt user ownerpw 128 --extract=n --modify=none -- ../libreoffice/sre.pdf user-password-rc4.pdf
