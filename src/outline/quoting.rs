//! How an outline quotes: the profile of alterations its quotes may make (`quoting:`) and
//! the quotation marks its prose is read for (`quote-marks:`).
//!
//! A profile is a table of what the style guide it is named after allows inside quotation
//! marks: nothing (`strict`), or ellipses, bracketed changes, `[sic]` and closing
//! parentheticals as Chicago, the Bluebook or AP set them. Each rule says where the guide
//! states it, so that a finding can tell the writer which rule a quote broke and how to write
//! it instead. Reading only: nothing here looks at a quote.

use schemars::JsonSchema;
use serde::Deserialize;

/// The alterations an outline's quotes may make, after a style guide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// No alteration: every character between the marks is the source's.
    Strict,
    /// The Chicago Manual of Style (17th ed.), chapter 13: ellipses, bracketed changes,
    /// `[sic]`, `(emphasis added)`. The default.
    #[default]
    Chicago,
    /// The Bluebook (21st ed.), rule 5: as Chicago, plus `[ ]` for omitted letters and the
    /// legal parentheticals; never an ellipsis at a quotation's start.
    Bluebook,
    /// The Associated Press Stylebook: ellipses; insertions in parentheses, not brackets;
    /// no `[sic]`.
    Ap,
}

/// The kinds of alteration a quote can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Words left out: `...`, `…`, `[…]`, `. . .`.
    Ellipsis,
    /// An ellipsis opening the quote.
    LeadingEllipsis,
    /// A letter's case changed: `[T]he` for the source's `the`.
    Case,
    /// `[sic]` after a word the source has as quoted.
    Sic,
    /// Words in brackets standing for a few of the source's words, or added: `[the Kremlin]`.
    Bracket,
    /// Words in parentheses standing for a few of the source's, or added (AP's insertion).
    Parenthesis,
    /// Letters left out of a word: `judgment[ ]` for `judgments`.
    OmittedLetters,
    /// A closing note on how the quote was changed: `(emphasis added)`, `(citation omitted)`.
    Parenthetical,
    /// Letters changed inside a word in brackets: `employ[ees]`, `[un]lawful`.
    InWord,
    /// A negation in brackets: `Moscow [never] supports`.
    AddedNegation,
}

impl Kind {
    /// The kind as JSON and findings name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ellipsis => "ellipsis",
            Kind::LeadingEllipsis => "leading-ellipsis",
            Kind::Case => "case",
            Kind::Sic => "sic",
            Kind::Bracket => "bracket",
            Kind::Parenthesis => "parenthesis",
            Kind::OmittedLetters => "omitted-letters",
            Kind::Parenthetical => "parenthetical",
            Kind::InWord => "in-word",
            Kind::AddedNegation => "added-negation",
        }
    }

    /// What the alteration does, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Ellipsis => "an ellipsis",
            Kind::LeadingEllipsis => "an ellipsis opening the quote",
            Kind::Case => "a letter's case changed in brackets",
            Kind::Sic => "a note that the original has the error",
            Kind::Bracket => "words in brackets",
            Kind::Parenthesis => "words in parentheses",
            Kind::OmittedLetters => "letters left out of a word",
            Kind::Parenthetical => "a note on the quote's changes",
            Kind::InWord => "letters changed inside a word",
            Kind::AddedNegation => "a negation in brackets",
        }
    }
}

/// What a profile says of one kind of alteration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Whether the profile allows it.
    pub allowed: bool,
    /// The guide's rule, and where it is stated.
    pub says: &'static str,
    /// How to write the quote instead, when it is not allowed.
    pub instead: &'static str,
}

