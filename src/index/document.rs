//! From an [`Article`] to a tantivy document: ids, hashes, region facets and the `ko`
//! tokens of title and body, computed once (in ingest's worker threads) and handed to tantivy
//! pre-tokenized, so tantivy's own indexing threads do no analysis.

use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::schema::Facet;
use tantivy::tokenizer::{PreTokenizedString, Token};

use super::dedup::Signature;
use super::schema::Fields;
use crate::analysis::{AnalyzerWorker, SearchToken};
use crate::article::Article;

/// The id of the article at `url`: the first 64 bits of the URL's BLAKE3 digest.
pub fn article_id(url: &str) -> u64 {
    let digest = blake3::hash(url.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.as_bytes()[..8]);
    u64::from_be_bytes(first)
}

/// An id as written in the index (`id` and `dup_group` fields): 16 lower-case hex digits.
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

/// An article with everything ingest computes before writing: id, hashes, signature and
/// tokens.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    /// The article.
    pub article: Article,
    /// Its URL key (see [`article_url`]).
    pub url: String,
    /// Its id (see [`article_id`]).
    pub id: u64,
    /// Digest of everything indexed except the source.
    pub content_hash: u64,
    /// MinHash signature of the body, if long enough.
    pub signature: Option<Signature>,
    /// Tokens of the title.
    pub title_tokens: Vec<Token>,
    /// Tokens of the body.
    pub body_tokens: Vec<Token>,
}

impl PreparedArticle {
    /// Analyses and hashes `article` with `worker` (one per thread).
    pub fn prepare(article: Article, worker: &mut AnalyzerWorker) -> Self {
        let url = article_url(&article);
        let mut buffer = Vec::new();
        let title_tokens = tokens_of(&article.title, worker, &mut buffer);
        let body_tokens = tokens_of(&article.body, worker, &mut buffer);
        Self {
            id: article_id(&url),
            content_hash: content_hash(&article, &url),
            signature: Signature::of(&article.body),
            url,
            article,
            title_tokens,
            body_tokens,
        }
    }

    /// Bytes of title and body text.
    pub fn text_len(&self) -> usize {
        self.article.title.len() + self.article.body.len()
    }

    /// The tantivy document, in duplicate group `group`.
    pub fn into_document(self, fields: &Fields, group: u64) -> TantivyDocument {
        let Self {
            article,
            url,
            id,
            content_hash,
            signature,
            title_tokens,
            body_tokens,
        } = self;
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.id, format_id(id));
        doc.add_text(fields.url, &url);
        for facet in region_facets(&article) {
            doc.add_facet(fields.region, facet);
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
        doc.add_pre_tokenized_text(
            fields.title,
            PreTokenizedString {
                text: title,
                tokens: title_tokens,
            },
        );
        doc.add_pre_tokenized_text(
            fields.body,
            PreTokenizedString {
                text: body,
                tokens: body_tokens,
            },
        );
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
        if let Some(tags) = regions {
            if let Some(primary) = &tags.region_primary {
                doc.add_text(fields.region_primary, primary);
            }
            if let Ok(json) = serde_json::to_string(&tags) {
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
        doc.add_u64(fields.content_hash, content_hash);
        if let Some(signature) = signature {
            doc.add_bytes(fields.minhash, &signature.to_bytes());
        }
        doc.add_text(fields.dup_group, format_id(group));
        doc
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
}

impl<'a> Extra<'a> {
    /// The extra fields of `article`.
    pub fn of(article: &'a Article) -> Self {
        Self {
            emails: &article.emails,
            updated: article.updated.map(|t| t.to_rfc3339()),
            issuer: article.issuer.as_deref(),
        }
    }

    /// Whether there is nothing to store.
    pub fn is_empty(&self) -> bool {
        self.emails.is_empty() && self.updated.is_none() && self.issuer.is_none()
    }
}

fn tokens_of(text: &str, worker: &mut AnalyzerWorker, buffer: &mut Vec<SearchToken>) -> Vec<Token> {
    buffer.clear();
    worker.tokens(text, buffer);
    buffer
        .drain(..)
        .map(|t| Token {
            offset_from: t.byte_start,
            offset_to: t.byte_end,
            position: t.position,
            text: t.text,
            position_length: t.position_length,
        })
        .collect()
}

/// Digest of what the index holds about an article, except where it was read from.
fn content_hash(article: &Article, url: &str) -> u64 {
    let hashed = (
        url,
        &article.title,
        &article.body,
        &article.reporters,
        &article.press,
        article.published.map(|t| t.timestamp()),
        &article.dateline,
        &article.section,
        &article.regions,
        Extra::of(article),
    );
    let mut hasher = blake3::Hasher::new();
    // Serialising plain data into memory cannot fail; an empty digest input would only
    // make every article look changed, never lose one.
    if let Ok(bytes) = serde_json::to_vec(&hashed) {
        hasher.update(&bytes);
    }
    let mut first = [0u8; 8];
    first.copy_from_slice(&hasher.finalize().as_bytes()[..8]);
    u64::from_be_bytes(first)
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
    }

    #[test]
    fn url_falls_back_to_source() {
        let mut article = Article::default();
        article.source.path = "dump/a.html".into();
        assert_eq!(article_url(&article), "dump/a.html");
        article.url = Some(" https://a.example/1 ".into());
        assert_eq!(article_url(&article), "https://a.example/1");
    }

    #[test]
    fn hash_ignores_source_only() {
        let mut a = Article {
            title: "제목".into(),
            body: "본문".into(),
            ..Article::default()
        };
        let h = content_hash(&a, "u");
        a.source.path = "elsewhere".into();
        assert_eq!(content_hash(&a, "u"), h);
        a.body.push('!');
        assert_ne!(content_hash(&a, "u"), h);
    }
}
