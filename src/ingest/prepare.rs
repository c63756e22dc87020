//! Preparing one article for the index, on a worker thread: its title and body are
//! analysed once, and the same morphemes give both its search tokens and, when the source
//! did not tag it, its regions.

use crate::analysis::{AnalyzerWorker, MorphemeFields, PackedTokens, filter};
use crate::article::Article;
use crate::index::document::PreparedArticle;
use crate::index::schema::Fields;
use crate::regions::Tagger;

/// Analyses `article` with `worker` (one per thread), tags it with `tagger` unless it has
/// region tags, and builds its document for the index with `fields`.
pub fn prepare(
    mut article: Article,
    worker: &mut AnalyzerWorker,
    tagger: &Tagger,
    fields: &Fields,
) -> PreparedArticle {
    let untagged = article.regions.is_none();
    let (title_tokens, body_tokens, regions) =
        worker.with_morphemes([&article.title, &article.body], |[title, body]| {
            let regions = untagged.then(|| tagger.tag(&article, title, body));
            (packed(title), packed(body), regions)
        });
    if regions.is_some() {
        article.regions = regions;
    }
    PreparedArticle::new(article, [title_tokens, body_tokens], fields)
}

/// The search tokens of `morphemes`, packed for indexing.
fn packed<M: MorphemeFields>(morphemes: &[M]) -> PackedTokens {
    // About one token per morpheme, their texts about as long as the text.
    let text_bytes = match (morphemes.first(), morphemes.last()) {
        (Some(first), Some(last)) => last.byte_end().saturating_sub(first.byte_start()),
        _ => 0,
    };
    let mut tokens = PackedTokens::with_capacity(morphemes.len(), text_bytes);
    filter::search_tokens(morphemes, &mut tokens);
    tokens
}
