//! The signals that tie an article to a region, their weights, and how they are reported.
//!
//! Each sighting of a name scores for the municipality it denotes (a 읍·면·동 scores for its
//! 시·군·구) by its signal's weight, up to the signal's cap of sightings per municipality;
//! docs/regions.md gives the table and how it was tuned.

use super::gazetteer::{Gazetteer, RegionId};

/// Where a region was seen, strongest signal first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// The dateline (`(춘천=연합뉴스)` → `춘천`).
    Dateline,
    /// The headline, a name or an organisation named after a region.
    Title,
    /// The names the headline opens with (`나주시, …`, `담양군 창평면-순창군 인계면`): what
    /// the headline is about when it names several places.
    Opening,
    /// The subject of the lead sentence (`고흥군(군수 …)은`, `나주문화재단이`) or the names it
    /// opens with (`순천시 남제동 행정복지센터는`).
    Lead,
    /// The subject of a later sentence.
    Subject,
    /// An organisation or place named after the region, in the body (`고흥군지회`).
    Organisation,
    /// A 읍·면·동 named in the body (`하당동 행정복지센터에`): a sign of local news about its
    /// 시·군·구.
    Locality,
    /// Any other mention in the body.
    Body,
    /// The body that issued a press release.
    Issuer,
    /// The home region of a local press.
    PressHome,
}

impl Signal {
    /// Score a municipality gets from one sighting of this signal.
    pub fn weight(self) -> u32 {
        match self {
            Signal::Dateline => 16,
            Signal::Title => 5,
            Signal::Opening => 1,
            Signal::Lead => 4,
            Signal::Subject => 2,
            Signal::Organisation => 1,
            Signal::Locality => 2,
            Signal::Body => 1,
            Signal::Issuer => 3,
            Signal::PressHome => 2,
        }
    }

    /// Sightings of this signal that score for one municipality at most: repeated mentions
    /// count, a long list of them no more than a headline.
    pub fn cap(self) -> u32 {
        match self {
            Signal::Subject | Signal::Organisation | Signal::Locality => 2,
            Signal::Body => 4,
            _ => 1,
        }
    }

    /// Label used in evidence lines.
    pub fn label(self) -> &'static str {
        match self {
            Signal::Dateline => "dateline",
            Signal::Title => "title",
            Signal::Opening => "opening",
            Signal::Lead => "lead",
            Signal::Subject => "subject",
            Signal::Organisation => "organisation",
            Signal::Locality => "locality",
            Signal::Body => "body",
            Signal::Issuer => "issuer",
            Signal::PressHome => "press",
        }
    }

    /// Whether the signal says what the article is about rather than what it mentions:
    /// dateline, title or lead.
    pub fn is_headline(self) -> bool {
        matches!(
            self,
            Signal::Dateline | Signal::Title | Signal::Opening | Signal::Lead
        )
    }

    /// Whether the signal is a mention in the article's text (as opposed to metadata about
    /// who published it).
    pub fn is_mention(self) -> bool {
        !matches!(self, Signal::Issuer | Signal::PressHome)
    }
}

/// How an ambiguous name was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The name had one candidate.
    Unique,
    /// The name right before it names the containing region (`서울 중구`, `경기 광주`).
    Adjacent,
    /// Another region of the article contains (or is) exactly one candidate.
    CoMention,
    /// The press's home region contains exactly one candidate.
    PressHome,
    /// The candidates are nested (`제주`: the province and its city): the outer one is taken.
    Outermost,
}

impl Decision {
    fn note(self) -> Option<&'static str> {
        match self {
            Decision::Unique => None,
            Decision::Adjacent => Some("by the preceding name"),
            Decision::CoMention => Some("by co-mention"),
            Decision::PressHome => Some("by press home"),
            Decision::Outermost => Some("nested candidates, outer one"),
        }
    }
}

/// One line of evidence: a signal, what was written, what it was taken to mean and what it
/// scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The signal.
    pub signal: Signal,
    /// What was written (`광양시`, `광양신문`).
    pub form: String,
    /// How many times.
    pub count: u32,
    /// The region it denotes, or every candidate when left unresolved.
    pub outcome: Result<(RegionId, Decision), Vec<RegionId>>,
    /// What it added to its municipality's score (0 once the signal's cap is reached).
    pub weight: u32,
}

impl Evidence {
    /// `title 광양시 → /전라남도/광양시 +5`, `body 중구 ×2 → unresolved: 서울특별시 중구, …`.
    pub fn describe(&self, gazetteer: &Gazetteer) -> String {
        let times = if self.count > 1 {
            format!(" ×{}", self.count)
        } else {
            String::new()
        };
        let meaning = match &self.outcome {
            Ok((region, decision)) => {
                let path = &gazetteer.region(*region).path;
                match decision.note() {
                    Some(note) => format!("{path} (ambiguous, {note}) +{}", self.weight),
                    None => format!("{path} +{}", self.weight),
                }
            }
            Err(candidates) => format!(
                "unresolved: {}",
                candidates
                    .iter()
                    .map(|&r| gazetteer.display_name(r))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        format!("{} {}{times} → {meaning}", self.signal.label(), self.form)
    }
}
