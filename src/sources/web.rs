//! Web pages as sources: the article's text, one paragraph per block, by `dom_smoothie` (a
//! port of Mozilla's Readability), in its most inclusive candidate mode, since a paragraph
//! dropped turns a true quote into a false "not found".
//!
//! The page's charset is honoured (a byte-order mark, then the HTTP `Content-Type`, then a
//! `<meta>` in its first 4 KiB, then UTF-8 if the bytes are, else windows-1252, the web's
//! default). A page saved by SingleFile or monolith gives the address and date in its header
//! comment; they are recorded.

use dom_query::{Document, NodeRef};
use dom_smoothie::{CandidateSelectMode, Config, Readability};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// A web page's article.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// Its blocks (headings, paragraphs, list items, captions, cells), in order.
    pub blocks: Vec<String>,
    /// Which blocks are headings (the title among them), by index.
    pub headings: Vec<usize>,
    /// Its title.
    pub title: Option<String>,
    /// Who wrote it, as the page says.
    pub byline: Option<String>,
    /// When it says it was published.
    pub published: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The encoding it was read in.
    pub encoding: &'static str,
    /// The address and date a saved page's header comment gives.
    pub saved: Option<Saved>,
}

/// Where and when a saved page says it was saved from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Saved {
    /// The tool: `SingleFile`, `monolith`.
    pub by: &'static str,
    /// The page's address.
    pub url: Option<String>,
    /// When, as the tool wrote it.
    pub date: Option<String>,
}

