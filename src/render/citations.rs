//! Citations formatted by a CSL style through `hayagriva`, Typst's own citation engine: one
//! note per citation (the first of a source in full, later ones short, "Ibid." where the style
//! says so) and the list of sources, sorted as the style sorts it. The style is the one the
//! outline names, resolved when it was checked ([`crate::outline::style`]).
//!
//! The result is formatted text ([`Styled`]), not markup: each format escapes it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode};
use hayagriva::types::{Date, EntryType, FormatString, Person, Publisher, QualifiedUrl};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, Entry,
    LocatorPayload, SpecificLocator,
};

use crate::error::Error;
use crate::outline::quiet;
use crate::outline::style::CitationStyle;
use crate::sources::Source;

/// Whether `url` is an `http://` or `https://` address (the scheme in any case) with
/// something after the `//`: the only kind a briefing links to; any other is shown as text.
pub(crate) fn is_web_address(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && !rest.is_empty()
}

/// A run of text with one formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    /// The text, as it is to be read.
    pub text: String,
    /// In italics.
    pub italic: bool,
    /// In bold.
    pub bold: bool,
    /// A web address it links to: only an `http` or `https` address.
    pub link: Option<String>,
}

/// Formatted text: spans in order.
pub type Styled = Vec<Span>;

/// How a format writes formatted text: a span's text, and a piece in italics, in bold, or
/// linked to an address (already checked to be a web address).
pub(crate) struct Markup {
    pub text: fn(&str) -> String,
    pub italic: fn(String) -> String,
    pub bold: fn(String) -> String,
    pub link: fn(&str, String) -> String,
}

/// `styled` written in `markup`, span by span: a span is linked when the style made it a link
/// or its text is a web address alone ([`is_bare_address`]).
pub(crate) fn write(styled: &[Span], markup: &Markup) -> String {
    let mut out = String::new();
    for span in styled {
        let mut piece = (markup.text)(&span.text);
        if span.bold {
            piece = (markup.bold)(piece);
        }
        if span.italic {
            piece = (markup.italic)(piece);
        }
        let url = (span.link.as_deref())
            .or_else(|| Some(span.text.trim()).filter(|t| is_bare_address(t)));
        if let Some(url) = url.filter(|u| !u.contains(char::is_whitespace)) {
            piece = (markup.link)(url, piece);
        }
        out.push_str(&piece);
    }
    out
}

/// The plain text of `styled`.
pub fn plain(styled: &[Span]) -> String {
    styled.iter().map(|s| s.text.as_str()).collect()
}

/// Where a quote stands in its source, for a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Pages, as printed: `12` or `12–13`.
    Pages(String),
    /// Paragraphs: `4` or `4–5`.
    Paragraphs(String),
    /// The line of a text file.
    Line(usize),
    /// Nowhere known: a quotation a draft shows that the check did not place.
    Unknown,
}

/// The notes and the list of sources, formatted.
#[derive(Debug, Default)]
pub struct Cited {
    /// One per citation, in order.
    pub notes: Vec<Styled>,
    /// The sources, in the style's order: id and entry.
    pub bibliography: Vec<(String, Styled)>,
}

/// How long formatting the citations may take: a style file can be slow on purpose.
pub const CITE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Formats `citations` (source id and place, in reading order) of `sources` in `style`, on
/// a thread of its own that may run for [`CITE_TIMEOUT`]; past that, an error, and the thread
/// is left to end with the process.
pub fn cite(
    style: &CitationStyle,
    sources: &BTreeMap<String, Source>,
    citations: &[(String, Place)],
) -> Result<Cited, Error> {
    // A source the catalog gives no title is cited by its id, outside the style.
    let entries: BTreeMap<String, Entry> = (sources.iter())
        .filter(|(_, s)| s.meta.title.is_some())
        .map(|(id, s)| (id.clone(), entry(s)))
        .collect();
    let (style, citations) = (style.rules(), citations.to_vec());
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("citations".into())
        // The engine recurses through a style's macros (at most 64 deep, each element nested
        // at most 64 deep): room for that, reserved, not used.
        .stack_size(64 << 20)
        .spawn(move || {
            let _ = send.send(format(&style, &entries, &citations));
        })
        .map_err(Error::Thread)?;
    receive
        .recv_timeout(CITE_TIMEOUT)
        .map_err(|_| Error::CitationTimeout {
            seconds: CITE_TIMEOUT.as_secs(),
        })
}

