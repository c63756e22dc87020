//! The signals that tie an article to a region, their weights, and how they are reported.

use super::gazetteer::{Gazetteer, RegionId};

/// Where a region was seen, strongest signal first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// The dateline (`(춘천=연합뉴스)` → `춘천`).
    Dateline,
    /// The headline.
    Title,
    /// The subject of the lead sentence (`고흥군(군수 …)은`).
    Lead,
    /// A mention in the body (counted).
    Body,
    /// The body that issued a press release.
    Issuer,
    /// The home region of a local press.
    PressHome,
}

/// Body mentions counted towards a region's score at most.
const BODY_CAP: u32 = 4;

impl Signal {
    /// Score a region gets from this signal (body: per mention, up to a cap).
    pub fn weight(self) -> u32 {
        match self {
            Signal::Dateline => 8,
            Signal::Title => 5,
            Signal::Lead => 4,
            Signal::Body => 1,
            Signal::Issuer => 3,
            Signal::PressHome => 2,
        }
    }

    /// Score from `count` sightings.
    pub fn score(self, count: u32) -> u32 {
        match self {
            Signal::Body => count.min(BODY_CAP),
            _ => self.weight(),
        }
    }

    /// Label used in evidence lines.
    pub fn label(self) -> &'static str {
        match self {
            Signal::Dateline => "dateline",
            Signal::Title => "title",
            Signal::Lead => "lead",
            Signal::Body => "body",
            Signal::Issuer => "issuer",
            Signal::PressHome => "press",
        }
    }

    /// Whether the signal says what the article is about rather than what it mentions:
    /// dateline, title or lead.
    pub fn is_headline(self) -> bool {
        matches!(self, Signal::Dateline | Signal::Title | Signal::Lead)
    }

    /// Whether the signal is a mention in the article's text (as opposed to metadata about
    /// who published it).
    pub fn is_mention(self) -> bool {
        matches!(
            self,
            Signal::Dateline | Signal::Title | Signal::Lead | Signal::Body
        )
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

/// One line of evidence: a signal, what was written, and what it was taken to mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The signal.
    pub signal: Signal,
    /// What was written (`광양시`, `광양신문`).
    pub form: String,
    /// How many times (body mentions).
    pub count: u32,
    /// The region it denotes, or every candidate when left unresolved.
    pub outcome: Result<(RegionId, Decision), Vec<RegionId>>,
}

impl Evidence {
    /// `title 광양시 → /전라남도/광양시`, `body 중구 ×2 → unresolved: 서울특별시 중구, …`.
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
                    Some(note) => format!("{path} (ambiguous, {note})"),
                    None => path.clone(),
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
