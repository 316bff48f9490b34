//! Syntax errors reported like CPython: a light tokenizer pass finds the
//! errors CPython's tokenizer reports (unterminated strings, unbalanced
//! brackets, inconsistent dedents, unexpected indents), then
//! `ruff_python_parser` parses and its errors are mapped to CPython's
//! messages. Errors become SyntaxError/IndentationError instances that
//! print the `File/line/caret` block.

use crate::compiler::{CompileError, LineIndex};
use crate::numlit::check_number_literals;
use crate::runtime::{self as rt, vm};
use crate::value::{ObjRef, Value};
use ruff_python_ast::ModModule;
use ruff_python_parser::ParseErrorType;
use ruff_text_size::TextRange;

/// A located syntax problem (1-based line, 1-based columns in characters).
#[derive(Debug, Clone)]
pub struct SyntaxIssue {
    pub msg: String,
    pub line: usize,
    pub offset: usize,
    pub end_offset: usize,
    pub indentation: bool,
    pub show_caret: bool,
}

pub fn parse(source: &str) -> Result<ModModule, SyntaxIssue> {
    let pre = prescan(source);
    if let Some(e) = pre.tokenizer {
        return Err(e);
    }
    if let Some(e) = check_number_literals(source) {
        return Err(e);
    }
    match ruff_python_parser::parse_module(source) {
        Ok(p) => {
            if let Some(e) = pre.indentation.or(pre.unclosed) {
                return Err(e);
            }
            Ok(p.into_syntax())
        }
        Err(err) => {
            let issue = map_parse_error(source, &err.error, err.location);
            if let Some(e) = pre.unclosed {
                // Like CPython: an unclosed bracket explains a parse error
                // at the end of input or on a later line than the bracket.
                let at = err.location.start().to_usize().min(source.len());
                let at_end = at >= source.trim_end().len();
                // ruff may stop at the end of the bracket's line where
                // CPython's tokenizer goes on to the next line.
                let line_rest = source[at..].split('\n').next().unwrap_or("");
                let at_line_end = line_rest.trim().is_empty() || line_rest.trim_start().starts_with('#');
                if at_end || issue.line > e.line || at_line_end {
                    return Err(e);
                }
            }
            if let Some(e) = pre.indentation {
                if e.line <= issue.line {
                    return Err(e);
                }
            }
            Err(issue)
        }
    }
}

struct Prescan {
    tokenizer: Option<SyntaxIssue>,
    indentation: Option<SyntaxIssue>,
    /// The innermost bracket still open at the end of input.
    unclosed: Option<SyntaxIssue>,
}

pub(crate) fn issue(msg: impl Into<String>, line: usize, offset: usize, end_offset: usize) -> SyntaxIssue {
    SyntaxIssue { msg: msg.into(), line, offset, end_offset, indentation: false, show_caret: true }
}

fn block_kind(line: &str) -> String {
    let w = line.trim_start().split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
    match w {
        "def" => "function definition".into(),
        "class" => "class definition".into(),
        "async" => "function definition".into(),
        other => format!("'{other}' statement"),
    }
}

