//! From an [`Article`] to a tantivy document: ids, hashes, region facets and the `ko`
//! tokens of title and body, computed once (in ingest's worker threads) and left for
//! tantivy's tokenizer in a [`TokenHandoff`], so tantivy's own indexing threads do no
//! analysis.

use std::sync::Arc;

use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::schema::document::{Document, ReferenceValue, ReferenceValueLeaf};
use tantivy::schema::{Facet, Field, OwnedValue, Value};

use super::backlog::Ticket;
use super::dedup::Signature;
use super::schema::Fields;
use crate::analysis::{PackedTokens, TokenHandoff};
use crate::article::{Article, Entities};

/// The id of the article at `url`: the first 64 bits of the URL's BLAKE3 digest.
pub fn article_id(url: &str) -> u64 {
    let digest = blake3::hash(url.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.as_bytes()[..8]);
    u64::from_be_bytes(first)
}

/// An id as written in the index's `id` field and shown to users: 16 lower-case hex digits.
pub fn format_id(id: u64) -> String {
    format!("{id:016x}")
}

/// Reads an id written by [`format_id`].
pub fn parse_id(text: &str) -> Option<u64> {
    if text.len() == 16 {
        u64::from_str_radix(text, 16).ok()
    } else {
        None
    }
}

/// The `id` term for what a user typed to name an article: an id as is, else a URL's id
/// (URLs are stored but not indexed; look them up through this).
pub fn id_for_key(key: &str) -> String {
    let key = key.trim();
    match parse_id(key) {
        Some(id) => format_id(id),
        None => format_id(article_id(key)),
    }
}

/// The key an article is indexed under: its URL, else where it was read from.
pub fn article_url(article: &Article) -> String {
    match &article.url {
        Some(url) if !url.trim().is_empty() => url.trim().to_string(),
        _ => article.source.to_string(),
    }
}

/// The region facet paths to index for an article (primary and mentioned, deduplicated);
/// malformed paths are left out.
pub fn region_facets(article: &Article) -> Vec<Facet> {
    let mut facets: Vec<Facet> = Vec::new();
    if let Some(tags) = &article.regions {
        for path in tags.region_primary.iter().chain(&tags.regions_mentioned) {
            if let Ok(facet) = Facet::from_text(path)
                && !facets.contains(&facet)
            {
                facets.push(facet);
            }
        }
    }
    facets
}

/// The entity facet paths of an article: `/인물/NAME`, `/위치/NAME`, `/기관/NAME`.
pub fn entity_facets(article: &Article) -> Vec<Facet> {
    let entities = &article.entities;
    [
        (ENTITY_PEOPLE, &entities.people),
        (ENTITY_PLACES, &entities.places),
        (ENTITY_ORGANIZATIONS, &entities.organizations),
    ]
    .into_iter()
    .flat_map(|(kind, names)| {
        names
            .iter()
            .map(move |name| Facet::from_path([kind, name.as_str()]))
    })
    .collect()
}

/// Root of the entity facets of people.
pub const ENTITY_PEOPLE: &str = "인물";
/// Root of the entity facets of places.
pub const ENTITY_PLACES: &str = "위치";
/// Root of the entity facets of organisations.
pub const ENTITY_ORGANIZATIONS: &str = "기관";

/// An article ready to write: its document (without the duplicate group, which only the
/// writer can decide), id, content hash and body signature.
#[derive(Debug)]
pub struct PreparedArticle {
    /// Its URL key (see [`article_url`]).
    pub url: String,
    /// Its id (see [`article_id`]).
    pub id: u64,
    /// Digest of what the index stores about it (see [`stored_hash`]).
    pub content_hash: u64,
    /// MinHash signature of the body, if long enough.
    pub signature: Option<Signature>,
    /// Bytes of title and body text.
    pub text_len: usize,
    /// Estimated bytes the document holds (text and tokens), for the writer's backlog.
    pub weight: usize,
    /// The document.
    pub doc: ArticleDocument,
    /// The tokens of title and body.
    pub tokens: [PackedTokens; 2],
}

impl PreparedArticle {
    /// `article` (tagged and analysed: `tokens` are those of its title and body) as a
    /// document of the index with `fields`.
    pub fn new(article: Article, tokens: [PackedTokens; 2], fields: &Fields) -> Self {
        let url = article_url(&article);
        let id = article_id(&url);
        let signature = Signature::of(&article.body);
        let text_len = article.title.len() + article.body.len();
        let weight = text_len + tokens.iter().map(PackedTokens::heap_bytes).sum::<usize>();
        let doc = build_document(article, &url, id, fields);
        Self {
            content_hash: doc.stored_hash(fields),
            url,
            id,
            signature,
            text_len,
            weight,
            doc,
            tokens,
        }
    }

