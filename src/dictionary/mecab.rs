//! Readers for MeCab's *compiled* dictionary files (`sys.dic`, `unk.dic`, `matrix.bin`,
//! `char.bin`) that turn them back into the text sources lindera's builder reads
//! (`*.csv`, `unk.def`, `matrix.def`, `char.def`).
//!
//! Every reader works on a byte slice and checks each offset before it reads, so a truncated
//! or foreign file is an error, never a panic.

use std::fmt::Write as _;

use super::DictionaryError;

/// One lexicon entry: surface form, context ids, cost and the comma-joined feature string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconEntry {
    /// Surface form (for `unk.dic`, the character category name).
    pub surface: String,
    /// Left context id.
    pub left_id: u16,
    /// Right context id.
    pub right_id: u16,
    /// Word cost.
    pub cost: i16,
    /// Feature fields as MeCab stores them, comma-separated (`NNP,지명,T,광양,*,*,*,*`).
    pub feature: String,
}

impl LexiconEntry {
    /// The entry as one line of a mecab-ko-dic source CSV; a surface holding a comma or a
    /// quote is quoted.
    pub fn to_csv_line(&self) -> String {
        let surface = if self.surface.contains([',', '"']) {
            format!("\"{}\"", self.surface.replace('"', "\"\""))
        } else {
            self.surface.clone()
        };
        format!(
            "{surface},{},{},{},{}",
            self.left_id, self.right_id, self.cost, self.feature
        )
    }
}

const DIC_HEADER_LEN: usize = 40 + 32;
const TOKEN_LEN: usize = 16;

/// A little-endian cursor over a byte slice that reports truncation as an error.
struct Bytes<'a> {
    data: &'a [u8],
    what: &'static str,
}