fn prescan(src: &str) -> Prescan {
    let lines: Vec<&str> = src.split('\n').collect();
    let nlines = if src.ends_with('\n') { lines.len() - 1 } else { lines.len() };
    let mut out = Prescan { tokenizer: None, indentation: None, unclosed: None };
    let mut brackets: Vec<(char, usize, usize)> = vec![];
    let mut indents: Vec<usize> = vec![0];
    let mut pending_block: Option<(usize, String)> = None;
    let mut continuation = false;
    // A single-quoted string continued with backslash-newline: (quote, line, column).
    let mut carry: Option<(char, usize, usize)> = None;
    // Where scanning resumes on a line that ends a multi-line string.
    let mut resume_col: Option<usize> = None;
    let mut i = 0;
    'lines: while i < lines.len() {
        let line = lines[i];
        let lineno = i + 1;
        let chars: Vec<char> = line.chars().collect();
        let stripped = line.trim_start_matches([' ', '\t', '\x0c']);
        let resume = resume_col.take();
        let at_logical_start = brackets.is_empty() && !continuation && carry.is_none() && resume.is_none();
        if at_logical_start && !stripped.is_empty() && !stripped.starts_with('#') && !stripped.trim().is_empty() {
            let indent = line.len() - stripped.len();
            let top = *indents.last().unwrap_or(&0);
            // CPython's tokenizer keeps at most 100 indentation levels.
            if indent > top && indents.len() >= 100 {
                let mut e = issue("too many levels of indentation", lineno, indent + 1, indent + 2);
                e.indentation = true;
                e.show_caret = false;
                out.tokenizer = Some(e);
                return out;
            }
            if let Some((bl, kind)) = pending_block.take() {
                if indent <= top && out.indentation.is_none() {
                    let mut e = issue(format!("expected an indented block after {kind} on line {bl}"), lineno, indent + 1, indent + 2);
                    e.indentation = true;
                    out.indentation = Some(e);
                }
                if indent > top {
                    indents.push(indent);
                }
            } else if indent > top {
                if out.indentation.is_none() {
                    let mut e = issue("unexpected indent", lineno, indent + 1, indent + 2);
                    e.indentation = true;
                    e.show_caret = false;
                    out.indentation = Some(e);
                }
                indents.push(indent);
            } else if indent < top {
                while indent < *indents.last().unwrap_or(&0) {
                    indents.pop();
                }
                if indent != *indents.last().unwrap_or(&0) {
                    let n = chars.len();
                    let mut e = issue("unindent does not match any outer indentation level", lineno, n + 1, n + 2);
                    e.indentation = true;
                    out.tokenizer = Some(e);
                    return out;
                }
            }
        }
        // Tokens of this line.
        let mut j = resume.unwrap_or(0);
        let mut last_sig: Option<char> = None;
        continuation = false;
        if let Some((q, sl, sc)) = carry.take() {
            let mut k = 0;
            let mut closed = false;
            let mut cont = false;
            while k < chars.len() {
                if chars[k] == '\\' {
                    if k + 1 == chars.len() {
                        cont = true;
                        break;
                    }
                    k += 2;
                    continue;
                }
                if chars[k] == q {
                    closed = true;
                    break;
                }
                k += 1;
            }
            if closed {
                j = k + 1;
                last_sig = Some(q);
            } else if cont {
                carry = Some((q, sl, sc));
                i += 1;
                continue;
            } else {
                out.tokenizer = Some(issue(format!("unterminated string literal (detected at line {sl})"), sl, sc + 1, sc + 2));
                return out;
            }
        }
        while j < chars.len() {
            let c = chars[j];
            if c == '#' {
                break;
            }
            if c == '\\' && j + 1 == chars.len() {
                continuation = true;
                break;
            }
            if c == '"' || c == '\'' {
                // String prefix letters were already consumed as name chars.
                let triple = j + 2 < chars.len() && chars[j + 1] == c && chars[j + 2] == c;
                let raw = j > 0 && matches!(chars[j - 1], 'r' | 'R') || j > 1 && matches!(chars[j - 2], 'r' | 'R') && chars[j - 1].is_alphabetic();
                if triple {
                    // Find the closing triple quote, possibly on later lines.
                    let (start_line, start_col) = (lineno, j);
                    let mut li = i;
                    let mut k = j + 3;
                    let mut found = false;
                    'outer: while li < lines.len() {
                        let lc: Vec<char> = lines[li].chars().collect();
                        while k < lc.len() {
                            if lc[k] == '\\' && !raw {
                                k += 2;
                                continue;
                            }
                            if lc[k] == c && k + 2 < lc.len() && lc.get(k + 1) == Some(&c) && lc.get(k + 2) == Some(&c) {
                                found = true;
                                break 'outer;
                            }
                            k += 1;
                        }
                        li += 1;
                        k = 0;
                    }
                    if !found {
                        out.tokenizer = Some(issue(format!("unterminated triple-quoted string literal (detected at line {nlines})"), start_line, start_col + 1, start_col + 2));
                        return out;
                    }
                    if li != i {
                        // Go on scanning the line that ends the string,
                        // after the closing quotes.
                        i = li;
                        resume_col = Some(k + 3);
                        continue 'lines;
                    }
                    j = k + 3;
                    last_sig = Some(c);
                    continue;
                }
                let mut k = j + 1;
                let mut closed = false;
                let mut continued = false;
                while k < chars.len() {
                    if chars[k] == '\\' {
                        if k + 1 == chars.len() {
                            continued = true;
                            break;
                        }
                        k += 2;
                        continue;
                    }
                    if chars[k] == c {
                        closed = true;
                        break;
                    }
                    k += 1;
                }
                if continued {
                    // A backslash-newline inside the string: it goes on on
                    // the next line.
                    carry = Some((c, lineno, j));
                    break;
                }
                if !closed {
                    out.tokenizer = Some(issue(format!("unterminated string literal (detected at line {lineno})"), lineno, j + 1, j + 2));
                    return out;
                }
                j = k + 1;
                last_sig = Some(c);
                continue;
            }
            if let Some(e) = bracket(c, &mut brackets, lineno, j) {
                out.tokenizer = Some(e);
                return out;
            }
            if !c.is_whitespace() {
                last_sig = Some(c);
            }
            j += 1;
        }
        if brackets.is_empty() && !continuation && last_sig == Some(':') {
            pending_block = Some((lineno, block_kind(line)));
        }
        i += 1;
    }
    if let Some(&(b, l, c)) = brackets.last() {
        out.unclosed = Some(issue(format!("'{b}' was never closed"), l, c + 1, c + 2));
    }
    out
}