    /// The tantivy document, in duplicate group `group`, holding its share of the writer's
    /// backlog until tantivy has indexed (and dropped) it; the tokens of title and body wait
    /// in `handoff` for the index's tokenizer.
    pub fn into_document(
        self,
        fields: &Fields,
        group: u64,
        ticket: Ticket,
        handoff: &Arc<TokenHandoff>,
    ) -> ArticleDocument {
        let mut doc = self.doc;
        doc.add_u64(fields.dup_group, group);
        doc.ticket = Some(ticket);
        let [title_tokens, body_tokens] = self.tokens;
        doc.hand_off(fields.title, title_tokens, handoff);
        doc.hand_off(fields.body, body_tokens, handoff);
        doc
    }
}

/// Digest of the stored values of a document read back from the index, except its source: equal to [`ArticleDocument::stored_hash`] of the document written, so
/// an unchanged article is recognised across runs.
pub fn stored_hash(doc: &TantivyDocument, fields: &Fields) -> u64 {
    hash_values(
        doc.field_values().filter_map(|(field, value)| {
            let value = match value.as_value() {
                ReferenceValue::Leaf(ReferenceValueLeaf::Str(text)) => HashedValue::Text(text),
                ReferenceValue::Leaf(ReferenceValueLeaf::Date(date)) => {
                    HashedValue::Date(date.into_timestamp_secs())
                }
                _ => return None,
            };
            Some((field, value))
        }),
        fields,
    )
}

/// A stored value as [`hash_values`] sees it.
enum HashedValue<'a> {
    Text(&'a str),
    Date(i64),
}

/// Digest of field values, leaving out those not stored (facets, id, group) and the source.
fn hash_values<'a>(values: impl Iterator<Item = (Field, HashedValue<'a>)>, fields: &Fields) -> u64 {
    let mut hasher = blake3::Hasher::new();
    for (field, value) in values {
        if [fields.region, fields.id, fields.source, fields.dup_group].contains(&field) {
            continue;
        }
        let date;
        let (kind, bytes): (u8, &[u8]) = match value {
            HashedValue::Text(text) => (b's', text.as_bytes()),
            HashedValue::Date(secs) => {
                date = secs.to_le_bytes();
                (b'd', &date)
            }
        };
        hasher.update(&field.field_id().to_le_bytes());
        hasher.update(&[kind]);
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let mut first = [0u8; 8];
    first.copy_from_slice(&hasher.finalize().as_bytes()[..8]);
    u64::from_be_bytes(first)
}

/// The document of an article, without its duplicate group.
fn build_document(article: Article, url: &str, id: u64, fields: &Fields) -> ArticleDocument {
    let mut doc = ArticleDocument::default();
    doc.add_text(fields.id, format_id(id));
    doc.add_text(fields.url, url);
    for facet in region_facets(&article) {
        doc.add_facet(fields.region, facet);
    }
    for facet in entity_facets(&article) {
        doc.add_facet(fields.entity, facet);
    }
    let extra = Extra::of(&article);
    if !extra.is_empty()
        && let Ok(json) = serde_json::to_string(&extra)
    {
        doc.add_text(fields.extra, json);
    }
    let Article {
        title,
        body,
        reporters,
        press,
        published,
        dateline,
        section,
        regions,
        source,
        ..
    } = article;
    doc.add_text(fields.title, title);
    doc.add_text(fields.body, body);
    for reporter in reporters {
        doc.add_text(fields.reporter, reporter);
    }
    if let Some(press) = press {
        doc.add_text(fields.press, press);
    }
    if let Some(published) = published {
        doc.add_date(
            fields.published,
            tantivy::DateTime::from_timestamp_secs(published.timestamp()),
        );
    }
    if let Some(mut tags) = regions {
        if let Some(primary) = &tags.region_primary {
            doc.add_text(fields.region_primary, primary);
        }
        // The evidence is not stored: tagging the stored article again gives it back.
        tags.region_evidence.clear();
        if !tags.regions_mentioned.is_empty()
            && let Ok(json) = serde_json::to_string(&tags)
        {
            doc.add_text(fields.region_tags, json);
        }
    }
    if let Some(section) = section {
        doc.add_text(fields.section, section);
    }
    if let Some(dateline) = dateline {
        doc.add_text(fields.dateline, dateline);
    }
    doc.add_text(fields.source, source.to_string());
    doc
}

/// The document ingest hands tantivy: field values in order (read back as
/// [`tantivy::TantivyDocument`]), and the texts whose tokens it left in a [`TokenHandoff`],
/// withdrawn if tantivy drops the document without indexing it.
#[derive(Debug, Default)]
pub struct ArticleDocument {
    values: Vec<(Field, OwnedValue)>,
    ticket: Option<Ticket>,
    handed_off: Vec<Field>,
    handoff: Option<Arc<TokenHandoff>>,
}

impl ArticleDocument {
    /// Adds a text value.
    pub fn add_text(&mut self, field: Field, text: impl Into<String>) {
        self.values.push((field, OwnedValue::Str(text.into())));
    }

    /// Leaves `tokens` in `handoff` for the text of `field` (its first value), for the index's
    /// tokenizer to take.
    fn hand_off(&mut self, field: Field, tokens: PackedTokens, handoff: &Arc<TokenHandoff>) {
        let Some(text) = self.text_of(field) else {
            return;
        };
        if handoff.leave(text, tokens) {
            self.handed_off.push(field);
            self.handoff = Some(Arc::clone(handoff));
        }
    }

    /// The first text value of `field`.
    fn text_of(&self, field: Field) -> Option<&str> {
        self.values.iter().find_map(|(f, value)| match value {
            OwnedValue::Str(text) if *f == field => Some(text.as_str()),
            _ => None,
        })
    }

    /// Adds a facet.
    pub fn add_facet(&mut self, field: Field, facet: Facet) {
        self.values.push((field, OwnedValue::Facet(facet)));
    }

    /// Adds an unsigned integer.
    pub fn add_u64(&mut self, field: Field, value: u64) {
        self.values.push((field, OwnedValue::U64(value)));
    }

    /// Adds a date.
    pub fn add_date(&mut self, field: Field, date: tantivy::DateTime) {
        self.values.push((field, OwnedValue::Date(date)));
    }

    /// Digest of the values the index stores (see [`stored_hash`]).
    pub fn stored_hash(&self, fields: &Fields) -> u64 {
        hash_values(
            self.values.iter().filter_map(|(field, value)| {
                let value = match value {
                    OwnedValue::Str(text) => HashedValue::Text(text),
                    OwnedValue::Date(date) => HashedValue::Date(date.into_timestamp_secs()),
                    _ => return None,
                };
                Some((*field, value))
            }),
            fields,
        )
    }
}

impl Drop for ArticleDocument {
    fn drop(&mut self) {
        if let Some(handoff) = &self.handoff {
            for &field in &self.handed_off {
                // Tokens tantivy did not take (it dropped the document unindexed) are dropped.
                if let Some(text) = self.text_of(field) {
                    handoff.take(text);
                }
            }
        }
    }
}

impl Document for ArticleDocument {
    type Value<'a> = &'a OwnedValue;
    type FieldsValuesIter<'a> = FieldValues<'a>;

    fn iter_fields_and_values(&self) -> FieldValues<'_> {
        FieldValues(self.values.iter())
    }
}

