//! Validity and history: which version of a region applied on a date, and which versions
//! form one lineage (the same place under successive names or parents).
//!
//! Two kinds of succession are distinguished:
//! - a *continuation*: `R` has the single successor `S` and `S` the single predecessor `R`
//!   (a rename or a move: 강원도 → 강원특별자치도, 경북 군위군 → 대구 군위군);
//! - an *absorption*: `P` has the single successor `S`, which may have taken over other
//!   regions too (청원군 → 청주시, 전라남도 → 전남광주통합특별시).
//!
//! Splits (인천 서구 → 서구 + 검단구) are neither: the old region is not followed into any
//! one of its successors.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::gazetteer::{Gazetteer, RegionId};

impl Gazetteer {
    /// The version of `id`'s place that applied on `date`: `id` itself when valid; else the
    /// successor (or, before it began, the predecessor) valid on `date` when there is exactly
    /// one, or the nearest region containing all of them; else `id` itself.
    pub fn as_of(&self, id: RegionId, date: NaiveDate) -> RegionId {
        let region = self.region(id);
        if region.valid_on(date) {
            return id;
        }
        let later = region.valid_to.is_some_and(|to| date > to);
        let mut found = BTreeSet::new();
        let mut stack = vec![id];
        let mut seen = BTreeSet::new();
        while let Some(r) = stack.pop() {
            if !seen.insert(r) {
                continue;
            }
            if r != id && self.region(r).valid_on(date) {
                found.insert(r);
                continue;
            }
            let next = if later {
                &self.region(r).successors
            } else {
                &self.region(r).predecessors
            };
            stack.extend(next.iter().copied());
        }
        let found: Vec<RegionId> = found.into_iter().collect();
        match found.as_slice() {
            [] => id,
            [one] => *one,
            many => self.common_ancestor(many).unwrap_or(id),
        }
    }

    /// The distinct versions [`as_of`](Gazetteer::as_of) `date` of every one of `ids`.
    pub fn all_as_of(&self, ids: &[RegionId], date: NaiveDate) -> Vec<RegionId> {
        let mut out: Vec<RegionId> = ids.iter().map(|&r| self.as_of(r, date)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The nearest region containing (or equal to) every one of `ids`.
    pub fn common_ancestor(&self, ids: &[RegionId]) -> Option<RegionId> {
        let (first, rest) = ids.split_first()?;
        self.ancestors_or_self(*first).find(|&a| {
            rest.iter()
                .all(|&r| self.ancestors_or_self(r).any(|x| x == a))
        })
    }

    /// Whether `ancestor` is `id` or contains it.
    pub fn contains(&self, ancestor: RegionId, id: RegionId) -> bool {
        self.ancestors_or_self(id).any(|a| a == ancestor)
    }

    /// The lineage of `id`: itself, the versions it continues or is continued by, and the
    /// regions absorbed into any of them. A search for any of these names should match
    /// articles tagged with any of them.
    pub fn lineage(&self, id: RegionId) -> Vec<RegionId> {
        let mut lineage = BTreeSet::new();
        let mut stack = vec![id];
        while let Some(r) = stack.pop() {
            if !lineage.insert(r) {
                continue;
            }
            let region = self.region(r);
            if let [s] = region.successors.as_slice()
                && self.region(*s).predecessors.len() == 1
            {
                stack.push(*s);
            }
            for &p in &region.predecessors {
                if self.region(p).successors.len() == 1 {
                    stack.push(p);
                }
            }
        }
        lineage.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn path_as_of(g: &Gazetteer, form: &str, date: NaiveDate) -> Vec<String> {
        let mut paths: Vec<String> = g
            .by_form(form)
            .iter()
            .map(|&r| g.region(g.as_of(r, date)).path.clone())
            .collect();
        paths.dedup();
        paths
    }

    #[test]
    fn names_are_read_as_of_the_date() {
        let g = Gazetteer::load_default().unwrap();
        assert_eq!(path_as_of(&g, "춘천", day(2019, 3, 1)), ["/강원도/춘천시"]);
        assert_eq!(
            path_as_of(&g, "춘천", day(2024, 3, 1)),
            ["/강원특별자치도/춘천시"]
        );
        assert_eq!(
            path_as_of(&g, "강원도", day(2024, 3, 1)),
            ["/강원특별자치도"]
        );
        assert_eq!(
            path_as_of(&g, "군위군", day(2022, 1, 1)),
            ["/경상북도/군위군"]
        );
        assert_eq!(
            path_as_of(&g, "군위군", day(2024, 1, 1)),
            ["/대구광역시/군위군"]
        );
        assert_eq!(
            path_as_of(&g, "청원군", day(2020, 1, 1)),
            ["/충청북도/청주시"]
        );
        assert_eq!(
            path_as_of(&g, "광양", day(2027, 1, 1)),
            ["/전남광주통합특별시/광양시"]
        );
        assert_eq!(
            path_as_of(&g, "전남", day(2027, 1, 1)),
            ["/전남광주통합특별시"]
        );
        assert_eq!(
            path_as_of(&g, "미추홀구", day(2015, 1, 1)),
            ["/인천광역시/남구"]
        );
    }

    #[test]
    fn a_split_region_maps_to_the_region_containing_its_parts() {
        let g = Gazetteer::load_default().unwrap();
        let incheon_jung = g.regions().iter().position(|r| r.key == "28110").unwrap();
        let later = g.as_of(incheon_jung, day(2027, 1, 1));
        assert_eq!(g.region(later).path, "/인천광역시");
    }

    #[test]
    fn lineage_follows_continuations_and_absorptions_but_not_splits() {
        let g = Gazetteer::load_default().unwrap();
        let lineage_paths = |key: &str| {
            let id = g.regions().iter().position(|r| r.key == key).unwrap();
            g.facet_paths(&g.lineage(id))
        };
        assert_eq!(lineage_paths("51000"), ["/강원도", "/강원특별자치도"]);
        assert_eq!(lineage_paths("42000"), ["/강원도", "/강원특별자치도"]);
        assert_eq!(
            lineage_paths("~JG"),
            ["/광주광역시", "/전남광주통합특별시", "/전라남도"]
        );
        assert_eq!(lineage_paths("46000"), ["/전라남도"]);
        assert_eq!(
            lineage_paths("43110"),
            ["/충청북도/청원군", "/충청북도/청주시"]
        );
        assert_eq!(lineage_paths("~IC-GD"), ["/인천광역시/검단구"]);
        assert_eq!(
            lineage_paths("~IC-JMP"),
            ["/인천광역시/동구", "/인천광역시/제물포구"]
        );
    }
}
