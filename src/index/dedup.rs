//! Near-duplicate detection: MinHash signatures of the normalised body's character shingles,
//! and an LSH table that finds, for a new article, the group of an earlier one with nearly
//! the same text (a press release republished with another lead line or signature).
//!
//! The signature is [`NUM_HASHES`] b-bit (8-bit) minimum hashes (one-permutation MinHash:
//! one hash per shingle, so signing costs a fraction of analysing); two bodies are copies when
//! at least [`MATCH_THRESHOLD`] of the hashes agree (an estimated Jaccard similarity of the
//! shingle sets of about 0.6: wire stories rewritten by another paper stay apart, a release
//! republished with another lead line or signature does not). Candidates come from
//! [`NUM_HASHES`]/2 bands of two hashes each.

use rustc_hash::FxHashMap;

/// Number of minimum hashes in a signature.
pub const NUM_HASHES: usize = 32;
/// Characters per shingle (letters and digits only, lower-cased).
pub const SHINGLE_CHARS: usize = 5;
/// Fewest shingles a body needs to be compared at all: shorter texts carry too little
/// evidence and are never grouped.
pub const MIN_SHINGLES: usize = 20;
/// Least number of agreeing hashes (of [`NUM_HASHES`]) for two bodies to be copies. With
/// 8-bit hashes, unequal minima still agree by chance one time in 256, so 19 of 32 means an
/// estimated Jaccard similarity of (19/32 − 1/256) / (1 − 1/256) ≈ 0.59.
pub const MATCH_THRESHOLD: usize = 19;

const ROWS_PER_BAND: usize = 2;
/// log2 of [`NUM_HASHES`]: the bits of a shingle hash that choose its bin.
const BIN_BITS: u32 = NUM_HASHES.trailing_zeros();

/// A MinHash signature of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; NUM_HASHES]);

impl Signature {
    /// The signature of `body`, or `None` when it has fewer than [`MIN_SHINGLES`] shingles.
    pub fn of(body: &str) -> Option<Signature> {
        // One-permutation MinHash: one hash per shingle (the last SHINGLE_CHARS characters,
        // read as they come), whose top bits pick one of NUM_HASHES bins and whose other bits
        // compete for that bin's minimum.
        let mut mins = [u64::MAX; NUM_HASHES];
        let mut window = [0u32; SHINGLE_CHARS];
        let mut chars = 0usize;
        normalise_into(body, &mut |c| {
            window.copy_within(1.., 0);
            window[SHINGLE_CHARS - 1] = u32::from(c);
            chars += 1;
            if chars < SHINGLE_CHARS {
                return;
            }
            let shingle = window.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &c| {
                (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            let h = mix(shingle);
            let bin = (h >> (64 - BIN_BITS)) as usize;
            let rest = h << BIN_BITS;
            if rest < mins[bin] {
                mins[bin] = rest;
            }
        });
        if chars < SHINGLE_CHARS + MIN_SHINGLES - 1 {
            return None;
        }
        // An empty bin borrows the minimum of the next non-empty one (rotation
        // densification), marked by the distance so borrowed values rarely agree by chance.
        let mut hashes = [0u8; NUM_HASHES];
        for (bin, hash) in hashes.iter_mut().enumerate() {
            let (distance, min) = (0..NUM_HASHES)
                .map(|d| (d, mins[(bin + d) % NUM_HASHES]))
                .find(|&(_, m)| m != u64::MAX)
                .unwrap_or((0, 0));
            // b-bit MinHash: 8 bits of each minimum (the lowest bits of `rest` are the
            // shifted-in zeros, so take them from above).
            *hash = (mix(min ^ distance as u64) >> 56) as u8;
        }
        Some(Signature(hashes))
    }

    /// Number of agreeing hashes.
    pub fn agreement(&self, other: &Signature) -> usize {
        self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count()
    }

    /// Whether the two bodies are (near-)copies of each other.
    pub fn matches(&self, other: &Signature) -> bool {
        self.agreement(other) >= MATCH_THRESHOLD
    }

    /// The signature as stored in the index.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Reads a stored signature; `None` unless `bytes` has exactly the right length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        bytes.try_into().ok().map(Signature)
    }

    fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.0
            .chunks_exact(ROWS_PER_BAND)
            .enumerate()
            .map(|(band, rows)| (band as u64) << 32 | u64::from(rows[0]) << 16 | u64::from(rows[1]))
    }
}

