//! The gazetteer: every region version of `dictionaries/regions.tsv` (시·도, 시·군·구) and
//! `dictionaries/regions-emd.tsv` (읍·면·동), with the indexes the resolver and the tagger look
//! names up in, the local-press table and the short forms that are also common words.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

use chrono::NaiveDate;

use super::error::RegionError;

/// Default gazetteer files (시·도 and 시·군·구, then 읍·면·동), relative to the project root.
pub const DEFAULT_GAZETTEER: [&str; 2] =
    ["dictionaries/regions.tsv", "dictionaries/regions-emd.tsv"];
/// Default local-press table, relative to the project root.
pub const DEFAULT_LOCAL_PRESS: &str = "dictionaries/local-press.tsv";
/// Default table of region forms that are also common words, relative to the project root.
pub const DEFAULT_HOMOGRAPHS: &str = "dictionaries/region-homographs.tsv";

const REGIONS_TSV: &str = include_str!("../../dictionaries/regions.tsv");
const EMD_TSV: &str = include_str!("../../dictionaries/regions-emd.tsv");
const LOCAL_PRESS_TSV: &str = include_str!("../../dictionaries/local-press.tsv");
const HOMOGRAPHS_TSV: &str = include_str!("../../dictionaries/region-homographs.tsv");
const REGION_COLUMNS: &str =
    "key\tcode\tname\tkind\tparent\tvalid_from\tvalid_to\tsuccessors\taliases";
const PRESS_COLUMNS: &str = "press\thome";
const HOMOGRAPH_COLUMNS: &str = "form\tmeaning";

/// Index of a region version in its [`Gazetteer`].
pub type RegionId = usize;

/// What sort of administrative unit a region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 특별시 (서울; 전남광주통합특별시).
    SpecialCity,
    /// 광역시.
    MetropolitanCity,
    /// 특별자치시 (세종).
    SpecialSelfGoverningCity,
    /// 도.
    Province,
    /// 특별자치도 (제주, 강원, 전북).
    SpecialSelfGoverningProvince,
    /// 시 (자치시).
    City,
    /// 군.
    County,
    /// 자치구.
    District,
    /// 일반구: a non-autonomous district of a large city.
    NonAutonomousDistrict,
    /// 행정시: Jeju's non-autonomous cities.
    AdministrativeCity,
    /// 읍: a town of a 군 or 시.
    Eup,
    /// 면: a rural township.
    Myeon,
    /// 동: an urban neighbourhood (행정동).
    Dong,
}

impl Kind {
    const ALL: [Kind; 13] = [
        Kind::SpecialCity,
        Kind::MetropolitanCity,
        Kind::SpecialSelfGoverningCity,
        Kind::Province,
        Kind::SpecialSelfGoverningProvince,
        Kind::City,
        Kind::County,
        Kind::District,
        Kind::NonAutonomousDistrict,
        Kind::AdministrativeCity,
        Kind::Eup,
        Kind::Myeon,
        Kind::Dong,
    ];

    /// The Korean term, as written in the data file (`광역시`, `일반구`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SpecialCity => "특별시",
            Kind::MetropolitanCity => "광역시",
            Kind::SpecialSelfGoverningCity => "특별자치시",
            Kind::Province => "도",
            Kind::SpecialSelfGoverningProvince => "특별자치도",
            Kind::City => "시",
            Kind::County => "군",
            Kind::District => "구",
            Kind::NonAutonomousDistrict => "일반구",
            Kind::AdministrativeCity => "행정시",
            Kind::Eup => "읍",
            Kind::Myeon => "면",
            Kind::Dong => "동",
        }
    }

    /// Parses the Korean term.
    pub fn parse(term: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == term)
    }

    /// Whether this is a 시·도 (광역자치단체) rather than a local unit.
    pub fn is_provincial(self) -> bool {
        matches!(
            self,
            Kind::SpecialCity
                | Kind::MetropolitanCity
                | Kind::SpecialSelfGoverningCity
                | Kind::Province
                | Kind::SpecialSelfGoverningProvince
        )
    }

    /// Whether this is a 읍, 면 or 동: a part of a 시·군·구, not a local government.
    pub fn is_sub_municipal(self) -> bool {
        matches!(self, Kind::Eup | Kind::Myeon | Kind::Dong)
    }
}

