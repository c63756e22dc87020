//! The tantivy schema of a dongne index: one document per article (per URL).

use std::ops::Bound;

use tantivy::SegmentReader;
use tantivy::columnar::Column;
use tantivy::query::RangeQuery;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, Term,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::RAW_TOKENIZER_NAME;

use crate::analysis::TOKENIZER_NAME;

/// Version of the schema and of what ingest writes into it; bumped on every change, and an
/// index recording another version must be rebuilt.
pub const SCHEMA_VERSION: u32 = 9;

/// Handles to every field, resolved once from the schema.
///
/// What duplicate detection needs (content hash, MinHash signature) is not indexed: the
/// writer derives it from the stored documents when it opens the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Stable article id (16 hex digits of the BLAKE3 of the URL), unique per document,
    /// exact, without field norms; not stored, as the stored URL gives it back
    /// ([`super::document::article_id`]).
    pub id: Field,
    /// Canonical URL (or WARC target / file path), unique per document, stored only: look an
    /// article up by URL through its id ([`super::document::article_id`]).
    pub url: Field,
    /// Headline, `ko`-analysed with positions, stored.
    pub title: Field,
    /// Body, `ko`-analysed with positions, stored.
    pub body: Field,
    /// Reporter names, one value each, exact (`홍길동`), stored, fast (facets).
    pub reporter: Field,
    /// Publisher, exact, stored, fast (facets).
    pub press: Field,
    /// Publication time (UTC instant), indexed for ranges, fast for sorting, stored.
    pub published: Field,
    /// Region facets (`/전라남도/광양시`), as-then and current paths; see [`crate::regions`].
    pub region: Field,
    /// Primary region facet path as tagged, exact (without field norms), stored for display.
    pub region_primary: Field,
    /// JSON of the region tags without their evidence (primary, mentioned), stored when
    /// regions are mentioned. The evidence is not stored: `regions::Tagger::tag_with` on the
    /// stored article gives it back.
    pub region_tags: Field,
    /// Section, exact, stored, fast.
    pub section: Field,
    /// Dateline place, exact (without field norms), stored.
    pub dateline: Field,
    /// Source file and record, stored.
    pub source: Field,
    /// Duplicate group: the id (as a number, see [`super::document::article_id`]) of the
    /// first article of a group of (near-)identical bodies (its own id when it has no
    /// copies), fast only (search reads it per hit to show a group once, `show` finds a
    /// group's members with a range query over the column); neither indexed nor stored, see
    /// [`dup_group_column`].
    pub dup_group: Field,
    /// JSON of the rest of the article (emails, updated, issuer, subtitle, desks,
    /// categories, page, edition, entities, truncated, excluded), stored.
    pub extra: Field,
    /// Entity facets a dump lists (`/인물/홍길동`, `/위치/광양`, `/기관/광양시`: BigKinds
    /// `인물`, `위치`, `기관`), for filtering and counting; not stored (`extra` holds them).
    pub entity: Field,
}

/// Builds the schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let exact_fast = STRING | STORED | FAST;
    // Exact values only filtered on (never scored) need no field norms.
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(RAW_TOKENIZER_NAME)
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: b.add_text_field("id", exact.clone()),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field("title", analysed.clone()),
        body: b.add_text_field("body", analysed),
        reporter: b.add_text_field("reporter", exact_fast.clone()),
        press: b.add_text_field("press", exact_fast.clone()),
        published: b.add_date_field("published", INDEXED | STORED | FAST),
        region: b.add_facet_field("region", FacetOptions::default()),
        region_primary: b.add_text_field("region_primary", exact.clone() | STORED),
        region_tags: b.add_text_field("region_tags", STORED),
        section: b.add_text_field("section", exact_fast),
        dateline: b.add_text_field("dateline", exact | STORED),
        source: b.add_text_field("source", STORED),
        dup_group: b.add_u64_field("dup_group", FAST),
        extra: b.add_text_field("extra", STORED),
        entity: b.add_facet_field("entity", FacetOptions::default()),
    };
    (b.build(), fields)
}

/// The duplicate groups of a segment's documents (`None` when the segment has none).
pub fn dup_group_column(segment: &SegmentReader, fields: &Fields) -> Option<Column<u64>> {
    let name = segment.schema().get_field_name(fields.dup_group);
    segment.fast_fields().u64(name).ok()
}

/// The articles of duplicate group `group`: a range query over the fast field, which is not
/// indexed.
pub fn dup_group_query(fields: &Fields, group: u64) -> RangeQuery {
    let group = Term::from_field_u64(fields.dup_group, group);
    RangeQuery::new(Bound::Included(group.clone()), Bound::Included(group))
}

/// Resolves the field handles of an opened index's schema.
pub fn fields_of(schema: &Schema) -> Result<Fields, tantivy::TantivyError> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        url: f("url")?,
        title: f("title")?,
        body: f("body")?,
        reporter: f("reporter")?,
        press: f("press")?,
        published: f("published")?,
        region: f("region")?,
        region_primary: f("region_primary")?,
        region_tags: f("region_tags")?,
        section: f("section")?,
        dateline: f("dateline")?,
        source: f("source")?,
        dup_group: f("dup_group")?,
        extra: f("extra")?,
        entity: f("entity")?,
    })
}