/// Decodes the default style and its locales on a thread of its own, so that a render that
/// formats citations in it finds them decoded: started with the render, it runs while the
/// outline is checked.
pub fn prefetch() {
    std::thread::spawn(|| {
        let _ = locales(&crate::outline::style::default_rules());
    });
}

/// [`decode_locales`] of `style`, decoded once a run (and decoded while a lock is held, so
/// that a render waits for a [`prefetch`] under way rather than decoding them again).
fn locales(style: &IndependentStyle) -> Arc<Vec<Locale>> {
    type Decoded = Vec<(Option<String>, Arc<Vec<Locale>>)>;
    static DECODED: Mutex<Decoded> = Mutex::new(Vec::new());
    let code = style.default_locale.as_ref().map(|code| code.0.clone());
    let mut decoded = DECODED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, locales)) = decoded.iter().find(|(c, _)| *c == code) {
        return Arc::clone(locales);
    }
    let locales = Arc::new(decode_locales(style));
    decoded.push((code, Arc::clone(&locales)));
    locales
}

/// The bundled locales `style` can use: its own default (else American English), the
/// primary dialect of its language, and American English, the fallback of every CSL
/// processor; these are the only locale files `hayagriva` looks a term up in, as long as no
/// request names a locale of its own ([`format_in`] names none). Only those are
/// decoded: decoding all sixty bundled took a briefing's render three times as long. A
/// locale is known by the code its file opens with ([`code_of`]), or else decoded to see.
fn decode_locales(style: &IndependentStyle) -> Vec<Locale> {
    let locale = (style.default_locale.clone()).unwrap_or_else(LocaleCode::en_us);
    let mut wanted = vec![LocaleCode::en_us(), locale.clone()];
    wanted.extend(locale.fallback());
    let wanted = |code: &str| wanted.iter().any(|w| w.0 == code);
    (hayagriva::archive::LOCALES.iter())
        .filter(|bytes| code_of(bytes).is_none_or(wanted))
        .filter_map(|bytes| {
            quiet::from_cbor::<Locale>(bytes).or_else(|| ciborium::de::from_reader(*bytes).ok())
        })
        .filter(|locale| locale.lang.as_ref().is_some_and(|code| wanted(&code.0)))
        .collect()
}

/// The code of a bundled locale, read from the start of its file (a map whose first entry
/// is `@xml:lang`); `None` where the file does not start so.
fn code_of(bytes: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"\x69@xml:lang";
    let rest = match bytes.first()? {
        0xa0..=0xb7 => &bytes[1..],
        0xb8 => bytes.get(2..)?,
        0xb9 => bytes.get(3..)?,
        _ => return None,
    };
    let rest = rest.strip_prefix(KEY)?;
    let (len, rest) = match *rest.first()? {
        b @ 0x60..=0x77 => (usize::from(b - 0x60), &rest[1..]),
        0x78 => (usize::from(*rest.get(1)?), rest.get(2..)?),
        _ => return None,
    };
    std::str::from_utf8(rest.get(..len)?).ok()
}

/// The work of [`cite`].
fn format(
    style: &IndependentStyle,
    entries: &BTreeMap<String, Entry>,
    citations: &[(String, Place)],
) -> Cited {
    format_in(style, &locales(style), entries, citations)
}