/// The body reduced to what copies share: lower-cased letters and digits, without spaces,
/// punctuation or symbols (so line breaks and quote styles do not matter), handed to `out`
/// character by character.
fn normalise_into(body: &str, out: &mut impl FnMut(char)) {
    for c in body.chars() {
        // Fast paths for what news text is made of: Hangul syllables and ASCII; general
        // punctuation (quotes, dashes, ellipses), never alphanumeric, skips the tables.
        if ('\u{ac00}'..='\u{d7a3}').contains(&c) || c.is_ascii_digit() {
            out(c);
        } else if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                out(c.to_ascii_lowercase());
            }
        } else if !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric() {
            c.to_lowercase().for_each(&mut *out);
        }
    }
}

/// splitmix64's finaliser: a well-mixed 64-bit hash of `x`.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What the index holds about one article, for deciding about the next.
#[derive(Debug, Clone, Copy)]
struct Entry {
    content_hash: u64,
    group: u64,
    signature: Option<Signature>,
    alive: bool,
}

/// What to do with an incoming article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The same URL is indexed with the same content: nothing to do.
    Unchanged,
    /// Write the article, in duplicate group `group`.
    Write {
        /// Duplicate group: an earlier copy's group, or the article's own id.
        group: u64,
        /// An older version of the same URL is indexed and must be deleted.
        replaces: bool,
        /// The article joined another article's group (a syndicated copy).
        grouped: bool,
    },
}

/// Every indexed article's content hash, group and signature, keyed by article id, with an
/// LSH table over the signatures.
#[derive(Debug, Default)]
pub struct DedupIndex {
    by_id: FxHashMap<u64, usize>,
    entries: Vec<Entry>,
    bands: FxHashMap<u64, Vec<u32>>,
}

impl DedupIndex {
    /// Number of articles known.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether no article is known.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Records an article already in the index.
    pub fn insert(&mut self, id: u64, content_hash: u64, group: u64, signature: Option<Signature>) {
        if let Some(&old) = self.by_id.get(&id) {
            self.entries[old].alive = false;
        }
        let slot = self.entries.len();
        self.entries.push(Entry {
            content_hash,
            group,
            signature,
            alive: true,
        });
        self.by_id.insert(id, slot);
        if let (Some(signature), Ok(slot)) = (signature, u32::try_from(slot)) {
            for key in signature.band_keys() {
                self.bands.entry(key).or_default().push(slot);
            }
        }
    }

    /// Decides about an incoming article and, unless it is unchanged, records it.
    pub fn decide(&mut self, id: u64, content_hash: u64, signature: Option<Signature>) -> Decision {
        let previous = self.by_id.get(&id).map(|&slot| self.entries[slot]);
        if previous.is_some_and(|entry| entry.content_hash == content_hash) {
            return Decision::Unchanged;
        }
        let earlier = signature.and_then(|signature| self.find_copy(id, &signature));
        let group = earlier.unwrap_or(id);
        self.insert(id, content_hash, group, signature);
        Decision::Write {
            group,
            replaces: previous.is_some(),
            grouped: earlier.is_some(),
        }
    }

