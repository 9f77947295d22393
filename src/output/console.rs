//! What a command shows a person while it works, and the question it asks before a change.
//! Commands never print: dispatch hands them a `Console` (stderr, progress bars and the
//! terminal's prompt, as the output context allows); unit tests hand them a `Recorder`.

use indicatif::ProgressBar;

use super::progress::{self, TaskLines};
use super::{Level, Note, OutputContext};

/// A person's view of a running command (on stderr; stdout carries only the report).
pub trait Console: Sync {
    /// A note at once: information and warnings unless --quiet; problems always.
    fn tell(&self, note: Note);
    /// What a change will do, before it is made: shown even with --quiet (a command that changes
    /// AWS with --quiet --yes does not announce it).
    fn announce(&self, line: &str);
    /// Whether --quiet is in force.
    fn quiet(&self) -> bool;
    /// A yes/no question before a change; no without a terminal.
    fn confirm(&self, question: &str) -> std::io::Result<bool>;
    /// A bar counting items (hidden when progress is off).
    fn bar(&self, message: &str) -> ProgressBar;
    /// Lines of tasks while waiting for them.
    fn task_lines(&self, arns: &[String]) -> TaskLines;

    fn info(&self, text: &str) {
        self.tell(Note { level: Level::Info, text: text.to_string(), fix: None });
    }
    fn warn(&self, text: &str) {
        self.tell(Note::warning(text));
    }
    fn problem(&self, text: &str, fix: Option<&str>) {
        self.tell(Note::problem(text, fix.map(str::to_string)));
    }
}

/// Asks a yes/no question before a change. Injected (dispatch passes the terminal's, which says
/// no without a terminal) so that the commands that change AWS can be tested without one.
pub trait Prompt: Sync {
    fn confirm(&self, question: &str) -> std::io::Result<bool>;
}

/// The console of a run: stderr as the output context says, and the given prompt.
pub struct Stderr<'a> {
    pub ctx: &'a OutputContext,
    pub prompt: &'a dyn Prompt,
}

impl Console for Stderr<'_> {
    fn tell(&self, note: Note) {
        self.ctx.print_note(&note);
    }
    fn announce(&self, line: &str) {
        self.ctx.say(line);
    }
    fn quiet(&self) -> bool {
        self.ctx.quiet
    }
    fn confirm(&self, question: &str) -> std::io::Result<bool> {
        self.prompt.confirm(question)
    }
    fn bar(&self, message: &str) -> ProgressBar {
        progress::bar(self.ctx, message)
    }
    fn task_lines(&self, arns: &[String]) -> TaskLines {
        TaskLines::new(self.ctx, arns)
    }
}

/// A console as --quiet makes it (`enis --watch` redraws the screen: no bars, no warnings
/// between frames); problems still show.
pub struct Hushed<'a>(pub &'a dyn Console);

impl Console for Hushed<'_> {
    fn tell(&self, note: Note) {
        if note.level == Level::Problem {
            self.0.tell(note);
        }
    }
    fn announce(&self, line: &str) {
        self.0.announce(line);
    }
    fn quiet(&self) -> bool {
        true
    }
    fn confirm(&self, question: &str) -> std::io::Result<bool> {
        self.0.confirm(question)
    }
    fn bar(&self, _message: &str) -> ProgressBar {
        ProgressBar::hidden()
    }
    fn task_lines(&self, arns: &[String]) -> TaskLines {
        TaskLines::new(&OutputContext { quiet: true, stderr_tty: false, ..OutputContext::quiet_plain() }, arns)
    }
}

/// A console that records what a command said and answers its questions from a script: for
/// unit tests of the commands that change AWS, without a terminal.
#[derive(Default)]
pub struct Recorder {
    pub said: std::sync::Mutex<Vec<String>>,
    pub answers: std::sync::Mutex<Vec<bool>>,
    pub quiet: bool,
}

impl Recorder {
    /// A console answering `answers` in turn (then no).
    pub fn answering(answers: &[bool]) -> Recorder {
        Recorder { answers: std::sync::Mutex::new(answers.iter().rev().copied().collect()), ..Recorder::default() }
    }
    /// Every line said, as `level: text` (`announce`, `info`, `warning`, `problem`, `question`).
    pub fn lines(&self) -> Vec<String> {
        self.said.lock().map(|s| s.clone()).unwrap_or_default()
    }
    fn push(&self, line: String) {
        if let Ok(mut s) = self.said.lock() {
            s.push(line);
        }
    }
}

impl Console for Recorder {
    fn tell(&self, note: Note) {
        let level = match note.level {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Problem => "problem",
        };
        self.push(format!("{level}: {}", note.text));
    }
    fn announce(&self, line: &str) {
        self.push(format!("announce: {line}"));
    }
    fn quiet(&self) -> bool {
        self.quiet
    }
    fn confirm(&self, question: &str) -> std::io::Result<bool> {
        self.push(format!("question: {question}"));
        Ok(self.answers.lock().ok().and_then(|mut a| a.pop()).unwrap_or(false))
    }
    fn bar(&self, _message: &str) -> ProgressBar {
        ProgressBar::hidden()
    }
    fn task_lines(&self, arns: &[String]) -> TaskLines {
        TaskLines::new(&OutputContext::quiet_plain(), arns)
    }
}
