//! Deciding which regions an article is about: collect sightings (dateline, title, lead
//! subject, later subjects, organisations named after a region, body mentions, issuer, press
//! home), decide ambiguous names from context, score the municipalities and pick the primary
//! one.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::evidence::{Decision, Evidence, Signal};
use super::gazetteer::{Gazetteer, RegionId};
use super::mentions::{Mention, Role, find_mentions};
use crate::analysis::{Analyzer, MorphemeFields};
use crate::article::Article;
use crate::article::RegionTags;

/// Lowest score that makes a region the primary one: a single body mention does not.
const MIN_PRIMARY: u32 = 3;

/// Tags articles with regions from a [`Gazetteer`].
#[derive(Debug, Clone, Copy)]
pub struct Tagger<'g> {
    gazetteer: &'g Gazetteer,
}

/// A name seen somewhere in or about the article.
struct Sighting {
    signal: Signal,
    form: String,
    candidates: Vec<RegionId>,
    /// The sighting written right before this one, separated only by spaces (`서울 중구`).
    after: Option<usize>,
}

type Outcome = Result<(RegionId, Decision), Vec<RegionId>>;

impl<'g> Tagger<'g> {
    /// A tagger over `gazetteer`.
    pub fn new(gazetteer: &'g Gazetteer) -> Self {
        Tagger { gazetteer }
    }

    /// Tags `article`, given the morphemes of its title and of its body. Names are read as
    /// of the publication date (today when the article has none).
    pub fn tag<M: MorphemeFields>(&self, article: &Article, title: &[M], body: &[M]) -> RegionTags {
        let date = article
            .published
            .map(|p| p.date_naive())
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let sightings = self.sightings(article, title, body, date);
        let outcomes = self.decide(&sightings);
        let evidence = self.evidence(&sightings, &outcomes);
        self.tags(&evidence)
    }

    /// Tags `article`, analysing its title and body with `analyzer`.
    pub fn tag_with(&self, analyzer: &Analyzer, article: &Article) -> RegionTags {
        let title = analyzer.morphemes(&article.title);
        let body = analyzer.morphemes(&article.body);
        self.tag(article, &title, &body)
    }

    fn sightings<M: MorphemeFields>(
        &self,
        article: &Article,
        title: &[M],
        body: &[M],
        date: NaiveDate,
    ) -> Vec<Sighting> {
        let g = self.gazetteer;
        let mut out = Vec::new();
        let lookup = |text: &str| g.all_as_of(&g.matches(text), date);
        let dateline = article
            .dateline
            .as_deref()
            .map(str::trim)
            .map(|d| (d, lookup(d)));
        let mut title_mentions = find_mentions(g, &article.title, title, date);
        let mut body_mentions = find_mentions(g, &article.body, body, date);
        let issuer = article.issuer.as_deref().map(str::trim).map(|issuer| {
            let ids = lookup(issuer);
            if ids.is_empty() {
                lookup(issuer.split_whitespace().next().unwrap_or_default())
            } else {
                ids
            }
        });
        let press = article
            .press
            .as_deref()
            .and_then(|press| Some((press.trim(), g.as_of(g.press_home(press)?, date))));
        let named: BTreeSet<RegionId> = title_mentions
            .iter()
            .chain(&body_mentions)
            .filter(|m| !m.weak && m.candidates.len() == 1)
            .flat_map(|m| m.candidates.iter().copied())
            .chain(issuer.iter().flatten().copied())
            .chain(dateline.iter().flat_map(|(_, ids)| ids.iter().copied()))
            .chain(press.map(|(_, home)| home))
            .map(|r| g.municipality_of(r))
            .collect();
        for (text, mentions) in [
            (&article.title, &mut title_mentions),
            (&article.body, &mut body_mentions),
        ] {
            keep_weak_if_named(g, mentions, &named);
            share_subjects(text, mentions);
        }
        if let Some((form, ids)) = dateline {
            push_named(&mut out, Signal::Dateline, form, ids);
        }
        push_mentions(&mut out, &article.title, &title_mentions, |_| Signal::Title);
        let title_opening = opening(&article.title, 0, &title_mentions);
        push_mentions(&mut out, &article.title, &title_opening, |_| {
            Signal::Opening
        });
        let lead = lead_sentence(&article.title, &article.body);
        let lead_opening = opening(&article.body, lead.start, &body_mentions);
        push_mentions(&mut out, &article.body, &body_mentions, |m| {
            let opens = lead_opening.iter().any(|o| o.start == m.start);
            match (m.subject, m.role) {
                _ if opens => Signal::Lead,
                (true, _) if lead.contains(&m.start) => Signal::Lead,
                (true, _) => Signal::Subject,
                _ if is_locality(g, m) => Signal::Locality,
                (false, Role::Compound) => Signal::Organisation,
                (false, Role::Name) => Signal::Body,
            }
        });
        if let (Some(name), Some(ids)) = (article.issuer.as_deref(), issuer) {
            push_named(&mut out, Signal::Issuer, name.trim(), ids);
        }
        if let Some((name, home)) = press {
            push_named(&mut out, Signal::PressHome, name, vec![home]);
        }
        out
    }

