package export

// styleSheet is the whole style of an HTML handout: a readable column on
// screen (light or dark, as the reader's system prefers) and, in print,
// black on white with no backgrounds, margins that suit both A4 and US
// Letter, no headings stranded at the foot of a page, no tables or code
// split where that can be avoided, and the address of every web link
// printed after it.
const styleSheet = `:root {
  color-scheme: light dark;
  --text: #1b1b1b;
  --muted: #5c5c5c;
  --background: #ffffff;
  --rule: #d4d4d4;
  --tint: #f4f4f2;
  --link: #1a5fb4;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e6e6;
    --muted: #a8a8a8;
    --background: #181818;
    --rule: #3c3c3c;
    --tint: #242424;
    --link: #8ab4f8;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  padding: 2.5rem 1.25rem 4rem;
  color: var(--text);
  background: var(--background);
  font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  font-size: 1.125rem;
  line-height: 1.6;
}
article { max-width: 42rem; margin: 0 auto; overflow-wrap: break-word; }
header { margin-bottom: 2.5rem; padding-bottom: 1.25rem; border-bottom: 1px solid var(--rule); }
h1, h2, h3, h4, h5, h6 {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.25;
  margin: 2em 0 0.6em;
}
header h1 { font-size: 2.1rem; margin-top: 0; }
h1 { font-size: 1.9rem; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.25rem; }
h4, h5, h6 { font-size: 1.05rem; }
.meta { color: var(--muted); font-size: 0.95rem; margin: 0.5rem 0 0; }
.summary { font-style: italic; margin: 1rem 0 0; }
p, ul, ol, blockquote, pre, table { margin: 0 0 1.1em; }
ul, ol { padding-left: 1.6em; }
li + li { margin-top: 0.25em; }
li > ul, li > ol { margin: 0.25em 0 0; }
li:has(> input[type="checkbox"]) { list-style: none; }
input[type="checkbox"] { margin: 0 0.45em 0 -1.3em; vertical-align: middle; }
a { color: var(--link); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
blockquote { margin-left: 0; padding: 0.1em 0 0.1em 1.1em; border-left: 3px solid var(--rule); color: var(--muted); }
code, pre {
  font-family: ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 0.88em;
}
code { background: var(--tint); padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: var(--tint); padding: 0.9em 1em; border-radius: 4px; overflow-x: auto; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 1em; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; font-size: 0.95em; }
th, td { border: 1px solid var(--rule); padding: 0.35em 0.65em; text-align: left; vertical-align: top; }
th { background: var(--tint); }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
img { max-width: 100%; height: auto; }
.image { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.9rem; }
footer p { margin: 0.2em 0; }
@page { margin: 18mm 16mm 20mm; }
@media print {
  :root { --text: #000; --muted: #333; --background: #fff; --rule: #999; --tint: transparent; --link: #000; }
  body { padding: 0; font-size: 11pt; line-height: 1.45; background: none; }
  article { max-width: none; }
  header { margin-bottom: 1.5em; }
  header h1 { font-size: 20pt; }
  h1 { font-size: 18pt; }
  h2 { font-size: 15pt; }
  h3 { font-size: 13pt; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; margin-top: 1.4em; }
  p, li { orphans: 3; widows: 3; }
  pre, blockquote, table, tr, img, li { break-inside: avoid; page-break-inside: avoid; }
  pre { border: 1px solid var(--rule); white-space: pre-wrap; overflow: visible; }
  table { display: table; overflow: visible; }
  code { padding: 0; }
  a { text-decoration: underline; }
  a[href^="http"]::after, a[href^="mailto:"]::after, a[href^="//"]::after {
    content: " <" attr(href) ">";
    font-size: 0.85em;
    word-break: break-all;
  }
  a.bare::after { content: none; }
  * { background: transparent !important; box-shadow: none !important; }
}
`

// StyleSheet returns the CSS of the handouts, for other standalone pages
// of brief's (the quote sheet) to look the same.
func StyleSheet() string { return styleSheet }

// ContentSecurityPolicy is the policy of the handouts: the page loads
// nothing and runs nothing.
const ContentSecurityPolicy = contentSecurityPolicy