impl<'a> Bytes<'a> {
    fn slice(&self, start: usize, len: usize) -> Result<&'a [u8], DictionaryError> {
        start
            .checked_add(len)
            .and_then(|end| self.data.get(start..end))
            .ok_or_else(|| DictionaryError::Format {
                file: self.what.to_string(),
                reason: format!("truncated: needs bytes {start}..{}", start + len),
            })
    }

    fn u32(&self, at: usize) -> Result<u32, DictionaryError> {
        let b = self.slice(at, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn i32(&self, at: usize) -> Result<i32, DictionaryError> {
        Ok(self.u32(at)? as i32)
    }

    fn u16(&self, at: usize) -> Result<u16, DictionaryError> {
        let b = self.slice(at, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn format_error(&self, reason: impl Into<String>) -> DictionaryError {
        DictionaryError::Format {
            file: self.what.to_string(),
            reason: reason.into(),
        }
    }
}

/// Reads every entry of a compiled lexicon (`sys.dic` or `unk.dic`).
///
/// The file is a 40-byte header of ten `u32` (magic, version, type, lexsize, lsize, rsize,
/// dsize, tsize, fsize, 0), a 32-byte charset name, a Darts double array, the token table
/// and the feature strings. Entries come out in trie order (byte order of the surfaces).
pub fn read_lexicon(data: &[u8], what: &'static str) -> Result<Vec<LexiconEntry>, DictionaryError> {
    let bytes = Bytes { data, what };
    let lexsize = bytes.u32(12)? as usize;
    let dsize = bytes.u32(24)? as usize;
    let tsize = bytes.u32(28)? as usize;
    let fsize = bytes.u32(32)? as usize;
    let charset = bytes.slice(40, 32)?;
    let charset = String::from_utf8_lossy(charset.split(|&b| b == 0).next().unwrap_or_default());
    if !charset.eq_ignore_ascii_case("utf-8") && !charset.eq_ignore_ascii_case("utf8") {
        return Err(bytes.format_error(format!("charset is {charset:?}, only UTF-8 is supported")));
    }
    let darts = bytes.slice(DIC_HEADER_LEN, dsize)?;
    let tokens = bytes.slice(DIC_HEADER_LEN + dsize, tsize)?;
    let features = bytes.slice(DIC_HEADER_LEN + dsize + tsize, fsize)?;
    let trie = DoubleArray {
        units: Bytes { data: darts, what },
    };
    let tokens = Bytes { data: tokens, what };

    let mut entries = Vec::with_capacity(lexsize);
    let mut surface = Vec::new();
    let root = trie.base(0)?;
    trie.walk(root, &mut surface, &mut |key, value| {
        let key = std::str::from_utf8(key)
            .map_err(|_| bytes.format_error("a surface is not valid UTF-8"))?;
        let first = (value >> 8) as usize;
        let count = (value & 0xff) as usize;
        for index in first..first + count {
            let at = index * TOKEN_LEN;
            let offset = tokens.u32(at + 8)? as usize;
            let feature = features
                .get(offset..)
                .and_then(|rest| rest.split(|&b| b == 0).next())
                .ok_or_else(|| bytes.format_error("feature offset out of range"))?;
            entries.push(LexiconEntry {
                surface: key.to_string(),
                left_id: tokens.u16(at)?,
                right_id: tokens.u16(at + 2)?,
                cost: tokens.u16(at + 6)? as i16,
                feature: String::from_utf8(feature.to_vec())
                    .map_err(|_| bytes.format_error("a feature string is not valid UTF-8"))?,
            });
        }
        Ok(())
    })?;
    if entries.len() != lexsize {
        return Err(bytes.format_error(format!(
            "header announces {lexsize} entries, the trie holds {}",
            entries.len()
        )));
    }
    Ok(entries)
}

/// Receives each key of the trie with its packed value.
type KeySink<'s> = dyn FnMut(&[u8], u32) -> Result<(), DictionaryError> + 's;

/// The Darts double array of a MeCab lexicon: units of `i32` base and `u32` check.
struct DoubleArray<'a> {
    units: Bytes<'a>,
}

impl DoubleArray<'_> {
    fn len(&self) -> usize {
        self.units.data.len() / 8
    }

    fn base(&self, node: usize) -> Result<i32, DictionaryError> {
        self.units.i32(node * 8)
    }

    fn check(&self, node: usize) -> Result<u32, DictionaryError> {
        self.units.u32(node * 8 + 4)
    }

    /// Depth-first walk from node `b`, calling `emit(key, value)` for every stored key.
    fn walk(
        &self,
        b: i32,
        key: &mut Vec<u8>,
        emit: &mut KeySink<'_>,
    ) -> Result<(), DictionaryError> {
        if b <= 0 || key.len() > 4096 {
            return Ok(());
        }
        let b = b as usize;
        if b < self.len() && self.check(b)? as usize == b {
            let base = self.base(b)?;
            if base < 0 {
                emit(key, (-base - 1) as u32)?;
            }
        }
        // Children by byte c sit at b + 1 + c; read their units in one window.
        let first = b + 1;
        let last = (b + 257).min(self.len());
        let window = self
            .units
            .data
            .get(first * 8..last.max(first) * 8)
            .unwrap_or_default();
        for (c, unit) in (0u8..=255).zip(window.chunks_exact(8)) {
            let check = u32::from_le_bytes([unit[4], unit[5], unit[6], unit[7]]);
            if check as usize == b {
                let base = i32::from_le_bytes([unit[0], unit[1], unit[2], unit[3]]);
                key.push(c);
                self.walk(base, key, emit)?;
                key.pop();
            }
        }
        Ok(())
    }
}

/// Converts `matrix.bin` (u16 lsize, u16 rsize, then `i16` costs at `[l + lsize * r]`) into
/// the text of `matrix.def`.
pub fn matrix_to_def(data: &[u8]) -> Result<String, DictionaryError> {
    let bytes = Bytes {
        data,
        what: "matrix.bin",
    };
    let lsize = bytes.u16(0)? as usize;
    let rsize = bytes.u16(2)? as usize;
    let costs = bytes.slice(4, lsize * rsize * 2)?;
    let mut out = String::with_capacity(lsize * rsize * 12);
    let _ = writeln!(out, "{lsize} {rsize}");
    for l in 0..lsize {
        for r in 0..rsize {
            let at = (l + lsize * r) * 2;
            let cost = i16::from_le_bytes([costs[at], costs[at + 1]]);
            let _ = writeln!(out, "{l} {r} {cost}");
        }
    }
    Ok(out)
}

/// Converts `char.bin` into the text of `char.def`.
///
/// `char.bin` holds a `u32` category count, 32-byte category names, then one `u32` per
/// UCS-2 code point with the bit fields type:18 (category set), default_type:8, length:4,
/// group:1, invoke:1. Each category's invoke/group/length is read from a code point whose
/// default category it is; consecutive code points with the same categories become one range.
pub fn char_to_def(data: &[u8]) -> Result<String, DictionaryError> {
    let bytes = Bytes {
        data,
        what: "char.bin",
    };
    let count = bytes.u32(0)? as usize;
    if count == 0 || count > 18 {
        return Err(bytes.format_error(format!("{count} character categories (expected 1..=18)")));
    }
    let names = (0..count)
        .map(|i| {
            let raw = bytes.slice(4 + 32 * i, 32)?;
            let name = raw.split(|&b| b == 0).next().unwrap_or_default();
            Ok(String::from_utf8_lossy(name).into_owned())
        })
        .collect::<Result<Vec<_>, DictionaryError>>()?;
    let table_at = 4 + 32 * count;
    let info = |code: usize| bytes.u32(table_at + code * 4);

    // invoke, group, length per category, from a code point whose default it is.
    let mut category_flags: Vec<Option<(u32, u32, u32)>> = vec![None; count];
    for code in 0..0xFFFF {
        let v = info(code)?;
        let default = ((v >> 18) & 0xff) as usize;
        if default < count && category_flags[default].is_none() {
            category_flags[default] = Some(((v >> 31) & 1, (v >> 30) & 1, (v >> 26) & 0xf));
        }
    }

    let mut out = String::new();
    for (name, flags) in names.iter().zip(&category_flags) {
        let (invoke, group, length) = flags.unwrap_or((0, 1, 0));
        let _ = writeln!(out, "{name} {invoke} {group} {length}");
    }
    let describe = |v: u32| {
        let types = v & 0x3ffff;
        let default = ((v >> 18) & 0xff) as usize;
        let mut cats = vec![default];
        cats.extend((0..count).filter(|&i| i != default && types & (1 << i) != 0));
        cats
    };
    let mut start = 0usize;
    while start < 0xFFFF {
        let cats = describe(info(start)?);
        let mut end = start;
        while end + 1 < 0xFFFF && describe(info(end + 1)?) == cats {
            end += 1;
        }
        if cats != [0] {
            let names: Vec<&str> = cats
                .iter()
                .filter_map(|&i| names.get(i).map(String::as_str))
                .collect();
            let _ = writeln!(out, "0x{start:04X}..0x{end:04X} {}", names.join(" "));
        }
        start = end + 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_line_quotes_a_comma_surface() {
        let entry = LexiconEntry {
            surface: ",".into(),
            left_id: 1,
            right_id: 2,
            cost: -3,
            feature: "SC,*,*,*,*,*,*,*".into(),
        };
        assert_eq!(entry.to_csv_line(), "\",\",1,2,-3,SC,*,*,*,*,*,*,*");
    }

    #[test]
    fn truncated_lexicon_is_an_error_not_a_panic() {
        let err = read_lexicon(&[0u8; 20], "sys.dic").unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
    }

    #[test]
    fn matrix_round_trips_to_text() {
        // 2x2 matrix: cost(l, r) stored at l + 2 * r.
        let mut data = vec![2, 0, 2, 0];
        for cost in [10i16, 20, -30, 40] {
            data.extend_from_slice(&cost.to_le_bytes());
        }
        let def = matrix_to_def(&data).unwrap();
        assert_eq!(def, "2 2\n0 0 10\n0 1 -30\n1 0 20\n1 1 40\n");
    }
}