    /// Decides every sighting: unique names first, then ambiguous ones from the preceding
    /// name, the co-mentioned regions, the press home, or nesting; else unresolved.
    fn decide(&self, sightings: &[Sighting]) -> Vec<Outcome> {
        let g = self.gazetteer;
        let mut outcomes: Vec<Outcome> = sightings
            .iter()
            .map(|s| match s.candidates.as_slice() {
                [one] => Ok((*one, Decision::Unique)),
                many => Err(many.to_vec()),
            })
            .collect();
        let context: BTreeSet<RegionId> = sightings
            .iter()
            .zip(&outcomes)
            .filter(|(s, _)| s.signal != Signal::PressHome)
            .filter_map(|(_, o)| o.as_ref().ok())
            .flat_map(|&(r, _)| g.ancestors_or_self(r))
            .collect();
        // The co-mentioned 시·군·구 decide before their 시·도 (`여수시` picks 여수's 중앙동
        // where `전남` holds two).
        let local: BTreeSet<RegionId> = context
            .iter()
            .copied()
            .filter(|&r| !g.region(r).kind.is_provincial())
            .collect();
        let press: BTreeSet<RegionId> = sightings
            .iter()
            .filter(|s| s.signal == Signal::PressHome)
            .flat_map(|s| s.candidates.iter().flat_map(|&r| g.ancestors_or_self(r)))
            .collect();
        for (i, sighting) in sightings.iter().enumerate() {
            let Err(candidates) = &outcomes[i] else {
                continue;
            };
            let single = |keep: &dyn Fn(RegionId) -> bool| match candidates
                .iter()
                .copied()
                .filter(|&c| keep(c))
                .collect::<Vec<_>>()
                .as_slice()
            {
                [one] => Some(*one),
                _ => None,
            };
            let preceding = sighting
                .after
                .and_then(|a| outcomes[a].as_ref().ok().map(|&(r, _)| r));
            let decided = preceding
                .and_then(|p| single(&|c| c != p && g.contains(p, c)))
                .map(|r| (r, Decision::Adjacent))
                .or_else(|| {
                    single(&|c| supported(g, &local, c))
                        .or_else(|| single(&|c| supported(g, &context, c)))
                        .map(|r| (r, Decision::CoMention))
                })
                .or_else(|| single(&|c| supported(g, &press, c)).map(|r| (r, Decision::PressHome)))
                .or_else(|| {
                    let outer = g.common_ancestor(candidates)?;
                    candidates
                        .contains(&outer)
                        .then_some((outer, Decision::Outermost))
                });
            if let Some(decided) = decided {
                outcomes[i] = Ok(decided);
            }
        }
        outcomes
    }

