//! Fatal errors: the run cannot be done (as opposed to findings, which are data).

use std::io;
use std::path::{Path, PathBuf};
use std::str::Utf8Error;

use crate::text::position::LineCol;

/// Why a run could not be done. Each names the file, and the line and column where known.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A YAML file is larger than `report` reads.
    #[error("{}: the file is larger than {} MiB", path.display(), limit >> 20)]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A text file holds bytes that are not UTF-8.
    #[error(
        "{}:{at}: not UTF-8 text (byte 0x{byte:02x} at byte offset {offset}){}",
        path.display(),
        encoding.map(|e| format!("; it looks like {e}")).unwrap_or_default()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Where the first bad byte is.
        at: LineCol,
        /// The first bad byte's offset in the file.
        offset: usize,
        /// The bad byte.
        byte: u8,
        /// The encoding the bytes most likely are in, as `iconv` names it (a guess).
        encoding: Option<&'static str>,
    },
    /// A YAML file (the outline or a source catalog) is not valid YAML or not of its shape.
    #[error("{}:{at}: {message}", path.display())]
    Yaml {
        /// The file.
        path: PathBuf,
        /// Where the problem is.
        at: LineCol,
        /// What is wrong.
        message: String,
        /// What to do about it.
        help: String,
        /// The text of the line at fault, for a snippet.
        line: String,
    },
    /// A model's response (or its request) cannot be imported: not of a shape `report import`
    /// reads, an API error, or no answer.
    #[error("{}:{at}: {message}", path.display())]
    Import {
        /// The file.
        path: PathBuf,
        /// Where the problem is.
        at: LineCol,
        /// What is wrong.
        message: String,
        /// What to do about it.
        help: String,
    },
    /// A catalog field a briefing would show holds a control or direction-override character.
    #[error("{}: `{field}` of source `{id}` holds the invisible character U+{:04X}, which would show the briefing's readers other text than the catalog's", catalog.display(), *character as u32)]
    HiddenCharacter {
        /// The catalog.
        catalog: PathBuf,
        /// The source.
        id: String,
        /// The field.
        field: &'static str,
        /// The character.
        character: char,
    },
    /// Formatting the citations took longer than allowed (a slow citation style).
    #[error("formatting the citations took longer than {seconds} s")]
    CitationTimeout {
        /// The limit.
        seconds: u64,
    },
    /// A thread could not be started.
    #[error("cannot start a thread: {0}")]
    Thread(#[source] std::io::Error),
    /// A source changed between its check and the render that quotes it.
    #[error("{}: changed since it was checked", path.display())]
    SourceChanged {
        /// The source file.
        path: PathBuf,
    },
    /// The sources folder named by an outline does not exist or is not a folder.
    #[error("{}:{at}: sources folder `{}` cannot be read: {source}", outline.display(), folder.display())]
    SourcesFolder {
        /// The outline that names it.
        outline: PathBuf,
        /// Where the outline names it (its `sources:` key, else the start of the file).
        at: LineCol,
        /// The folder.
        folder: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The sources folder named by an outline lies outside the project folder.
    #[error("{}:{at}: sources folder `{}` is outside the project folder `{}`", outline.display(), folder.display(), root.display())]
    OutsideProject {
        /// The outline that names it.
        outline: PathBuf,
        /// Where the outline names it.
        at: LineCol,
        /// The folder, as named.
        folder: PathBuf,
        /// The project folder it must stay in.
        root: PathBuf,
    },
    /// A source file is a link that leads outside the sources folder.
    #[error("{}: leads outside the sources folder, to `{}`", path.display(), target.display())]
    OutsideSources {
        /// The source file.
        path: PathBuf,
        /// Where it leads.
        target: PathBuf,
    },
    /// The file gate refused a file: a link out of the project, a FIFO or device the
    /// project named, or an output in the sources folder.
    #[error("{}: refused: {reason}", path.display())]
    Refused {
        /// The file, as named.
        path: PathBuf,
        /// Why.
        reason: Refusal,
    },
    /// The output could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The output path.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// An option of the command line that cannot be followed.
    #[error("{message}")]
    BadArgument {
        /// What is wrong with it.
        message: String,
        /// What to do about it.
        help: String,
    },
    /// `report find` was given no words to look for.
    #[error("nothing to find: the text is empty or only an ellipsis")]
    NothingToFind,
    /// `report find` was given a source that is neither a file nor an id in the folder.
    #[error("no source `{id}`: not a file, and no `{id}.txt` in `{}`", folder.display())]
    UnknownSource {
        /// The source as given.
        id: String,
        /// The sources folder looked in.
        folder: PathBuf,
    },
    /// A file `report init` would write already exists.
    #[error("{}: already exists", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// An import's outline would replace a file, and `--force` was not given.
    #[error("{}: already exists", path.display())]
    OutlineExists {
        /// The file.
        path: PathBuf,
    },
    /// A file of a new project could not be created.
    #[error("{}: cannot create: {source}", path.display())]
    Create {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The output path names one of the run's inputs.
    #[error("{}: the output would overwrite {what} `{}`", path.display(), input.display())]
    OutputIsInput {
        /// The output path.
        path: PathBuf,
        /// What the input is: "the outline", "a source".
        what: &'static str,
        /// The input.
        input: PathBuf,
    },
    /// A draft's output path is the final briefing's.
    #[error("{}: a draft is never written over the briefing", path.display())]
    DraftOverFinal {
        /// The output path.
        path: PathBuf,
    },
    /// The `typst` program was not found.
    #[error("`{}` not found: PDF output needs the Typst CLI", program.display())]
    TypstMissing {
        /// The program looked for.
        program: PathBuf,
    },
    /// The `typst` program could not be started.
    #[error("{}: cannot run: {source}", program.display())]
    TypstRun {
        /// The program.
        program: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// Typst ran and failed.
    #[error("typst failed ({status}):\n{diagnostics}")]
    TypstFailed {
        /// The program.
        program: PathBuf,
        /// How it exited.
        status: String,
        /// What it printed on standard error.
        diagnostics: String,
    },
    /// Typst ran longer than allowed and was stopped.
    #[error("{}: stopped after {seconds} s without finishing the PDF", program.display())]
    TypstTimeout {
        /// The program.
        program: PathBuf,
        /// The time limit, in seconds.
        seconds: u64,
    },
    /// The run was interrupted (SIGINT or SIGTERM) and stopped cleanly.
    #[error("interrupted; earlier output is left as it was")]
    Interrupted,
    /// The private temporary folder for Typst could not be used.
    #[error("cannot use a temporary folder: {0}")]
    Scratch(io::Error),
    /// An error met once and shared by every outline it stops (a source several cite).
    #[error(transparent)]
    Shared(std::sync::Arc<Error>),
    /// A verified quote did not hold up when looked at again ([`crate::matching::confirm`]): a bug
    /// in `report`, never a pass.
    #[error("{}: internal error: the quote {quote} was verified at bytes {start}..{end}, but {what}", path.display())]
    Unconfirmed {
        /// The source.
        path: PathBuf,
        /// The quote, shortened.
        quote: String,
        /// Where it was said to be.
        start: usize,
        /// Where it was said to end.
        end: usize,
        /// What the second look found.
        what: &'static str,
    },
    /// The `pdftotext` program was not found.
    #[error("`{}` not found: PDF sources need poppler's pdftotext", program.display())]
    PdftotextMissing {
        /// The program looked for.
        program: PathBuf,
    },
    /// An extractor (pdftotext) could not be started.
    #[error("`{}` could not be run: {source}", program.display())]
    ExtractorRun {
        /// The program.
        program: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// An extractor ran longer than allowed and was stopped.
    #[error("`{}` ran longer than {seconds} s and was stopped", program.display())]
    ExtractorTimeout {
        /// The program.
        program: PathBuf,
        /// The limit.
        seconds: u64,
    },
    /// A PDF that needs a password.
    #[error("{}: the PDF is encrypted", path.display())]
    PdfEncrypted {
        /// The PDF.
        path: PathBuf,
    },
    /// A PDF pdftotext could not read.
    #[error("{}: not a readable PDF: {message}", path.display())]
    PdfUnreadable {
        /// The PDF.
        path: PathBuf,
        /// What pdftotext said.
        message: String,
    },
    /// A PDF with no text layer on any page.
    #[error("{}: the PDF has no text on any of its {pages} pages (a scan?)", path.display())]
    PdfNoText {
        /// The PDF.
        path: PathBuf,
        /// How many pages it has.
        pages: usize,
    },
    /// A catalog that an entry cannot be added to as text (flow style, a document end).
    #[error("{}: a new entry cannot be added at its end without changing what it says", path.display())]
    CatalogShape {
        /// The catalog.
        path: PathBuf,
        /// The entry that was to be added.
        entry: String,
    },
    /// A web address that could not be fetched.
    #[error("{url}: cannot fetch: {reason}")]
    FetchFailed {
        /// The address that failed.
        url: String,
        /// What happened.
        reason: String,
    },
    /// A web page whose article could not be read.
    #[error("{}: no article could be read from the page: {message}", path.display())]
    PageUnreadable {
        /// The page.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// A Word file that could not be read.
    #[error("{}: not a readable Word file: {message}", path.display())]
    DocxUnreadable {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// A source to add is larger than `report` takes in.
    #[error("{}: larger than {} MiB", path.display(), limit >> 20)]
    SourceTooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// `report sources add` would overwrite a source.
    #[error("source `{id}` already exists: {}", path.display())]
    SourceExists {
        /// The id.
        id: String,
        /// The text file or catalog that has it.
        path: PathBuf,
    },
    /// `report sources add` was given a document with no text.
    #[error("{}: the document holds no text", path.display())]
    EmptySource {
        /// The document.
        path: PathBuf,
    },
    /// `report sources add` was given a kind of file it does not take in.
    #[error("{}: {what} cannot be added as a source yet", path.display())]
    UnsupportedSource {
        /// The file.
        path: PathBuf,
        /// What it is: "a web page" served as an image.
        what: &'static str,
    },
    /// A source id that cannot be used.
    #[error("source id `{id}`: {message}")]
    BadId {
        /// The id, hidden characters made visible.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// A text that is not in the encoding it was said to be in.
    #[error("{}: not valid {encoding} text", path.display())]
    NotInEncoding {
        /// The file.
        path: PathBuf,
        /// The encoding.
        encoding: &'static str,
    },
    /// An encoding label `encoding_rs` does not know.
    #[error("unknown encoding `{label}`")]
    UnknownEncoding {
        /// The label given.
        label: String,
    },
    /// A template failed to render (a bug in `report`, not in the input).
    #[error("rendering failed: {0}")]
    Template(#[from] askama::Error),
}

impl Error {
    /// An error reading `path`.
    pub fn read(path: &Path, source: io::Error) -> Self {
        Self::Read {
            path: path.to_owned(),
            source,
        }
    }

    /// An error for `bytes`, the text of `path` after its first `skipped` bytes (a
    /// byte-order mark), whose UTF-8 decoding failed with `error`: the line and column are
    /// the text's, the offset the file's.
    pub fn not_utf8(path: &Path, bytes: &[u8], skipped: usize, error: Utf8Error) -> Self {
        let offset = error.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        let at = LineCol {
            line: valid.matches('\n').count() + 1,
            column: valid[line_start..].chars().count() + 1,
        };
        Self::NotUtf8 {
            path: path.to_owned(),
            at,
            offset: skipped + offset,
            byte: bytes[offset],
            encoding: likely_encoding(bytes),
        }
    }

    /// A YAML file, whose text is `text`, that is wrong at `at`.
    pub fn invalid(
        path: &Path,
        text: &str,
        at: LineCol,
        message: String,
        help: impl Into<String>,
    ) -> Self {
        let line = text.lines().nth(at.line - 1).unwrap_or_default().to_owned();
        Self::Yaml {
            path: path.to_owned(),
            at,
            message,
            help: help.into(),
            line,
        }
    }

    /// The file at fault, where there is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Self::Read { path, .. }
            | Self::SourceChanged { path }
            | Self::HiddenCharacter { catalog: path, .. }
            | Self::TooLarge { path, .. }
            | Self::NotUtf8 { path, .. }
            | Self::Yaml { path, .. }
            | Self::Import { path, .. }
            | Self::Write { path, .. }
            | Self::Refused { path, .. }
            | Self::Exists { path }
            | Self::OutlineExists { path }
            | Self::Create { path, .. }
            | Self::OutputIsInput { path, .. }
            | Self::DraftOverFinal { path }
            | Self::PdfEncrypted { path }
            | Self::PdfUnreadable { path, .. }
            | Self::PdfNoText { path, .. }
            | Self::SourceTooLarge { path, .. }
            | Self::SourceExists { path, .. }
            | Self::UnsupportedSource { path, .. }
            | Self::NotInEncoding { path, .. }
            | Self::EmptySource { path }
            | Self::DocxUnreadable { path, .. }
            | Self::PageUnreadable { path, .. }
            | Self::CatalogShape { path, .. } => Some(path),
            Self::SourcesFolder { outline, .. } | Self::OutsideProject { outline, .. } => {
                Some(outline)
            }
            Self::OutsideSources { path, .. } | Self::Unconfirmed { path, .. } => Some(path),
            Self::Shared(error) => error.file(),
            _ => None,
        }
    }

    /// Where in [`Error::file`] the fault is, where that is known.
    pub fn at(&self) -> Option<LineCol> {
        match self {
            Self::NotUtf8 { at, .. }
            | Self::Yaml { at, .. }
            | Self::Import { at, .. }
            | Self::SourcesFolder { at, .. }
            | Self::OutsideProject { at, .. } => Some(*at),
            Self::Shared(error) => error.at(),
            _ => None,
        }
    }

    /// Whether this is a source file that could not be read as text (not UTF-8, or refused by
    /// the system): a finding at each quote that cites it, not the end of the run.
    pub fn is_unreadable_source(&self) -> bool {
        match self {
            Self::NotUtf8 { .. } | Self::Read { .. } => true,
            Self::Shared(error) => error.is_unreadable_source(),
            _ => false,
        }
    }

    /// What the user can do about it.
    pub fn help(&self) -> String {
        match self {
            Self::Read { .. } => "check that the path exists and is a readable file".into(),
            Self::SourceChanged { .. } => "run the render again: it checks the source anew".into(),
            Self::HiddenCharacter { .. } => "remove the control or direction-override character from the field (`report sources` shows it escaped)".into(),
            Self::CitationTimeout { .. } => "use a bundled style (`report styles`), or a simpler `.csl` file".into(),
            Self::Thread(_) => "the machine is short of threads or memory: run again".into(),
            Self::TooLarge { .. } => "split the briefing into several outlines; README.md lists the limits on YAML input".into(),
            Self::NotUtf8 { path, encoding, .. } => to_utf8(path, *encoding),
            Self::Yaml { help, .. } | Self::Import { help, .. } | Self::BadArgument { help, .. } => {
                help.clone()
            }
            Self::SourcesFolder { .. } => {
                "create the folder, or set `sources:` in the outline to the folder that holds the source files".into()
            }
            Self::OutsideProject { .. } => {
                "keep the sources in the outline's folder, or name a larger project folder with `--root`".into()
            }
            Self::OutsideSources { .. } => {
                "put a copy of the file in the sources folder instead of a link to it".into()
            }
            Self::Refused { reason, .. } => refusal_help(reason).into(),
            Self::Write { .. } => "choose an output path in an existing, writable folder with `-o`".into(),
            Self::OutputIsInput { .. } => "choose another output path with `-o`".into(),
            Self::DraftOverFinal { .. } => "leave out `-o` (a draft goes to `OUTLINE.draft.EXT`), or name another file".into(),
            Self::Exists { .. } => "`report init` writes only new files: give it an empty folder, or move the file away".into(),
            Self::Create { .. } => "check that the folder is writable".into(),
            Self::OutlineExists { .. } => "name a new file with `-o`, or give `--force` to replace this one".into(),
            Self::NothingToFind => "give the words to look for, e.g. `report find SOURCE \"the words\"`".into(),
            Self::UnknownSource { .. } => "give a source id from the sources folder (`report sources` lists them), a file's path, or the folder with `--sources`".into(),
            Self::TypstMissing { .. } => {
                "install it with `cargo install --locked typst-cli`, or name the program with `--typst PATH` or `REPORT_TYPST`".into()
            }
            Self::TypstRun { .. } => "check that the program is the Typst CLI and is executable".into(),
            Self::TypstFailed { status, .. } if status.contains("signal") => {
                "Typst crashed: run again, and if it crashes again report it to the Typst project with the document from `report render --format typst`".into()
            }
            Self::TypstFailed { .. } => "this is likely a bug in report's Typst template; please report it with the diagnostics above".into(),
            Self::TypstTimeout { .. } => {
                "raise the limit with `--typst-timeout SECONDS` if the document is very large; otherwise check that the program is the Typst CLI".into()
            }
            Self::Interrupted => "run it again to finish".into(),
            Self::Scratch(_) => "check that the temporary folder (TMPDIR) exists and is writable".into(),
            Self::Template(_) => "please report this as a bug".into(),
            Self::Unconfirmed { .. } => {
                "nothing was verified; please report this as a bug, with the quote and the source".into()
            }
            Self::PdftotextMissing { .. } => {
                "install poppler's utilities (`apt-get install poppler-utils`, `brew install poppler`), or name the program with `--pdftotext PATH` or `REPORT_PDFTOTEXT`".into()
            }
            Self::ExtractorRun { .. } => "check that the program is poppler's pdftotext and is executable".into(),
            Self::ExtractorTimeout { .. } => "the PDF may be damaged or built to be slow: try another copy of it, or allow more time with `--timeout SECONDS`".into(),
            Self::PdfEncrypted { .. } => "save an unencrypted copy (for example with `qpdf --decrypt IN OUT` and the password), then add that".into(),
            Self::PdfUnreadable { .. } => "check that the file is a whole PDF (it may be damaged or only partly downloaded)".into(),
            Self::PdfNoText { .. } => "report does not read images of text: add a copy with a text layer (made with OCR, which you then check against the pages)".into(),
            Self::SourceTooLarge { .. } => "split the document, or add the part you quote".into(),
            Self::SourceExists { .. } => "give another id with `--id`, or remove the old source (its `.txt` file and its catalog entry) first".into(),
            Self::EmptySource { .. } => "check that it is the document you meant; a scan needs OCR first".into(),
            Self::UnsupportedSource { .. } => "save it as PDF or as plain text, and add that".into(),
            Self::BadId { .. } => "give an id of letters, digits, `-`, `_` and `.` with `--id`".into(),
            Self::CatalogShape { entry, .. } => format!(
                "write the catalog in block style (one `key: value` a line, no `...`), or add this entry to it yourself:\n{entry}"
            ),
            Self::FetchFailed { .. } => "check the address; for a page behind a login or a paywall, save it from the browser (SingleFile, or as PDF) and add the file".into(),
            Self::PageUnreadable { .. } => "save the page as PDF from a browser, or copy its text into a .txt file, and add that".into(),
            Self::DocxUnreadable { .. } => "check that the file is a whole .docx (Word 2007 or later; save a .doc as .docx first)".into(),
            Self::NotInEncoding { .. } => "name the encoding the file is in with `--encoding`".into(),
            Self::UnknownEncoding { .. } => "give a WHATWG encoding label, such as `windows-1252`, `iso-8859-2`, `shift_jis` or `utf-16le`".into(),
            Self::Shared(error) => error.help(),
        }
    }
}

/// What to do about a file the gate refused.
fn refusal_help(reason: &Refusal) -> &'static str {
    match reason {
        Refusal::LeadsOutside { .. } | Refusal::Dangling => {
            "replace the link with the file itself: report reads and writes only inside the project; name a path outside it on the command line to write there"
        }
        Refusal::NotRegular(_) => {
            "replace it with a regular file: inside a project, outlines, sources, the catalog and outputs are regular files (a FIFO or device is used only outside it, named on the command line, as `-o /dev/null`)"
        }
        Refusal::IntoSources(_) => {
            "choose an output path outside the sources folder with `-o`: every file there is a source or the catalog"
        }
    }
}

/// Why the gate refused a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A link leads out of the folder the file must stay in.
    LeadsOutside {
        /// Where it leads.
        target: PathBuf,
        /// The folder it must stay in.
        within: PathBuf,
    },
    /// Not a regular file: a FIFO, a device, a socket or a folder.
    NotRegular(&'static str),
    /// An output would be written into the sources folder.
    IntoSources(PathBuf),
    /// A link whose target does not exist.
    Dangling,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::LeadsOutside { target, within } => write!(
                f,
                "leads outside `{}`, to `{}`",
                within.display(),
                target.display()
            ),
            Self::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            Self::IntoSources(folder) => {
                write!(f, "it is in the sources folder `{}`", folder.display())
            }
            Self::Dangling => f.write_str("it is a link to a file that does not exist"),
        }
    }
}

/// The encoding `bytes` (not UTF-8) are most likely in, named as `iconv` names it: by their
/// byte-order mark, else as `chardetng` (the detector Firefox uses) guesses from them.
fn likely_encoding(bytes: &[u8]) -> Option<&'static str> {
    let encoding = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) => encoding,
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
            // The first megabyte says enough, and keeps the guess quick on a large file.
            detector.feed(&bytes[..bytes.len().min(1 << 20)], true);
            detector.guess(None, chardetng::Utf8Detection::Deny)
        }
    };
    let name = encoding.name();
    Some(match name {
        "UTF-8" | "replacement" | "x-user-defined" => return None,
        "ISO-8859-8-I" => "ISO-8859-8",
        "x-mac-cyrillic" => "MAC-CYRILLIC",
        "macintosh" => "MACINTOSH",
        "gbk" => "GBK",
        "gb18030" => "GB18030",
        "big5" => "BIG5",
        "windows-874" => "WINDOWS-874",
        "windows-1250" => "WINDOWS-1250",
        "windows-1251" => "WINDOWS-1251",
        "windows-1252" => "WINDOWS-1252",
        "windows-1253" => "WINDOWS-1253",
        "windows-1254" => "WINDOWS-1254",
        "windows-1255" => "WINDOWS-1255",
        "windows-1256" => "WINDOWS-1256",
        "windows-1257" => "WINDOWS-1257",
        "windows-1258" => "WINDOWS-1258",
        name => name,
    })
}