/// [`format()`] with the locale files `locales`.
fn format_in(
    style: &IndependentStyle,
    locales: &[Locale],
    entries: &BTreeMap<String, Entry>,
    citations: &[(String, Place)],
) -> Cited {
    let places: Vec<Option<(Locator, String)>> = (citations.iter())
        .map(|(_, place)| match place {
            Place::Pages(p) => Some((Locator::Page, p.clone())),
            Place::Paragraphs(p) => Some((Locator::Paragraph, p.clone())),
            Place::Line(l) => Some((Locator::Line, l.to_string())),
            Place::Unknown => None,
        })
        .collect();
    let mut driver = BibliographyDriver::new();
    for (number, ((id, _), place)) in citations.iter().zip(&places).enumerate() {
        let Some(entry) = entries.get(id.as_str()) else {
            continue;
        };
        let locator = (place.as_ref()).map(|(l, at)| SpecificLocator(*l, LocatorPayload::Str(at)));
        let item = CitationItem::with_locator(entry, locator);
        driver.citation(CitationRequest::new(
            vec![item],
            style,
            // No locale of the request's own: the locales decoded are the style's alone.
            None,
            locales,
            Some(number + 1),
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    // The rendered citations, in the order asked, each put back at its note.
    let mut notes = vec![Styled::new(); citations.len()];
    let asked: Vec<usize> = (citations.iter().enumerate())
        .filter(|(_, (id, _))| entries.contains_key(id.as_str()))
        .map(|(i, _)| i)
        .collect();
    // `hayagriva` returns the citations in the order asked; a note style numbers them too,
    // and a number that is not the note's own leaves the note to its fallback.
    for (i, rendered) in asked.into_iter().zip(&rendered.citations) {
        if rendered.note_number.is_none_or(|n| n == i + 1) {
            notes[i] = spans(&rendered.citation.0);
        }
    }
    let bibliography = (rendered.bibliography.into_iter())
        .flat_map(|b| b.items)
        .map(|item| {
            let mut styled = Vec::new();
            if let Some(first) = &item.first_field {
                styled.extend(spans(std::slice::from_ref(first)));
                styled.push(Span {
                    text: " ".into(),
                    ..Span::default()
                });
            }
            styled.extend(spans(&item.content.0));
            (item.key, styled)
        })
        .collect();
    Cited {
        notes,
        bibliography,
    }
}

/// The spans of a rendered element tree.
fn spans(children: &[ElemChild]) -> Styled {
    let mut out: Styled = Vec::new();
    walk(children, &mut out);
    // Runs of the same formatting as one span.
    let mut merged: Styled = Vec::with_capacity(out.len());
    for span in out {
        match merged.last_mut() {
            Some(last)
                if (last.italic, last.bold, &last.link) == (span.italic, span.bold, &span.link)
                    && span.link.is_none() =>
            {
                last.text.push_str(&span.text);
            }
            _ => merged.push(span),
        }
    }
    merged
}

fn walk(children: &[ElemChild], out: &mut Styled) {
    use hayagriva::citationberg::{FontStyle, FontWeight};
    for child in children {
        match child {
            ElemChild::Text(formatted) => out.push(Span {
                text: formatted.text.clone(),
                italic: formatted.formatting.font_style == FontStyle::Italic,
                bold: formatted.formatting.font_weight == FontWeight::Bold,
                link: None,
            }),
            ElemChild::Elem(elem) => walk(&elem.children.0, out),
            // Markup for Typst: shown as the text it is, never read as markup.
            ElemChild::Markup(text) => out.push(Span {
                text: text.clone(),
                ..Span::default()
            }),
            ElemChild::Link { text, url } => out.push(Span {
                text: text.text.clone(),
                italic: text.formatting.font_style == FontStyle::Italic,
                bold: text.formatting.font_weight == FontWeight::Bold,
                link: is_web_address(url).then(|| url.clone()),
            }),
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// The `hayagriva` entry for a source, from its catalog details.
fn entry(source: &Source) -> Entry {
    let meta = &source.meta;
    let mut entry = Entry::new(&source.id, entry_type(source));
    entry.set_title(FormatString::with_value(source.title()));
    if let Some(author) = &meta.author {
        entry.set_authors(people(author));
    }
    if let Some(date) = meta.published.as_deref().and_then(date) {
        entry.set_date(date);
    }
    match (&meta.publisher, entry_type(source)) {
        // An article appears in a periodical, which the publisher names: without one, a style
        // would call it a preprint.
        (Some(publisher), EntryType::Article) => {
            let mut periodical = Entry::new(&format!("{}-in", source.id), EntryType::Periodical);
            periodical.set_title(FormatString::with_value(publisher.clone()));
            entry.set_parents(vec![periodical]);
        }
        (Some(publisher), _) => entry.set_publisher(Publisher::new(
            Some(FormatString::with_value(publisher.clone())),
            None,
        )),
        (None, _) => {}
    }
    let url = web_url(meta.url.as_deref());
    if let Some(url) = url {
        let visited = meta.accessed.as_deref().and_then(date);
        entry.set_url(QualifiedUrl::new(url, visited));
    }
    entry
}

/// A catalog's `url` as a web address a style may link to: an `http(s)` address that parses,
/// spaces around it aside.
pub(crate) fn web_url(url: Option<&str>) -> Option<url::Url> {
    let url = url?.trim();
    is_web_address(url).then(|| url::Url::parse(url).ok())?
}

/// Whether a span's `text` is a web address alone, to be linked: one that parses, with no
/// space inside and no punctuation at its end (`https://example.org/a.` is a sentence's end).
pub(crate) fn is_bare_address(text: &str) -> bool {
    let text = text.trim();
    !text.contains(char::is_whitespace)
        && !text.ends_with(['.', ',', ';', ':', ')', ']'])
        && web_url(Some(text)).is_some()
}

/// The kind of document a source is: the catalog's `type`, else what its original was.
fn entry_type(source: &Source) -> EntryType {
    use crate::sources::catalog::Kind;
    match source.meta.kind {
        Some(Kind::Article) => EntryType::Article,
        Some(Kind::Web) => EntryType::Web,
        Some(Kind::Report) => EntryType::Report,
        Some(Kind::Book) => EntryType::Book,
        Some(Kind::Legislation) => EntryType::Legislation,
        Some(Kind::Case) => EntryType::Case,
        Some(Kind::Document) => EntryType::Misc,
        None => {
            let media = (source.meta.provenance.as_ref()).and_then(|p| p.media_type.as_deref());
            match media {
                Some("text/html") => EntryType::Web,
                Some("application/pdf") | Some(crate::sources::catalog::DOCX) => EntryType::Report,
                _ if source.meta.url.is_some() => EntryType::Web,
                _ => EntryType::Misc,
            }
        }
    }
}

/// Words that make a name a body's, not a person's.
const BODIES: [&str; 32] = [
    "agency",
    "association",
    "bank",
    "board",
    "bureau",
    "centre",
    "center",
    "commission",
    "committee",
    "council",
    "court",
    "department",
    "desk",
    "foundation",
    "fund",
    "group",
    "institute",
    "ministry",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "press",
    "programme",
    "reuters",
    "service",
    "staff",
    "team",
    "times",
    "union",
    "university",
];

/// The people or bodies in a catalog's `author`: separated by `;` or ` and `. `Family, Given`
/// is a person's name; so is `Given Family`, two to four capitalised words none of which names
/// a body (`Seth Frantzman`); anything else (`Research desk`, `International Energy Agency`,
/// `Wikipedia`) is a body's name, written as it stands.
fn people(author: &str) -> Vec<Person> {
    let mut names: Vec<&str> = Vec::new();
    for part in author.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        // ` and ` joins people only when each side is a person's name.
        let people: Vec<&str> = part.split(" and ").map(str::trim).collect();
        match people.len() > 1 && people.iter().all(|p| person(p).is_some()) {
            true => names.extend(people),
            false => names.push(part),
        }
    }
    names
        .into_iter()
        .map(|name| match person(name) {
            Some(person) => person,
            None => literal(name),
        })
        .collect()
}

/// `name` as a person's: `Family, Given` or `Family, Suffix, Given` (each part a few
/// capitalised words), or `Given Family`; `None` for a body's name.
fn person(name: &str) -> Option<Person> {
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    let capitalised = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || [
                        "van", "von", "de", "da", "del", "der", "di", "du", "la", "le",
                    ]
                    .contains(w)
            })
            && !words.iter().any(|w| body(w))
    };
    match parts.as_slice() {
        [family, given] if capitalised(family) && capitalised(given) => {
            Person::from_strings(vec![family, given]).ok()
        }
        [family, suffix, given] if capitalised(family) && capitalised(given) => {
            Person::from_strings(vec![family, suffix, given]).ok()
        }
        [_] => given_family(name).map(|(given, family)| Person {
            name: family.to_owned(),
            given_name: Some(given.to_owned()),
            ..literal(name)
        }),
        _ => None,
    }
}

/// Whether `word` names a body (`Agency`, `Ministry`, `desk`).
fn body(word: &str) -> bool {
    let lower = word.to_lowercase();
    BODIES.contains(&lower.as_str()) || BODIES.contains(&lower.trim_end_matches('s'))
}

/// `Seth Frantzman` as `Seth` and `Frantzman`, if the name reads as a person's.
fn given_family(name: &str) -> Option<(&str, &str)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
    };
    if !(2..=4).contains(&words.len())
        || !words.iter().all(capitalised)
        || words.iter().any(|w| body(w))
        || words[0] == "The"
    {
        return None;
    }
    let (given, family) = name.trim().rsplit_once(char::is_whitespace)?;
    Some((given.trim(), family))
}

