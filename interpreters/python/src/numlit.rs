//! Numeric-literal checks of CPython's tokenizer.
//!
//! ruff's lexer splits `1__0` into a number and a name and reports a generic
//! parse error; CPython rejects the literal itself ("invalid decimal
//! literal", "invalid digit '8' in octal literal", "leading zeros ..."),
//! pointing at a precise column. This module re-runs CPython's number
//! scanner over the source (skipping strings and comments) so the messages
//! and carets match.

use crate::syntax::SyntaxIssue;

/// The first malformed numeric literal in `src`, as CPython reports it.
pub fn check_number_literals(src: &str) -> Option<SyntaxIssue> {
    let mut s = Scanner { c: src.chars().collect(), i: 0, line: 1, line_start: 0 };
    while s.i < s.c.len() {
        let ch = s.c[s.i];
        match ch {
            '\n' => {
                s.i += 1;
                s.line += 1;
                s.line_start = s.i;
            }
            '#' => {
                while s.i < s.c.len() && s.c[s.i] != '\n' {
                    s.i += 1;
                }
            }
            '\'' | '"' => s.skip_string(ch),
            c if is_ident_char(c) && !c.is_ascii_digit() => {
                while s.i < s.c.len() && is_ident_char(s.c[s.i]) {
                    s.i += 1;
                }
            }
            c if c.is_ascii_digit() => {
                let start = s.i;
                if let Err(e) = s.number(start) {
                    return Some(e);
                }
            }
            '.' if s.peek(1).map(|c| c.is_ascii_digit()).unwrap_or(false) => {
                let start = s.i;
                s.i += 1;
                let c = s.next();
                if let Err(e) = s.fraction(c, start) {
                    return Some(e);
                }
            }
            _ => s.i += 1,
        }
    }
    None
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c as u32 >= 128
}

/// A cursor over the source that mirrors CPython's `tok_nextc`/`tok_backup`.
struct Scanner {
    c: Vec<char>,
    i: usize,
    line: usize,
    line_start: usize,
}

/// A character code; `'\0'` stands for end of input.
type Ch = char;

impl Scanner {
    fn peek(&self, k: usize) -> Option<char> {
        self.c.get(self.i + k).copied()
    }
    fn next(&mut self) -> Ch {
        let c = self.c.get(self.i).copied().unwrap_or('\0');
        self.i += 1;
        c
    }
    fn backup(&mut self) {
        self.i -= 1;
    }
    /// CPython's `syntaxerror`: the caret sits just before the cursor.
    fn error(&self, msg: String) -> SyntaxIssue {
        let col = self.i.min(self.c.len()) - self.line_start;
        let mut e = crate::syntax::issue(msg, self.line, col, col + 1);
        e.end_offset = col + 1;
        e
    }
    fn skip_string(&mut self, q: char) {
        let triple = self.peek(1) == Some(q) && self.peek(2) == Some(q);
        self.i += if triple { 3 } else { 1 };
        while self.i < self.c.len() {
            let c = self.c[self.i];
            if c == '\\' {
                self.i += 2;
                if self.c.get(self.i - 1) == Some(&'\n') {
                    self.line += 1;
                    self.line_start = self.i;
                }
                continue;
            }
            if c == '\n' {
                if !triple {
                    return;
                }
                self.line += 1;
                self.line_start = self.i + 1;
            }
            if c == q && (!triple || self.peek(1) == Some(q) && self.peek(2) == Some(q)) {
                self.i += if triple { 3 } else { 1 };
                return;
            }
            self.i += 1;
        }
    }