/// One version of a region: a name, kind and parent over a period of time.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Unique key of the row (`46230`, `43113@2014`, `~JG-46230`, `4611075700`).
    pub key: String,
    /// 5-digit 시군구 code (first five digits of the 법정동 code), when confirmed; the 10-digit
    /// 행정동 code of a 읍·면·동.
    pub code: Option<String>,
    /// Official name (`광양시`).
    pub name: String,
    /// Kind of unit.
    pub kind: Kind,
    /// The containing region version, if any.
    pub parent: Option<RegionId>,
    /// First day the version applies; `None` = before the archive horizon.
    pub valid_from: Option<NaiveDate>,
    /// Last day the version applies; `None` = still valid.
    pub valid_to: Option<NaiveDate>,
    /// Versions that took over the area when this one ended.
    pub successors: Vec<RegionId>,
    /// Versions this one took over the area of.
    pub predecessors: Vec<RegionId>,
    /// Short forms (`전남`, `광양`) and other spellings (`창신제1동`), not including the name.
    pub aliases: Vec<String>,
    /// Hierarchical facet path (`/전라남도/광양시`).
    pub path: String,
}

impl Region {
    /// Whether the version applies on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Validity as text: `2023-06-11~`, `~2023-06-10`, or empty when always valid.
    pub fn validity(&self) -> String {
        match (self.valid_from, self.valid_to) {
            (None, None) => String::new(),
            (from, to) => format!(
                "{}~{}",
                from.map(|d| d.to_string()).unwrap_or_default(),
                to.map(|d| d.to_string()).unwrap_or_default()
            ),
        }
    }
}

/// A set of characters, Hangul syllables as bits.
#[derive(Debug, Clone)]
struct FirstChars {
    syllables: Vec<u64>,
    others: Vec<char>,
}

impl FirstChars {
    fn new(chars: impl Iterator<Item = char>) -> Self {
        let mut set = Self {
            syllables: vec![0; HANGUL_SYLLABLES.div_ceil(64)],
            others: Vec::new(),
        };
        for c in chars {
            match syllable_index(c) {
                Some(i) => set.syllables[i / 64] |= 1 << (i % 64),
                None => set.others.push(c),
            }
        }
        set.others.sort_unstable();
        set.others.dedup();
        set
    }

    fn contains(&self, c: char) -> bool {
        match syllable_index(c) {
            Some(i) => self.syllables[i / 64] & (1 << (i % 64)) != 0,
            None => self.others.binary_search(&c).is_ok(),
        }
    }
}

/// Hangul syllables, U+AC00 to U+D7A3.
const HANGUL_SYLLABLES: usize = 11_172;

/// Two Hangul syllables as one number, or `None` when either is not one.
fn syllable_pair(first: char, second: char) -> Option<u32> {
    let (a, b) = (syllable_index(first)?, syllable_index(second)?);
    u32::try_from(a * HANGUL_SYLLABLES + b).ok()
}

fn syllable_index(c: char) -> Option<usize> {
    let index = (c as usize).checked_sub(0xac00)?;
    (index < HANGUL_SYLLABLES).then_some(index)
}

/// The dated gazetteer of Korea's regions, with the local-press table and the forms that are
/// also common words.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    regions: Vec<Region>,
    forms: FxHashMap<String, Vec<RegionId>>,
    /// Every form and every start of one, cut at characters (`광`, `광양`, `광양시`).
    form_starts: FxHashSet<String>,
    /// The first characters of the forms, tested before a start is looked up.
    first_chars: FirstChars,
    /// The first two syllables of the forms (as [`syllable_pair`]s), tested next.
    first_pairs: FxHashSet<u32>,
    press_homes: HashMap<String, Option<RegionId>>,
    /// Short forms that are also common words (`예산` budget, `경기` game).
    homographs: FxHashSet<String>,
    /// Searchers for the last characters of the official names of 시·도 and 시·군·구 (`시`,
    /// `군`, `구`, `도`).
    name_endings: Vec<memchr::memmem::Finder<'static>>,
    /// Bytes of the longest form.
    longest_form: usize,
}

