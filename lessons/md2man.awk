# lessons/md2man.awk -- a lesson's README.md as a section-7 man page, so that
# the lesson has one source (DESIGN.md, "Lessons").  It handles the subset of
# Markdown the READMEs use: # headings (the first is the title), paragraphs,
# ``` code blocks, - and * lists, 1. lists, `code`, **bold**, *emphasis* and
# [text](url) links (the text is kept).  Non-ASCII characters the READMEs use
# are mapped to groff escapes; any other is an error (exit 1).
#
#   awk -v name=NAME -v version=V -f md2man.awk README.md > NAME.7
function esc(s) {
  gsub(/\\/, "\\e", s)
  gsub(/-/, "\\-", s)
  gsub(/·/, "\\(md", s); gsub(/×/, "\\(mu", s); gsub(/−/, "\\(mi", s)
  gsub(/√/, "\\(sr", s); gsub(/²/, "\\(S2", s); gsub(/³/, "\\(S3", s)
  gsub(/≈/, "\\(~~", s); gsub(/≤/, "\\(<=", s); gsub(/≥/, "\\(>=", s)
  gsub(/→/, "\\(->", s); gsub(/—/, "\\(em", s); gsub(/–/, "\\(en", s)
  gsub(/λ/, "\\(*l", s); gsub(/θ/, "\\(*h", s); gsub(/±/, "\\(+-", s)
  gsub(/’/, "'", s); gsub(/‖/, "||", s); gsub(/…/, "...", s)
  gsub(/₁/, "1", s); gsub(/₂/, "2", s); gsub(/ᵀ/, "^T", s)
  gsub(/½/, "\\(12", s); gsub(/¼/, "\\(14", s); gsub(/′/, "\\(fm", s); gsub(/ŷ/, "y", s)
  gsub(/σ/, "\\(*s", s); gsub(/η/, "\\(*y", s); gsub(/α/, "\\(*a", s)
  gsub(/ᵢ/, "_i", s); gsub(/ᵗ/, "^t", s); gsub(/⁺¹/, "+1", s); gsub(/⁻¹/, "\\-1", s)
  gsub(/⁻/, "^\\-", s); gsub(/⁵/, "5", s); gsub(/₃/, "3", s); gsub(/₄/, "4", s)
  if (s ~ /[^\001-\003\t -~]/) { printf "%s:%d: a character md2man.awk cannot map: %s\n", FILENAME, FNR, s > "/dev/stderr"; bad = 1 }
  return s
}
# inline markup of a raw text line: fonts as the bytes \001 (bold), \002
# (italic), \003 (roman), replaced after escaping.
function inl(s,   m) {
  while (match(s, /\[[^]]*\]\([^)]*\)/)) {
    m = substr(s, RSTART + 1, RLENGTH - 1); sub(/\]\(.*$/, "", m)
    s = substr(s, 1, RSTART - 1) m substr(s, RSTART + RLENGTH) }
  while (match(s, /`[^`]*`/))
    s = substr(s, 1, RSTART - 1) "\001" substr(s, RSTART + 1, RLENGTH - 2) "\003" substr(s, RSTART + RLENGTH)
  while (match(s, /\*\*[^*]*\*\*/))
    s = substr(s, 1, RSTART - 1) "\001" substr(s, RSTART + 2, RLENGTH - 4) "\003" substr(s, RSTART + RLENGTH)
  while (match(s, /\*[^* ][^*]*\*/))
    s = substr(s, 1, RSTART - 1) "\002" substr(s, RSTART + 1, RLENGTH - 2) "\003" substr(s, RSTART + RLENGTH)
  s = esc(s)
  gsub(/\001/, "\\fB", s); gsub(/\002/, "\\fI", s); gsub(/\003/, "\\fR", s)
  return s
}
# print filled text, in lines of at most 78 bytes broken at spaces, none
# starting with a control character
function emit(s,   n, w, i, line) {
  n = split(s, w, / +/); line = ""
  for (i = 1; i <= n; i++) {
    if (w[i] == "") continue
    if (line != "" && length(line) + 1 + length(w[i]) > 78) { out(line); line = w[i] }
    else line = line == "" ? w[i] : line " " w[i]
  }
  if (line != "") out(line)
}
function out(line) { if (line ~ /^[.']/) line = "\\&" line; print line }
function para() { if (!inpara) { print ".PP"; inpara = 1 } }
code {
  if ($0 ~ /^```/) { print ".EE"; print ".RE"; code = 0; next }
  line = esc($0); if (line ~ /^[.']/) line = "\\&" line
  print line; next
}
/^```/ { if (!fresh) print ".PP"; fresh = 0; print ".RS 4"; print ".EX"; code = 1; inpara = 0; next }
/^# / && !titled {
  t = $0; sub(/^# /, "", t)
  printf ".TH %s 7 %s \"nnkit %s\" \"nnkit lessons\"\n", esc(toupper(name)), date, version
  print ".SH NAME"
  emit(esc(name) " \\- " esc(t))
  print ".SH DESCRIPTION"
  titled = 1; inpara = 1; fresh = 1; next
}
/^##+ / {
  t = $0; sub(/^#+ /, "", t)
  if ($0 ~ /^## /) print ".SH " esc(toupper(t)); else print ".SS " esc(t)
  inpara = 1; fresh = 1; next
}
/^[ \t]*$/ { if (!fresh) inpara = 0; item = 0; next }
/^[-*] / { t = $0; sub(/^[-*] /, "", t); print ".IP \\(bu 2"; emit(inl(t)); inpara = 1; item = 1; fresh = 0; next }
/^[0-9]+\. / { n = $0; sub(/\..*$/, "", n); t = $0; sub(/^[0-9]+\. /, "", t); print ".IP " n ". 4"; emit(inl(t)); inpara = 1; item = 1; fresh = 0; next }
item { t = $0; sub(/^[ \t]+/, "", t); emit(inl(t)); next }
{ para(); fresh = 0; t = $0; sub(/^[ \t]+/, "", t); emit(inl(t)) }
END { if (code) { printf "%s: unterminated code block\n", FILENAME > "/dev/stderr"; bad = 1 } exit bad }