    /// Groups sightings into evidence lines (one per signal, form and outcome), strongest
    /// signal first and most frequent first within a signal, and gives each line what it
    /// scores for its municipality: the signal's weight per sighting, up to the signal's cap
    /// of sightings per municipality.
    fn evidence(&self, sightings: &[Sighting], outcomes: &[Outcome]) -> Vec<Evidence> {
        let g = self.gazetteer;
        let mut lines: Vec<Evidence> = Vec::new();
        for (s, outcome) in sightings.iter().zip(outcomes) {
            match lines
                .iter_mut()
                .find(|e| e.signal == s.signal && e.form == s.form && &e.outcome == outcome)
            {
                Some(line) => line.count += 1,
                None => lines.push(Evidence {
                    signal: s.signal,
                    form: s.form.clone(),
                    count: 1,
                    outcome: outcome.clone(),
                    weight: 0,
                }),
            }
        }
        lines.sort_by(|a, b| a.signal.cmp(&b.signal).then(b.count.cmp(&a.count)));
        let mut counted: BTreeMap<(RegionId, Signal), u32> = BTreeMap::new();
        for line in &mut lines {
            if let Ok((region, _)) = line.outcome {
                let seen = counted
                    .entry((g.municipality_of(region), line.signal))
                    .or_default();
                let cap = line.signal.cap();
                line.weight =
                    line.signal.weight() * ((*seen + line.count).min(cap) - (*seen).min(cap));
                *seen += line.count;
            }
        }
        lines
    }

    fn tags(&self, evidence: &[Evidence]) -> RegionTags {
        let g = self.gazetteer;
        let mut scores: BTreeMap<RegionId, u32> = BTreeMap::new();
        let mut mentioned: BTreeMap<RegionId, u32> = BTreeMap::new();
        let mut headlined: BTreeSet<RegionId> = BTreeSet::new();
        for e in evidence {
            let Ok((region, _)) = e.outcome else {
                continue;
            };
            *scores.entry(g.municipality_of(region)).or_default() += e.weight;
            if e.signal.is_mention() {
                *mentioned.entry(region).or_default() += e.weight;
            }
            if e.signal.is_headline() {
                headlined.insert(region);
                headlined.insert(g.municipality_of(region));
            }
        }
        let mut mentioned: Vec<RegionId> = mentioned.into_keys().collect();
        let rank = |r: RegionId| scores.get(&g.municipality_of(r)).copied().unwrap_or(0);
        mentioned.sort_by(|&a, &b| {
            rank(b)
                .cmp(&rank(a))
                .then(g.region(a).path.cmp(&g.region(b).path))
        });
        let mut paths = Vec::new();
        for r in mentioned {
            let path = &g.region(r).path;
            if !paths.contains(path) {
                paths.push(path.clone());
            }
        }
        let (primary, reason) = self.primary(&scores, &headlined);
        let mut lines: Vec<String> = evidence.iter().map(|e| e.describe(g)).collect();
        lines.extend(reason);
        RegionTags {
            region_primary: primary.map(|r| g.region(r).path.clone()),
            regions_mentioned: paths,
            region_evidence: lines,
        }
    }

    /// The best-scoring region (see [`best_of`]) with the line that explains the choice. A
    /// 시·도 gives way to the best region inside it that is in the dateline, title or lead: the
    /// primary region is the 시·군·구 when one can be named, the 시·도 only when that is all
    /// that can be said. A 시·군·구 gives way to the one 읍·면·동 of it in the dateline, title
    /// or lead.
    fn primary(
        &self,
        scores: &BTreeMap<RegionId, u32>,
        headlined: &BTreeSet<RegionId>,
    ) -> (Option<RegionId>, Option<String>) {
        let g = self.gazetteer;
        let mut ranked: Vec<(RegionId, u32)> = scores
            .iter()
            .map(|(&r, &s)| (r, s))
            .filter(|&(_, s)| s > 0)
            .collect();
        ranked.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(g.region(a.0).path.cmp(&g.region(b.0).path))
        });
        let scored = |list: &[(RegionId, u32)]| {
            list.iter()
                .take(4)
                .map(|&(r, s)| format!("{} {s}", g.region(r).path))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if ranked.is_empty() {
            return (None, None);
        }
        let Some(best) = best_of(g, ranked.iter().copied()) else {
            let reason = match ranked.as_slice() {
                [(_, top), ..] if *top < MIN_PRIMARY => {
                    format!("no primary: below {MIN_PRIMARY} ({})", scored(&ranked))
                }
                _ => format!("no primary: a tie ({})", scored(&ranked)),
            };
            return (None, Some(reason));
        };
        let mut primary = best;
        if g.region(best).kind.is_provincial() {
            let inside = ranked
                .iter()
                .copied()
                .filter(|&(r, _)| r != best && headlined.contains(&r) && g.contains(best, r));
            primary = best_of(g, inside).unwrap_or(best);
        }
        let places: Vec<RegionId> = headlined
            .iter()
            .copied()
            .filter(|&r| {
                r != primary && g.region(r).kind.is_sub_municipal() && g.contains(primary, r)
            })
            .collect();
        if let [place] = places.as_slice() {
            primary = *place;
        }
        let reason = format!("primary {} ({})", g.region(primary).path, scored(&ranked));
        (Some(primary), Some(reason))
    }
}

