//! From what a user types (`전라남도`, `광양`, `광양시`, `46230`, `서울 중구`,
//! `/전라남도/광양시`) to the regions, and so the facet paths, a search filter should match.

use std::collections::BTreeSet;

use super::error::RegionError;
use super::gazetteer::{Gazetteer, RegionId};

impl Gazetteer {
    /// The region versions `query` names, with their whole lineage (older and newer names of
    /// the same place, and the regions absorbed into it): `강원특별자치도` also yields
    /// `강원도`, `전남광주통합특별시` also yields `전라남도` and `광주광역시`.
    ///
    /// `query` is a name, a short form, a 5- or 10-digit code, a facet path, or a short form
    /// preceded by the names of regions containing it (`서울 중구`, `경기 광주`). A name
    /// shared by unrelated regions is [`RegionError::Ambiguous`], listing them.
    pub fn resolve(&self, query: &str) -> Result<Vec<RegionId>, RegionError> {
        let query = query.trim();
        let matches = self.matches(query);
        if matches.is_empty() {
            return Err(RegionError::Unknown {
                query: query.to_string(),
                suggestions: self.similar(query),
            });
        }
        let groups = self.group(&matches);
        if let [group] = groups.as_slice() {
            return Ok(group.clone());
        }
        Err(RegionError::Ambiguous {
            query: query.to_string(),
            candidates: groups.iter().map(|g| self.describe(g)).collect(),
        })
    }

    /// The facet paths a search filter for `query` should match (any of them).
    pub fn resolve_facets(&self, query: &str) -> Result<Vec<String>, RegionError> {
        Ok(self.facet_paths(&self.resolve(query)?))
    }

    /// The distinct facet paths of `ids`.
    pub fn facet_paths(&self, ids: &[RegionId]) -> Vec<String> {
        let paths: BTreeSet<&str> = ids.iter().map(|&r| self.region(r).path.as_str()).collect();
        paths.into_iter().map(str::to_string).collect()
    }

    /// The region versions to list for `filter`: all without one; else those of that kind
    /// (`일반구`), those with that code, and those named so or inside a region named so
    /// (`전라남도` lists the province and its 시·군). A filter matching nothing is
    /// [`RegionError::Unknown`], with suggestions.
    pub fn list(&self, filter: Option<&str>) -> Result<Vec<RegionId>, RegionError> {
        let all = 0..self.regions().len();
        let Some(filter) = filter.map(str::trim) else {
            return Ok(all.collect());
        };
        let kind = super::gazetteer::Kind::parse(filter);
        let named = self.matches(filter);
        let listed: Vec<RegionId> = all
            .filter(|&r| {
                Some(self.region(r).kind) == kind
                    || self.ancestors_or_self(r).any(|a| named.contains(&a))
            })
            .collect();
        if listed.is_empty() {
            return Err(RegionError::Unknown {
                query: filter.to_string(),
                suggestions: self.similar(filter),
            });
        }
        Ok(listed)
    }

