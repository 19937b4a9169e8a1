//! Short forms for messages: a quote cut to about sixty characters, a count with thousands
//! separated.

/// `words` in curly quotes for a message, shortened to about 60 characters.
pub(crate) fn excerpt(words: &str) -> String {
    let flat = super::whitespace::collapse(words);
    match flat.char_indices().nth(60) {
        Some((cut, _)) => format!("“{}…”", &flat[..cut]),
        None => format!("“{flat}”"),
    }
}

/// `n` with a comma between thousands: `2,000`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