fn literal(name: &str) -> Person {
    Person {
        name: name.to_owned(),
        given_name: None,
        prefix: None,
        suffix: None,
        comma_suffix: false,
        alias: None,
    }
}

/// A catalog's date (`2023-12-15`, `2023-12`, `2023`, `15 December 2023`,
/// `December 15, 2023`), if it reads as one.
fn date(text: &str) -> Option<Date> {
    let text = text.trim();
    // A date and time (`2023-10-30T12:34:56+00:00`), or with slashes (`2023/10/30`).
    let iso = text.get(..10).filter(|d| {
        d.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-' || b == b'/',
            _ => b.is_ascii_digit(),
        }) && text[10..]
            .chars()
            .next()
            .is_none_or(|c| c == 'T' || c == ' ')
    });
    let text = iso.map_or_else(|| text.to_owned(), |d| d.replace('/', "-"));
    let text = text.as_str();
    if let Ok(date) = text.parse::<Date>() {
        return real(date);
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = (text.split(|c: char| c.is_whitespace() || c == ','))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month = words.iter().find_map(|w| {
        MONTHS
            .iter()
            .position(|m| m.starts_with(w.trim_end_matches('.')) && w.len() >= 3)
    });
    let numbers: Vec<i32> = words.iter().filter_map(|w| w.parse().ok()).collect();
    let year = *numbers.iter().find(|n| **n >= 1000)?;
    let day = numbers.iter().find(|n| (1..=31).contains(*n));
    real(Date {
        year,
        month: month.map(|m| m as u8),
        day: day.filter(|_| month.is_some()).map(|d| (*d - 1) as u8),
        approximate: false,
        season: None,
    })
}