/// The field values of an [`ArticleDocument`].
pub struct FieldValues<'a>(std::slice::Iter<'a, (Field, OwnedValue)>);

impl<'a> Iterator for FieldValues<'a> {
    type Item = (Field, &'a OwnedValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(field, value)| (*field, value))
    }
}

/// Article fields without a field of their own, stored as JSON in `extra`.
#[derive(Debug, Serialize)]
pub struct Extra<'a> {
    /// E-mail addresses.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub emails: &'a [String],
    /// Last update time (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Issuer of a press release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<&'a str>,
    /// Subheadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<&'a str>,
    /// Desks and teams credited.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub desks: &'a [String],
    /// Categories a dump assigns.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub categories: &'a [String],
    /// Print page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<&'a str>,
    /// Print edition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<&'a str>,
    /// Entities a dump lists (also indexed as `entity` facets).
    #[serde(skip_serializing_if = "Entities::is_empty")]
    pub entities: &'a Entities,
    /// Whether the body is cut short by the source.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// Why the source excludes the article from analysis.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<&'a str>,
}

impl<'a> Extra<'a> {
    /// The extra fields of `article`.
    pub fn of(article: &'a Article) -> Self {
        Self {
            emails: &article.emails,
            updated: article.updated.map(|t| t.to_rfc3339()),
            issuer: article.issuer.as_deref(),
            subtitle: article.subtitle.as_deref(),
            desks: &article.desks,
            categories: &article.categories,
            page: article.page.as_deref(),
            edition: article.edition.as_deref(),
            entities: &article.entities,
            truncated: article.truncated,
            excluded: article.excluded.as_deref(),
        }
    }

    /// Whether there is nothing to store.
    pub fn is_empty(&self) -> bool {
        self.emails.is_empty()
            && self.updated.is_none()
            && self.issuer.is_none()
            && self.subtitle.is_none()
            && self.desks.is_empty()
            && self.categories.is_empty()
            && self.page.is_none()
            && self.edition.is_none()
            && self.entities.is_empty()
            && !self.truncated
            && self.excluded.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let id = article_id("https://news.example.kr/a/1");
        assert_eq!(parse_id(&format_id(id)), Some(id));
        assert_eq!(format_id(1), "0000000000000001");
        assert_eq!(parse_id("xyz"), None);
        assert_eq!(id_for_key(" 00000000000000ff "), "00000000000000ff");
        assert_eq!(id_for_key("https://news.example.kr/a/1"), format_id(id));
    }

    #[test]
    fn url_falls_back_to_source() {
        let mut article = Article::default();
        article.source.path = "dump/a.html".into();
        assert_eq!(article_url(&article), "dump/a.html");
        article.url = Some(" https://a.example/1 ".into());
        assert_eq!(article_url(&article), "https://a.example/1");
    }
}