impl Profile {
    /// The profile's name, as written in an outline.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Strict => "strict",
            Profile::Chicago => "chicago",
            Profile::Bluebook => "bluebook",
            Profile::Ap => "ap",
        }
    }

    /// What the profile says of `kind`.
    pub fn rule(self, kind: Kind) -> Rule {
        let yes = |says| Rule {
            allowed: true,
            says,
            instead: "",
        };
        let no = |says, instead| Rule {
            allowed: false,
            says,
            instead,
        };
        use Kind::*;
        use Profile::*;
        match (self, kind) {
            (_, AddedNegation) => no(
                "a negation in brackets makes the source say what it does not",
                "quote the source's own words, and put the negation outside the quotation marks",
            ),
            (_, InWord) => no(
                "letters changed inside a word cannot be checked against the source",
                "quote the word as the source has it, or bracket the whole word: `[employees]`",
            ),
            (Strict, _) => no(
                "`strict` allows no alteration: every character between the marks is the source's",
                "quote the source's words exactly, or choose a profile that allows it (`quoting: chicago`)",
            ),
            (Chicago, Ellipsis) => yes("Chicago 13.50–13.58: ellipsis points mark words left out"),
            (Chicago, LeadingEllipsis) => yes(
                "Chicago 13.50–13.58: ellipsis points, normally not before a quotation's first word",
            ),
            (Chicago, Case) => {
                yes("Chicago 13.16: a first letter whose case changed may be set in brackets")
            }
            (Chicago, Sic) => yes("Chicago 13.59–13.62: [sic] after an error in the original"),
            (Chicago, Bracket) => {
                yes("Chicago 13.59–13.62: words the writer adds or changes go in brackets")
            }
            (Chicago, Parenthesis) => no(
                "Chicago 13.59–13.62: words the writer adds go in brackets; parentheses in a quotation are the author's",
                "write the insertion in brackets: `[the minister]`",
            ),
            (Chicago, OmittedLetters) => no(
                "Chicago has no mark for letters left out of a word",
                "quote the whole word, or cut the quote before it",
            ),
            (Chicago, Parenthetical) => {
                yes("Chicago 13.59–13.62: (emphasis added) or (italics mine) after the quotation")
            }
            (Bluebook, Ellipsis) => yes("Bluebook 5.3: an ellipsis marks words left out"),
            (Bluebook, LeadingEllipsis) => no(
                "Bluebook 5.3(b): never begin a quotation with an ellipsis",
                "start the quote at the source's first quoted word, and leave the ellipsis out",
            ),
            (Bluebook, Case) => yes("Bluebook 5.2: a letter whose case changed goes in brackets"),
            (Bluebook, Sic) => {
                yes("Bluebook 5.2: [sic] after a significant mistake in the original")
            }
            (Bluebook, Bracket) => yes("Bluebook 5.2: substituted or added words go in brackets"),
            (Bluebook, Parenthesis) => no(
                "Bluebook 5.2: substituted words go in brackets",
                "write the insertion in brackets: `[the minister]`",
            ),
            (Bluebook, OmittedLetters) => {
                yes("Bluebook 5.2: empty brackets mark letters left out of a word: judgment[ ]")
            }
            (Bluebook, Parenthetical) => yes(
                "Bluebook 5.2, 5.3 and 1.5: (emphasis added), (citation omitted), (alteration in original) after the quotation",
            ),
            (Ap, Ellipsis) => yes("AP Stylebook, ellipsis: marks words left out"),
            (Ap, LeadingEllipsis) => yes("AP Stylebook, ellipsis: marks words left out"),
            (Ap, Parenthesis) => {
                yes("AP Stylebook, parentheses: an insertion in a quotation goes in parentheses")
            }
            (Ap, Case) => no(
                "AP Stylebook, brackets: AP does not use brackets in quotations",
                "start the quote where the source's sentence starts, or paraphrase the opening outside the quotation marks",
            ),
            (Ap, OmittedLetters) => no(
                "AP Stylebook, brackets: AP does not use brackets in quotations",
                "quote the whole word as the source has it",
            ),
            (Ap, Bracket) => no(
                "AP Stylebook, brackets: AP does not use brackets in quotations",
                "set an insertion in parentheses, `(the minister)`, or paraphrase outside the quotation marks",
            ),
            (Ap, Sic) => no(
                "AP Stylebook: AP does not mark errors with [sic] in quotations",
                "quote the source exactly, or paraphrase outside the quotation marks",
            ),
            (Ap, Parenthetical) => no(
                "AP Stylebook: AP adds no notes such as (emphasis added) to quotations",
                "leave the note out of the quote",
            ),
        }
    }
}

/// A family of quotation marks that prose is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteMark {
    /// Double marks: `"…"`, `“…”`, `„…“`, guillemets `«…»`, `‹…›` and corner brackets `「…」`.
    Double,
    /// Single marks: `‘…’` and `'…'`, told from apostrophes by where they stand.
    Single,
}

/// The marks read when an outline does not say: all of them.
pub const ALL_MARKS: [QuoteMark; 2] = [QuoteMark::Double, QuoteMark::Single];