/// `date` if its day is in its month (not 31 February).
fn real(date: Date) -> Option<Date> {
    let (Some(month), Some(day)) = (date.month, date.day) else {
        return Some(date);
    };
    let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
    let days = match month {
        1 if leap => 29,
        1 => 28,
        3 | 5 | 8 | 10 => 30,
        _ => 31,
    };
    (day < days).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundled_locale_is_known_by_the_code_its_file_opens_with() {
        for bytes in hayagriva::archive::LOCALES {
            let locale: Locale = ciborium::de::from_reader(*bytes).expect("a bundled locale");
            let code = locale.lang.map(|code| code.0);
            assert_eq!(code_of(bytes).map(str::to_owned), code);
        }
        assert_eq!(code_of(b"\xa1\x69@xml:lang\x65de-AT"), Some("de-AT"));
        assert_eq!(code_of(b"\xa1\x64info\xa0"), None);
        assert_eq!(code_of(b"\xa1\x69@xml:lang\x65de"), None);
        assert_eq!(code_of(b""), None);
    }

    /// Every bundled style that stands alone, decoded.
    fn independent_styles() -> Vec<IndependentStyle> {
        (hayagriva::archive::ArchivedStyle::all().iter())
            .filter_map(|style| match style.get() {
                hayagriva::citationberg::Style::Independent(style) => Some(style),
                hayagriva::citationberg::Style::Dependent(_) => None,
            })
            .collect()
    }

    #[test]
    fn the_locales_decoded_format_citations_as_all_the_bundled_ones_do() {
        let mut report = Entry::new("report", EntryType::Report);
        report.set_title(FormatString::with_value("Annual review".to_owned()));
        report.set_authors(people("Smith, Jane; International Energy Agency"));
        report.set_date(date("15 December 2023").expect("a date"));
        let mut page = Entry::new("page", EntryType::Web);
        page.set_title(FormatString::with_value("Briefing".to_owned()));
        let url = url::Url::parse("https://example.org/a").expect("an address");
        page.set_url(QualifiedUrl::new(url, date("2024-01-02")));
        let entries = BTreeMap::from([("report".to_owned(), report), ("page".to_owned(), page)]);
        let citations = [
            ("report".to_owned(), Place::Pages("12–13".into())),
            ("page".to_owned(), Place::Paragraphs("4".into())),
            ("report".to_owned(), Place::Line(7)),
            ("page".to_owned(), Place::Unknown),
        ];
        let all = hayagriva::archive::locales();
        let styles = independent_styles();
        let mut codes = std::collections::BTreeSet::new();
        for style in &styles {
            let decoded = decode_locales(style);
            codes.extend(decoded.iter().filter_map(|l| l.lang.clone()).map(|c| c.0));
            let (a, b) = (
                format_in(style, &decoded, &entries, &citations),
                format_in(style, &all, &entries, &citations),
            );
            assert_eq!(a.notes, b.notes, "{:?}", style.info.title);
            assert_eq!(a.bibliography, b.bibliography, "{:?}", style.info.title);
        }
        // Styles in several languages were compared, not English alone.
        assert!(codes.len() >= 5, "{codes:?}");
    }

    #[test]
    fn the_default_style_decodes_american_english_alone() {
        let codes = |style: &IndependentStyle| -> Vec<String> {
            (decode_locales(style).into_iter())
                .filter_map(|l| l.lang.map(|c| c.0))
                .collect()
        };
        let mut style = (*crate::outline::style::default_rules()).clone();
        assert_eq!(codes(&style), ["en-US"]);
        style.default_locale = Some(LocaleCode("de-AT".into()));
        assert_eq!(codes(&style), ["de-AT", "de-DE", "en-US"]);
    }

    #[test]
    fn dates_are_read_in_the_forms_writers_give() {
        let d = |t| date(t).map(|d| (d.year, d.month, d.day));
        assert_eq!(d("2023-12-15"), Some((2023, Some(11), Some(14))));
        assert_eq!(d("2023"), Some((2023, None, None)));
        assert_eq!(d("15 December 2023"), Some((2023, Some(11), Some(14))));
        assert_eq!(d("Dec. 15, 2023"), Some((2023, Some(11), Some(14))));
        assert_eq!(d("soon"), None);
        assert_eq!(
            d("2023-10-30T12:34:56+00:00"),
            Some((2023, Some(9), Some(29)))
        );
        assert_eq!(d("2023/10/30"), Some((2023, Some(9), Some(29))));
        assert_eq!(d("31 February 2023"), None);
        assert_eq!(d("29 February 2024"), Some((2024, Some(1), Some(28))));
    }

    #[test]
    fn people_are_split_and_inverted_only_when_written_so() {
        let names: Vec<(String, Option<String>)> =
            people("Smith, Jane; Research desk and Doe, J.; Seth Frantzman; International Energy Agency; The Economist staff; Department for Environment, Food and Rural Affairs; Jane Roe and John Doe")
            .into_iter()
            .map(|p| (p.name, p.given_name))
            .collect();
        assert_eq!(
            names,
            [
                ("Smith".into(), Some("Jane".into())),
                ("Research desk and Doe, J.".into(), None),
                ("Frantzman".into(), Some("Seth".into())),
                ("International Energy Agency".into(), None),
                ("The Economist staff".into(), None),
                (
                    "Department for Environment, Food and Rural Affairs".into(),
                    None
                ),
                ("Roe".into(), Some("Jane".into())),
                ("Doe".into(), Some("John".into())),
            ]
        );
    }
}
