//! Terminal colour: on only when standard output is a terminal and `NO_COLOR` is unset.

use std::io::IsTerminal;

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset or empty.
    pub fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    /// No colour.
    pub fn plain() -> Self {
        Self { color: false }
    }

    fn wrap(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Headlines.
    pub fn title(&self, text: &str) -> String {
        self.wrap("1", text)
    }

    /// Matched words in snippets (bold yellow; `[` `]` without colour).
    pub fn matched(&self, text: &str) -> String {
        if self.color {
            self.wrap("1;33", text)
        } else {
            format!("[{text}]")
        }
    }

    /// Secondary details: dates, names, URLs.
    pub fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }
}
