//! Reading text files: UTF-8 only, a leading byte-order mark dropped.

use std::path::Path;

use crate::error::Error;

/// The byte-order mark a UTF-8 file may open with: no part of its text.
pub(crate) const BOM: &[u8] = b"\xef\xbb\xbf";

/// The text of `bytes`, read from `path`, without a leading byte-order mark; an error naming
/// the line and column of the first byte that is not UTF-8.
pub(crate) fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, Error> {
    let bom = bytes.starts_with(BOM);
    if bom {
        bytes.drain(..BOM.len());
    }
    // Validated with SIMD (several times std's speed on a large source); only a text that
    // fails is validated again by std, for the place of its first bad byte.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just validated every byte of `bytes` as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    let skipped = if bom { BOM.len() } else { 0 };
    String::from_utf8(bytes)
        .map_err(|e| Error::not_utf8(path, e.as_bytes(), skipped, e.utf8_error()))
}

/// Whether YAML `text` holds nothing but blank lines and comments.
pub(crate) fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim_start();
        l.is_empty() || l.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_a_byte_order_mark_and_places_a_bad_byte_after_it() {
        let path = Path::new("x.txt");
        assert_eq!(decode(path, b"\xef\xbb\xbfabc".to_vec()).unwrap(), "abc");
        let err = decode(path, b"\xef\xbb\xbftitle: T\xe9".to_vec()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.txt:1:9: not UTF-8 text (byte 0xe9"),
            "{err}"
        );
        // The offset counts the file's bytes, the mark's three among them.
        assert!(matches!(err, Error::NotUtf8 { offset: 11, .. }), "{err:?}");
        let err = decode(path, b"title: T\xe9".to_vec()).unwrap_err();
        assert!(matches!(err, Error::NotUtf8 { offset: 8, .. }), "{err:?}");
    }
}