/// How to convert `path` from `encoding` to UTF-8, as a command to paste.
fn to_utf8(path: &Path, encoding: Option<&str>) -> String {
    // A path that starts with `-` would be read as an option.
    let shown = match path.to_string_lossy().starts_with('-') {
        true => format!("./{}", path.display()),
        false => path.display().to_string(),
    };
    let file = shell_quoted(&shown);
    let temporary = shell_quoted(&format!("{shown}.utf8"));
    match encoding {
        Some(encoding) => format!(
            "convert it to UTF-8 (check the guess by eye afterwards): \
             `iconv -f {encoding} -t UTF-8 {file} > {temporary} && mv {temporary} {file}`"
        ),
        None => {
            "save the file as UTF-8 text (for example with `iconv -f ENCODING -t UTF-8`)".into()
        }
    }
}

/// `text` as one word for a POSIX shell: as it is when it holds only characters no shell
/// reads specially, else in single quotes.
pub(crate) fn shell_quoted(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "._/-+,:@%=".contains(c);
    match !text.is_empty() && text.chars().all(plain) {
        true => text.to_owned(),
        false => format!("'{}'", text.replace('\'', r"'\''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conversion_command_quotes_the_paths_a_shell_would_split() {
        assert_eq!(shell_quoted("sources/memo.txt"), "sources/memo.txt");
        assert_eq!(shell_quoted("my notes/it's.txt"), r"'my notes/it'\''s.txt'");
        assert_eq!(shell_quoted("$(rm -rf ~).txt"), "'$(rm -rf ~).txt'");
        let help = to_utf8(Path::new("-src/memo.txt"), Some("WINDOWS-1252"));
        assert!(
            help.contains("-t UTF-8 ./-src/memo.txt > ./-src/memo.txt.utf8"),
            "{help}"
        );
        let help = to_utf8(Path::new("a b.txt"), Some("WINDOWS-1252"));
        assert!(
            help.contains("`iconv -f WINDOWS-1252 -t UTF-8 'a b.txt' > 'a b.txt.utf8' && mv 'a b.txt.utf8' 'a b.txt'`"),
            "{help}"
        );
    }

    #[test]
    fn the_likely_encoding_is_named_as_iconv_names_it() {
        let latin = "Le café de la gare ferme à midi ; l’été est fini.".as_bytes();
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(std::str::from_utf8(latin).unwrap());
        assert_eq!(likely_encoding(&cp1252), Some("WINDOWS-1252"));
        let utf16: Vec<u8> = [0xff, 0xfe, b'a', 0].to_vec();
        assert_eq!(likely_encoding(&utf16), Some("UTF-16LE"));
    }
}