    /// Region versions `query` denotes, before grouping (see [`Gazetteer::resolve`]).
    pub(crate) fn matches(&self, query: &str) -> Vec<RegionId> {
        let all = 0..self.regions().len();
        if query.starts_with('/') {
            let path = query.trim_end_matches('/');
            return all.filter(|&r| self.region(r).path == path).collect();
        }
        if !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit()) {
            let code = match query.len() {
                10 if query.ends_with("00000") => &query[..5],
                _ => query,
            };
            return all
                .filter(|&r| self.region(r).code.as_deref() == Some(code))
                .collect();
        }
        let words: Vec<&str> = query.split_whitespace().collect();
        let Some((last, containers)) = words.split_last() else {
            return Vec::new();
        };
        self.by_form(last)
            .iter()
            .copied()
            .filter(|&r| {
                containers.iter().all(|word| {
                    self.ancestors_or_self(r)
                        .skip(1)
                        .any(|a| self.by_form(word).contains(&a))
                })
            })
            .collect()
    }

    /// Partitions `matches` into unrelated places: versions sharing a lineage or a facet
    /// path are one place. Each group is returned with its whole lineage.
    fn group(&self, matches: &[RegionId]) -> Vec<Vec<RegionId>> {
        let mut groups: Vec<(BTreeSet<RegionId>, BTreeSet<String>)> = Vec::new();
        for &m in matches {
            let lineage: BTreeSet<RegionId> = self.lineage(m).into_iter().collect();
            let paths: BTreeSet<String> = self
                .facet_paths(&Vec::from_iter(lineage.clone()))
                .into_iter()
                .collect();
            let (joined, mut rest): (Vec<_>, Vec<_>) = groups
                .into_iter()
                .partition(|(ids, ps)| !ids.is_disjoint(&lineage) || !ps.is_disjoint(&paths));
            let mut merged = (lineage, paths);
            for (ids, ps) in joined {
                merged.0.extend(ids);
                merged.1.extend(ps);
            }
            rest.push(merged);
            groups = rest;
        }
        groups
            .into_iter()
            .map(|(ids, _)| ids.into_iter().collect())
            .collect()
    }

    /// `서울특별시 중구`, with the validity when the place no longer exists under that name.
    fn describe(&self, group: &[RegionId]) -> String {
        let shown = group
            .iter()
            .copied()
            .find(|&r| self.region(r).valid_to.is_none())
            .or_else(|| group.first().copied());
        match shown {
            Some(r) if self.region(r).valid_to.is_some() => {
                format!("{} ({})", self.display_name(r), self.region(r).validity())
            }
            Some(r) => self.display_name(r),
            None => String::new(),
        }
    }

    /// Display names of regions whose name contains `query` or is contained in it.
    fn similar(&self, query: &str) -> Vec<String> {
        let stem: String = query
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_string();
        if stem.is_empty() {
            return Vec::new();
        }
        let names: BTreeSet<String> = (0..self.regions().len())
            .filter(|&r| {
                let name = &self.region(r).name;
                self.region(r).valid_to.is_none()
                    && (name.contains(&stem)
                        || stem.contains(name.trim_end_matches(['시', '군', '구', '도'])))
            })
            .map(|r| self.display_name(r))
            .collect();
        names.into_iter().take(8).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facets(query: &str) -> Vec<String> {
        Gazetteer::load_default()
            .unwrap()
            .resolve_facets(query)
            .unwrap()
    }

    #[test]
    fn names_short_forms_codes_and_paths_resolve() {
        let gwangyang = ["/전남광주통합특별시/광양시", "/전라남도/광양시"];
        assert_eq!(facets("광양시"), gwangyang);
        assert_eq!(facets("광양"), gwangyang);
        assert_eq!(facets("46230"), gwangyang);
        assert_eq!(facets("4623000000"), gwangyang);
        assert_eq!(facets("/전라남도/광양시"), gwangyang);
        assert_eq!(facets("전라남도"), ["/전라남도"]);
        assert_eq!(facets("전남"), ["/전라남도"]);
        assert_eq!(facets("강원특별자치도"), ["/강원도", "/강원특별자치도"]);
        assert_eq!(facets("서울 중구"), ["/서울특별시/중구"]);
        assert_eq!(facets("경기 광주"), ["/경기도/광주시"]);
        assert_eq!(
            facets("대구 군위군"),
            ["/경상북도/군위군", "/대구광역시/군위군"]
        );
        assert_eq!(facets("인천 서구"), ["/인천광역시/서구"]);
    }

    #[test]
    fn ambiguous_names_list_the_candidates() {
        let g = Gazetteer::load_default().unwrap();
        let err = g.resolve("중구").unwrap_err().to_string();
        for city in [
            "서울특별시 중구",
            "부산광역시 중구",
            "대구광역시 중구",
            "울산광역시 중구",
        ] {
            assert!(err.contains(city), "{err}");
        }
        assert!(err.contains("인천광역시 중구 (~2026-06-30)"), "{err}");
        let err = g.resolve("광주").unwrap_err().to_string();
        assert!(
            err.contains("경기도 광주시") && err.contains("광주광역시"),
            "{err}"
        );
        let err = g.resolve("고성군").unwrap_err().to_string();
        assert!(
            err.contains("강원특별자치도 고성군") && err.contains("경상남도 고성군"),
            "{err}"
        );
    }

    #[test]
    fn listing_filters_by_name_kind_and_code() {
        let g = Gazetteer::load_default().unwrap();
        let names = |filter| -> Vec<String> {
            g.list(Some(filter))
                .unwrap()
                .into_iter()
                .map(|r| g.region(r).path.clone())
                .collect()
        };
        let jeonnam = names("전라남도");
        let municipal = jeonnam.iter().filter(|p| p.matches('/').count() <= 2);
        assert_eq!(municipal.count(), 23, "the province and its 22 시·군");
        assert!(jeonnam.contains(&"/전라남도/광양시".to_string()));
        assert!(jeonnam.contains(&"/전라남도/목포시/하당동".to_string()));
        assert_eq!(
            names("행정시"),
            ["/제주특별자치도/제주시", "/제주특별자치도/서귀포시"]
        );
        let gwangyang = names("46230");
        assert_eq!(gwangyang[0], "/전라남도/광양시");
        assert!(gwangyang.contains(&"/전라남도/광양시/중마동".to_string()));
        assert_eq!(
            names("4611075700"),
            [
                "/전라남도/목포시/하당동",
                "/전남광주통합특별시/목포시/하당동"
            ]
        );
        assert_eq!(g.list(None).unwrap().len(), g.regions().len());
        assert!(matches!(
            g.list(Some("나주군")),
            Err(RegionError::Unknown { .. })
        ));
    }

    #[test]
    fn unknown_names_suggest_similar_ones() {
        let g = Gazetteer::load_default().unwrap();
        match g.resolve("광양군") {
            Err(RegionError::Unknown { suggestions, .. }) => {
                assert!(
                    suggestions.iter().any(|s| s.ends_with("광양시")),
                    "{suggestions:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(g.resolve("  "), Err(RegionError::Unknown { .. })));
        assert!(matches!(
            g.resolve("99999"),
            Err(RegionError::Unknown { .. })
        ));
    }
}