impl Gazetteer {
    /// The gazetteer of [`DEFAULT_GAZETTEER`], [`DEFAULT_LOCAL_PRESS`] and
    /// [`DEFAULT_HOMOGRAPHS`] as built into the program.
    pub fn load_default() -> Result<Gazetteer, RegionError> {
        Gazetteer::parse(
            &[("regions.tsv", REGIONS_TSV), ("regions-emd.tsv", EMD_TSV)],
            LOCAL_PRESS_TSV,
            HOMOGRAPHS_TSV,
        )
    }

    /// The names of the built-in 시·도, 시·군·구, 일반구 and 행정시 (every version), read
    /// without building the rest of the gazetteer: the place nouns the analyzer adds.
    pub fn municipal_names() -> Result<BTreeSet<&'static str>, RegionError> {
        Ok(table(REGIONS_TSV, "regions.tsv", REGION_COLUMNS)?
            .into_iter()
            .map(|(_, fields)| fields[2])
            .collect())
    }

    /// Reads region tables (later ones may name rows of earlier ones as parents), a
    /// local-press table and a homograph table from files.
    pub fn load(
        regions: &[&Path],
        local_press: &Path,
        homographs: &Path,
    ) -> Result<Gazetteer, RegionError> {
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|source| RegionError::Io {
                path: path.to_path_buf(),
                source,
            })
        };
        let texts = regions
            .iter()
            .map(|path| Ok((path.display().to_string(), read(path)?)))
            .collect::<Result<Vec<_>, RegionError>>()?;
        let tables: Vec<(&str, &str)> = texts
            .iter()
            .map(|(file, text)| (file.as_str(), text.as_str()))
            .collect();
        Gazetteer::parse(&tables, &read(local_press)?, &read(homographs)?)
    }

    /// Parses region tables `(file name, text)`, a local-press table and a homograph table.
    pub fn parse(
        region_tables: &[(&str, &str)],
        local_press_tsv: &str,
        homographs_tsv: &str,
    ) -> Result<Gazetteer, RegionError> {
        let mut rows = Vec::new();
        for (file, text) in region_tables {
            rows.extend(
                table(text, file, REGION_COLUMNS)?
                    .into_iter()
                    .map(|(line, fields)| (*file, line, fields)),
            );
        }
        let keys: HashMap<&str, RegionId> = rows
            .iter()
            .enumerate()
            .map(|(id, (_, _, fields))| (fields[0], id))
            .collect();
        let mut regions = Vec::with_capacity(rows.len());
        for (file, line, f) in &rows {
            let err = |reason: String| RegionError::Parse {
                file: file.to_string(),
                line: *line,
                reason,
            };
            let lookup = |key: &str| {
                keys.get(key)
                    .copied()
                    .ok_or_else(|| err(format!("unknown key {key}")))
            };
            let date = |text: Option<&str>| {
                text.map(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
                    .transpose()
                    .map_err(|e| err(format!("bad date: {e}")))
            };
            let kind = Kind::parse(f[3]).ok_or_else(|| err(format!("unknown kind {}", f[3])))?;
            regions.push(Region {
                key: f[0].to_string(),
                code: optional(f[1]).map(str::to_string),
                name: f[2].to_string(),
                kind,
                parent: optional(f[4]).map(lookup).transpose()?,
                valid_from: date(optional(f[5]))?,
                valid_to: date(optional(f[6]))?,
                successors: list(f[7]).map(lookup).collect::<Result<_, _>>()?,
                predecessors: Vec::new(),
                aliases: list(f[8]).map(str::to_string).collect(),
                path: String::new(),
            });
        }
        if keys.len() != regions.len() {
            return Err(RegionError::Parse {
                file: region_tables
                    .iter()
                    .map(|(file, _)| *file)
                    .collect::<Vec<_>>()
                    .join(", "),
                line: 0,
                reason: "duplicate keys".into(),
            });
        }
        for id in 0..regions.len() {
            regions[id].path = path_of(&regions, id).ok_or_else(|| RegionError::Parse {
                file: rows[id].0.to_string(),
                line: rows[id].1,
                reason: "parent chain loops".into(),
            })?;
            for s in regions[id].successors.clone() {
                regions[s].predecessors.push(id);
            }
        }
        let mut forms: FxHashMap<String, Vec<RegionId>> = FxHashMap::default();
        for (id, region) in regions.iter().enumerate() {
            for form in forms_of(region) {
                let ids = forms.entry(form).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let mut press_homes = HashMap::new();
        for (line, f) in table(local_press_tsv, "local-press.tsv", PRESS_COLUMNS)? {
            let home = match optional(f[1]) {
                None => None,
                Some(key) => Some(keys.get(key).copied().ok_or_else(|| RegionError::Parse {
                    file: "local-press.tsv".into(),
                    line,
                    reason: format!("unknown region key {key}"),
                })?),
            };
            press_homes.insert(f[0].to_string(), home);
        }
        let homographs = table(homographs_tsv, "region-homographs.tsv", HOMOGRAPH_COLUMNS)?
            .into_iter()
            .map(|(_, f)| f[0].to_string())
            .collect();
        let mut name_endings: Vec<char> = regions
            .iter()
            .filter(|r| !r.kind.is_sub_municipal())
            .filter_map(|r| r.name.chars().next_back())
            .collect();
        name_endings.sort_unstable();
        name_endings.dedup();
        let name_endings = name_endings
            .iter()
            .map(|c| {
                memchr::memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned()
            })
            .collect();
        let longest_form = forms.keys().map(String::len).max().unwrap_or(0);
        let form_starts = forms
            .keys()
            .flat_map(|form| {
                form.char_indices()
                    .map(|(i, c)| form[..i + c.len_utf8()].to_string())
            })
            .collect();
        let first_chars = FirstChars::new(forms.keys().filter_map(|form| form.chars().next()));
        let first_pairs = forms
            .keys()
            .filter_map(|form| {
                let mut chars = form.chars();
                syllable_pair(chars.next()?, chars.next()?)
            })
            .collect();
        Ok(Gazetteer {
            regions,
            forms,
            form_starts,
            first_chars,
            first_pairs,
            press_homes,
            homographs,
            name_endings,
            longest_form,
        })
    }

    /// Every region version, in file order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The region version with this id.
    ///
    /// Ids come from this gazetteer; an id from another one may panic.
    pub fn region(&self, id: RegionId) -> &Region {
        &self.regions[id]
    }

    /// Region versions written `form`: a name, an alias or a short form (`광양`).
    pub fn by_form(&self, form: &str) -> &[RegionId] {
        self.forms.get(form).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether `text` is a form or the start of one: a cheap test before building a longer
    /// candidate.
    pub fn starts_a_form(&self, text: &str) -> bool {
        let mut chars = text.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !self.first_chars.contains(first) {
            return false;
        }
        let Some(second) = chars.next() else {
            return true;
        };
        if let Some(pair) = syllable_pair(first, second) {
            if !self.first_pairs.contains(&pair) {
                return false;
            }
            if chars.next().is_none() {
                return true;
            }
        }
        self.form_starts.contains(text)
    }

    /// Where in `text` a character stands that ends the official name of some 시·도 or
    /// 시·군·구, as byte ranges in no particular order: those names can end only there.
    pub fn name_endings_in<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
        self.name_endings.iter().flat_map(move |finder| {
            let width = finder.needle().len();
            finder
                .find_iter(text.as_bytes())
                .map(move |at| at..at + width)
        })
    }

    /// Bytes of the longest form.
    pub fn longest_form(&self) -> usize {
        self.longest_form
    }

    /// Whether `form` is the official name of one of the regions it denotes (`나주시`,
    /// `하당동`, `창신제1동`), not a short form (`나주`).
    pub fn is_official_name(&self, form: &str) -> bool {
        self.by_form(form).iter().any(|&r| {
            let region = &self.regions[r];
            region.name == form
                || (region.kind.is_sub_municipal() && region.aliases.iter().any(|a| a == form))
        })
    }

    /// Whether `form` is also a common word (`예산` budget, `경기` game): a mention of it is
    /// a place only when the article names that place otherwise.
    pub fn is_homograph(&self, form: &str) -> bool {
        self.homographs.contains(form)
    }

    /// The nearest region above or at `id` that is not a 읍·면·동: the 시·군·구 (or 일반구,
    /// 행정시, 세종) a 읍·면·동 belongs to, `id` itself otherwise.
    pub fn municipality_of(&self, id: RegionId) -> RegionId {
        self.ancestors_or_self(id)
            .find(|&r| !self.regions[r].kind.is_sub_municipal())
            .unwrap_or(id)
    }

    /// The home region of a local press; `None` for unknown press and for national press.
    pub fn press_home(&self, press: &str) -> Option<RegionId> {
        self.press_homes.get(press.trim()).copied().flatten()
    }

    /// `id` and its ancestors, nearest first.
    pub fn ancestors_or_self(&self, id: RegionId) -> impl Iterator<Item = RegionId> + '_ {
        std::iter::successors(Some(id), |&r| self.regions[r].parent)
    }

    /// Display name with the 시·도 (and 시) above it: `서울특별시 중구`, `경상북도 포항시 남구`.
    pub fn display_name(&self, id: RegionId) -> String {
        let mut names: Vec<&str> = self
            .ancestors_or_self(id)
            .map(|r| self.regions[r].name.as_str())
            .collect();
        names.reverse();
        names.join(" ")
    }
}

/// The data lines of a tab-separated table, after its header: `(line number, fields)`.
fn table<'a>(
    text: &'a str,
    file: &str,
    header: &str,
) -> Result<Vec<(usize, Vec<&'a str>)>, RegionError> {
    let columns = header.split('\t').count();
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let err = |line: usize, reason: String| RegionError::Parse {
        file: file.to_string(),
        line,
        reason,
    };
    match lines.next() {
        Some((_, first)) if first == header => {}
        Some((line, _)) => return Err(err(line, format!("expected the header `{header}`"))),
        None => return Err(err(0, "empty file".into())),
    }
    lines
        .map(|(line, l)| {
            let fields: Vec<&str> = l.split('\t').map(str::trim).collect();
            if fields.len() == columns {
                Ok((line, fields))
            } else {
                Err(err(
                    line,
                    format!("{} fields, expected {columns}", fields.len()),
                ))
            }
        })
        .collect()
}