/// The best-scoring of `scored` (at least [`MIN_PRIMARY`]); on a tie, the most specific one
/// when the others contain it, else the nearest region containing all of them.
fn best_of(g: &Gazetteer, scored: impl Iterator<Item = (RegionId, u32)>) -> Option<RegionId> {
    let scored: Vec<(RegionId, u32)> = scored.collect();
    let best = scored
        .iter()
        .map(|&(_, s)| s)
        .max()
        .filter(|&s| s >= MIN_PRIMARY)?;
    let tied: Vec<RegionId> = scored
        .iter()
        .filter(|&&(_, s)| s == best)
        .map(|&(r, _)| r)
        .collect();
    tied.iter()
        .copied()
        .find(|&r| tied.iter().all(|&o| g.contains(o, r)))
        .or_else(|| g.common_ancestor(&tied))
}

/// Keeps weak mentions only as the regions the article names otherwise: `예산` beside `예산군`,
/// `이동` beside `안산시`, `경기` beside `안산` (a 시·도 by a place in it), not `예산` (budget)
/// or `서면` (in writing) alone.
fn keep_weak_if_named(g: &Gazetteer, mentions: &mut Vec<Mention>, named: &BTreeSet<RegionId>) {
    for m in mentions.iter_mut().filter(|m| m.weak) {
        m.candidates.retain(|&c| {
            named.contains(&g.municipality_of(c))
                || (g.region(c).kind.is_provincial() && named.iter().any(|&n| g.contains(c, n)))
        });
    }
    mentions.retain(|m| !m.candidates.is_empty());
}

/// Names joined to the next one share its being the subject: `담양군과 순창군이`,
/// `창평면(면장 …)과 인계면(면장 …)이` make both the subject.
fn share_subjects(text: &str, mentions: &mut [Mention]) {
    for k in (0..mentions.len().saturating_sub(1)).rev() {
        let gap = text
            .get(mentions[k].end..mentions[k + 1].start)
            .unwrap_or(".");
        let gap = match (gap.find('('), gap.find(')')) {
            (Some(open), Some(close)) if open < close => {
                format!("{}{}", &gap[..open], &gap[close + 1..])
            }
            _ => gap.to_string(),
        };
        let next_to = gap.chars().filter(|c| ('가'..='힣').contains(c)).count() <= 2
            && !gap.contains(['.', '\n']);
        if mentions[k].joined && next_to && mentions[k + 1].subject {
            mentions[k].subject = true;
        }
    }
}

/// Whether every candidate of `mention` is a 읍·면·동.
fn is_locality(g: &Gazetteer, mention: &Mention) -> bool {
    mention
        .candidates
        .iter()
        .all(|&c| g.region(c).kind.is_sub_municipal())
}

/// Whether `region` is in `context` or inside a region of it.
fn supported(g: &Gazetteer, context: &BTreeSet<RegionId>, region: RegionId) -> bool {
    g.ancestors_or_self(region).any(|a| context.contains(&a))
}

fn push_named(out: &mut Vec<Sighting>, signal: Signal, form: &str, candidates: Vec<RegionId>) {
    if !candidates.is_empty() {
        out.push(Sighting {
            signal,
            form: form.to_string(),
            candidates,
            after: None,
        });
    }
}

/// Adds a sighting per mention of `text`, with the signal `signal` gives it.
fn push_mentions(
    out: &mut Vec<Sighting>,
    text: &str,
    mentions: &[Mention],
    signal: impl Fn(&Mention) -> Signal,
) {
    for (k, m) in mentions.iter().enumerate() {
        let after = k.checked_sub(1).filter(|&p| {
            text.get(mentions[p].end..m.start)
                .is_some_and(|gap| !gap.is_empty() && gap.trim().is_empty())
        });
        out.push(Sighting {
            signal: signal(m),
            form: m.form.clone(),
            candidates: m.candidates.clone(),
            after: after.map(|p| out.len() - k + p),
        });
    }
}