    /// The group of the best-matching live copy of `signature` other than article `id`.
    fn find_copy(&self, id: u64, signature: &Signature) -> Option<u64> {
        let own = self.by_id.get(&id).copied();
        // (agreement, group): among equally good copies the smallest group wins, so the
        // choice does not depend on the order entries were loaded in (an index reopened after
        // an interrupted ingest lists its documents in segment order, not input order).
        let mut best: Option<(usize, u64)> = None;
        for key in signature.band_keys() {
            for &slot in self.bands.get(&key).into_iter().flatten() {
                let slot = slot as usize;
                let entry = &self.entries[slot];
                if !entry.alive || Some(slot) == own {
                    continue;
                }
                let Some(other) = &entry.signature else {
                    continue;
                };
                let agreement = signature.agreement(other);
                let better = best.is_none_or(|(score, group)| {
                    agreement > score || (agreement == score && entry.group < group)
                });
                if agreement >= MATCH_THRESHOLD && better {
                    best = Some((agreement, entry.group));
                }
            }
        }
        best.map(|(_, group)| group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_is_never_alphanumeric() {
        // What lets `normalise_into` skip the tables for it.
        assert!(('\u{2000}'..='\u{206f}').all(|c| !c.is_alphanumeric()));
    }

    const RELEASE: &str = "가온시는 오는 3월부터 관내 경로당 120곳에 공기청정기와 냉난방기를 새로 \
        설치하는 어르신 건강 쉼터 사업을 추진한다고 밝혔다. 시는 이번 사업에 시비 4억2천만 원을 \
        투입해 노후 설비를 교체하고, 겨울철 난방비 부담을 덜기 위해 경로당별 연료비 지원도 \
        월 15만 원에서 20만 원으로 늘린다. 아울러 보건소와 연계해 매달 한 차례 혈압과 혈당을 \
        재는 찾아가는 건강 상담실을 운영하고, 치매 예방 체조 강사를 파견한다. 시 관계자는 \
        어르신들이 가까운 곳에서 편안하게 여가를 보낼 수 있도록 시설을 꾸준히 개선하겠다고 말했다.";

    #[test]
    fn identical_bodies_agree_fully() {
        let a = Signature::of(RELEASE).unwrap();
        let b = Signature::of(&RELEASE.replace(' ', "  ")).unwrap();
        assert_eq!(a.agreement(&b), NUM_HASHES);
    }

    #[test]
    fn lead_line_and_signature_do_not_hide_a_copy() {
        let a = Signature::of(&format!("(가온=한빛일보) 김하늘 기자 = {RELEASE}")).unwrap();
        let b = Signature::of(&format!(
            "[동네뉴스 박솔 기자] {RELEASE}\n박솔 기자 sol@example.com"
        ))
        .unwrap();
        assert!(a.matches(&b), "agreement {}", a.agreement(&b));
    }

    #[test]
    fn different_releases_do_not_match() {
        let other = "나래군은 지역 농산물 직거래 장터를 매주 토요일 군청 광장에서 연다고 밝혔다. \
            장터에는 관내 농가 40여 곳이 참여해 제철 채소와 과일, 전통 장류를 시중보다 싸게 \
            판매하며, 군은 포장재와 천막을 무상으로 제공한다. 군 관계자는 생산자와 소비자가 \
            직접 만나는 장터를 통해 농가 소득을 높이고 먹거리 신뢰를 쌓겠다고 말했다.";
        let a = Signature::of(RELEASE).unwrap();
        let b = Signature::of(other).unwrap();
        assert!(!a.matches(&b), "agreement {}", a.agreement(&b));
    }

    #[test]
    fn normalising_keeps_letters_and_digits_lower_cased() {
        let mut kept = String::new();
        normalise_into("KTX·서울역 3번 출구, Ｅ마트!", &mut |c| {
            kept.push(c)
        });
        assert_eq!(kept, "ktx서울역3번출구ｅ마트");
    }

    #[test]
    fn short_bodies_have_no_signature() {
        assert!(Signature::of("짧은 본문").is_none());
        assert!(Signature::of("").is_none());
    }

    #[test]
    fn bytes_round_trip() {
        let a = Signature::of(RELEASE).unwrap();
        assert_eq!(Signature::from_bytes(a.as_bytes()), Some(a));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn decisions() {
        let mut index = DedupIndex::default();
        let sig = Signature::of(RELEASE);
        let copy = Signature::of(&format!("{RELEASE} 무단 전재 금지"));
        assert_eq!(
            index.decide(1, 10, sig),
            Decision::Write {
                group: 1,
                replaces: false,
                grouped: false
            }
        );
        assert_eq!(index.decide(1, 10, sig), Decision::Unchanged);
        assert_eq!(
            index.decide(2, 20, copy),
            Decision::Write {
                group: 1,
                replaces: false,
                grouped: true
            }
        );
        // A changed version of article 1 replaces it and keeps grouping with 2's group.
        assert_eq!(
            index.decide(1, 11, copy),
            Decision::Write {
                group: 1,
                replaces: true,
                grouped: true
            }
        );
        assert_eq!(
            index.decide(3, 30, None),
            Decision::Write {
                group: 3,
                replaces: false,
                grouped: false
            }
        );
        assert_eq!(index.len(), 3);
    }
}
