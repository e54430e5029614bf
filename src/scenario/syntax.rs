//! A RON reader that keeps the position of every value.
//!
//! The `ron` crate drops struct names when a value's type is decided at run
//! time (`Tri(…)` against `Pert(…)`) and gives no position to problems found
//! after parsing, so a message could not say "line 42: `job_moves[2]`
//! (Payroll roles): …". This reader covers the RON syntax a scenario can use
//! — comments, `#![enable(…)]` attributes, named and unnamed structs and
//! tuples, lists, maps, strings (escaped and raw), numbers, `Some`/`None` —
//! and nothing else. It never recurses deeper than RON's own limit, so a
//! hostile file cannot overflow the stack. Tests check that RON reads every
//! file this crate writes.

use super::limits::{MAX_NESTING, MAX_STRING_CHARS};

/// Byte offsets of a value in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Line and column of byte offset `at` in `src`.
#[must_use]
pub fn pos_of(src: &str, at: usize) -> Pos {
    let at = at.min(src.len());
    let mut at = at;
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..]
        .trim_start_matches('\u{feff}')
        .chars()
        .count()
        + 1;
    Pos { line, col }
}

/// A parsed value with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

/// A number as written: its value and whether it was a whole-number literal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Written without a decimal point or exponent (`2014`, `0x10`, `1_000`).
    pub integer: bool,
}

/// What kind of value a node is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Number(Number),
    Str(String),
    Bool(bool),
    Char(char),
    /// A bare identifier: an enum variant such as `Official`, or `None`.
    Ident(String),
    /// `Name(field: value, …)` or `(field: value, …)`.
    Struct {
        name: Option<String>,
        fields: Vec<Field>,
    },
    /// `Name(a, b)`, `(a, b)` or `Name()`; `Some(x)` is a tuple named `Some`.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Unit,
}

/// One `name: value` inside a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub name_span: Span,
    pub value: Node,
}

impl Kind {
    /// A short description for "expected X, found Y" messages.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Kind::Number(n) => format!("the number {}", fmt_num(n.value)),
            Kind::Str(s) => {
                let short: String = s.chars().take(40).collect();
                format!("the text \"{short}\"")
            }
            Kind::Bool(b) => format!("`{b}`"),
            Kind::Char(c) => format!("the character '{c}'"),
            Kind::Ident(i) => format!("`{i}`"),
            Kind::Struct { name: Some(n), .. } | Kind::Tuple { name: Some(n), .. } => {
                format!("`{n}(…)`")
            }
            Kind::Struct { name: None, .. } => "a struct `(…: …)`".to_owned(),
            Kind::Tuple { name: None, .. } => "a tuple `(…)`".to_owned(),
            Kind::List(_) => "a list `[…]`".to_owned(),
            Kind::Map(_) => "a map `{…}`".to_owned(),
            Kind::Unit => "`()`".to_owned(),
        }
    }
}

/// `Some(x)` → `x` (`implicit_some` files may write either).
#[must_use]
pub fn unwrap_some(node: &Node) -> &Node {
    match &node.kind {
        Kind::Tuple {
            name: Some(n),
            items,
        } if n == "Some" && items.len() == 1 => unwrap_some(&items[0]),
        _ => node,
    }
}

/// Two values alike but for how they are written: spans, `Some(…)`, a
/// struct's name left out, `100_000_000` against `100000000`.
#[must_use]
pub fn same_value(a: &Node, b: &Node) -> bool {
    let (a, b) = (unwrap_some(a), unwrap_some(b));
    let names = |x: &Option<String>, y: &Option<String>| x.is_none() || y.is_none() || x == y;
    let all = |x: &[Node], y: &[Node]| {
        x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y))
    };
    match (&a.kind, &b.kind) {
        (Kind::Number(x), Kind::Number(y)) => x.value == y.value,
        (Kind::Str(x), Kind::Str(y)) | (Kind::Ident(x), Kind::Ident(y)) => x == y,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Char(x), Kind::Char(y)) => x == y,
        (Kind::Unit, Kind::Unit) => true,
        (
            Kind::Tuple {
                name: n1,
                items: i1,
            },
            Kind::Tuple {
                name: n2,
                items: i2,
            },
        ) => names(n1, n2) && all(i1, i2),
        (Kind::List(i1), Kind::List(i2)) => all(i1, i2),
        (Kind::Map(m1), Kind::Map(m2)) => {
            m1.len() == m2.len()
                && m1
                    .iter()
                    .zip(m2)
                    .all(|((k1, v1), (k2, v2))| same_value(k1, k2) && same_value(v1, v2))
        }
        (
            Kind::Struct {
                name: n1,
                fields: f1,
            },
            Kind::Struct {
                name: n2,
                fields: f2,
            },
        ) => {
            names(n1, n2)
                && f1.len() == f2.len()
                && f1
                    .iter()
                    .zip(f2)
                    .all(|(x, y)| x.name == y.name && same_value(&x.value, &y.value))
        }
        _ => false,
    }
}

