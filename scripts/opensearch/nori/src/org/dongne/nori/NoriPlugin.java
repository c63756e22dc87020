/*
 * The nori analysis components for an OpenSearch node, registered under the names the
 * OpenSearch documentation gives them (nori_tokenizer, nori_part_of_speech,
 * nori_readingform, nori_number) over Lucene's own Korean analysis module.
 *
 * scripts/opensearch.sh compiles this file against the node's jars when the
 * analysis-nori plugin is not published as a zip of the node's version.
 */
package org.dongne.nori;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ko.KoreanNumberFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;
import org.opensearch.index.analysis.AbstractTokenizerFactory;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

/** The plugin: one tokenizer and three token filters. */
public class NoriPlugin extends Plugin implements AnalysisPlugin {
    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("nori_tokenizer", NoriTokenizer::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "nori_part_of_speech", PartOfSpeech::new,
            "nori_readingform", ReadingForm::new,
            "nori_number", NumberFilter::new);
    }

    /** nori_tokenizer: decompound_mode, discard_punctuation, user_dictionary_rules. */
    static final class NoriTokenizer extends AbstractTokenizerFactory {
        private final UserDictionary userDictionary;
        private final KoreanTokenizer.DecompoundMode mode;
        private final boolean discardPunctuation;

        NoriTokenizer(IndexSettings index, Environment env, String name, Settings settings)
                throws IOException {
            super(index, settings, name);
            String mode = settings.get("decompound_mode", "discard");
            this.mode = KoreanTokenizer.DecompoundMode.valueOf(mode.toUpperCase(Locale.ROOT));
            this.discardPunctuation = settings.getAsBoolean("discard_punctuation", true);
            List<String> rules = settings.getAsList("user_dictionary_rules", List.of());
            this.userDictionary = rules.isEmpty()
                ? null
                : UserDictionary.open(new StringReader(String.join("\n", rules)));
        }

        @Override
        public Tokenizer create() {
            return new KoreanTokenizer(
                KoreanTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
                userDictionary,
                mode,
                false,
                discardPunctuation);
        }
    }

    /** nori_part_of_speech: drops the tokens whose (left) part of speech is a stop tag. */
    static final class PartOfSpeech extends AbstractTokenFilterFactory {
        private final Set<POS.Tag> stopTags;

        PartOfSpeech(IndexSettings index, Environment env, String name, Settings settings) {
            super(index, name, settings);
            List<String> tags = settings.getAsList("stoptags", List.of());
            if (tags.isEmpty()) {
                this.stopTags = KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS;
            } else {
                this.stopTags = new HashSet<>();
                for (String tag : tags) {
                    this.stopTags.add(POS.resolveTag(tag));
                }
            }
        }

        @Override
        public TokenStream create(TokenStream input) {
            return new KoreanPartOfSpeechStopFilter(input, stopTags);
        }
    }

    /** nori_readingform: Hanja to Hangul readings. */
    static final class ReadingForm extends AbstractTokenFilterFactory {
        ReadingForm(IndexSettings index, Environment env, String name, Settings settings) {
            super(index, name, settings);
        }

        @Override
        public TokenStream create(TokenStream input) {
            return new KoreanReadingFormFilter(input);
        }
    }

    /** nori_number: Korean numerals to Arabic digits. */
    static final class NumberFilter extends AbstractTokenFilterFactory {
        NumberFilter(IndexSettings index, Environment env, String name, Settings settings) {
            super(index, name, settings);
        }

        @Override
        public TokenStream create(TokenStream input) {
            return new KoreanNumberFilter(input);
        }
    }
}