/// The article of the HTML `bytes`, served with `content_type` from `url` if known.
pub(crate) fn page(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Page, String> {
    let encoding = charset(bytes, content_type);
    let (html, _, _) = encoding.decode(bytes);
    if nesting(&html) > MAX_NESTING {
        return Err(format!(
            "its elements nest more than {MAX_NESTING} deep, which no page a reader sees does"
        ));
    }
    let saved = saved(&html);
    let base = url
        .or_else(|| saved.as_ref().and_then(|s| s.url.as_deref()))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let config = Config {
        candidate_select_mode: CandidateSelectMode::DomSmoothie,
        n_top_candidates: 10,
        ..Config::default()
    };
    let document = Document::from(html.as_ref());
    drop_unseen(&document)?;
    // The page's own top headings, as printed, before Readability takes some out.
    // A permalink sign after a heading (`¶`, an icon font's private-use glyph) is not its text.
    let printed: Vec<String> = (document.select("h1, h2").nodes().iter())
        .map(|h| {
            let text = collapse(&h.text());
            let icon = |c: char| matches!(c, '¶' | '§' | '#' | '\u{e000}'..='\u{f8ff}');
            text.trim_end_matches(icon).trim_end().to_owned()
        })
        .collect();
    drop_furniture(&document);
    let mut readability =
        Readability::with_document(document, base, Some(config)).map_err(|e| e.to_string())?;
    let article = readability.parse().map_err(|e| e.to_string())?;
    let document = Document::from(article.content.as_ref());
    let mut read = Blocks::default();
    let mut current = String::new();
    if let Some(body) = document.body() {
        walk(&body, &mut current, &mut read, 0);
    }
    flush(&mut current, &mut read);
    let Blocks {
        mut blocks,
        mut headings,
    } = read;
    let title = Some(collapse(&article.title)).filter(|t| !t.is_empty());
    // Readability drops a heading that repeats the title; the page prints it, so it is put
    // back, as printed: the heading the title begins with (a `<title>` adds the site's name).
    let heading = (printed.iter())
        .filter(|h| !h.is_empty() && title.as_ref().is_some_and(|t| t.starts_with(h.as_str())))
        .max_by_key(|h| h.len());
    if let Some(heading) = heading
        && !blocks.contains(heading)
    {
        blocks.insert(0, heading.clone());
        headings.iter_mut().for_each(|h| *h += 1);
        headings.insert(0, 0);
    }
    Ok(Page {
        blocks,
        headings,
        title,
        byline: article.byline.map(|b| collapse(&b)),
        published: article.published_time,
        site: article.site_name,
        encoding: encoding.name(),
        saved,
    })
}

/// Words of a class or id that mark what is not the article: comments, advertisements,
/// sharing and subscription boxes, cookie banners, related links.
const FURNITURE: &[&str] = &[
    "comment",
    "comments",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "sponsored",
    "sponsor",
    "promo",
    "cookie",
    "cookies",
    "newsletter",
    "related",
    "share",
    "sharing",
    "social",
    "subscribe",
    "subscription",
    "paywall",
    "banner",
];

/// Takes out of `document` the elements its classes and ids mark as furniture
/// ([`FURNITURE`]), unless one holds the article itself (an `article`, `main` or `h1`, or
/// more than a third of the page's text): Readability keeps them when an article is short.
fn drop_furniture(document: &Document) {
    let marked = |value: Option<&str>| {
        value.is_some_and(|v| {
            (v.split(|c: char| !c.is_ascii_alphanumeric()))
                .any(|word| FURNITURE.contains(&word.to_ascii_lowercase().as_str()))
        })
    };
    let whole = document.select("body").text().len().max(1);
    // At most this many marked elements are weighed, so that a page of nested marked elements
    // costs no more than a page of this many.
    for node in document.select("[class], [id]").nodes().iter().take(2_000) {
        if !(marked(node.attr("class").as_deref()) || marked(node.attr("id").as_deref())) {
            continue;
        }
        let holds_article = !node.find(&["article"]).is_empty()
            || !node.find(&["main"]).is_empty()
            || !node.find(&["h1"]).is_empty()
            || node.text().len() * 3 > whole;
        if !holds_article {
            node.remove_from_parent();
        }
    }
}

/// The most rules of the page's style sheets that strike through weighed, each matched
/// against the whole page, and the longest selector weighed: a page of more, or of longer,
/// costs no more than one of this many. An editor's strike-through is one short class.
const MOST_STRIKE_RULES: usize = 64;
const LONGEST_STRIKE_SELECTOR: usize = 128;

/// Takes out of `document` what a reader does not see as the page's text, before anything
/// reads it (its printed headings, Readability):
/// - struck-through elements ([`STRUCK`]), and those the page's styles strike through
///   (`text-decoration: line-through`), in a `style` attribute (an older editor's strike
///   button) or by a rule of a `<style>` element (Google Docs' export, `.c3 {…}`), rules in
///   `@media`, `@supports`, `@layer` or `@container` counted as if their condition held;
/// - elements marked `hidden` or `aria-hidden`, or whose own `style` sets `display: none`,
///   `visibility: hidden` or `collapse`, or `content-visibility: hidden`.
///
/// The cascade is not followed: an element any rule or its own style strikes is left out,
/// whatever else would override it (`!important`, a more specific rule, a value a browser
/// would drop), as a word wrongly left out is told as not found, and one wrongly kept could
/// be verified. Not weighed: linked style sheets, rules with a pseudo-class (`:hover`) or a
/// sibling combinator (`~`, `+`, which take time with the square of the page), past the
/// first [`MOST_STRIKE_RULES`] that strike, or longer than [`LONGEST_STRIKE_SELECTOR`]; a
/// class a rule hides is kept (pages hide an article's rest behind "read more" that way).
fn drop_unseen(document: &Document) -> Result<(), String> {
    let sheets: Vec<String> = (document.select("style").nodes().iter())
        .map(|style| style.text().to_string())
        .collect();
    // The CSS parser reads blocks no deeper than this: a rule deeper would go unread.
    if (sheets.iter()).any(|sheet| braces_deep(sheet) > DEEPEST_STYLE_BLOCK) {
        return Err(format!(
            "its style sheet nests blocks more than {DEEPEST_STYLE_BLOCK} deep, which no page a reader sees does; what it strikes through could not be told"
        ));
    }
    let mut rules = Vec::new();
    for sheet in &sheets {
        let mut input = cssparser::Parser::new(sheet);
        let mut reader = StrikeRules;
        let found = cssparser::StyleSheetParser::new(&mut input, &mut reader);
        rules.extend(found.filter_map(Result::ok).flatten());
    }
    let weighed = (rules.iter())
        .filter(|selector| {
            selector.len() <= LONGEST_STRIKE_SELECTOR && !selector.contains([':', '~', '+'])
        })
        .take(MOST_STRIKE_RULES);
    let mut unseen: Vec<NodeRef> = Vec::new();
    for selector in weighed {
        if let Some(matched) = document.try_select(selector) {
            unseen.extend(matched.nodes().iter().copied());
        }
    }
    for node in document.select("[style]").nodes().iter() {
        let style = node.attr("style").unwrap_or_default();
        if declared_unseen(&mut cssparser::Parser::new(&style), true) {
            unseen.push(*node);
        }
    }
    let marked = (STRUCK.iter().copied())
        .chain(["[hidden]", "[aria-hidden=true]"])
        .collect::<Vec<_>>()
        .join(", ");
    unseen.extend(document.select(&marked).nodes().iter().copied());
    for node in unseen {
        node.remove_from_parent();
    }
    Ok(())
}

/// How deep the blocks of CSS nest that the parser reads rules from (it reads 75 deep).
const DEEPEST_STYLE_BLOCK: usize = 64;

/// How deep the braces of `sheet` nest, counted as written (a brace in a string or a
/// comment counts too, which only a sheet built to be refused has this many of).
fn braces_deep(sheet: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in sheet.bytes() {
        match b {
            b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Reads a style sheet's rules: the selector of each that strikes through, those inside
/// conditional at-rules too ([`CONDITIONAL`]).
struct StrikeRules;

/// The selectors of the rules a style sheet's rule or at-rule holds that strike through.
type Striking = Vec<String>;

/// At-rules whose block holds rules that apply when its condition does.
const CONDITIONAL: &[&str] = &[
    "media",
    "supports",
    "layer",
    "container",
    "scope",
    "document",
];

impl<'i> cssparser::QualifiedRuleParser<'i> for StrikeRules {
    type Prelude = String;
    type QualifiedRule = Striking;
    type Error = ();

    fn parse_prelude(
        &mut self,
        input: &mut cssparser::Parser<'i>,
    ) -> Result<String, cssparser::ParseError<()>> {
        let start = input.position();
        while input.next().is_ok() {}
        Ok(input.slice_from(start).trim().to_owned())
    }

    fn parse_block(
        &mut self,
        prelude: String,
        _: &cssparser::ParserState,
        input: &mut cssparser::Parser<'i>,
    ) -> Result<Striking, cssparser::ParseError<()>> {
        Ok(match declared_unseen(input, false) {
            true => vec![prelude],
            false => Vec::new(),
        })
    }
}

impl<'i> cssparser::AtRuleParser<'i> for StrikeRules {
    type Prelude = ();
    type AtRule = Striking;
    type Error = ();

    fn parse_prelude(
        &mut self,
        name: cssparser::CowRcStr<'i>,
        input: &mut cssparser::Parser<'i>,
    ) -> Result<(), cssparser::ParseError<()>> {
        if !CONDITIONAL.iter().any(|c| name.eq_ignore_ascii_case(c)) {
            return Err(input.new_error_for_next_token());
        }
        while input.next().is_ok() {}
        Ok(())
    }

    fn parse_block(
        &mut self,
        _: (),
        _: &cssparser::ParserState,
        input: &mut cssparser::Parser<'i>,
    ) -> Result<Striking, cssparser::ParseError<()>> {
        // Nested as deep as the parser allows blocks to nest, and no deeper.
        let mut nested = StrikeRules;
        let found = cssparser::StyleSheetParser::new(input, &mut nested);
        Ok(found.filter_map(Result::ok).flatten().collect())
    }
}

/// Whether any of the declarations `input` holds strikes its element through
/// (`text-decoration` or `text-decoration-line` with `line-through`), or, for an element's
/// own style (`own`), hides it (`display: none`, `visibility: hidden` or `collapse`,
/// `content-visibility: hidden`); whatever else the declarations say.
fn declared_unseen(input: &mut cssparser::Parser, own: bool) -> bool {
    let mut unseen = false;
    while !input.is_exhausted() {
        let declared = input.parse_until_after(cssparser::Delimiter::Semicolon, |input| {
            let name = input.expect_ident()?.to_ascii_lowercase();
            input.expect_colon()?;
            let hides: &[&str] = match name.trim_start_matches("-webkit-") {
                "text-decoration" | "text-decoration-line" => &["line-through"],
                "display" if own => &["none"],
                "visibility" if own => &["hidden", "collapse"],
                "content-visibility" if own => &["hidden"],
                _ => &[],
            };
            let mut found = false;
            while let Ok(token) = input.next() {
                found |= matches!(token, cssparser::Token::Ident(v)
                    if hides.iter().any(|h| v.eq_ignore_ascii_case(h)));
            }
            Ok::<_, cssparser::ParseError<()>>(found)
        });
        unseen |= declared.unwrap_or(false);
    }
    unseen
}

/// The blocks read so far, and which of them are headings (by index).
#[derive(Debug, Default)]
struct Blocks {
    blocks: Vec<String>,
    headings: Vec<usize>,
}

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
    "td",
    "th",
    "dt",
    "dd",
    "div",
    "section",
    "article",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "figure",
    "header",
    "footer",
    "hr",
    "aside",
    "main",
    "address",
    "details",
    "summary",
    "legend",
    "fieldset",
    "center",
    "menu",
    "dir",
    "nav",
    "form",
];

/// Elements whose content a browser does not show as text: scripts and styles, and the
/// fallback inside media and embedded objects.
const UNSHOWN: &[&str] = &[
    "script", "style", "noscript", "template", "canvas", "video", "audio", "object", "iframe",
    "noembed", "noframes", "embed", "select", "textarea", "button", "svg", "math",
];

/// Elements whose words a browser strikes through: a correction's or an edit's withdrawn
/// words (`<del>the ceasefire has collapsed</del>`), never the page's claim. They are taken
/// out before anything reads the page ([`drop_unseen`]), as Word's struck-through and
/// deleted text is left out.
const STRUCK: &[&str] = &["del", "s", "strike"];

/// The deepest nesting of elements a page may have: the HTML parser and Readability recurse
/// once per level, so a page nested deeper could exhaust the stack or take minutes.
const MAX_NESTING: usize = 512;

/// How deep the elements of `html` nest, by its tags (elements whose end tag may be left out,
/// such as `p` and `li`, and empty ones, such as `br`, are not counted).
fn nesting(html: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody",
        "tfoot", "colgroup", "rb", "rt", "rp", "optgroup", "caption", "param", "keygen",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = html.as_bytes();
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let closing = rest.first() == Some(&b'/');
        let name: Vec<u8> = rest[usize::from(closing)..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .take(16)
            .collect();
        let Ok(name) = std::str::from_utf8(&name) else {
            continue;
        };
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() || UNCOUNTED.contains(&name)
        {
            continue;
        }
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        if closing {
            depth = depth.saturating_sub(1);
        } else if !rest[..end].ends_with(b"/") {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// How deep in the page's elements blocks are told apart; below, the text is read whole, so
/// that a page nested a million deep costs no more stack than one nested this deep.
const DEEPEST: usize = 256;

fn walk(node: &NodeRef, current: &mut String, out: &mut Blocks, depth: usize) {
    if depth > DEEPEST {
        current.push_str(&node.text());
        return;
    }
    for child in node.children() {
        if child.is_text() {
            // A line break in the HTML source is a space on the page.
            current.extend(
                child
                    .text()
                    .chars()
                    .map(|c| if c == BREAK { ' ' } else { c }),
            );
            continue;
        }
        let Some(name) = child.node_name() else {
            continue;
        };
        match name.as_ref() {
            unshown if UNSHOWN.contains(&unshown) => {}
            "br" => current.push(BREAK),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush(current, out);
                walk(&child, current, out, depth + 1);
                let before = out.blocks.len();
                flush(current, out);
                if out.blocks.len() > before {
                    out.headings.push(before);
                }
            }
            block if BLOCKS.contains(&block) => {
                flush(current, out);
                walk(&child, current, out, depth + 1);
                flush(current, out);
            }
            _ => walk(&child, current, out, depth + 1),
        }
    }
}

/// Where a `<br>` breaks a line, while a block is read.
const BREAK: char = '\u{2028}';

/// Ends the block being read: its whitespace collapsed, its `<br>` line breaks kept.
fn flush(current: &mut String, out: &mut Blocks) {
    let lines: Vec<String> = (current.split(BREAK))
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    if !lines.is_empty() {
        out.blocks.push(lines.join("\n"));
    }
    current.clear();
}

/// `text` with each run of whitespace (ASCII or the HTML kind) as one space, trimmed; a
/// no-break space is kept, as print shows it.
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The encoding of the HTML `bytes`: a byte-order mark, then `content_type`'s charset, then
/// a `<meta>` in the first 4 KiB, then UTF-8 if the bytes are, else windows-1252.
pub(crate) fn charset(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    let declared = content_type
        .and_then(|t| {
            (t.split(';')).find_map(|p| {
                let p = p.trim();
                (p.len() > 8 && p[..8].eq_ignore_ascii_case("charset="))
                    .then(|| p[8..].trim_matches(['"', '\'']).to_owned())
            })
        })
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| prescan(&bytes[..bytes.len().min(4096)]));
    match declared {
        // A page cannot declare itself UTF-16 in ASCII; the web reads that as UTF-8.
        Some(e) if e == UTF_16LE || e == UTF_16BE => UTF_8,
        Some(e) if e == X_USER_DEFINED => WINDOWS_1252,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The charset a `<meta charset>` or `<meta http-equiv content="…; charset=…">` declares,
/// comments skipped.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let text = bytes.to_ascii_lowercase();
    let mut i = 0;
    while let Some(p) = find(&text[i..], b"<") {
        let at = i + p;
        if text[at..].starts_with(b"<!--") {
            i = at + 4 + find(&text[at + 4..], b"-->")? + 3;
            continue;
        }
        if text[at..].starts_with(b"<meta") {
            let end = at + find(&text[at..], b">")?;
            let tag = &text[at..end];
            if let Some(c) = find(tag, b"charset=") {
                let value = &tag[c + 8..];
                let value = value
                    .strip_prefix(b"\"")
                    .or(value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let n = (value.iter())
                    .position(|c| b"\"'; \t\r\n/".contains(c))
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..n]) {
                    return Some(encoding);
                }
            }
            i = end;
            continue;
        }
        i = at + 1;
    }
    None
}

/// The address and date in a SingleFile or monolith header comment, if the page has one.
fn saved(html: &str) -> Option<Saved> {
    let head = &html[..crate::text::position::floor_char(html, html.len().min(4096))];
    if let Some(at) = head.find("<!-- Saved from ") {
        // monolith: `<!-- Saved from URL at DATE using monolith vX -->`
        let line = &head[at + "<!-- Saved from ".len()..];
        let line = &line[..line.find("-->")?];
        if line.contains("using monolith") {
            let (url, rest) = line.split_once(" at ")?;
            let date = rest.split(" using ").next().map(str::trim);
            return Some(Saved {
                by: "monolith",
                url: Some(url.trim().to_owned()).filter(|u| u != "local source"),
                date: date.map(str::to_owned),
            });
        }
    }
    let at = head
        .find("Page saved with SingleFile")
        .or_else(|| head.find("Archive processed by SingleFile"))?;
    let comment = &head[at..];
    let comment = &comment[..comment.find("-->").unwrap_or(comment.len())];
    let field = |name: &str| {
        (comment.lines()).find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
    };
    Some(Saved {
        by: "SingleFile",
        url: field("url:"),
        date: field("saved date:"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_are_taken_from_the_bom_the_header_the_meta_or_the_bytes() {
        assert_eq!(
            charset(b"\xef\xbb\xbf<p>", Some("text/html; charset=latin1")),
            UTF_8
        );
        assert_eq!(
            charset(b"<p>caf\xe9", Some("text/html; Charset=\"ISO-8859-2\"")).name(),
            "ISO-8859-2"
        );
        let meta = b"<html><head><!-- <meta charset=koi8-r> --><meta charset='windows-1251'>";
        assert_eq!(charset(meta, None).name(), "windows-1251");
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\">";
        assert_eq!(charset(equiv, None).name(), "Shift_JIS");
        assert_eq!(charset("<p>café".as_bytes(), None), UTF_8);
        assert_eq!(charset(b"<p>caf\xe9", None), WINDOWS_1252);
        assert_eq!(charset(b"<meta charset=utf-16>", None), UTF_8);
    }

    #[test]
    fn a_page_of_multibyte_text_or_a_million_nested_elements_is_read() {
        // The 4 KiB a saved page's header is looked for in ends inside a character here.
        let page = format!("<html><body><p>{}</p></body></html>", "я".repeat(3000));
        assert!(saved(&page).is_none());
        assert!(page.len() > 4096);
        let nested = |levels: usize| {
            format!(
                "<html><body><article><p>A paragraph long enough to be the article, with words in it.</p>{}deep words{}</article></body></html>",
                "<div>".repeat(levels),
                "</div>".repeat(levels)
            )
        };
        let read = self::page(nested(300).as_bytes(), None, None).unwrap();
        assert!(
            read.blocks.iter().any(|b| b.contains("deep words")),
            "{:?}",
            read.blocks
        );
        let refused = self::page(nested(100_000).as_bytes(), None, None).unwrap_err();
        assert!(refused.contains("nest more than 512 deep"), "{refused}");
        // Paragraphs and list items left open are not nesting.
        let open = format!(
            "<html><body>{}</body></html>",
            "<p>one<li>two".repeat(5_000)
        );
        assert_eq!(nesting(&open), 2);
    }

    #[test]
    fn saved_page_headers_give_the_address_and_date() {
        let single = "<!DOCTYPE html> <html lang=\"en\"><!--\n Page saved with SingleFile \n url: https://example.com/a \n saved date: Wed Sep 24 2025 10:11:12 GMT+0200 (Central European Summer Time)\n--><head>";
        assert_eq!(
            saved(single),
            Some(Saved {
                by: "SingleFile",
                url: Some("https://example.com/a".into()),
                date: Some(
                    "Wed Sep 24 2025 10:11:12 GMT+0200 (Central European Summer Time)".into()
                ),
            })
        );
        let monolith = "<!-- Saved from https://example.com/b at 2025-06-15T15:12:55Z using monolith v2.11.0 -->\n<!DOCTYPE html>";
        assert_eq!(
            saved(monolith),
            Some(Saved {
                by: "monolith",
                url: Some("https://example.com/b".into()),
                date: Some("2025-06-15T15:12:55Z".into()),
            })
        );
        assert_eq!(saved("<html><p>Saved from nothing</p>"), None);
    }
}
