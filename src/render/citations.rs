//! Citations formatted by a CSL style through `hayagriva`, Typst's own citation engine: one
//! note per citation (the first of a source in full, later ones short, "Ibid." where the style
//! says so) and the list of sources, sorted as the style sorts it. The style is the one the
//! outline names, resolved when it was checked ([`crate::outline::style`]).
//!
//! The result is formatted text ([`Styled`]), not markup: each format escapes it.

use std::collections::BTreeMap;

use hayagriva::citationberg::Locale;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::types::{Date, EntryType, FormatString, Person, Publisher, QualifiedUrl};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, Entry,
    LocatorPayload, SpecificLocator,
};

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
}

/// The notes and the list of sources, formatted.
#[derive(Debug, Default)]
pub struct Cited {
    /// One per citation, in order.
    pub notes: Vec<Styled>,
    /// The sources, in the style's order: id and entry.
    pub bibliography: Vec<(String, Styled)>,
}

/// Formats `citations` (source id and place, in reading order) of `sources` in `style`.
pub fn cite(
    style: &CitationStyle,
    sources: &BTreeMap<String, Source>,
    citations: &[(String, Place)],
) -> Cited {
    // A source the catalog gives no title is cited by its id, outside the style.
    let entries: BTreeMap<&str, Entry> = (sources.iter())
        .filter(|(_, s)| s.meta.title.is_some())
        .map(|(id, s)| (id.as_str(), entry(s)))
        .collect();
    let locales: Vec<Locale> = hayagriva::archive::locales();
    let places: Vec<(Locator, String)> = (citations.iter())
        .map(|(_, place)| match place {
            Place::Pages(p) => (Locator::Page, p.clone()),
            Place::Paragraphs(p) => (Locator::Paragraph, p.clone()),
            Place::Line(l) => (Locator::Line, l.to_string()),
        })
        .collect();
    let mut driver = BibliographyDriver::new();
    for (number, ((id, _), (locator, at))) in citations.iter().zip(&places).enumerate() {
        let Some(entry) = entries.get(id.as_str()) else {
            continue;
        };
        let locator = SpecificLocator(*locator, LocatorPayload::Str(at));
        let item = CitationItem::with_locator(entry, Some(locator));
        driver.citation(CitationRequest::new(
            vec![item],
            &style.style,
            None,
            &locales,
            Some(number + 1),
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(&style.style, None, &locales));
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
    if let Some(publisher) = &meta.publisher {
        entry.set_publisher(Publisher::new(
            Some(FormatString::with_value(publisher.clone())),
            None,
        ));
    }
    let url = (meta.url.as_deref())
        .filter(|u| is_web_address(u))
        .and_then(|u| url::Url::parse(u).ok());
    if let Some(url) = url {
        let visited = meta.accessed.as_deref().and_then(date);
        entry.set_url(QualifiedUrl::new(url, visited));
    }
    entry
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
    let names = author
        .split(';')
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty());
    names
        .map(|name| match name.split_once(',') {
            Some((family, given)) if !family.trim().is_empty() && !given.trim().is_empty() => {
                Person {
                    name: family.trim().to_owned(),
                    given_name: Some(given.trim().to_owned()),
                    ..literal(name)
                }
            }
            _ => match given_family(name) {
                Some((given, family)) => Person {
                    name: family.to_owned(),
                    given_name: Some(given.to_owned()),
                    ..literal(name)
                },
                None => literal(name),
            },
        })
        .collect()
}

/// `Seth Frantzman` as `Seth` and `Frantzman`, if the name reads as a person's.
fn given_family(name: &str) -> Option<(&str, &str)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
    };
    let body = words.iter().any(|w| {
        BODIES.contains(&w.to_lowercase().trim_end_matches('s'))
            || BODIES.contains(&w.to_lowercase().as_str())
    });
    if !(2..=4).contains(&words.len())
        || !words.iter().all(capitalised)
        || body
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
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
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
    Some(Date {
        year,
        month: month.map(|m| m as u8),
        day: day.filter(|_| month.is_some()).map(|d| (*d - 1) as u8),
        approximate: false,
        season: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_the_forms_writers_give() {
        let d = |t| date(t).map(|d| (d.year, d.month, d.day));
        assert_eq!(d("2023-12-15"), Some((2023, Some(11), Some(14))));
        assert_eq!(d("2023"), Some((2023, None, None)));
        assert_eq!(d("15 December 2023"), Some((2023, Some(11), Some(14))));
        assert_eq!(d("Dec. 15, 2023"), Some((2023, Some(11), Some(14))));
        assert_eq!(d("soon"), None);
    }

    #[test]
    fn people_are_split_and_inverted_only_when_written_so() {
        let names: Vec<(String, Option<String>)> =
            people("Smith, Jane; Research desk and Doe, J.; Seth Frantzman; International Energy Agency; The Economist staff")
            .into_iter()
            .map(|p| (p.name, p.given_name))
            .collect();
        assert_eq!(
            names,
            [
                ("Smith".into(), Some("Jane".into())),
                ("Research desk".into(), None),
                ("Doe".into(), Some("J.".into())),
                ("Frantzman".into(), Some("Seth".into())),
                ("International Energy Agency".into(), None),
                ("The Economist staff".into(), None),
            ]
        );
    }
}