/// Formats a number the way a person would write it in a message.
#[must_use]
pub fn fmt_num(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_owned()
    } else if x.is_infinite() {
        if x > 0.0 {
            "inf".to_owned()
        } else {
            "-inf".to_owned()
        }
    } else if x != 0.0 && !(1e-6..1e16).contains(&x.abs()) {
        // `1e300`, as it would be written, not 301 digits.
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// "`sаlary` contains a Cyrillic 'а' (U+0430) — did you mean `salary`?":
/// what the first character that is not plain ASCII in a field name is, and
/// the name with every lookalike replaced, when that is a plain name.
fn lookalike_message(word: &str, odd: char) -> String {
    let code = odd as u32;
    let what = if crate::text::invisible(odd) {
        format!("an invisible character (U+{code:04X})")
    } else {
        let script = match code {
            0x0370..=0x03FF | 0x1F00..=0x1FFF => "a Greek",
            0x0400..=0x052F => "a Cyrillic",
            0xFF00..=0xFFEF => "a full-width",
            0x0080..=0x024F => "an accented Latin",
            _ => "a non-ASCII",
        };
        format!("{script} '{odd}' (U+{code:04X})")
    };
    let meant: Option<String> = word
        .chars()
        .filter(|&c| !crate::text::invisible(c))
        .map(ascii_lookalike)
        .collect();
    let shown = crate::text::printable(word);
    match meant.filter(|m| !m.is_empty()) {
        Some(m) => format!("`{shown}` contains {what} — did you mean `{m}`?"),
        None => format!(
            "`{shown}` contains {what}; field names are plain ASCII letters, digits and `_` — retype it"
        ),
    }
}

/// The ASCII letter a character is mistaken for, if it is one.
fn ascii_lookalike(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() || c == '_' {
        return Some(c);
    }
    let code = c as u32;
    if (0xFF21..=0xFF3A).contains(&code)
        || (0xFF41..=0xFF5A).contains(&code)
        || (0xFF10..=0xFF19).contains(&code)
    {
        return char::from_u32(code - 0xFEE0);
    }
    Some(match c {
        'а' | 'α' | 'À'..='Å' | 'à'..='å' => 'a',
        'с' | 'ϲ' | 'ç' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' | 'È'..='Ë' | 'è'..='ë' => 'e',
        'һ' => 'h',
        'і' | 'ι' | 'Ì'..='Ï' | 'ì'..='ï' => 'i',
        'ј' => 'j',
        'κ' | 'к' => 'k',
        'ӏ' => 'l',
        'о' | 'ο' | 'Ò'..='Ö' | 'ò'..='ö' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'τ' | 'т' => 't',
        'υ' | 'Ù'..='Ü' | 'ù'..='ü' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'χ' => 'x',
        'у' => 'y',
        'ñ' => 'n',
        _ => return None,
    })
}

/// A syntax error: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

type Result<T> = std::result::Result<T, SyntaxError>;

/// Parses a whole RON document (one value, after optional attributes).
pub fn parse(src: &str) -> Result<Node> {
    let mut p = Parser {
        src,
        bytes: src.as_bytes(),
        i: 0,
        depth: 0,
    };
    if src.starts_with('\u{feff}') {
        p.i = '\u{feff}'.len_utf8();
    }
    p.ws()?;
    p.attributes()?;
    let node = p.value()?;
    p.ws()?;
    if p.i < p.bytes.len() {
        return Err(p.err_here(format!(
            "unexpected {} after the end of the scenario; a file holds one `Scenario(…)`",
            p.describe_here()
        )));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    #[allow(clippy::unused_self)] // a method, so every error reads `self.err(…)`
    fn err(&self, at: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at,
            message: message.into(),
        }
    }

    fn err_here(&self, message: impl Into<String>) -> SyntaxError {
        self.err(self.i, message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.src[self.i..].chars().next()
    }

    fn describe_here(&self) -> String {
        match self.peek_char() {
            None => "end of file".to_owned(),
            Some(c) if c.is_control() => format!("character U+{:04X}", c as u32),
            Some(c) if crate::text::invisible(c) => {
                format!("an invisible character (U+{:04X})", c as u32)
            }
            Some(c) => format!("`{c}`"),
        }
    }

    /// What to do about the character here, for the slips people make
    /// editing by hand: "" when there is nothing more to say.
    fn hint_here(&self) -> &'static str {
        // The last character before this one that is not a space.
        let before = self.src[..self.i].trim_end();
        let comma_after_digit = before
            .strip_suffix(',')
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
        match self.peek_char() {
            Some('£' | '$' | '€') => {
                "; write amounts as plain numbers of pounds, without a currency sign (2000000 or 2e6)"
            }
            Some(',')
                if before.ends_with(',') || before.ends_with('(') || before.ends_with('[') =>
            {
                "; a comma with nothing before it: delete it (an item or field was removed and its comma left behind)"
            }
            Some('0'..='9') if comma_after_digit => {
                "; numbers are written without thousands separators: write 24500 or 24_500, not 24,500"
            }
            _ => "",
        }
    }

    /// A field name at `at` spelt with a character that is not plain ASCII
    /// (a Cyrillic `а`, a zero-width space), followed by `:`: the error
    /// that names the character and the name it probably means.
    fn lookalike_field(&self, at: usize) -> Option<SyntaxError> {
        let rest = &self.src[at..];
        let len: usize = rest
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_' || crate::text::invisible(c))
            .map(char::len_utf8)
            .sum();
        let word = &rest[..len];
        let odd = word.chars().find(|c| !c.is_ascii())?;
        if !rest[len..].trim_start().starts_with(':') {
            return None;
        }
        Some(self.err(at, lookalike_message(word, odd)))
    }

    /// Skips white space and comments (`//…` and nested `/* … */`).
    fn ws(&mut self) -> Result<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.i += 1,
                Some(b'/') if self.bytes.get(self.i + 1) == Some(&b'/') => {
                    while let Some(b) = self.peek() {
                        if b == b'\n' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.i + 1) == Some(&b'*') => {
                    let start = self.i;
                    self.i += 2;
                    let mut level = 1usize;
                    while level > 0 {
                        match self.peek() {
                            None => {
                                return Err(
                                    self.err(start, "a `/*` comment is never closed with `*/`")
                                );
                            }
                            Some(b'*') if self.bytes.get(self.i + 1) == Some(&b'/') => {
                                level -= 1;
                                self.i += 2;
                            }
                            Some(b'/') if self.bytes.get(self.i + 1) == Some(&b'*') => {
                                level += 1;
                                self.i += 2;
                            }
                            Some(_) => self.i += 1,
                        }
                    }
                }
                Some(_) if self.peek_char().is_some_and(char::is_whitespace) => {
                    self.i += self.peek_char().map_or(1, char::len_utf8);
                }
                _ => return Ok(()),
            }
        }
    }

    /// `#![enable(implicit_some, …)]` lines at the top. Implicit `Some` is
    /// always on for scenarios, so the known extensions are accepted and ignored.
    fn attributes(&mut self) -> Result<()> {
        while self.src[self.i..].starts_with("#!") {
            let start = self.i;
            self.i += 2;
            self.ws()?;
            self.expect(b'[')?;
            self.ws()?;
            let name = self
                .ident()
                .ok_or_else(|| self.err_here("expected `enable` in `#![enable(…)]`"))?;
            if name != "enable" {
                return Err(self.err(
                    start,
                    format!("unknown attribute `{name}`; only `#![enable(…)]` is allowed"),
                ));
            }
            self.ws()?;
            self.expect(b'(')?;
            loop {
                self.ws()?;
                if self.peek() == Some(b')') {
                    self.i += 1;
                    break;
                }
                let at = self.i;
                let ext = self
                    .ident()
                    .ok_or_else(|| self.err_here("expected an extension name"))?;
                if !matches!(
                    ext.as_str(),
                    "implicit_some"
                        | "unwrap_newtypes"
                        | "unwrap_variant_newtypes"
                        | "explicit_struct_names"
                ) {
                    return Err(self.err(at, format!("unknown RON extension `{ext}`")));
                }
                self.ws()?;
                if self.peek() == Some(b',') {
                    self.i += 1;
                }
            }
            self.ws()?;
            self.expect(b']')?;
            self.ws()?;
        }
        Ok(())
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.peek() == Some(b) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err_here(format!(
                "expected `{}`, found {}",
                b as char,
                self.describe_here()
            )))
        }
    }

    fn ident(&mut self) -> Option<String> {
        let start = self.i;
        let raw = self.src[self.i..].starts_with("r#")
            && self
                .bytes
                .get(self.i + 2)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
        if raw {
            self.i += 2;
        }
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
            _ => {
                self.i = start;
                return None;
            }
        }
        let name_start = self.i;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.i += 1;
        }
        Some(self.src[name_start..self.i].to_owned())
    }

    fn value(&mut self) -> Result<Node> {
        if self.depth >= MAX_NESTING {
            return Err(self.err_here(format!(
                "values are nested more than {MAX_NESTING} deep; a scenario never needs this — the file is damaged or not a scenario"
            )));
        }
        self.depth += 1;
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Result<Node> {
        let start = self.i;
        let Some(b) = self.peek() else {
            return Err(
                self.err_here("the file ends where a value was expected; it may be cut short")
            );
        };
        let kind = match b {
            b'[' => self.list()?,
            b'{' => self.map()?,
            b'(' => self.parens(None)?,
            b'"' => Kind::Str(self.string()?),
            b'\'' => Kind::Char(self.char_lit()?),
            b'0'..=b'9' | b'+' | b'-' | b'.' => Kind::Number(self.number()?),
            b'r' if self.at_raw_string() => Kind::Str(self.raw_string()?),
            _ => {
                let Some(name) = self.ident() else {
                    return Err(self.err_here(format!(
                        "expected a value, found {}{}",
                        self.describe_here(),
                        self.hint_here()
                    )));
                };
                match name.as_str() {
                    "true" => Kind::Bool(true),
                    "false" => Kind::Bool(false),
                    "inf" | "inff64" | "inff32" => Kind::Number(Number {
                        value: f64::INFINITY,
                        integer: false,
                    }),
                    "NaN" | "NaNf64" | "NaNf32" => Kind::Number(Number {
                        value: f64::NAN,
                        integer: false,
                    }),
                    _ => {
                        self.ws()?;
                        if self.peek() == Some(b'(') {
                            self.parens(Some(name))?
                        } else {
                            Kind::Ident(name)
                        }
                    }
                }
            }
        };
        Ok(Node {
            kind,
            span: Span { start, end: self.i },
        })
    }

    fn list(&mut self) -> Result<Kind> {
        let open = self.i;
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.ws()?;
            match self.peek() {
                Some(b']') => {
                    self.i += 1;
                    return Ok(Kind::List(items));
                }
                None => {
                    return Err(self.err(
                        open,
                        "this `[` is never closed with `]`; the file may be cut short",
                    ));
                }
                _ => {}
            }
            items.push(self.value()?);
            self.ws()?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {}
                None => {
                    return Err(self.err(
                        open,
                        "this `[` is never closed with `]`; the file may be cut short",
                    ));
                }
                _ => {
                    return Err(self.err_here(format!(
                        "expected `,` or `]` in a list, found {}; is a comma missing after the item before it?",
                        self.describe_here()
                    )));
                }
            }
        }
    }

    fn map(&mut self) -> Result<Kind> {
        let open = self.i;
        self.i += 1;
        let mut entries = Vec::new();
        loop {
            self.ws()?;
            match self.peek() {
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Kind::Map(entries));
                }
                None => {
                    return Err(self.err(
                        open,
                        "this `{` is never closed with `}`; the file may be cut short",
                    ));
                }
                _ => {}
            }
            let key = self.value()?;
            self.ws()?;
            self.expect(b':')?;
            self.ws()?;
            let value = self.value()?;
            entries.push((key, value));
            self.ws()?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {}
                None => {
                    return Err(self.err(
                        open,
                        "this `{` is never closed with `}`; the file may be cut short",
                    ));
                }
                _ => {
                    return Err(self.err_here(format!(
                        "expected `,` or `}}` in a map, found {}",
                        self.describe_here()
                    )));
                }
            }
        }
    }

    /// What follows `Name` or stands alone: `(field: v, …)`, `(a, b)` or `()`.
    fn parens(&mut self, name: Option<String>) -> Result<Kind> {
        let open = self.i;
        self.i += 1;
        self.ws()?;
        if self.peek() == Some(b')') {
            self.i += 1;
            return Ok(match name {
                Some(name) => Kind::Tuple {
                    name: Some(name),
                    items: Vec::new(),
                },
                None => Kind::Unit,
            });
        }
        // A struct if the first thing is `ident :` (but not `::`).
        let save = self.i;
        let is_struct = if self.ident().is_some() {
            self.ws()?;
            let colon = self.peek() == Some(b':');
            self.i = save;
            colon
        } else {
            false
        } || self.lookalike_field(save).is_some();
        let unclosed = |p: &Self| {
            p.err(
                open,
                "this `(` is never closed with `)`; the file may be cut short or a `)` is missing",
            )
        };
        if is_struct {
            let mut fields = Vec::new();
            loop {
                self.ws()?;
                match self.peek() {
                    Some(b')') => {
                        self.i += 1;
                        return Ok(Kind::Struct { name, fields });
                    }
                    None => return Err(unclosed(self)),
                    _ => {}
                }
                let name_start = self.i;
                if let Some(e) = self.lookalike_field(name_start) {
                    return Err(e);
                }
                let Some(field) = self.ident() else {
                    return Err(self.err_here(format!(
                        "expected a field name, found {}{}",
                        self.describe_here(),
                        self.hint_here()
                    )));
                };
                let name_span = Span {
                    start: name_start,
                    end: self.i,
                };
                self.ws()?;
                if self.peek() != Some(b':') {
                    return Err(self.err_here(format!(
                        "expected `:` after the field name `{field}`, found {}",
                        self.describe_here()
                    )));
                }
                self.i += 1;
                self.ws()?;
                let value = self.value()?;
                fields.push(Field {
                    name: field,
                    name_span,
                    value,
                });
                self.ws()?;
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(b')') => {}
                    None => return Err(unclosed(self)),
                    _ => {
                        return Err(self.err_here(format!(
                            "expected `,` or `)` after a field, found {}; is a comma missing?",
                            self.describe_here()
                        )));
                    }
                }
            }
        }
        let mut items = Vec::new();
        loop {
            self.ws()?;
            match self.peek() {
                Some(b')') => {
                    self.i += 1;
                    return Ok(Kind::Tuple { name, items });
                }
                None => return Err(unclosed(self)),
                _ => {}
            }
            items.push(self.value()?);
            self.ws()?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b')') => {}
                None => return Err(unclosed(self)),
                _ => {
                    return Err(self.err_here(format!(
                        "expected `,` or `)`, found {}; is a comma missing?",
                        self.describe_here()
                    )));
                }
            }
        }
    }

    fn string(&mut self) -> Result<String> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        let mut chars = 0usize;
        loop {
            let Some(c) = self.peek_char() else {
                return Err(self.err(
                    open,
                    "this text is never closed with `\"`; the file may be cut short",
                ));
            };
            self.i += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let esc_at = self.i - 1;
                    let Some(e) = self.peek_char() else {
                        return Err(self.err(open, "this text is never closed with `\"`"));
                    };
                    self.i += e.len_utf8();
                    match e {
                        '"' => out.push('"'),
                        '\'' => out.push('\''),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        '0' => out.push('\0'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'x' => {
                            let hex = self.src.get(self.i..self.i + 2).unwrap_or("");
                            let v = u8::from_str_radix(hex, 16)
                                .ok()
                                .filter(u8::is_ascii)
                                .ok_or_else(|| self.err(esc_at, "`\\x` must be followed by two hex digits of an ASCII character"))?;
                            self.i += 2;
                            out.push(char::from(v));
                        }
                        'u' => {
                            if self.peek() != Some(b'{') {
                                return Err(
                                    self.err(esc_at, "write a Unicode escape as `\\u{XXXX}`")
                                );
                            }
                            let close = self.src[self.i..].find('}').filter(|&n| n <= 8);
                            let Some(close) = close else {
                                return Err(
                                    self.err(esc_at, "write a Unicode escape as `\\u{XXXX}`")
                                );
                            };
                            let hex = &self.src[self.i + 1..self.i + close];
                            let c = u32::from_str_radix(hex, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .ok_or_else(|| {
                                    self.err(
                                        esc_at,
                                        format!("`\\u{{{hex}}}` is not a Unicode character"),
                                    )
                                })?;
                            self.i += close + 1;
                            out.push(c);
                        }
                        other => {
                            return Err(self.err(esc_at, format!(
                                "`\\{other}` is not an escape RON knows; write `\\\\` for a backslash"
                            )));
                        }
                    }
                }
                c => out.push(c),
            }
            chars += 1;
            if chars > MAX_STRING_CHARS {
                return Err(self.err(open, format!(
                    "this text is longer than {MAX_STRING_CHARS} characters; shorten it (long notes belong in a linked document)"
                )));
            }
        }
    }

    /// `r"…"` or `r#"…"#` (but not the raw identifier `r#name`).
    fn at_raw_string(&self) -> bool {
        let rest = &self.bytes[self.i + 1..];
        let hashes = rest.iter().take_while(|&&b| b == b'#').count();
        rest.get(hashes) == Some(&b'"')
    }

    fn raw_string(&mut self) -> Result<String> {
        let open = self.i;
        self.i += 1; // r
        let mut hashes = 0usize;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        if self.peek() != Some(b'"') {
            return Err(self.err(open, "expected `\"` to start a raw string"));
        }
        self.i += 1;
        let close: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        let Some(len) = self.src[self.i..].find(&close) else {
            return Err(self.err(
                open,
                "this raw text is never closed; the file may be cut short",
            ));
        };
        let text = &self.src[self.i..self.i + len];
        if text.chars().count() > MAX_STRING_CHARS {
            return Err(self.err(
                open,
                format!("this text is longer than {MAX_STRING_CHARS} characters; shorten it"),
            ));
        }
        self.i += len + close.len();
        Ok(text.to_owned())
    }

    fn char_lit(&mut self) -> Result<char> {
        let open = self.i;
        self.i += 1;
        let c = match self.peek_char() {
            Some('\\') => {
                self.i += 1;
                let e = self
                    .peek_char()
                    .ok_or_else(|| self.err(open, "unclosed character"))?;
                self.i += e.len_utf8();
                match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    other => other,
                }
            }
            Some(c) => {
                self.i += c.len_utf8();
                c
            }
            None => return Err(self.err(open, "unclosed character")),
        };
        if self.peek() != Some(b'\'') {
            return Err(self.err(
                open,
                "a character literal holds one character; use \"…\" for text",
            ));
        }
        self.i += 1;
        Ok(c)
    }

    fn number(&mut self) -> Result<Number> {
        let start = self.i;
        let negative = match self.peek() {
            Some(b'-') => {
                self.i += 1;
                true
            }
            Some(b'+') => {
                self.i += 1;
                false
            }
            _ => false,
        };
        let sign = if negative { -1.0 } else { 1.0 };
        // inf / NaN after a sign
        if let Some(name) = self.ident() {
            return match name.as_str() {
                "inf" | "inff64" | "inff32" => Ok(Number {
                    value: sign * f64::INFINITY,
                    integer: false,
                }),
                "NaN" | "NaNf64" | "NaNf32" => Ok(Number {
                    value: f64::NAN,
                    integer: false,
                }),
                _ => Err(self.err(start, format!("expected a number, found `{name}`"))),
            };
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if self.src[self.i..].starts_with(prefix) {
                self.i += 2;
                let digits_start = self.i;
                while self
                    .peek()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    self.i += 1;
                }
                let digits: String = self.src[digits_start..self.i]
                    .chars()
                    .filter(|&c| c != '_')
                    .collect();
                let digits = strip_int_suffix(&digits);
                let v = u64::from_str_radix(digits, radix).map_err(|_| {
                    self.err(
                        start,
                        format!("`{}` is not a number", &self.src[start..self.i]),
                    )
                })?;
                return Ok(Number {
                    value: sign * v as f64,
                    integer: true,
                });
            }
        }
        let body_start = self.i;
        let mut integer = true;
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' | b'_' => self.i += 1,
                b'.' if self.bytes.get(self.i + 1).is_none_or(|n| {
                    n.is_ascii_digit() || !n.is_ascii_alphabetic() && *n != b'.'
                }) =>
                {
                    integer = false;
                    self.i += 1;
                }
                b'e' | b'E' => {
                    integer = false;
                    self.i += 1;
                    if matches!(self.peek(), Some(b'+' | b'-')) {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
        // Rust-style type suffixes (`1.5f64`, `10u32`) are valid RON.
        let suffix_start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_alphanumeric()) {
            self.i += 1;
        }
        let suffix = &self.src[suffix_start..self.i];
        let text: String = self.src[body_start..suffix_start]
            .chars()
            .filter(|&c| c != '_')
            .collect();
        let suffix_ok = suffix.is_empty()
            || matches!(suffix, "f32" | "f64")
            || integer
                && matches!(
                    suffix,
                    "i8" | "i16"
                        | "i32"
                        | "i64"
                        | "i128"
                        | "u8"
                        | "u16"
                        | "u32"
                        | "u64"
                        | "u128"
                        | "isize"
                        | "usize"
                );
        if text.is_empty() || !suffix_ok {
            return Err(self.err(
                start,
                format!("`{}` is not a number", &self.src[start..self.i]),
            ));
        }
        if suffix.starts_with('f') {
            integer = false;
        }
        let value: f64 = text.parse().map_err(|_| {
            self.err(
                start,
                format!("`{}` is not a number", &self.src[start..self.i]),
            )
        })?;
        Ok(Number {
            value: sign * value,
            integer,
        })
    }
}

