//! Properties of the quoting conventions: no bracket, note, ellipsis or quotation-mark rule
//! ever verifies a quote whose words outside its marks are not verbatim in the source, and
//! every quote whose words are verbatim is verified whatever marks it carries.

use proptest::prelude::*;
use report::matching::alteration::readings;
use report::outline::inline::{Marked, quotations};
use report::outline::quoting::{ALL_MARKS, Profile};

/// Words of the sources: lowercase, so that a case change in brackets is the writer's.
const WORDS: [&str; 12] = [
    "the", "court", "held", "that", "statute", "was", "void", "minister", "said", "ban", "of",
    "talks",
];

/// A word in no source.
const ABSENT: &str = "zzqx";

/// Marks a writer puts between two words of a quote.
#[derive(Debug, Clone)]
enum Mark {
    Nothing,
    /// Words added in brackets.
    Insertion(Vec<&'static str>),
    Sic,
    Ellipsis(&'static str),
}

fn mark() -> impl Strategy<Value = Mark> {
    prop_oneof![
        4 => Just(Mark::Nothing),
        1 => proptest::collection::vec(proptest::sample::select(&WORDS[..]), 1..4)
            .prop_map(Mark::Insertion),
        1 => Just(Mark::Sic),
        1 => proptest::sample::select(&["...", "…", "[...]", ". . ."][..]).prop_map(Mark::Ellipsis),
    ]
}

/// A source of sentences, a passage of it (by word index), a mark after each of its words,
/// whether the quote opens with a bracketed capital, ends with a note, and which word (if
/// any) is replaced by one the source lacks.
#[allow(clippy::type_complexity)]
fn quote_case() -> impl Strategy<
    Value = (
        Vec<&'static str>,
        usize,
        usize,
        Vec<Mark>,
        bool,
        bool,
        Option<usize>,
    ),
> {
    proptest::collection::vec(proptest::sample::select(&WORDS[..]), 8..40).prop_flat_map(|source| {
        let n = source.len();
        (Just(source), 0..n - 3).prop_flat_map(move |(source, start)| {
            let len = (3..=(n - start).min(9)).boxed();
            (Just(source), Just(start), len).prop_flat_map(|(source, start, len)| {
                (
                    Just(source),
                    Just(start),
                    Just(len),
                    proptest::collection::vec(mark(), len),
                    any::<bool>(),
                    any::<bool>(),
                    proptest::option::of(0..len),
                )
            })
        })
    })
}

/// The quote: the passage's words (one replaced by [`ABSENT`] if `absent`), each followed by
/// its mark; a bracketed capital first if `capital`; `(emphasis added)` last if `note`.
fn write(
    words: &[&str],
    marks: &[Mark],
    capital: bool,
    note: bool,
    absent: Option<usize>,
) -> String {
    let mut quote = String::new();
    for (i, (word, mark)) in words.iter().zip(marks).enumerate() {
        let word = if absent == Some(i) { ABSENT } else { word };
        if i == 0 && capital {
            let mut chars = word.chars();
            let first = chars.next().unwrap().to_uppercase();
            quote.push_str(&format!("[{first}]{}", chars.as_str()));
        } else {
            quote.push_str(word);
        }
        if i + 1 == words.len() {
            break;
        }
        match mark {
            Mark::Nothing => quote.push(' '),
            Mark::Insertion(w) => quote.push_str(&format!(" [{}] ", w.join(" "))),
            Mark::Sic => quote.push_str(" [sic] "),
            Mark::Ellipsis(e) => quote.push_str(&format!(" {e} ")),
        }
    }
    if note {
        quote.push_str(" (emphasis added)");
    }
    quote
}

/// Whether some reading of `quote` that `profile` allows holds in `source`.
fn verified(quote: &str, source: &str, profile: Profile) -> bool {
    readings(quote, profile).is_ok_and(|all| {
        all.iter()
            .filter(|r| r.refused.is_none())
            .any(|r| r.fragments.find_in(source).is_ok())
    })
}

/// A bracket never stands for a negation when its next part is too common for its places to
/// be kept, and the search walks the text: not where the source runs a word on through what
/// prints as nothing (`no\u{200B}ble not`), nor past a long run of apostrophes (`\'\'\'not`).
/// The same bracket standing for a word that is none still holds there.
#[test]
fn a_bracket_never_stands_for_a_negation_beside_a_part_too_common_to_keep() {
    let common = "go ".repeat(22_000);
    let quotes = "'".repeat(8_000);
    let refused = [
        (
            format!("He said no\u{200B}ble not go {common}"),
            "He said no [now] go".to_owned(),
        ),
        (
            format!("He did {quotes}not go {common}"),
            format!("He did {quotes} [now] go"),
        ),
    ];
    for (source, quote) in refused {
        assert!(!verified(&quote, &source, Profile::Chicago), "{quote:.40}");
    }
    let source = format!("He said no less go {common}");
    assert!(verified("He said no [now] go", &source, Profile::Chicago));
}

/// A negation hidden behind marks is still one: a bracket beside `\'-not` or `\u{200B}_not`
/// (a hyphen, an underscore or a point after no letter joins nothing), an ellipsis past a
/// dozen runs that hold no word (`\u{200B}`, `–`, `*`), a full-width decimal point (`３．５`)
/// taken for a sentence end. The same marks beside words that are none still hold.
#[test]
fn no_mark_stands_for_a_negation_hidden_behind_marks_or_a_decimal_point() {
    let padded = |pad: &str| format!("He did {}not {}agree.\n", pad.repeat(12), pad.repeat(12));
    let refused = [
        ("He did '-not' agree.\n".to_owned(), "He did [now] agree."),
        (
            "He did \u{200B}_not_ agree.\n".to_owned(),
            "He did [now] agree.",
        ),
        (
            "He did \u{2019}-not agree.\n".to_owned(),
            "He did [now] agree.",
        ),
        (
            "He did \u{AD}-never agree.\n".to_owned(),
            "He did [now] agree.",
        ),
        (
            "He did \u{2060}.no agree.\n".to_owned(),
            "He did [now] agree.",
        ),
        (
            "Er hat \u{200B}-nicht zugestimmt.\n".to_owned(),
            "Er hat [nun] zugestimmt.",
        ),
        (padded("\u{200B} "), "He did ... agree."),
        (padded("\u{2013} "), "He did ... agree."),
        (padded("* "), "He did ... agree."),
        (
            "The drug, at ３．５ mg, did not, at ４．５ mg, cure it.\n".to_owned(),
            "The drug ... cure it.",
        ),
        (
            "该药在３．５毫克时不能在４．５毫克时治愈。\n".to_owned(),
            "该药…治愈。",
        ),
    ];
    for (source, quote) in &refused {
        assert!(
            !verified(quote, source, Profile::Chicago),
            "{quote} in {source:?}"
        );
    }
    let held = [
        ("He did x-ray agree.\n", "He did [now] agree."),
        (
            "He did \u{200B} * \u{2013} \u{200B} well agree.\n",
            "He did ... agree.",
        ),
        (
            "The drug, at ３．５ mg, did, at ４．５ mg, cure it.\n",
            "The drug ... cure it.",
        ),
    ];
    for (source, quote) in held {
        assert!(
            verified(quote, source, Profile::Chicago),
            "{quote} in {source:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_500, failure_persistence: None, ..ProptestConfig::default() })]

    /// A quote one of whose words outside its marks is in no source is never verified, under
    /// any profile; the same quote with the source's word is verified under `chicago` and
    /// `bluebook`, whatever brackets, `[sic]`, ellipses and notes it carries.
    #[test]
    fn marks_never_verify_words_the_source_lacks(
        (source, start, len, marks, capital, note, absent) in quote_case()
    ) {
        let text = source.join(" ");
        let words = &source[start..start + len];
        for profile in [Profile::Strict, Profile::Chicago, Profile::Bluebook, Profile::Ap] {
            let quote = write(words, &marks, capital, note, absent.or(Some(len / 2)));
            prop_assert!(!verified(&quote, &text, profile), "{quote:?} in {text:?} ({profile:?})");
        }
        let quote = write(words, &marks, capital, note, None);
        // Ellipses that leave parts of one word are refused, and rightly (`ellipsis-stitches`).
        let stitched = readings(&quote, Profile::Chicago)
            .is_ok_and(|r| r.last().is_some_and(|r| r.refused.is_some()));
        prop_assume!(!stitched);
        prop_assert!(verified(&quote, &text, Profile::Chicago), "{quote:?} in {text:?}");
        prop_assert!(verified(&quote, &text, Profile::Bluebook), "{quote:?} in {text:?}");
        // AP takes ellipses, but no brackets and no notes.
        let bracketed = capital || note
            || marks[..len - 1].iter().any(|m| matches!(m, Mark::Insertion(_) | Mark::Sic));
        prop_assert_eq!(verified(&quote, &text, Profile::Ap), !bracketed, "{:?}", quote);
    }
}

/// Words inside a single-quoted quotation: some with apostrophes inside, one a plural's
/// possessive; the last never ends in `s`, so that where the quotation ends is certain.
const INSIDE: [&str; 8] = [
    "grave",
    "it’s",
    "Kremlin’s",
    "Hamas’",
    "don’t",
    "concerns",
    "attack",
    "won’t",
];

/// Words around a quotation, apostrophes and possessives among them.
const AROUND: [&str; 6] = ["the", "Kremlin’s", "Hamas’", "attack", "it’s", "about"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_500, failure_persistence: None, ..ProptestConfig::default() })]

    /// A quotation in single curly marks amid apostrophes and possessives is found whole:
    /// none of its words is left unchecked, and no apostrophe around it opens another.
    #[test]
    fn single_quotations_are_found_whole_amid_apostrophes(
        before in proptest::collection::vec(proptest::sample::select(&AROUND[..]), 0..5),
        inside in proptest::collection::vec(proptest::sample::select(&INSIDE[..]), 0..5),
        last in proptest::sample::select(&["said", "grave", "plan", "it"][..]),
        punctuation in proptest::sample::select(&["", ",", "."][..]),
        after in proptest::collection::vec(proptest::sample::select(&AROUND[..]), 0..5),
    ) {
        let mut words: Vec<&str> = inside.clone();
        words.push(last);
        let quoted = format!("{}{punctuation}", words.join(" "));
        let text = format!("{} ‘{quoted}’ {}", before.join(" "), after.join(" "));
        let found: Vec<String> = quotations(&text, &ALL_MARKS)
            .into_iter()
            .map(|m| match m {
                Marked::Quote(q) => text[q.words].to_owned(),
                Marked::Unclosed(r) => format!("unclosed {}", &text[r]),
            })
            .collect();
        prop_assert_eq!(found, vec![quoted], "{}", text);
    }
}

/// What a source hides from a quote's reader is read as the reader would: a hyphen at a
/// line's end joins the word on the next line, what prints as nothing parts no letters, a
/// title's full stop ends no sentence, an accent written apart, a footnote's number, a
/// look-alike capital or a direction override leaves a negation a negation, a layout's long
/// run of spaces or of soft hyphens hides none, and a number keeps its decimal point, its
/// fraction, its range and its subscript. Each quote below verified before; the held ones
/// show what still holds beside them.
#[test]
fn no_quote_verifies_past_a_negation_or_a_word_the_source_hides() {
    let spaces = |n: usize| " ".repeat(n);
    let refused: Vec<(String, &str)> = vec![
        ("Hamas released Russian-\nIsraeli dual nationals.\n".into(), "Israeli dual nationals."),
        ("Hamas released Russian-\nIsraeli dual nationals.\n".into(), "Hamas released Russian"),
        ("The annexation was un-\nlawful under the treaty.\n".into(), "lawful under the treaty."),
        ("It was in-\r\n   consistent with the law.\n".into(), "consistent with the law."),
        ("The army has, Maj. Gen. Igor Konashenkov said, never in the region struck civilian targets.\n".into(), "The army has ... struck civilian targets."),
        ("The drug cures cancer, Pres. Biden said, in no patient at all. It is safe.\n".into(), "The drug cures cancer. ... It is safe."),
        ("Das ist, z. B. laut Bericht, nicht der Fall gewesen. Gut.\n".into(), "Das ist ... der Fall gewesen."),
        ("A Ru\u{301}ssia na\u{303}o apoia o Hamas.\n".into(), "A Ru\u{301}ssia ... apoia o Hamas."),
        ("A Ru\u{301}ssia na\u{303}o apoia o Hamas.\n".into(), "apoia o Hamas."),
        ("Russia has not1 designated Hamas as a terrorist organization.\n".into(), "Russia has ... designated Hamas as a terrorist organization."),
        ("The drug cures nothing12 in children.\n".into(), "The drug cures"),
        ("Russia has n\u{2063}ot designated Hamas.\n".into(), "Russia has [now] designated Hamas."),
        ("Russia has n\u{2063}ot designated Hamas.\n".into(), "designated Hamas."),
        ("Russia has n\u{fe0f}ot designated Hamas.\n".into(), "designated Hamas."),
        ("Russia has n\u{e0041}ot designated Hamas.\n".into(), "designated Hamas."),
        ("The deal was un\u{200b}lawful under the treaty.\n".into(), "lawful under the treaty."),
        ("The cure is use\u{200b}less for adults.\n".into(), "The cure is use"),
        (format!("Russia has not{}designated Hamas.\n", spaces(260)), "designated Hamas."),
        (format!("The drug cures{}nothing at all.\n", spaces(250)), "The drug cures"),
        (format!("Russia has n{}ot designated Hamas.\n", "\u{ad}".repeat(127)), "designated Hamas."),
        ("Russia has NO\u{422} designated Hamas.\n".into(), "designated Hamas."),
        ("Russia has \u{39d}\u{39f}\u{3a4} designated Hamas.\n".into(), "designated Hamas."),
        ("He didn\u{201b}t agree.\n".into(), "agree."),
        ("Russia has \u{202e}ton\u{202c} designated Hamas.\n".into(), "designated Hamas."),
        ("Russia has \u{202e}ton\u{202c} designated Hamas.\n".into(), "Russia has ... designated Hamas."),
        ("Mortality fell by 1\u{b7}5 per cent.\n".into(), "Mortality fell by 1"),
        ("Mortality fell by 0\u{b7}5 per cent.\n".into(), "5 per cent."),
        ("Rates rose by 1 1/2 points.\n".into(), "Rates rose by 1"),
        ("Rates rose by 1 \u{bd} points.\n".into(), "Rates rose by 1"),
        ("It was \u{2011}5 degrees.\n".into(), "5 degrees."),
        ("It was \u{2212}\n5 degrees.\n".into(), "5 degrees."),
        ("It took 3\u{2215}4 of the time.\n".into(), "It took 3"),
        ("Vote was 6\u{2236}4 in favour.\n".into(), "Vote was 6"),
        ("We must cut CO\u{2082} now.\n".into(), "We must cut CO"),
        ("Prices rose 5\u{2013}6 per cent.\n".into(), "Prices rose 5"),
        ("Prices rose 5 \u{2013} 6 per cent.\n".into(), "Prices rose 5"),
        ("Prices rose 5 \u{2013} 6 per cent.\n".into(), "6 per cent."),
        ("Prices rose 5\u{2014}6 per cent.\n".into(), "Prices rose 5"),
        ("Mortality fell by 1\u{22c5}5 per cent.\n".into(), "Mortality fell by 1"),
        ("It costs 10\u{d7}10\u{b3} dollars.\n".into(), "It costs 10"),
        ("He didn\u{201a}t agree.\n".into(), "agree."),
        ("Die Regierung handelte ohne Zustimmung des Parlaments.\n".into(), "Zustimmung des Parlaments."),
        ("Le texte fut voté sans débat.\n".into(), "Le texte fut voté ... débat."),
        ("Russia has nev-\ner designated Hamas.\n".into(), "Russia has [now] designated Hamas."),
        ("Russia has nev-\ner designated Hamas.\n".into(), "Russia has ... designated Hamas."),
        ("Russia has no-\nt designated Hamas.\n".into(), "designated Hamas."),
        ("The drug cures noth-\ning in children.\n".into(), "The drug cures"),
        ("The drug has nev-\ner, its maker said, cured anyone.\n".into(), "The drug has ... cured anyone."),
        ("Russia has nev\u{ad}\ner designated Hamas.\n".into(), "designated Hamas."),
        ("The launch was not (in short) a success.\n".into(), "a success."),
        ("Russia has not [citation needed] designated Hamas.\n".into(), "designated Hamas."),
        ("The launch was not (truly) a success.\n".into(), "a success."),
        ("Russia has not [sic] designated Hamas.\n".into(), "designated Hamas."),
        ("Russia has not . . . designated Hamas.\n".into(), "designated Hamas."),
        ("Russia has not. . . designated Hamas.\n".into(), "designated Hamas."),
        ("The annexation was un-\u{200b}\nlawful under the treaty.\n".into(), "lawful under the treaty."),
        ("The annexation was un-\n\u{200b}lawful under the treaty.\n".into(), "lawful under the treaty."),
        ("The annexation was un-\n\rlawful under the treaty.\n".into(), "lawful under the treaty."),
        ("The annexation was un\u{ad}\nlawful under the treaty.\n".into(), "lawful under the treaty."),
        (format!("The annexation was un-\n{}lawful under the treaty.\n", spaces(300)), "lawful under the treaty."),
        ("Russia does not <b>support Hamas</b> at all.\n".into(), "support Hamas"),
        ("Russia has not <sup>1</sup> designated Hamas.\n".into(), "designated Hamas."),
        ("The drug cures _nothing_ at all.\n".into(), "The drug cures"),
        ("Russia has not \u{3164} designated Hamas.\n".into(), "designated Hamas."),
        ("Russia has \u{202e}ton\u{202c} designated Hamas.\n".into(), "Russia has"),
        ("Die Regierung hat, so der Minister am 3. Oktober, nicht, so der Kanzler am 5. November, die Sanktionen aufgehoben.\n".into(), "Die Regierung hat ... die Sanktionen aufgehoben."),
        ("The statute was, 9th Cir. 1999, not, 2d Cir. 2020, unconstitutional.\n".into(), "The statute was ... unconstitutional."),
    ];
    for (source, quote) in &refused {
        assert!(
            !verified(quote, source, Profile::Chicago),
            "{quote} in {source:?}"
        );
    }
    let held: Vec<(String, &str)> = vec![
        (
            "Hamas released Russian-Israeli dual nationals.\n".into(),
            "Hamas released Russian-Israeli dual nationals.",
        ),
        (
            "Hamas released Russian- and Chinese-made arms.\n".into(),
            "and Chinese-made arms.",
        ),
        (
            "A word that is anti-\n\nwar protesters gathered.\n".into(),
            "A word that is anti-",
        ),
        (
            "The army has, Gen. Igor said, struck targets.\n".into(),
            "The army has ... struck targets.",
        ),
        ("A Ru\u{301}ssia apoia o Hamas.\n".into(), "apoia o Hamas."),
        (
            "Russia has now designated Hamas.\n".into(),
            "designated Hamas.",
        ),
        (
            format!("Russia has{}designated Hamas.\n", spaces(300)),
            "designated Hamas.",
        ),
        (
            "He spoke on Iran. Later he agreed.\n".into(),
            "He spoke on Iran. ... he agreed.",
        ),
        ("Rates rose by 1. Then 2 more.\n".into(), "Rates rose by 1."),
        (
            "He said \u{201c}stop.\u{201d} Nothing happened.\n".into(),
            "He said \u{201c}stop.\u{201d}",
        ),
        (
            "It was a well-\nknown fact.\n".into(),
            "It was a well- known fact.",
        ),
        (
            "The launch was (in short) a success.\n".into(),
            "a success.",
        ),
        (
            "\u{e20}\u{e32}\u{e29}\u{e32}\u{200b}\u{e44}\u{e17}\u{e22} ok\n".into(),
            "\u{e44}\u{e17}\u{e22}",
        ),
    ];
    for (source, quote) in &held {
        assert!(
            verified(quote, source, Profile::Chicago),
            "{quote} in {source:?}"
        );
    }
}

/// A quote may not leave out what turns its own sentence around: an ellipsis at either end
/// leaves out the rest of the sentence as one between two parts does; a negation stands
/// before the quote past adverbs and auxiliary verbs (`no longer`, `has not been`); German and
/// Dutch end a clause with theirs; `hardly`, `scarcely`, `kaum` and `except` negate; three
/// dots keep within one sentence (a sentence's end takes four, or its own `?` or `!`);
/// struck-through words are no source's words; `blame[ ]` never stands for `blameless`. Each
/// quote below verified before; the held ones show what still holds beside them.
#[test]
fn no_quote_leaves_out_what_turns_its_sentence_around() {
    let refused: Vec<(&str, &str)> = vec![
        (
            "It is not true that the minister supported Hamas.\n",
            "... that the minister supported Hamas",
        ),
        (
            "At no time did the minister support Hamas.\n",
            "... did the minister support Hamas",
        ),
        (
            "We will pay the ransom under no circumstances.\n",
            "We will pay the ransom ...",
        ),
        ("Russia no longer supports Hamas.\n", "supports Hamas."),
        (
            "He is not even a supporter of Hamas.\n",
            "a supporter of Hamas.",
        ),
        (
            "Russia has not been supporting Hamas.\n",
            "supporting Hamas.",
        ),
        (
            "I don't, and never will, support Hamas.\n",
            "support Hamas.",
        ),
        (
            "Russland unterstützt die Hamas seit Jahren nicht.\n",
            "Russland unterstützt die Hamas",
        ),
        (
            "Rusland steunt Hamas al jaren niet.\n",
            "Rusland steunt Hamas",
        ),
        (
            "The minister hardly supports Hamas.\n",
            "The minister ... supports Hamas.",
        ),
        ("The minister scarcely supports Hamas.\n", "supports Hamas."),
        (
            "Russland unterstützt die Hamas kaum.\n",
            "Russland unterstützt die Hamas",
        ),
        (
            "Russia armed everyone except Hamas.\n",
            "Russia armed ... Hamas.",
        ),
        (
            "The court cleared Smith. Jones was convicted.\n",
            "The court cleared ... Jones",
        ),
        (
            "Smith was convicted. The court cleared Jones.\n",
            "Smith was ... cleared Jones.",
        ),
        (
            "Russia armed Hamas, critics say. That is not true. Russia armed Iran.\n",
            "Russia armed Hamas ... Russia armed Iran.",
        ),
        ("The defendant is blameless.\n", "The defendant is blame[ ]"),
        (
            "He was blameless throughout the investigation.\n",
            "He was blame[ ] throughout the investigation.",
        ),
        (
            "Russland unterstützt die Hamas auch weiterhin nicht.\n",
            "Russland unterstützt die Hamas",
        ),
    ];
    for (source, quote) in &refused {
        assert!(
            !verified(quote, source, profile_of(quote)),
            "{quote} in {source:?}"
        );
    }
    let held: Vec<(&str, &str)> = vec![
        (
            "Russia supports Hamas. It does not support Iran.\n",
            "... supports Hamas.",
        ),
        (
            "Critics say Russia supports Hamas, not Iran.\n",
            "... Russia supports Hamas",
        ),
        (
            "Russia has been supporting Hamas for years.\n",
            "supporting Hamas for years.",
        ),
        (
            "It was not clear, but Russia has been supporting Hamas.\n",
            "supporting Hamas.",
        ),
        (
            "Iran not only funds Hamas but has also been arming it.\n",
            "arming it.",
        ),
        (
            "Russland unterstützt die Hamas, nicht den Iran.\n",
            "Russland unterstützt die Hamas",
        ),
        (
            "Russland unterstützt die Hamas und nicht den Iran.\n",
            "Russland unterstützt die Hamas",
        ),
        (
            "The court, after long hearings in the capital, cleared Jones.\n",
            "The court ... cleared Jones.",
        ),
        (
            "The court cleared Smith. Jones was convicted.\n",
            "The court cleared Smith. ... Jones was convicted.",
        ),
        (
            "Did it cause problems later? Have you picked a name? Do you have questions?\n",
            "Did it cause problems later? ... Do you have questions?",
        ),
        ("The defendant is blamed.\n", "The defendant is blame[ ]"),
        (
            "The plant produces approx. 5 tonnes a day for the army.\n",
            "The plant produces ... for the army.",
        ),
        (
            "Apple Inc. said on Monday that profits rose.\n",
            "Apple ... said on Monday that profits rose.",
        ),
        (
            "She asked \"why?\" and then he left the room.\n",
            "She asked ... and then he left the room.",
        ),
        (
            "他说政府支持这个计划。我们明天开会。会议很重要。\n",
            "他说政府支持这个计划。…会议很重要。",
        ),
        (
            "He said \"We will win.\" Then he left. She stayed.\n",
            "He said \"We will win.\" ... She stayed.",
        ),
        (
            "Russland unterstützt die Hamas seit Jahren nicht nur mit Geld.\n",
            "Russland unterstützt die Hamas",
        ),
        (
            "Russland unterstützt die Hamas so stark wie nie zuvor.\n",
            "Russland unterstützt die Hamas",
        ),
        (
            "Russia supports Hamas according to Nie and others.\n",
            "Russia supports Hamas",
        ),
        (
            "Whether a processor is affected or not can be read out from sysfs.\n",
            "read out from sysfs.",
        ),
    ];
    for (source, quote) in &held {
        assert!(
            verified(quote, source, profile_of(quote)),
            "{quote} in {source:?}"
        );
    }
}

/// The profile a quote of [`no_quote_leaves_out_what_turns_its_sentence_around`] is read in:
/// Bluebook where it leaves letters out (`blame[ ]`), else the default.
fn profile_of(quote: &str) -> Profile {
    match quote.contains("[ ]") {
        true => Profile::Bluebook,
        false => Profile::Chicago,
    }
}
