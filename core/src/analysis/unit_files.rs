//! The unit's statistics from many saved plan files: each file read with
//! the same checks as opening it, the same file chosen twice counted once,
//! and a file that could not be counted named by its position only, its
//! import error stripped of anything the file said
//! ([`crate::file::anonymous`]).

use crate::file::seal::is_sealed;
use crate::file::{self, anonymous, ImportError, ImportErrorKind};
use crate::i18n::{tr, trf, Lang};
use crate::Plan;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// Why a file was not counted.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The browser could not read the file at all.
    Unreadable,
    /// A passphrase-protected file: counting it would need its passphrase,
    /// and asking for one per file is not a way to make statistics.
    Sealed,
    /// Not a plan, or a damaged one. Already stripped of anything quoted
    /// from the file (see [`anonymous`]).
    Invalid(ImportError),
}

/// One file after reading: its plan or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// A hash of the text, so the same file chosen twice is counted once.
    /// `None` when there is no text to compare (unreadable, too large).
    pub fingerprint: Option<u64>,
    pub result: Result<Rc<Plan>, Problem>,
}

impl Imported {
    /// A file the browser could not read.
    pub fn unreadable() -> Imported {
        Imported {
            fingerprint: None,
            result: Err(Problem::Unreadable),
        }
    }

    /// A file refused on its size alone, before reading it.
    pub fn too_large(bytes: usize) -> Imported {
        Imported {
            fingerprint: None,
            result: Err(Problem::Invalid(ImportError::whole(
                ImportErrorKind::TooLarge {
                    bytes,
                    max: file::limits::MAX_BYTES,
                },
            ))),
        }
    }
}

/// Reads one file's text as a plan, with the same checks as opening it.
pub fn import_text(text: &str) -> Imported {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    let result = match file::from_json(text) {
        Ok(plan) => Ok(Rc::new(plan)),
        // Checked only after a failure: a sealed file is never a plain plan.
        Err(_) if is_sealed(text) => Err(Problem::Sealed),
        Err(e) => Err(Problem::Invalid(anonymous(&e))),
    };
    Imported {
        fingerprint: Some(hasher.finish()),
        result,
    }
}

/// A file in the selection: still being read, or read.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    Pending,
    Done(Imported),
}

/// A file that was not counted, by its position (1 = the first chosen).
#[derive(Clone, Debug, PartialEq)]
pub struct FileNote {
    pub position: usize,
    pub what: NoteKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NoteKind {
    Problem(Problem),
    /// The same text as the file at position `of`, which was counted.
    Duplicate {
        of: usize,
    },
}

impl FileNote {
    /// The sentence shown for the file: its position and the reason, never its name.
    pub fn message(&self, lang: Lang) -> String {
        let n = self.position.to_string();
        match &self.what {
            NoteKind::Problem(Problem::Sealed) => trf(lang, "stats.view.file_sealed", &[("n", &n)]),
            NoteKind::Problem(Problem::Unreadable) => trf(
                lang,
                "stats.view.file_failed",
                &[
                    ("n", &n),
                    ("reason", tr(lang, "stats.view.file_unreadable")),
                ],
            ),
            NoteKind::Problem(Problem::Invalid(e)) => trf(
                lang,
                "stats.view.file_failed",
                &[("n", &n), ("reason", &e.message(lang))],
            ),
            NoteKind::Duplicate { of } => trf(
                lang,
                "stats.view.file_duplicate",
                &[("n", &n), ("of", &of.to_string())],
            ),
        }
    }
}

/// What the unit sees after opening its files.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Files chosen so far.
    pub files: usize,
    /// Files still being read.
    pub pending: usize,
    /// Plans counted (each distinct file once).
    pub counted: usize,
    /// Files not counted, in the order they were chosen.
    pub notes: Vec<FileNote>,
    /// The plans counted, each once; `None` while files are still being
    /// read (a half-read selection would show figures about to change).
    pub plans: Option<Vec<Rc<Plan>>>,
}

/// Sorts the read files into plans to count and notes.
pub fn summarize_slots(slots: &[Slot]) -> Summary {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut plans: Vec<Rc<Plan>> = Vec::new();
    let mut notes = Vec::new();
    let mut pending = 0;
    for (i, slot) in slots.iter().enumerate() {
        let position = i + 1;
        let Slot::Done(imported) = slot else {
            pending += 1;
            continue;
        };
        if let Some(fingerprint) = imported.fingerprint {
            if let Some(&of) = seen.get(&fingerprint) {
                notes.push(FileNote {
                    position,
                    what: NoteKind::Duplicate { of },
                });
                continue;
            }
            seen.insert(fingerprint, position);
        }
        match &imported.result {
            Ok(plan) => plans.push(plan.clone()),
            Err(problem) => notes.push(FileNote {
                position,
                what: NoteKind::Problem(problem.clone()),
            }),
        }
    }
    Summary {
        files: slots.len(),
        pending,
        counted: plans.len(),
        notes,
        plans: (pending == 0).then_some(plans),
    }
}

/// Texts → summary in one step (what the dialog does once every file is read).
pub fn summarize_texts(texts: &[&str]) -> Summary {
    let slots: Vec<Slot> = texts.iter().map(|t| Slot::Done(import_text(t))).collect();
    summarize_slots(&slots)
}

/// The line for the live region: how far reading has come.
pub fn status_line(summary: &Summary, lang: Lang) -> String {
    if summary.files == 0 {
        tr(lang, "stats.view.none_yet").to_string()
    } else if summary.pending > 0 {
        trf(
            lang,
            "stats.view.reading",
            &[("count", &summary.pending.to_string())],
        )
    } else {
        trf(
            lang,
            "stats.view.read",
            &[
                ("read", &summary.counted.to_string()),
                ("total", &summary.files.to_string()),
            ],
        )
    }
}