    /// Scans a literal starting with a digit (cursor on it).
    fn number(&mut self, start: usize) -> Result<(), SyntaxIssue> {
        let first = self.next();
        if first == '0' {
            let c = self.next();
            match c {
                'x' | 'X' => return self.radix(16, "hexadecimal"),
                'o' | 'O' => return self.radix(8, "octal"),
                'b' | 'B' => return self.radix(2, "binary"),
                _ => {}
            }
            let mut c = c;
            loop {
                if c == '_' {
                    c = self.next();
                    if !c.is_ascii_digit() {
                        self.backup();
                        return Err(self.error("invalid decimal literal".into()));
                    }
                }
                if c != '0' {
                    break;
                }
                c = self.next();
            }
            let zeros_end = self.i;
            let mut nonzero = false;
            if c.is_ascii_digit() {
                nonzero = true;
                c = self.decimal_tail()?;
            }
            if c == '.' {
                let c = self.next();
                return self.fraction(c, start);
            } else if c == 'e' || c == 'E' {
                return self.exponent(c);
            } else if c == 'j' || c == 'J' {
                return self.imaginary();
            } else if nonzero {
                self.backup();
                let off = start + 1 - self.line_start;
                let mut e = crate::syntax::issue("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", self.line, off, zeros_end - self.line_start);
                e.end_offset = e.end_offset.max(off + 1);
                return Err(e);
            }
            return self.end_of_number(c, "decimal");
        }
        self.backup();
        let c = self.decimal_tail()?;
        if c == '.' {
            let c = self.next();
            return self.fraction(c, start);
        }
        self.after_fraction(c)
    }
    fn fraction(&mut self, c: Ch, _start: usize) -> Result<(), SyntaxIssue> {
        let mut c = c;
        if c.is_ascii_digit() {
            self.backup();
            c = self.decimal_tail()?;
        }
        self.after_fraction(c)
    }
    fn after_fraction(&mut self, c: Ch) -> Result<(), SyntaxIssue> {
        if c == 'e' || c == 'E' {
            return self.exponent(c);
        }
        if c == 'j' || c == 'J' {
            return self.imaginary();
        }
        self.end_of_number(c, "decimal")
    }
    fn exponent(&mut self, e: Ch) -> Result<(), SyntaxIssue> {
        let mut c = self.next();
        if c == '+' || c == '-' {
            c = self.next();
            if !c.is_ascii_digit() {
                self.backup();
                return Err(self.error("invalid decimal literal".into()));
            }
        } else if !c.is_ascii_digit() {
            self.backup();
            return self.end_of_number(e, "decimal");
        }
        self.backup();
        let c = self.decimal_tail()?;
        if c == 'j' || c == 'J' {
            return self.imaginary();
        }
        self.end_of_number(c, "decimal")
    }
    fn imaginary(&mut self) -> Result<(), SyntaxIssue> {
        let c = self.next();
        self.end_of_number(c, "imaginary")
    }
    /// Digits with single underscores between them; returns the character
    /// after them (already consumed).
    fn decimal_tail(&mut self) -> Result<Ch, SyntaxIssue> {
        loop {
            let mut c = self.next();
            while c.is_ascii_digit() {
                c = self.next();
            }
            if c != '_' {
                return Ok(c);
            }
            c = self.next();
            if !c.is_ascii_digit() {
                self.backup();
                return Err(self.error("invalid decimal literal".into()));
            }
        }
    }
    fn radix(&mut self, base: u32, kind: &str) -> Result<(), SyntaxIssue> {
        let mut c = self.next();
        loop {
            if c == '_' {
                c = self.next();
            }
            if !c.is_digit(base) {
                if base < 10 && c.is_ascii_digit() {
                    return Err(self.error(format!("invalid digit '{c}' in {kind} literal")));
                }
                self.backup();
                return Err(self.error(format!("invalid {kind} literal")));
            }
            while c.is_digit(base) {
                c = self.next();
            }
            if c != '_' {
                break;
            }
        }
        if base < 10 && c.is_ascii_digit() {
            return Err(self.error(format!("invalid digit '{c}' in {kind} literal")));
        }
        self.end_of_number(c, kind)
    }
    /// CPython's `verify_end_of_number`: a literal may not run into a name,
    /// except the keywords that can follow a number in valid code.
    fn end_of_number(&mut self, c: Ch, kind: &str) -> Result<(), SyntaxIssue> {
        let ahead = |s: &Self, word: &str| -> bool {
            let w: Vec<char> = word.chars().collect();
            let at = s.i;
            w.iter().enumerate().all(|(k, ch)| s.c.get(at + k) == Some(ch)) && !s.c.get(at + w.len()).map(|&x| is_ident_char(x)).unwrap_or(false)
        };
        let keyword = match c {
            'a' => ahead(self, "nd"),
            'e' => ahead(self, "lse"),
            'f' => ahead(self, "or"),
            'i' => matches!(self.c.get(self.i), Some('f' | 'n' | 's')),
            'o' => ahead(self, "r"),
            'n' => ahead(self, "ot"),
            _ => false,
        };
        if !keyword && c != '\0' && is_ident_char(c) {
            self.backup();
            return Err(self.error(format!("invalid {kind} literal")));
        }
        if c != '\0' {
            self.backup();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check_number_literals as check;

    fn msg(src: &str) -> Option<(String, usize)> {
        check(src).map(|e| (e.msg, e.offset))
    }

    #[test]
    fn valid_literals_pass() {
        for s in ["1", "0", "00", "0_0", "1_000", "1.5", ".5", "1e5", "1E-5", "5j", "1.5j", "0x1f", "0o17", "0b101", "1if x else 2", "x = 1 # 0777", "'0777'", "a1__0"] {
            assert_eq!(msg(s), None, "{s}");
        }
    }

    #[test]
    fn malformed_literals_match_cpython() {
        assert_eq!(msg("1__0"), Some(("invalid decimal literal".into(), 2)));
        assert_eq!(msg("1e"), Some(("invalid decimal literal".into(), 1)));
        assert_eq!(msg("0x"), Some(("invalid hexadecimal literal".into(), 2)));
        assert_eq!(msg("0o8"), Some(("invalid digit '8' in octal literal".into(), 3)));
        assert_eq!(msg("0b102"), Some(("invalid digit '2' in binary literal".into(), 5)));
        assert_eq!(msg("5j_"), Some(("invalid imaginary literal".into(), 2)));
        assert_eq!(msg("0777").map(|m| m.1), Some(1));
    }
}
