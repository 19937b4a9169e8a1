//! Source ids that could pass for other ids on screen: ids holding characters a reader cannot
//! see, and ids mixing scripts (a Cyrillic `е` in a Latin `memo`), through
//! `unicode-security`. Ids that look like another source of the folder (UTS #39 confusables)
//! are refused by [`crate::sources::lookalike`].
//!
//! A citation names its source by id, and a reviewer reads the id, not its code points: two
//! ids that look alike would let a quote be checked against a file other than the one the
//! reviewer thinks. Nothing here reads files; it only judges names.

use unicode_security::{MixedScript, skeleton};

use crate::text::visible::{is_hidden, visible};

/// Why `id` cannot name a source although it is a file name: a message and a help line, or
/// `None` for an id a reader sees as it is.
pub(crate) fn problem(id: &str) -> Option<(String, &'static str)> {
    // Printable ASCII shows on screen and is of one script (Latin and common marks): most ids
    // are judged here, before any table is looked up.
    if id.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    if id.chars().any(invisible) {
        let message = format!(
            "source id `{}` holds characters that do not show on screen",
            visible(id)
        );
        return Some((
            message,
            "write the id without them, and rename the source file to match",
        ));
    }
    if !id.is_single_script() {
        let message = format!(
            "source id `{}` mixes scripts, so it can pass for another id",
            spelled(id)
        );
        return Some((
            message,
            "write the id in one script (`memo`, not `m<U+0435>mo`), and rename the source file to match",
        ));
    }
    None
}

/// Whether `c` does not show on screen: a [hidden](is_hidden) character, or one that Unicode
/// says to ignore when displayed (its skeleton is empty).
fn invisible(c: char) -> bool {
    is_hidden(c) || skeleton(c.encode_utf8(&mut [0; 4])).next().is_none()
}

/// `id` with every character outside ASCII written as `<U+XXXX>`, so that two ids that look
/// alike are told apart in a message.
pub(crate) fn spelled(id: &str) -> String {
    id.chars()
        .map(|c| match c {
            ' '..='~' => c.to_string(),
            c => format!("<U+{:04X}>", c as u32),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_as_written_pass() {
        for id in [
            "memo",
            "tass-2024",
            "Étude 3",
            "протокол-2",
            "東京の報告",
            "memo.v2",
        ] {
            assert_eq!(problem(id), None, "{id}");
        }
    }

    #[test]
    fn hidden_characters_and_mixed_scripts_are_refused() {
        for id in [
            "me\u{200b}mo",
            "me\u{200d}mo",
            "me\u{2060}mo",
            "\u{feff}memo",
            "me\u{202e}mo",
            "me\u{1d173}mo",
        ] {
            let (message, _) = problem(id).expect(id);
            assert!(message.contains("do not show"), "{message}");
        }
        let (message, _) = problem("m\u{435}mo").expect("mixed");
        assert!(message.contains("m<U+0435>mo"), "{message}");
    }

    #[test]
    fn lookalikes_share_a_skeleton() {
        let latin: String = skeleton("memo").collect();
        let cyrillic: String = skeleton("m\u{435}mo").collect();
        assert_eq!(latin, cyrillic);
        let other: String = skeleton("memo-2").collect();
        assert_ne!(latin, other);
    }
}