fn strip_int_suffix(digits: &str) -> &str {
    for s in [
        "i128", "u128", "isize", "usize", "i64", "u64", "i32", "u32", "i16", "u16", "i8", "u8",
    ] {
        if let Some(d) = digits.strip_suffix(s) {
            return d;
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(src: &str) -> Kind {
        parse(src).map_or_else(|e| panic!("{src}: {}", e.message), |n| n.kind)
    }

    #[test]
    fn numbers_in_every_form_ron_allows() {
        let n = |s: &str| match kind(s) {
            Kind::Number(n) => (n.value, n.integer),
            k => panic!("{k:?}"),
        };
        assert_eq!(n("100_000_000"), (1e8, true));
        assert_eq!(n("1e8"), (1e8, false));
        assert_eq!(n("1.5e6"), (1.5e6, false));
        assert_eq!(n("-3"), (-3.0, true));
        assert_eq!(n("+0.25"), (0.25, false));
        assert_eq!(n("0x10"), (16.0, true));
        assert_eq!(n("2014u32"), (2014.0, true));
        assert_eq!(n("1.5f64"), (1.5, false));
        assert!(n("NaN").0.is_nan());
        assert_eq!(n("-inf").0, f64::NEG_INFINITY);
    }

    #[test]
    fn structs_tuples_and_units_are_told_apart() {
        assert!(
            matches!(kind("Tri(1, 2, 3)"), Kind::Tuple { name: Some(n), items } if n == "Tri" && items.len() == 3)
        );
        assert!(matches!(kind("Once(2014)"), Kind::Tuple { .. }));
        assert!(
            matches!(kind("Spread(from: 2014, years: 7)"), Kind::Struct { name: Some(n), fields } if n == "Spread" && fields.len() == 2)
        );
        assert!(matches!(kind("(a: 1,)"), Kind::Struct { name: None, .. }));
        assert!(matches!(kind("GreenBook"), Kind::Ident(n) if n == "GreenBook"));
        assert_eq!(kind("()"), Kind::Unit);
    }

    #[test]
    fn comments_attributes_bom_and_crlf_are_skipped() {
        let src = "\u{feff}#![enable(implicit_some)]\r\n// hello\r\n/* a /* nested */ comment */ [1, 2,]\r\n";
        assert!(matches!(kind(src), Kind::List(v) if v.len() == 2));
    }

    #[test]
    fn strings_unescape() {
        assert_eq!(
            kind(r#""a\"b\\c\n£\u{a3}""#),
            Kind::Str("a\"b\\c\n££".into())
        );
        assert_eq!(
            kind("r#\"raw \"quoted\"\"#"),
            Kind::Str("raw \"quoted\"".into())
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let src = "[".repeat(100_000);
        let err = parse(&src).expect_err("must fail");
        assert!(
            err.message.contains("nested more than 128"),
            "{}",
            err.message
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let src = "Scenario(\n  title: \"x\"\n  author: \"y\",\n)";
        let err = parse(src).expect_err("missing comma");
        assert_eq!(pos_of(src, err.at), Pos { line: 3, col: 3 });
        assert!(err.message.contains("comma missing"), "{}", err.message);
        let err = parse("Scenario(title: \"x\",").expect_err("truncated");
        assert!(err.message.contains("never closed"), "{}", err.message);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = "\"££\" x";
        assert_eq!(
            pos_of(src, src.find('x').unwrap_or(0)),
            Pos { line: 1, col: 6 }
        );
    }
}