fn bracket(c: char, stack: &mut Vec<(char, usize, usize)>, line: usize, col: usize) -> Option<SyntaxIssue> {
    match c {
        '(' | '[' | '{' => {
            stack.push((c, line, col));
            // CPython's tokenizer nests at most 200 levels.
            if stack.len() >= 200 {
                return Some(issue("too many nested parentheses", line, col + 1, col + 2));
            }
            None
        }
        ')' | ']' | '}' => {
            let open = match c {
                ')' => '(',
                ']' => '[',
                _ => '{',
            };
            match stack.pop() {
                None => Some(issue(format!("unmatched '{c}'"), line, col + 1, col + 2)),
                Some((o, ol, _)) if o != open => {
                    if ol == line {
                        Some(issue(format!("closing parenthesis '{c}' does not match opening parenthesis '{o}'"), line, col + 1, col + 2))
                    } else {
                        Some(issue(format!("closing parenthesis '{c}' does not match opening parenthesis '{o}' on line {ol}"), line, col + 1, col + 2))
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn char_col(line: &str, byte_col: usize) -> usize {
    line.get(..byte_col.min(line.len())).map(|s| s.chars().count()).unwrap_or(byte_col)
}

fn map_parse_error(src: &str, e: &ParseErrorType, at: TextRange) -> SyntaxIssue {
    let idx = LineIndex::new(src);
    let (line, bcol) = idx.locate(at.start().to_u32());
    let (eline, ebcol) = idx.locate(at.end().to_u32());
    let text = src.lines().nth(line as usize - 1).unwrap_or("");
    let col = char_col(text, bcol as usize);
    let ecol = if eline == line { char_col(text, ebcol as usize) } else { col + 1 };
    let stripped = text.trim_start();
    // Python 2 print statements.
    for legacy in ["print", "exec"] {
        if stripped.starts_with(&format!("{legacy} ")) && !stripped.starts_with(&format!("{legacy} (")) {
            let indent = text.len() - stripped.len();
            let end = text.trim_end().chars().count();
            return issue(format!("Missing parentheses in call to '{legacy}'. Did you mean {legacy}(...)?"), line as usize, indent + 1, end + 1);
        }
    }
    let fstring_end = || {
        // CPython 3.11 reports f-string errors just past the string.
        let b = at.start().to_usize().min(src.len());
        let open = src[..b].rfind(['\'', '"']).unwrap_or(b);
        let q = src[open..].chars().next().unwrap_or('\'');
        let close = src[b..].find(q).map(|i| b + i).unwrap_or(b);
        let (l, c) = idx.locate(close as u32);
        let t = src.lines().nth(l as usize - 1).unwrap_or("");
        let c = char_col(t, c as usize);
        (l as usize, c + 2)
    };
    if text.contains("f'") || text.contains("f\"") {
        let fmsg = match e {
            ParseErrorType::FStringError(_) if format!("{e:?}").contains("InvalidConversionFlag") => Some("f-string: invalid conversion character: expected 's', 'r', or 'a'"),
            ParseErrorType::ExpectedExpression if src[at.start().to_usize()..].starts_with('}') => Some("f-string: empty expression not allowed"),
            ParseErrorType::ExpectedExpression if src[at.start().to_usize()..].starts_with(['\'', '"']) => Some("f-string: expecting '}'"),
            _ => None,
        };
        if let Some(m) = fmsg {
            let (l, c) = fstring_end();
            return issue(m, l, c, c + 1);
        }
    }
    let one_caret = |m: &str| issue(m, line as usize, col + 1, col + 2);
    match e {
        ParseErrorType::InvalidArgumentUnpackingOrder => return one_caret("iterable argument unpacking follows keyword argument unpacking"),
        ParseErrorType::UnparenthesizedGeneratorExpression => return issue("Generator expression must be parenthesized", line as usize, col + 1, ecol.max(col + 1) + 1),
        ParseErrorType::ExpectedKeywordParam => return one_caret("named arguments must follow bare *"),
        ParseErrorType::ParamAfterVarKeywordParam => return one_caret("arguments cannot follow var-keyword argument"),
        ParseErrorType::OtherError(m) if m.starts_with("Only one '/'") => return one_caret("/ may appear only once"),
        ParseErrorType::OtherError(m) if m.starts_with("Expected `except` or `finally`") => {
            if at.start().to_usize() >= src.trim_end().len() {
                // At the end of input CPython shows the last line, no caret.
                let last = src.trim_end().lines().count();
                let mut i = issue("expected 'except' or 'finally' block", last, 1, 2);
                i.show_caret = false;
                return i;
            }
            return one_caret("expected 'except' or 'finally' block");
        }
        ParseErrorType::ExpectedToken { expected, .. } if format!("{expected:?}") == "Else" => return one_caret("expected 'else' after 'if' expression"),
        ParseErrorType::Lexical(l) if format!("{l:?}").contains("LineContinuationError") => return issue("unexpected character after line continuation character", line as usize, col + 2, col + 3),
        _ => {}
    }
    let msg = match e {
        ParseErrorType::ExpectedToken { expected, .. } => {
            if format!("{expected:?}") == "Colon" {
                // CPython points just past the last token before the colon.
                let before = src[..at.start().to_usize()].trim_end();
                let (l2, c2) = idx.locate(before.len() as u32);
                let t2 = src.lines().nth(l2 as usize - 1).unwrap_or("");
                let c = char_col(t2, c2 as usize);
                return issue("expected ':'", l2 as usize, c + 1, c + 2);
            }
            "invalid syntax".to_string()
        }
        ParseErrorType::InvalidAssignmentTarget | ParseErrorType::InvalidAugmentedAssignmentTarget | ParseErrorType::InvalidDeleteTarget | ParseErrorType::InvalidNamedAssignmentTarget => {
            let target = &src[at.start().to_usize()..at.end().to_usize()];
            if target.trim() == "yield" || target.trim_start().starts_with("yield ") {
                return issue("assignment to yield expression not possible", line as usize, col + 1, ecol.max(col + 1) + 1);
            }
            if ["True", "False", "None", "__debug__"].contains(&target.trim()) && !matches!(e, ParseErrorType::InvalidAugmentedAssignmentTarget) {
                return issue(format!("cannot assign to {}", target.trim()), line as usize, col + 1, ecol.max(col + 1) + 1);
            }
            let what = describe_literal(target);
            let rest = src[at.end().to_usize()..].trim_start();
            if matches!(e, ParseErrorType::InvalidAssignmentTarget) && rest.starts_with('=') && !rest.starts_with("==") {
                format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?")
            } else if matches!(e, ParseErrorType::InvalidAugmentedAssignmentTarget) {
                format!("'{what}' is an illegal expression for augmented assignment")
            } else if matches!(e, ParseErrorType::InvalidDeleteTarget) {
                format!("cannot delete {what}")
            } else {
                format!("cannot assign to {what}")
            }
        }
        ParseErrorType::UnexpectedIndentation => {
            let mut i = issue("unexpected indent", line as usize, col + 1, col + 2);
            i.indentation = true;
            i.show_caret = false;
            return i;
        }
        ParseErrorType::PositionalAfterKeywordArgument => "positional argument follows keyword argument".into(),
        ParseErrorType::PositionalAfterKeywordUnpacking => "positional argument follows keyword argument unpacking".into(),
        ParseErrorType::NonDefaultParamAfterDefaultParam => "non-default argument follows default argument".into(),
        ParseErrorType::OtherError(m) if m.contains("Expected an identifier") || m.contains("keyword") => "invalid syntax".into(),
        _ => "invalid syntax".into(),
    };
    if msg == "invalid syntax" {
        // CPython marks the offending token.
        let rest: Vec<char> = text.chars().skip(col).collect();
        let len = match rest.first() {
            Some(c) if c.is_alphanumeric() || *c == '_' => rest.iter().take_while(|c| c.is_alphanumeric() || **c == '_').count(),
            Some(_) => {
                let two: String = rest.iter().take(2).collect();
                if ["**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", ":=", "<<", ">>"].contains(&two.as_str()) {
                    2
                } else {
                    1
                }
            }
            None => 1,
        };
        return issue(msg, line as usize, col + 1, col + 1 + len);
    }
    issue(msg, line as usize, col + 1, ecol.max(col + 1) + 1)
}

fn describe_literal(t: &str) -> &'static str {
    let t = t.trim();
    if t.starts_with(['"', '\'']) || t.chars().next().map(|c| c.is_ascii_digit()).unwrap_or(false) || t == "None" || t == "True" || t == "False" {
        if t == "None" || t == "True" || t == "False" {
            return "literal";
        }
        "literal"
    } else if t.contains(" for ") && t.starts_with('[') {
        "list comprehension"
    } else if t.contains(" for ") && t.starts_with('{') {
        if t.contains(':') { "dict comprehension" } else { "set comprehension" }
    } else if t.contains(" for ") && t.starts_with('(') {
        "generator expression"
    } else if t.ends_with(')') {
        "function call"
    } else {
        "expression"
    }
}

/// A SyntaxError (or IndentationError) instance for an issue.
pub fn syntax_error_object(src: &str, filename: &str, i: &SyntaxIssue) -> ObjRef {
    let t = if i.indentation { vm().t.indentation_error } else { vm().t.syntax_error };
    let text = src.split('\n').nth(i.line.saturating_sub(1)).unwrap_or("");
    let details = rt::new_tuple(vec![rt::new_str(filename), Value::int(i.line as i64), Value::int(i.offset as i64), rt::new_str(text), Value::int(i.line as i64), Value::int(i.end_offset as i64)]);
    let e = rt::new_exception_args(t, vec![rt::new_str(&i.msg), details]);
    let set = |n: &str, v: Value| {
        rt::attr::instance_set(e, rt::intern(n), v);
    };
    set("msg", rt::new_str(&i.msg));
    set("filename", rt::new_str(filename));
    set("lineno", Value::int(i.line as i64));
    set("offset", if i.show_caret { Value::int(i.offset as i64) } else { Value::NONE });
    set("end_offset", if i.show_caret { Value::int(i.end_offset as i64) } else { Value::NONE });
    set("text", rt::new_str(text));
    e
}

/// A compile-time error (from the compiler's own checks) as an exception.
pub fn compile_error(src: &str, filename: &str, e: &CompileError) -> ObjRef {
    let idx = LineIndex::new(src);
    let (line, bcol) = idx.locate(e.range.start().to_u32());
    let (eline, ebcol) = idx.locate(e.range.end().to_u32());
    let text = src.lines().nth(line as usize - 1).unwrap_or("");
    let col = char_col(text, bcol as usize);
    let ecol = if eline == line { char_col(text, ebcol as usize) } else { text.trim_end().chars().count() };
    let mut i = issue(e.msg.clone(), line as usize, col + 1, ecol.max(col + 1) + 1);
    i.indentation = e.indentation;
    syntax_error_object(src, filename, &i)
}

/// The `File/line/caret` block printed for a SyntaxError.
pub fn format_syntax_error(e: ObjRef) -> Option<String> {
    let get = |n: &str| rt::attr::instance_get(e, rt::intern(n));
    let filename = get("filename").filter(|f| rt::as_str(*f).is_some())?;
    let lineno = get("lineno").and_then(|l| l.as_int())?;
    let mut out = format!("  File \"{}\", line {}\n", rt::str_of(filename), lineno);
    if let Some(text) = get("text").filter(|t| rt::as_str(*t).is_some()) {
        let rtext = rt::str_of(text).trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = rtext.chars().count() - ltext.chars().count();
        out.push_str(&format!("    {ltext}\n"));
        if let Some(offset) = get("offset").and_then(|o| o.as_int()) {
            let mut end = get("end_offset").and_then(|o| o.as_int()).filter(|&x| x != 0).unwrap_or(offset);
            if end == offset || end == -1 {
                end = offset + 1;
            }
            let colno = offset - 1 - spaces as i64;
            let end_colno = end - 1 - spaces as i64;
            if colno >= 0 {
                let caretspace: String = ltext.chars().take(colno as usize).map(|c| if c.is_whitespace() { c } else { ' ' }).collect();
                out.push_str(&format!("    {}{}\n", caretspace, "^".repeat((end_colno - colno).max(1) as usize)));
            }
        }
    }
    Some(out)
}
