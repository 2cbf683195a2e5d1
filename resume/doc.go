// Package resume reads a resume and says what it shows: the skills its
// owner names, the skills those imply, the years behind each, and the
// roles they held.
//
// # Reading
//
// Read accepts plain text, Markdown, HTML, PDF and Word .docx, told apart
// by their content (magic bytes and markup), never by a file name alone.
// It is bounded: at most MaxSize bytes in, each .docx part at most MaxPart
// bytes once decompressed (a zip bomb is refused, not inflated), at most
// MaxPages PDF pages and MaxStream bytes of decompressed page content, at
// most MaxText bytes of text out, and at most ReadTimeout of work. A scanned
// PDF (page images, no text layer), an encrypted PDF or .docx, an empty or
// binary file each give a DocumentError wrapping one of the Err kinds; no
// input makes Read panic, since the PDF library is run under recover, in a
// goroutine the caller does not wait for past its deadline. Before the
// library sees a PDF, its declared table sizes are checked (the library
// allocates by them) and its page tree is walked with bounds (the library
// would follow a cycle forever). A server reads through a Reader, which
// bounds the PDF readings running at once, counting those still running
// after their caller gave up.
//
// PDF text comes from github.com/ledongthuc/pdf, a maintained fork of
// rsc.io/pdf that decodes ToUnicode CMaps and the standard encodings. Text
// is rebuilt into lines from the glyph positions it reports, so that
// documents whose writers place each word separately still read as lines
// with spaces.
//
// # Privacy
//
// Everything happens in memory: nothing is written to disk, logged or kept
// after the call, and errors never quote the document.
//
// # Resume mode
//
// Parse reads the text the way a person writes a resume rather than a job
// posting: there are no requirement levels; it recognises the Summary,
// Experience, Skills, Tools, Certifications and Education sections; it
// keeps the sentence each skill was found in and its years, both stated
// ("9 years of experience running Linux") and worked out from the date
// ranges of the roles a skill appears in ("Jan 2019 – Present",
// "Linux (2015–present)"); and it keeps the skills a resume names apart
// from those the taxonomy implies through their parents.
package resume
