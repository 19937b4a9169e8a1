//! Which bytes of a stretch of text are of a kind, 64 at a time, as one bit each: passes
//! that look only where words start or end find those places with it, eight bytes at a time.

/// The high bit of every byte of a word of eight.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit `i` set where byte `from + i` of `bytes` is of the kind, for the 64 bytes from `from`
/// (none past the end). `eight` gives, for eight bytes read as one little-endian number,
/// the high bit of each byte of the kind and no other bit; `one` says the same of a single
/// byte, for the last few bytes of the text.
pub(crate) fn mask(
    bytes: &[u8],
    from: usize,
    eight: impl Fn(u64) -> u64,
    one: impl Fn(u8) -> bool,
) -> u64 {
    let Some(block) = bytes.get(from..from + 64) else {
        let rest = bytes.get(from..).unwrap_or_default();
        return (rest.iter().enumerate()).fold(0, |m, (i, &b)| m | (u64::from(one(b)) << i));
    };
    let mut mask = 0;
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // The eight high bits gathered into the top byte, in order.
        let bits = ((eight(x) & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * k);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_byte_gets_its_own_bit_in_full_blocks_and_in_the_last() {
        let text: Vec<u8> = (0..=255u8).cycle().take(300).collect();
        let odd_high = |x: u64| (x << 7) & HIGH;
        for from in [0, 64, 128, 256, 290, 300] {
            let expected = (text
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take(64)
                .enumerate())
            .fold(0u64, |m, (i, &b)| m | (u64::from(b & 1 == 1) << i));
            assert_eq!(
                mask(&text, from, odd_high, |b| b & 1 == 1),
                expected,
                "{from}"
            );
        }
    }
}
