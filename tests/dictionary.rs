//! The mecab-ko-dic converter against MeCab itself.
//!
//! - A small dictionary in mecab-ko-dic source form, written here, is compiled with MeCab's
//!   own `mecab-dict-index` (Debian package `mecab-utils`) and read back with
//!   `dongne::dictionary::mecab`: every entry, the unknown-word definitions, the connection
//!   matrix and the character classes must come back as written. The same dictionary is then
//!   built into a lindera dictionary from the compiled directory, the source directory and a
//!   source `.tar.gz`, and all three must segment alike. Skipped, with the reason printed,
//!   when `mecab-dict-index` is not installed.
//! - The python-mecab-ko-dic wheel in `dictionaries/downloads/`, when present, must read back
//!   with the known entry count, known lines, character classes and matrix size.
//! - Broken inputs (truncated files, another charset, a zip that is not one) are errors.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use dongne::dictionary::mecab::{self, LexiconEntry};
use dongne::dictionary::{BuildOptions, DictionaryError, build_dictionary};

/// Nouns, in the mecab-ko-dic column order: surface, left id, right id, cost, tag, semantic
/// class, final consonant, reading, type, first tag, last tag, expression.
const NOUNS_CSV: &str = "\
광양,1,1,2000,NNP,지명,T,광양,*,*,*,*
시,1,1,2500,NNG,*,F,시,*,*,*,*
광양시,1,1,1500,NNP,지명,F,광양시,Compound,*,*,광양/NNP/지명+시/NNG/*
국회,1,1,2000,NNG,*,F,국회,*,*,*,*
의원,1,1,2000,NNG,*,T,의원,*,*,*,*
국회의원,1,1,1800,NNG,*,T,국회의원,Compound,*,*,국회/NNG/*+의원/NNG/*
투자,1,1,2000,NNG,*,F,투자,*,*,*,*
환경,1,1,2000,NNG,*,T,환경,*,*,*,*
협약,1,1,2000,NNG,*,T,협약,*,*,*,*
체결,1,1,2000,NNG,행위,T,체결,*,*,*,*
방문,1,1,2000,NNG,행위,T,방문,*,*,*,*
소개,1,1,2000,NNG,행위,F,소개,*,*,*,*
선거,1,1,2000,NNG,*,F,선거,*,*,*,*
동네,1,1,2000,NNG,*,F,동네,*,*,*,*
뉴스,1,1,2000,NNG,*,F,뉴스,*,*,*,*
동네뉴스,1,1,3900,NNG,*,F,동네뉴스,Compound,*,*,동네/NNG/*+뉴스/NNG/*
東京,1,1,3000,NNP,지명,*,동경,*,*,*,*
";

/// Particles, stems, endings and symbols; two surfaces hold a comma.
const OTHERS_CSV: &str = "\
는,2,2,500,JX,*,T,는,*,*,*,*
은,2,2,500,JX,*,T,은,*,*,*,*
이,2,2,600,JKS,*,F,이,*,*,*,*
가,2,2,600,JKS,*,F,가,*,*,*,*
가,3,3,1200,VV,*,F,가,*,*,*,*
을,2,2,500,JKO,*,T,을,*,*,*,*
를,2,2,500,JKO,*,T,를,*,*,*,*
에서,2,2,500,JKB,*,F,에서,*,*,*,*
과,2,2,700,JC,*,F,과,*,*,*,*
하,3,3,1000,XSV,*,F,하,*,*,*,*
했,3,3,800,XSV+EP,*,T,했,Inflect,XSV,EP,하/XSV/*+았/EP/*
갔,3,3,900,VV+EP,*,T,갔,Inflect,VV,EP,가/VV/*+았/EP/*
다,4,4,300,EF,*,F,다,*,*,*,*
고,4,4,400,EC,*,F,고,*,*,*,*
.,5,5,100,SF,*,*,*,*,*,*,*
\",\",5,5,100,SC,*,*,*,*,*,*,*
\"1,000\",5,5,50,SN,*,*,*,*,*,*,*
";

const CHAR_DEF: &str = "\
DEFAULT 0 1 0
SPACE 0 1 0
HANGUL 0 1 2
HANJA 0 0 2
ALPHA 1 1 0
NUMERIC 1 1 0
SYMBOL 1 1 0

0x0020 SPACE
0x0021..0x002F SYMBOL
0x0030..0x0039 NUMERIC
0x003A..0x0040 SYMBOL
0x0041..0x005A ALPHA
0x005B..0x0060 SYMBOL
0x0061..0x007A ALPHA
0x007B..0x007E SYMBOL
0x3131..0x318E HANGUL
0x4E00..0x9FFF HANJA
0xAC00..0xD7A3 HANGUL
0xFF10..0xFF19 NUMERIC ALPHA
";

const UNK_DEF: &str = "\
DEFAULT,5,5,3000,SY,*,*,*,*,*,*,*
SPACE,5,5,3000,SP,*,*,*,*,*,*,*
HANGUL,1,1,6000,UNKNOWN,*,*,*,*,*,*,*
HANJA,1,1,4000,SH,*,*,*,*,*,*,*
ALPHA,1,1,2000,SL,*,*,*,*,*,*,*
NUMERIC,5,5,1500,SN,*,*,*,*,*,*,*
SYMBOL,5,5,1500,SY,*,*,*,*,*,*,*
";

/// Context ids: 0 sentence edge, 1 noun, 2 particle, 3 stem, 4 ending, 5 symbol or number.
/// `CONNECTION[left][right]`: cost of a right id followed by a left id.
const CONNECTION: [[i16; 6]; 6] = [
    [0, -100, 800, 200, 900, 0],
    [-50, 200, -300, -200, 600, 100],
    [-50, -100, 500, 100, 700, 100],
    [300, 500, 600, 400, -400, 300],
    [-300, 0, 400, 300, 500, -100],
    [0, -100, 300, 200, 600, 0],
];

const DICRC: &str = "\
cost-factor = 800
bos-feature = BOS/EOS,*,*,*,*,*,*,*,*
eval-size = 4
unk-eval-size = 2
config-charset = UTF-8
";

const SENTENCE: &str = "광양시는 국회의원과 협약을 체결했다. 1,000 동네뉴스 東京 abc 쀍쀍 갔다";

fn matrix_def() -> String {
    let mut out = format!("{} {}\n", CONNECTION.len(), CONNECTION[0].len());
    for (left, row) in CONNECTION.iter().enumerate() {
        for (right, cost) in row.iter().enumerate() {
            out.push_str(&format!("{left} {right} {cost}\n"));
        }
    }
    out
}

/// Writes the test dictionary in source form into `dir`.
fn write_source(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in [
        ("NNG.csv", NOUNS_CSV),
        ("Others.csv", OTHERS_CSV),
        ("char.def", CHAR_DEF),
        ("unk.def", UNK_DEF),
        ("dicrc", DICRC),
        ("matrix.def", &matrix_def()),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// MeCab's dictionary compiler: `MECAB_DICT_INDEX`, the usual install locations, or `PATH`.
fn mecab_dict_index() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("MECAB_DICT_INDEX")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    if let Ok(out) = Command::new("mecab-config").arg("--libexecdir").output() {
        let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !dir.is_empty() {
            candidates.push(Path::new(&dir).join("mecab-dict-index"));
        }
    }
    for dir in [
        "/usr/lib/mecab",
        "/usr/libexec/mecab",
        "/usr/local/libexec/mecab",
        "/usr/lib/x86_64-linux-gnu/mecab",
        "/usr/lib/aarch64-linux-gnu/mecab",
        "/opt/homebrew/libexec/mecab",
    ] {
        candidates.push(Path::new(dir).join("mecab-dict-index"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path).map(|d| d.join("mecab-dict-index")));
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// Compiles the source in `source` into `output` with MeCab, or says why it cannot.
fn compile_with_mecab(source: &Path, output: &Path) -> Option<()> {
    let Some(tool) = mecab_dict_index() else {
        println!(
            "skipped: mecab-dict-index not found (install Debian's mecab-utils, or set \
             MECAB_DICT_INDEX)"
        );
        return None;
    };
    std::fs::create_dir_all(output).unwrap();
    run_ok(
        Command::new(&tool)
            .args(["-f", "UTF-8", "-t", "UTF-8", "-d"])
            .arg(source)
            .arg("-o")
            .arg(output),
    );
    Some(())
}

/// Runs `command`, requiring success; returns its standard output.
fn run_ok(command: &mut Command) -> Vec<u8> {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Parses mecab-ko-dic source CSV (a quoted first field may hold commas).
fn parse_csv(text: &str) -> Vec<LexiconEntry> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (surface, rest) = match line.strip_prefix('"') {
                Some(quoted) => {
                    let end = quoted.find("\",").unwrap();
                    (quoted[..end].replace("\"\"", "\""), &quoted[end + 2..])
                }
                None => {
                    let (s, rest) = line.split_once(',').unwrap();
                    (s.to_string(), rest)
                }
            };
            let mut fields = rest.splitn(4, ',');
            let mut next = || fields.next().unwrap();
            LexiconEntry {
                surface,
                left_id: next().parse().unwrap(),
                right_id: next().parse().unwrap(),
                cost: next().parse().unwrap(),
                feature: next().to_string(),
            }
        })
        .collect()
}

fn sorted(mut entries: Vec<LexiconEntry>) -> Vec<LexiconEntry> {
    entries.sort_by(|a, b| {
        (&a.surface, a.left_id, a.right_id, a.cost, &a.feature)
            .cmp(&(&b.surface, b.left_id, b.right_id, b.cost, &b.feature))
    });
    entries
}

/// What a `char.def` means: each category's flags, and for every UCS-2 code point its default
/// category and the set of its other categories.
#[derive(Debug, PartialEq)]
struct CharClasses {
    flags: BTreeMap<String, (u32, u32, u32)>,
    classes: Vec<(String, Vec<String>)>,
}

fn char_classes(def: &str) -> CharClasses {
    let mut flags = BTreeMap::new();
    let mut classes = vec![("DEFAULT".to_string(), Vec::new()); 0xFFFF];
    for line in def.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if let Some(range) = fields[0].strip_prefix("0x") {
            let (low, high) = match range.split_once("..0x") {
                Some((low, high)) => (low, high),
                None => (range, range),
            };
            let low = usize::from_str_radix(low, 16).unwrap();
            let high = usize::from_str_radix(high, 16).unwrap();
            let mut others: Vec<String> = fields[2..].iter().map(|s| s.to_string()).collect();
            others.sort();
            for class in classes.iter_mut().take(high + 1).skip(low) {
                *class = (fields[1].to_string(), others.clone());
            }
        } else {
            let n = |i: usize| fields[i].parse::<u32>().unwrap();
            flags.insert(fields[0].to_string(), (n(1), n(2), n(3)));
        }
    }
    CharClasses { flags, classes }
}

fn build(source: &Path, output: &Path) -> dongne::dictionary::DictionaryInfo {
    let stdout = run_ok(
        Command::new(env!("CARGO_BIN_EXE_dongne"))
            .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
            .args(["dict", "build", "--source"])
            .arg(source)
            .arg("--output")
            .arg(output),
    );
    serde_json::from_slice(&stdout).unwrap()
}

/// (surface, byte offsets, feature fields) of every token lindera finds in `text` with the
/// built dictionary in `dictionary` alone: the raw segmentation, without the analyzer's
/// normalisation, user dictionary and filters.
fn segment(dictionary: &Path, text: &str) -> Vec<(String, usize, usize, Vec<String>)> {
    let dictionary = lindera::dictionary::load_fs_dictionary_with_options(dictionary, true)
        .expect("the built dictionary loads");
    let segmenter =
        lindera::segmenter::Segmenter::new(lindera::mode::Mode::Normal, dictionary, None);
    segmenter
        .segment(std::borrow::Cow::Borrowed(text))
        .unwrap()
        .into_iter()
        .map(|mut token| {
            let details = token.details_iter().map(str::to_string).collect();
            (
                token.surface.to_string(),
                token.byte_start,
                token.byte_end,
                details,
            )
        })
        .collect()
}

fn tar_gz(dir: &Path, top: &str, into: &Path) {
    let file = std::fs::File::create(into).unwrap();
    let mut archive = tar::Builder::new(flate2::write::GzEncoder::new(
        file,
        flate2::Compression::fast(),
    ));
    archive.append_dir_all(top, dir).unwrap();
    archive.into_inner().unwrap().finish().unwrap();
}

#[test]
fn mecab_compiled_dictionary_reads_back_as_its_source() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("source");
    let compiled = tmp.path().join("compiled");
    write_source(&source);
    if compile_with_mecab(&source, &compiled).is_none() {
        return;
    }
    let read = |name: &str| std::fs::read(compiled.join(name)).unwrap();

    let entries = mecab::read_lexicon(&read("sys.dic"), "sys.dic").unwrap();
    let expected = parse_csv(&format!("{NOUNS_CSV}{OTHERS_CSV}"));
    assert_eq!(entries.len(), expected.len());
    assert_eq!(sorted(entries.clone()), sorted(expected));
    // The trie gives surfaces in byte order.
    assert!(entries.windows(2).all(|w| w[0].surface <= w[1].surface));
    let comma = entries.iter().find(|e| e.surface == "1,000").unwrap();
    assert_eq!(comma.to_csv_line(), "\"1,000\",5,5,50,SN,*,*,*,*,*,*,*");

    let unknown = mecab::read_lexicon(&read("unk.dic"), "unk.dic").unwrap();
    assert_eq!(sorted(unknown), sorted(parse_csv(UNK_DEF)));

    assert_eq!(
        mecab::matrix_to_def(&read("matrix.bin")).unwrap(),
        matrix_def()
    );

    let def = mecab::char_to_def(&read("char.bin")).unwrap();
    assert_eq!(char_classes(&def), char_classes(CHAR_DEF), "{def}");
}

#[test]
fn compiled_source_and_tarball_build_the_same_analyzer() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("source");
    let compiled = tmp.path().join("compiled");
    write_source(&source);
    if compile_with_mecab(&source, &compiled).is_none() {
        return;
    }
    let tarball = tmp.path().join("mecab-ko-dic-test.tar.gz");
    tar_gz(&source, "mecab-ko-dic-test", &tarball);

    let mut results = Vec::new();
    for (name, input) in [
        ("from-compiled", &compiled),
        ("from-source", &source),
        ("from-tarball", &tarball),
    ] {
        let output = tmp.path().join(name);
        let info = build(input, &output);
        results.push((name, info.entries, segment(&output, SENTENCE)));
    }
    let (_, entries, reference) = &results[0];
    assert_eq!(
        *entries,
        NOUNS_CSV.lines().count() + OTHERS_CSV.lines().count()
    );
    for (name, count, morphemes) in &results[1..] {
        assert_eq!(count, entries, "{name}");
        assert_eq!(morphemes, reference, "{name}");
    }
    let pairs: Vec<(&str, &str)> = reference
        .iter()
        .map(|(surface, _, _, details)| (surface.as_str(), details[0].as_str()))
        .collect();
    for expected in [
        ("광양시", "NNP"),
        ("는", "JX"),
        ("국회의원", "NNG"),
        ("했", "XSV+EP"),
        ("1,000", "SN"),
        ("東京", "NNP"),
    ] {
        assert!(pairs.contains(&expected), "{expected:?} in {pairs:?}");
    }
    let (_, _, _, compound) = reference.iter().find(|t| t.0 == "광양시").unwrap();
    assert_eq!(compound[4], "Compound");
    assert_eq!(compound[7], "광양/NNP/지명+시/NNG/*");
}

#[test]
fn truncated_or_foreign_compiled_files_are_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("source");
    let compiled = tmp.path().join("compiled");
    write_source(&source);
    if compile_with_mecab(&source, &compiled).is_none() {
        return;
    }
    for name in ["sys.dic", "unk.dic"] {
        let data = std::fs::read(compiled.join(name)).unwrap();
        for cut in [0, 8, 40, 71, 72, 100, data.len() / 2, data.len() - 1] {
            let err = mecab::read_lexicon(&data[..cut], "sys.dic").unwrap_err();
            assert!(
                matches!(err, DictionaryError::Format { .. }),
                "{cut}: {err}"
            );
        }
        let mut euc_kr = data.clone();
        euc_kr[40..72].fill(0);
        euc_kr[40..46].copy_from_slice(b"EUC-KR");
        let err = mecab::read_lexicon(&euc_kr, "sys.dic").unwrap_err();
        assert!(err.to_string().contains("EUC-KR"), "{err}");
    }
    let matrix = std::fs::read(compiled.join("matrix.bin")).unwrap();
    assert!(mecab::matrix_to_def(&matrix[..matrix.len() - 1]).is_err());
    let chars = std::fs::read(compiled.join("char.bin")).unwrap();
    for cut in [0, 3, 100, chars.len() - 1] {
        assert!(
            mecab::char_to_def(&chars[..cut]).is_err(),
            "char.bin cut at {cut}"
        );
    }

    // A compiled directory with a broken sys.dic fails the build and leaves no output.
    let broken = tmp.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    for name in ["unk.dic", "matrix.bin", "char.bin"] {
        std::fs::copy(compiled.join(name), broken.join(name)).unwrap();
    }
    let sys = std::fs::read(compiled.join("sys.dic")).unwrap();
    std::fs::write(broken.join("sys.dic"), &sys[..sys.len() / 3]).unwrap();
    let output = tmp.path().join("out");
    let err = build_dictionary(&BuildOptions {
        source: broken,
        output: output.clone(),
    })
    .unwrap_err();
    assert!(err.to_string().contains("sys.dic"), "{err}");
    assert!(!output.exists());
}

#[test]
fn garbage_inputs_are_errors_not_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let header_only = {
        let mut data = vec![0u8; 72];
        data[40..46].copy_from_slice(b"EUC-KR");
        data
    };
    let err = mecab::read_lexicon(&header_only, "sys.dic").unwrap_err();
    assert!(err.to_string().contains("EUC-KR"), "{err}");
    let mut huge = vec![0xffu8; 72];
    huge[40..45].copy_from_slice(b"UTF-8");
    huge[45..72].fill(0);
    assert!(mecab::read_lexicon(&huge, "sys.dic").is_err());
    assert!(mecab::char_to_def(&[0xff; 64]).is_err());
    assert!(mecab::matrix_to_def(&[0xff; 64]).is_err());

    let cases: [(&str, &[u8]); 3] = [
        (
            "garbage.whl",
            b"PK\x03\x04 this is not really a zip archive",
        ),
        ("empty.zip", b""),
        ("garbage.tar.gz", b"\x1f\x8b\x08 not gzip either"),
    ];
    for (name, bytes) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = tmp.path().join(format!("out-{name}"));
        let err = build_dictionary(&BuildOptions {
            source: path,
            output: output.clone(),
        })
        .unwrap_err();
        assert!(!err.to_string().is_empty());
        assert!(!output.exists(), "{name}");
    }

    // A real zip without the compiled files is not a dictionary.
    let path = tmp.path().join("other.whl");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"hello").unwrap();
    zip.finish().unwrap();
    let err = build_dictionary(&BuildOptions {
        source: path,
        output: tmp.path().join("out-other"),
    })
    .unwrap_err();
    assert!(matches!(err, DictionaryError::UnknownSource(_)), "{err}");
}

/// The python-mecab-ko-dic wheel in `dictionaries/downloads/`, if there is one.
fn wheel() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/downloads");
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries.filter_map(Result::ok).map(|e| e.path()).find(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with("python_mecab_ko_dic-2.1.1") && n.ends_with(".whl")
            })
        })
    });
    if found.is_none() {
        println!(
            "skipped: no python_mecab_ko_dic-2.1.1 wheel in {} (scripts/setup.sh downloads it)",
            dir.display()
        );
    }
    found
}

fn wheel_member(wheel: &Path, name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(wheel).unwrap()).unwrap();
    let index = (0..archive.len())
        .find(|&i| {
            archive
                .name_for_index(i)
                .and_then(Result::ok)
                .is_some_and(|n| n.rsplit('/').next() == Some(name))
        })
        .unwrap_or_else(|| panic!("{name} in the wheel"));
    let mut data = Vec::new();
    archive
        .by_index(index)
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    data
}

#[test]
fn wheel_reads_back_completely_and_sanely() {
    let Some(wheel) = wheel() else { return };
    let entries = mecab::read_lexicon(&wheel_member(&wheel, "sys.dic"), "sys.dic").unwrap();
    assert_eq!(entries.len(), 816_283);
    let lines: std::collections::HashSet<String> =
        entries.iter().map(LexiconEntry::to_csv_line).collect();
    for known in [
        "광양시,1789,3552,5420,NNP,지명,F,광양시,Compound,*,*,광양/NNP/지명+시/NNG/*",
        "국회의원,1780,3534,1675,NNG,*,T,국회의원,Compound,*,*,국회/NNG/*+의원/NNG/*",
        "했,2692,8,-2,XSV+EP,*,T,했,Inflect,XSV,EP,하/XSV/*+았/EP/*",
        "갔,2420,8,-548,VV+EP,*,T,갔,Inflect,VV,EP,가/VV/*+았/EP/*",
    ] {
        assert!(lines.contains(known), "{known}");
    }

    let unknown = mecab::read_lexicon(&wheel_member(&wheel, "unk.dic"), "unk.dic").unwrap();
    let categories: Vec<&str> = unknown.iter().map(|e| e.surface.as_str()).collect();
    for category in ["DEFAULT", "SPACE", "HANGUL", "HANJA", "ALPHA", "NUMERIC"] {
        assert!(
            categories.contains(&category),
            "{category} in {categories:?}"
        );
    }

    let def = mecab::char_to_def(&wheel_member(&wheel, "char.bin")).unwrap();
    let classes = char_classes(&def);
    for category in [
        "DEFAULT", "SPACE", "HANGUL", "HANJA", "ALPHA", "NUMERIC", "SYMBOL",
    ] {
        assert!(classes.flags.contains_key(category), "{category}: {def}");
    }
    let class = |c: char| classes.classes[c as usize].0.as_str();
    assert_eq!(class(' '), "SPACE");
    assert_eq!(class('가'), "HANGUL");
    assert_eq!(class('힣'), "HANGUL");
    assert_eq!(class('大'), "HANJA");
    assert_eq!(class('a'), "ALPHA");
    assert_eq!(class('Z'), "ALPHA");
    assert_eq!(class('7'), "NUMERIC");
    // Hangul syllables are grouped (a run of unknown syllables is one word).
    assert_eq!(classes.flags["HANGUL"].1, 1);

    let matrix = wheel_member(&wheel, "matrix.bin");
    let lsize = u16::from_le_bytes([matrix[0], matrix[1]]) as usize;
    let rsize = u16::from_le_bytes([matrix[2], matrix[3]]) as usize;
    assert_eq!((lsize, rsize), (3822, 2693));
    assert_eq!(matrix.len(), 4 + 2 * lsize * rsize);
    assert!(
        entries
            .iter()
            .chain(&unknown)
            .all(|e| (e.right_id as usize) < lsize && (e.left_id as usize) < rsize),
        "context ids within the {lsize}x{rsize} matrix"
    );
}