fn optional(field: &str) -> Option<&str> {
    Some(field).filter(|f| !f.is_empty() && *f != "-")
}

fn list(field: &str) -> impl Iterator<Item = &str> {
    optional(field)
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The facet path of `id`, or `None` when the parent chain loops.
fn path_of(regions: &[Region], id: RegionId) -> Option<String> {
    let mut names = Vec::new();
    let mut current = Some(id);
    while let Some(r) = current {
        if names.len() > regions.len() {
            return None;
        }
        names.push(regions[r].name.as_str());
        current = regions[r].parent;
    }
    Some(names.iter().rev().fold(String::new(), |p, n| p + "/" + n))
}

/// Every way `region` is written: its name, aliases and, for 시·군, the name without the
/// suffix when two syllables or more remain (`광양시` → `광양`; `구리` too, so the tagger relies
/// on the part of speech to tell the city from the common noun).
fn forms_of(region: &Region) -> Vec<String> {
    let mut forms = vec![region.name.clone()];
    forms.extend(region.aliases.iter().cloned());
    if matches!(
        region.kind,
        Kind::City | Kind::County | Kind::AdministrativeCity
    ) {
        let stem = region.name.trim_end_matches(['시', '군']);
        if stem.chars().count() >= 2 {
            forms.push(stem.to_string());
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_gazetteer_has_226_local_governments_in_2024() {
        let g = Gazetteer::load_default().unwrap();
        let day = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        let valid = |kinds: &[Kind]| {
            g.regions()
                .iter()
                .filter(|r| r.valid_on(day) && kinds.contains(&r.kind))
                .count()
        };
        assert_eq!(valid(&[Kind::City, Kind::County, Kind::District]), 226);
        assert_eq!(
            g.regions()
                .iter()
                .filter(|r| r.valid_on(day) && r.kind.is_provincial())
                .count(),
            17
        );
    }

    #[test]
    fn paths_follow_the_parent_of_each_version() {
        let g = Gazetteer::load_default().unwrap();
        let paths: Vec<&str> = g
            .by_form("광양")
            .iter()
            .map(|&r| g.region(r).path.as_str())
            .collect();
        assert_eq!(paths, ["/전라남도/광양시", "/전남광주통합특별시/광양시"]);
        let jangan = g.by_form("장안구")[0];
        assert_eq!(g.region(jangan).path, "/경기도/수원시/장안구");
        assert_eq!(g.display_name(jangan), "경기도 수원시 장안구");
    }

    #[test]
    fn sub_municipal_rows_sit_below_their_municipality() {
        let g = Gazetteer::load_default().unwrap();
        let day = NaiveDate::from_ymd_opt(2024, 8, 1).unwrap();
        let in_force = g
            .regions()
            .iter()
            .filter(|r| r.valid_on(day) && r.kind.is_sub_municipal())
            .count();
        assert_eq!(in_force, 3_559, "the 행정동 of KIKcd_H 20240801");
        let paths = |form: &str| -> Vec<&str> {
            g.by_form(form)
                .iter()
                .map(|&r| g.region(r).path.as_str())
                .collect()
        };
        assert_eq!(
            paths("하당동"),
            [
                "/전라남도/목포시/하당동",
                "/전남광주통합특별시/목포시/하당동"
            ]
        );
        assert_eq!(paths("창신제1동"), paths("창신1동"));
        assert_eq!(
            paths("종로1.2.3.4가동"),
            ["/서울특별시/종로구/종로1·2·3·4가동"]
        );
        assert_eq!(paths("파장동"), ["/경기도/수원시/장안구/파장동"]);
        let hadang = g.by_form("하당동")[0];
        assert_eq!(g.municipality_of(hadang), g.by_form("목포시")[0]);
        assert_eq!(g.region(hadang).kind, Kind::Dong);
        assert!(g.is_official_name("창신제1동") && !g.is_official_name("목포"));
        let geumsu = g.by_form("금수면")[0];
        assert_eq!(
            g.region(g.region(geumsu).successors[0]).name,
            "금수강산면",
            "a rename is a succession"
        );
        assert!(g.regions().iter().all(|r| {
            !r.kind.is_sub_municipal()
                || r.parent
                    .is_some_and(|p| !g.region(p).kind.is_sub_municipal())
        }));
    }

    #[test]
    fn short_forms_and_press_homes() {
        let g = Gazetteer::load_default().unwrap();
        assert!(!g.by_form("전남").is_empty());
        assert!(g.by_form("중").is_empty());
        assert_eq!(g.by_form("광주").len(), 2, "광주광역시 and 경기도 광주시");
        let home = g.press_home("광양신문").unwrap();
        assert_eq!(g.region(home).name, "광양시");
        assert_eq!(g.press_home("뉴스스텝"), None);
    }

    #[test]
    fn malformed_data_is_an_error_with_its_line() {
        let bad = format!("# c\n{REGION_COLUMNS}\na\t-\t가시\t시\tnowhere\t-\t-\t-\t-\n");
        let parse =
            |text: &str| Gazetteer::parse(&[("t.tsv", text)], PRESS_COLUMNS, HOMOGRAPH_COLUMNS);
        let err = parse(&bad).unwrap_err().to_string();
        assert!(
            err.contains("t.tsv, line 3") && err.contains("nowhere"),
            "{err}"
        );
        let bad = format!("{REGION_COLUMNS}\na\t-\t가시\t마을\t-\t-\t-\t-\t-\n");
        assert!(parse(&bad).is_err());
        let bad = format!("{REGION_COLUMNS}\na\t-\t가시\t시\t-\t2020-13-01\t-\t-\t-\n");
        assert!(parse(&bad).is_err());
        assert!(parse("").is_err());
        let looped = format!(
            "{REGION_COLUMNS}\na\t-\t가시\t시\tb\t-\t-\t-\t-\nb\t-\t나시\t시\ta\t-\t-\t-\t-\n"
        );
        assert!(parse(&looped).is_err());
    }
}