/// The names a text opens with from byte `from`: the first mention when only spaces and
/// punctuation come before it, and the names after it separated by spaces only (`전라남도
/// 나주시 다시면과 …`, `담양군 창평면-순창군 …` → `담양군`, `창평면`).
fn opening(text: &str, from: usize, mentions: &[Mention]) -> Vec<Mention> {
    let mut chain: Vec<Mention> = Vec::new();
    for m in mentions.iter().filter(|m| m.start >= from) {
        let gap_from = chain.last().map_or(from, |last| last.end);
        let Some(gap) = text.get(gap_from..m.start) else {
            break;
        };
        let fits = match chain.last() {
            None => !gap.chars().any(char::is_alphanumeric),
            Some(_) => !gap.is_empty() && gap.trim().is_empty(),
        };
        if !fits {
            break;
        }
        chain.push(m.clone());
    }
    chain
}

/// Byte range of the lead sentence: the first sentence of the first paragraph that ends a
/// sentence in `다` (subtitles, bylines and file names before it do not) and is not the
/// headline repeated.
fn lead_sentence(title: &str, body: &str) -> std::ops::Range<usize> {
    let mut offset = 0;
    for paragraph in body.split('\n') {
        let start = offset;
        offset += paragraph.len() + 1;
        let text = paragraph.trim_end();
        if text.trim_start().is_empty() || text.trim_start() == title.trim() {
            continue;
        }
        let end = paragraph
            .find("다.")
            .map(|i| i + "다.".len())
            .or_else(|| text.ends_with('다').then_some(text.len()));
        if let Some(end) = end {
            return start..start + end;
        }
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Morpheme;
    use crate::regions::mentions::segment;

    fn article(title: &str, body: &str, date: &str) -> (Article, Vec<Morpheme>, Vec<Morpheme>) {
        let (title, title_m) = segment(title);
        let (body, body_m) = segment(body);
        let article = Article {
            title,
            body,
            published: Some(
                chrono::DateTime::parse_from_rfc3339(&format!("{date}T09:00:00+09:00")).unwrap(),
            ),
            ..Article::default()
        };
        (article, title_m, body_m)
    }

    fn tag(a: &(Article, Vec<Morpheme>, Vec<Morpheme>)) -> RegionTags {
        let g = Gazetteer::load_default().unwrap();
        Tagger::new(&g).tag(&a.0, &a.1, &a.2)
    }

    #[test]
    fn title_and_lead_subject_decide_the_primary_region() {
        let a = article(
            "광양시/NNP+,/SC 매화/NNG 축제/NNG 개막/NNG",
            "광양시/NNP+(/SSO+시장/NNG 홍길동/NNP+)/SSC+는/JX 축제/NNG+를/JKO 열/VV+었/EP+다/EF+./SF \
             전남/NNP 여러/MM 곳/NNB+에서/JKB 온/VV 손님/NNG",
            "2024-03-01",
        );
        let tags = tag(&a);
        assert_eq!(tags.region_primary.as_deref(), Some("/전라남도/광양시"));
        assert_eq!(tags.regions_mentioned, ["/전라남도/광양시", "/전라남도"]);
        assert_eq!(
            tags.region_evidence,
            [
                "title 광양시 → /전라남도/광양시 +5",
                "opening 광양시 → /전라남도/광양시 +1",
                "lead 광양시 → /전라남도/광양시 +4",
                "body 전남 → /전라남도 +1",
                "primary /전라남도/광양시 (/전라남도/광양시 10, /전라남도 1)"
            ]
        );
    }

    #[test]
    fn dateline_issuer_and_press_home_are_signals() {
        let mut a = article(
            "새/MM 다리/NNG 개통/NNG",
            "다리/NNG+가/JKS 열리/VV+었/EP+다/EF",
            "2019-05-01",
        );
        a.0.dateline = Some("춘천".into());
        let tags = tag(&a);
        assert_eq!(tags.region_primary.as_deref(), Some("/강원도/춘천시"));
        assert_eq!(
            tags.region_evidence,
            [
                "dateline 춘천 → /강원도/춘천시 +16",
                "primary /강원도/춘천시 (/강원도/춘천시 16)"
            ]
        );

        a.0.dateline = None;
        a.0.issuer = Some("나주시".into());
        assert_eq!(tag(&a).region_primary.as_deref(), Some("/전라남도/나주시"));
        assert!(
            tag(&a).regions_mentioned.is_empty(),
            "the issuer is not a mention"
        );

        a.0.issuer = None;
        a.0.press = Some("광양신문".into());
        let tags = tag(&a);
        assert_eq!(tags.region_primary, None, "a press home alone is too weak");
        assert_eq!(
            tags.region_evidence,
            [
                "press 광양신문 → /전라남도/광양시 +2",
                "no primary: below 3 (/전라남도/광양시 2)"
            ]
        );
    }

    #[test]
    fn body_mentions_are_counted() {
        let a = article(
            "축제/NNG 소식/NNG",
            "어제/MAG 여수/NNP+에서/JKB 축제/NNG 여수/NNP+의/JKG 바다/NNG 여수/NNP 밤바다/NNG 순천/NNP",
            "2024-03-01",
        );
        let tags = tag(&a);
        assert_eq!(tags.region_primary.as_deref(), Some("/전라남도/여수시"));
        assert_eq!(
            tags.regions_mentioned,
            ["/전라남도/여수시", "/전라남도/순천시"]
        );
        assert_eq!(
            tags.region_evidence[0],
            "body 여수 ×3 → /전라남도/여수시 +3"
        );
    }

    #[test]
    fn ambiguous_names_are_decided_by_context_or_left_open() {
        let by_preceding = tag(&article(
            "서울/NNP 중구/NNP+,/SC 행사/NNG",
            "행사/NNG",
            "2024-03-01",
        ));
        assert_eq!(
            by_preceding.region_primary.as_deref(),
            Some("/서울특별시/중구")
        );

        let by_co_mention = tag(&article(
            "중구/NNP+,/SC 행사/NNG",
            "대구/NNP+의/JKG 여름/NNG 행사/NNG",
            "2024-03-01",
        ));
        assert_eq!(
            by_co_mention.region_primary.as_deref(),
            Some("/대구광역시/중구")
        );
        assert!(by_co_mention.region_evidence[0].contains("co-mention"));

        let mut by_press = article("강서구/NNP+,/SC 행사/NNG", "행사/NNG", "2024-03-01");
        by_press.0.press = Some("부산일보".into());
        assert_eq!(
            tag(&by_press).region_primary.as_deref(),
            Some("/부산광역시/강서구")
        );

        let open = tag(&article(
            "고성군/NNP+,/SC 행사/NNG",
            "행사/NNG",
            "2024-03-01",
        ));
        assert_eq!(open.region_primary, None);
        assert!(open.regions_mentioned.is_empty());
        assert_eq!(
            open.region_evidence,
            [
                "title 고성군 → unresolved: 강원특별자치도 고성군, 경상남도 고성군",
                "opening 고성군 → unresolved: 강원특별자치도 고성군, 경상남도 고성군"
            ]
        );
    }

    #[test]
    fn two_cities_share_their_province_and_national_news_has_none() {
        let two = tag(&article(
            "공동/NNG 축제/NNG 광양/NNP+·/SC+여수/NNP",
            "두/MM 도시/NNG+는/JX 광양시/NNP+와/JC 여수시/NNP+에서/JKB 축제/NNG+를/JKO 열/VV+ㄴ다/EF",
            "2024-03-01",
        ));
        assert_eq!(two.region_primary.as_deref(), Some("/전라남도"));
        assert_eq!(two.regions_mentioned.len(), 2);

        let national = tag(&article(
            "금리/NNG 동결/NNG",
            "한국은행/NNP+은/JX 금리/NNG+를/JKO 동결/NNG+했/XSV+EP+다/EF",
            "2024-03-01",
        ));
        assert_eq!(national, RegionTags::default());
    }

    #[test]
    fn names_are_read_as_of_the_publication_date() {
        let old = tag(&article("강원도/NNP 산불/NNG", "산불/NNG", "2019-04-05"));
        assert_eq!(old.region_primary.as_deref(), Some("/강원도"));
        let new = tag(&article("강원도/NNP 산불/NNG", "산불/NNG", "2024-04-05"));
        assert_eq!(new.region_primary.as_deref(), Some("/강원특별자치도"));
    }
}
